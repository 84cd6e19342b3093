import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import { formErrorsFromAppError, formErrorsView } from '../form-errors.ts';
import type { FormError } from '../form-errors.ts';
import { datePartsOf, fieldsOf, isoDateOf, textOf } from '../form-fields.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { ASSURANCE_PATHS } from './assurance.paths.ts';
import { ASSURANCE_REPORT_PATHS } from '../assurance-report/assurance-report.paths.ts';
import { STAGE_SHORT } from './assurance-labels.ts';
import { actionRows, decisionRows, factorGroups, reviewSummaryRows, statusMoveItems } from './review.view-model.ts';
import { STATUS_LABELS } from '../../domain/assurance/review-status.ts';
import { STATUS_TAGS } from './assurance-labels.ts';

export const reviewParams = z.object({ id: z.string().min(1).max(60) });
const personParams = reviewParams.extend({ personId: z.string().min(1).max(60) });
const actionParams = reviewParams.extend({ actionId: z.string().min(1).max(60) });
const DONE_MESSAGES = {
  started: 'The review has been started. Add reviewers, then send the questions to the supplier.',
  answer: 'The answer has been saved. Its earlier versions are kept in its history.',
  reviewer: 'The reviewer has been added and told.',
  removed: 'The reviewer has been removed.',
  due: 'The due date has been changed.',
  status: 'The review’s status has been changed.',
  decided: 'The decision has been recorded. The review is now a record and cannot be changed.',
  'action-done': 'The action has been marked done.',
} as const;
type Done = keyof typeof DONE_MESSAGES;
const doneQuery = z.object({ done: z.enum(Object.keys(DONE_MESSAGES) as [Done]).optional().catch(undefined) });
const ANCHORS = { personId: 'personId', dueOn: 'dueOn-day', version: 'questions', '': 'questions' };
const versionOf = (body: unknown) => Number(textOf(fieldsOf(body).version, 12)) || 0;
const today = () => new Date().toISOString().slice(0, 10);

/** A review's page: its questions and answers by factor, reviewers, due date, status, decision and actions. */
export function registerReviewPage(app: FastifyInstance, { services }: PageDeps): void {
  async function renderReview(reply: FastifyReply, viewer: Viewer, reviewId: string, extras: { done?: Done | undefined; errors?: FormError[]; dueParts?: { day: string; month: string; year: string } } = {}) {
    const details = await services.assurance.getReview({ viewer, reviewId });
    const { review } = details;
    const reviewerIds = new Set(details.reviewers.map((r) => r.personId));
    const numberOf = new Map(details.questions.map((q) => [q.question.id, q.question.number]));
    const mayMarkDone = (ownerId: string) => ownerId === viewer.personId || details.part.isLead || details.part.isAdmin;
    return reply.view('assurance/review.njk', {
      pageTitle: `${STAGE_SHORT[review.stage]} review of ${review.productName}`,
      currentSection: 'products',
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Assurance reviews', href: ASSURANCE_PATHS.list }],
      heading: `${STAGE_SHORT[review.stage]} review of ${review.productName}`,
      status: { text: STATUS_LABELS[review.status], classes: STATUS_TAGS[review.status] },
      summaryRows: reviewSummaryRows(review),
      version: review.version,
      canManage: details.canManage,
      canWork: details.canWork,
      canDecide: details.canManage && review.status === 'under-review',
      moves: statusMoveItems(details.statusMoves),
      decisionRows: details.decision ? decisionRows(details.decision, numberOf) : undefined,
      actions: actionRows(review.id, details.actions, today()).map((a, i) => ({ ...a, canMarkDone: a.isOpen && mayMarkDone(details.actions[i]?.ownerId ?? '') })),
      reviewers: details.reviewers.map((r) => ({ ...r, removePath: ASSURANCE_PATHS.removeReviewer(review.id, r.personId) })),
      reviewerItems: [{ value: '', text: 'Choose a person' }, ...details.staff.filter((p) => !reviewerIds.has(p.id) && p.id !== review.leadId).map((p) => ({ value: p.id, text: p.displayName }))],
      dueParts: extras.dueParts ?? datePartsOf(review.dueOn),
      groups: factorGroups(details),
      supplierPath: `${ASSURANCE_PATHS.review(review.id)}/supplier`,
      statusPath: ASSURANCE_PATHS.status(review.id),
      decisionPath: ASSURANCE_PATHS.decision(review.id),
      crosswalkPath: ASSURANCE_REPORT_PATHS.crosswalk(review.id),
      reportPath: ASSURANCE_REPORT_PATHS.report(review.id),
      reviewersPath: ASSURANCE_PATHS.reviewers(review.id),
      dueDatePath: ASSURANCE_PATHS.dueDate(review.id),
      doneMessage: extras.done ? DONE_MESSAGES[extras.done] : undefined,
      ...formErrorsView(extras.errors ?? []),
    });
  }

  /** Runs a change from the page; its problems re-render the page with an error summary and nothing changed. */
  async function act(reply: FastifyReply, viewer: Viewer, reviewId: string, done: Done, work: () => Promise<unknown>, dueParts?: { day: string; month: string; year: string }) {
    try {
      await work();
    } catch (error) {
      const errors = formErrorsFromAppError(error, ANCHORS);
      if (!errors) throw error;
      return renderReview(reply.status(error instanceof AppError && error.code === 'conflict' ? 409 : 400), viewer, reviewId, { errors, ...(dueParts ? { dueParts } : {}) });
    }
    return reply.redirect(`${ASSURANCE_PATHS.review(reviewId)}?done=${done}`, 303);
  }

  app.get(ASSURANCE_PATHS.review(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = reviewParams.parse(request.params);
    return renderReview(reply, viewer, id, { done: doneQuery.parse(request.query).done });
  });

  app.post(ASSURANCE_PATHS.reviewers(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = reviewParams.parse(request.params);
    const personId = textOf(fieldsOf(request.body).personId, 60);
    return act(reply, viewer, id, 'reviewer', () => services.assurance.addReviewer({ viewer, reviewId: id, personId }));
  });

  app.post(ASSURANCE_PATHS.removeReviewer(':id', ':personId'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id, personId } = personParams.parse(request.params);
    return act(reply, viewer, id, 'removed', () => services.assurance.removeReviewer({ viewer, reviewId: id, personId }));
  });

  app.post(ASSURANCE_PATHS.dueDate(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = reviewParams.parse(request.params);
    const fields = fieldsOf(request.body);
    const parts = { day: textOf(fields.dueDay, 10), month: textOf(fields.dueMonth, 10), year: textOf(fields.dueYear, 10) };
    const date = isoDateOf(parts, 'the due date');
    return act(
      reply, viewer, id, 'due',
      async () => {
        if ('problem' in date) throw new AppError('invalid', date.problem, [{ field: 'dueOn', message: date.problem }]);
        return services.assurance.setDueDate({ viewer, reviewId: id, version: versionOf(request.body), input: { dueOn: date.iso } });
      },
      parts,
    );
  });

  app.post(ASSURANCE_PATHS.status(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = reviewParams.parse(request.params);
    const event = z.enum(['send-to-supplier', 'start-review', 'return-to-supplier']).catch('send-to-supplier').parse(fieldsOf(request.body).event);
    return act(reply, viewer, id, 'status', () => services.assurance.moveStatus({ viewer, reviewId: id, version: versionOf(request.body), event }));
  });

  app.post(ASSURANCE_PATHS.actionDone(':id', ':actionId'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id, actionId } = actionParams.parse(request.params);
    return act(reply, viewer, id, 'action-done', () => services.assurance.markActionDone({ viewer, reviewId: id, actionId }));
  });
}
