import { validate as isUuid } from 'uuid';
import type { AssuranceRepository, DecisionRow, ReviewRecord } from '../../db/assurance.repository.ts';
import type { Database } from '../../db/client.ts';
import { inTransaction } from '../../db/transaction.ts';
import { missingReasons, reasonsToKeep, unjudgedQuestions } from '../../domain/assurance/decision-rules.ts';
import type { DecisionProblem, QuestionRef } from '../../domain/assurance/decision-rules.ts';
import { AppError } from '../../errors.ts';
import type { AuditLog } from '../assessment/ports.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { Notices } from '../mail/notices.ts';
import type { NotificationService } from '../people/notification.service.ts';
import { DUE_DATE } from '../products/training-notices.ts';
import { parseInput } from '../products/product-input.ts';
import type { AssuranceAccess } from './assurance-access.ts';
import { decisionInputSchema } from './assurance-input.ts';
import type { DecisionInput } from './assurance-input.ts';
import type { ReviewPeople } from './review-people.ts';
import type { ReviewQuestions } from './review-questions.ts';
import { reviewLink } from './review-questions.ts';

export interface DecisionServiceDeps {
  db: Database;
  assuranceRepository: AssuranceRepository;
  access: AssuranceAccess;
  people: ReviewPeople;
  questions: ReviewQuestions;
  audit: AuditLog;
  notifications: Pick<NotificationService, 'notify' | 'notifyAll'>;
  notices: Pick<Notices, 'tellPerson'>;
  now?: () => Date;
}

const OUTCOME_WORDS = { approved: 'approved', 'approved-with-conditions': 'approved with conditions', rejected: 'rejected' } as const;

/** Deciding a review, and following its conditions through to done (issue 12, part 4). */
export function createDecisionService(deps: DecisionServiceDeps) {
  const repo = deps.assuranceRepository;
  const now = deps.now ?? (() => new Date());

  /** Every reason the decision cannot be recorded as given, at once: each unjudged question, the conditions, their owners. */
  async function problemsWith(review: ReviewRecord, values: DecisionInput, unjudged: readonly QuestionRef[]): Promise<DecisionProblem[]> {
    const problems = missingReasons(unjudged, values.unansweredReasons);
    const withConditions = values.outcome === 'approved-with-conditions';
    if (withConditions && values.conditions.length === 0) problems.push({ field: 'conditions', message: 'Add at least one condition to approve with conditions' });
    if (!withConditions && values.conditions.length > 0) problems.push({ field: 'conditions', message: 'Conditions are only for an approval with conditions' });
    for (const [i, condition] of values.conditions.entries()) {
      await deps.people.requireStaff(review.organisationId, condition.ownerId, `conditions.${i}.ownerId`, `Condition ${i + 1}: choose an owner who works in the organisation running the review`).catch((error: unknown) => {
        if (!(error instanceof AppError)) throw error;
        problems.push(...error.details);
      });
    }
    return problems;
  }

  async function tellDecided(review: ReviewRecord, viewer: Viewer, outcome: DecisionRow['outcome'], tx: Database): Promise<void> {
    const reviewers = (await repo.listReviewers(review.id, tx)).map((r) => r.personId);
    const recipients = [...new Set([review.leadId, ...reviewers])].filter((id) => id !== viewer.personId).map((personId) => ({ organisationId: review.organisationId, personId }));
    await deps.notifications.notifyAll({ tx, recipients, message: `The ${review.stage} review of ${review.productName} has been decided: ${OUTCOME_WORDS[outcome]}.`, link: reviewLink(review.id) });
  }

  async function unjudgedOf(review: ReviewRecord, tx?: Database): Promise<QuestionRef[]> {
    const judged = new Set((await repo.listCurrentAnswers(review.id, tx)).filter((a) => a.judgement !== null).map((a) => a.questionId));
    return unjudgedQuestions(deps.questions.questionsOf(review), judged);
  }

  /** The decision, its conditions as actions, the audit and the notices, in the deciding transaction. */
  async function recordDecision(tx: Database, viewer: Viewer, review: ReviewRecord, values: DecisionInput, unansweredReasons: Record<string, string>): Promise<DecisionRow> {
    const decision = await repo.insertDecision({ organisationId: review.organisationId, reviewId: review.id, decisionMakerId: viewer.personId, outcome: values.outcome, statement: values.statement, unansweredReasons }, tx);
    if (!decision) throw new AppError('conflict', 'This review has already been decided. A decision cannot be changed.');
    const actions = await repo.insertActions(values.conditions.map((c) => ({ organisationId: review.organisationId, reviewId: review.id, condition: c.condition, ownerId: c.ownerId, dueOn: c.dueOn, createdBy: viewer.personId })), tx);
    await deps.audit.record({ organisationId: review.organisationId, actorId: viewer.personId, subjectId: review.id, action: 'assurance.decided', detail: { outcome: decision.outcome, unanswered: Object.keys(unansweredReasons), actions: actions.map((a) => a.id) } }, tx);
    await tellDecided(review, viewer, decision.outcome, tx);
    for (const action of actions) {
      await deps.notices.tellPerson({ tx, organisationId: review.organisationId, personId: action.ownerId, subject: `An action from the ${review.productName} review is yours`, message: `A condition of the ${review.productName} review is yours to do by ${DUE_DATE.format(new Date(`${action.dueOn}T00:00:00Z`))}: ${action.condition}`, link: reviewLink(review.id), linkText: 'Open the review' });
    }
    return decision;
  }

  return {
    /** The lead or an organisation admin records the decision, once; the review becomes a record. */
    async decide({ viewer, reviewId, version, input }: { viewer: Viewer; reviewId: string; version: number; input: unknown }): Promise<DecisionRow> {
      const { review } = await deps.access.managedReview(viewer, reviewId);
      if (review.status === 'decided') throw new AppError('conflict', 'This review has already been decided. A decision cannot be changed.');
      if (review.status !== 'under-review') throw new AppError('conflict', 'Move the review to “under review” before deciding it.');
      const values = parseInput(decisionInputSchema, input, 'The decision has problems.');
      const problems = await problemsWith(review, values, await unjudgedOf(review));
      if (problems.length > 0) throw new AppError('invalid', 'The decision has problems.', problems);
      return inTransaction(deps.db, async (tx) => {
        if (!(await repo.updateReview(review.id, version, { status: 'decided' }, tx))) {
          throw new AppError('conflict', 'Someone else changed this review while you were deciding. Check their changes, then decide again.', [{ field: 'version', message: 'This review has changed since you opened it' }]);
        }
        // The UPDATE waited for answers being saved (they lock the review): judge by the answers as they now stand.
        const unjudged = await unjudgedOf(review, tx);
        const lateProblems = missingReasons(unjudged, values.unansweredReasons);
        if (lateProblems.length > 0) throw new AppError('invalid', 'The decision has problems.', lateProblems);
        return recordDecision(tx, viewer, review, values, reasonsToKeep(unjudged, values.unansweredReasons));
      });
    },

    /** The action's owner, the review's lead or an admin marks it done; kept as history, once. */
    async markActionDone({ viewer, reviewId, actionId, note }: { viewer: Viewer; reviewId: string; actionId: string; note?: string | undefined }): Promise<void> {
      const { review, part } = await deps.access.readableReview(viewer, reviewId);
      const action = isUuid(actionId) ? (await repo.listActions(review.id)).find((a) => a.id === actionId) : undefined;
      if (!action) throw new AppError('not_found', 'There is no such action in this review.');
      if (action.ownerId !== viewer.personId && !part.isLead && !part.isAdmin) throw new AppError('forbidden', 'Only the action’s owner, the review’s lead and organisation admins can mark it done.');
      await inTransaction(deps.db, async (tx) => {
        const done = await repo.insertActionEvent({ organisationId: review.organisationId, actionId: action.id, event: 'done', personId: viewer.personId, note: note?.trim() || null }, tx);
        if (!done) throw new AppError('conflict', 'This action has already been marked done.');
        await deps.audit.record({ organisationId: review.organisationId, actorId: viewer.personId, subjectId: review.id, action: 'assurance.action-done', detail: { actionId: action.id } }, tx);
      });
    },

    /**
     * Tells each owner of an open action past its due date, once (the event's unique index keeps it
     * to once, however many processes run this). No scheduler runs in the hub: the CLI's
     * `assurance notify-overdue` calls this, from cron or similar.
     */
    async notifyOverdueActions({ today = now().toISOString().slice(0, 10) }: { today?: string } = {}): Promise<number> {
      let told = 0;
      for (const action of await repo.listOverdueUntold(today)) {
        await inTransaction(deps.db, async (tx) => {
          if (!(await repo.insertActionEvent({ organisationId: action.organisationId, actionId: action.id, event: 'overdue-notified' }, tx))) return;
          await deps.notices.tellPerson({ tx, organisationId: action.organisationId, personId: action.ownerId, subject: 'An action from an assurance review is overdue', message: `An action from an assurance review is overdue (due ${DUE_DATE.format(new Date(`${action.dueOn}T00:00:00Z`))}): ${action.condition}`, link: reviewLink(action.reviewId), linkText: 'Open the review' });
          await deps.audit.record({ organisationId: action.organisationId, actorId: null, subjectId: action.reviewId, action: 'assurance.action-overdue-notified', detail: { actionId: action.id } }, tx);
          told++;
        });
      }
      return told;
    },
  };
}

export type DecisionService = ReturnType<typeof createDecisionService>;
