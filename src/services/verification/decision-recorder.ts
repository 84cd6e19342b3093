import type { Database } from '../../db/client.ts';
import type { VerificationDecisionRow, VerificationRecord, VerificationRepository } from '../../db/verification.repository.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { CheckedDecision } from './decision-input.ts';
import type { PeopleRepository } from '../../db/people.repository.ts';
import type { AuditTrail, Notifier, Teller } from './ports.ts';
import type { VerifiableTopic } from './verifiable-topics.ts';
import type { InsightContributions } from '../insight/insight-contributions.ts';
import type { Awards } from '../credentials/awards.ts';

const OUTCOME_WORDS = { confirmed: 'confirmed', adjusted: 'set a different level for', returned: 'returned' } as const;

export const shortLabel = (topic: Pick<VerifiableTopic, 'label'>) => (topic.label.length > 120 ? `${topic.label.slice(0, 117)}…` : topic.label);

/**
 * Records a supervisor's decision with its audit event and the learner's notification, in the
 * caller's transaction: one decision, one bulk batch and one unasked verification all leave the
 * same history. Undefined when the request already has a decision (first one wins).
 */
export function createDecisionRecorder(deps: {
  verificationRepository: Pick<VerificationRepository, 'insertDecision'>;
  audit: AuditTrail;
  notifier: Notifier;
  notices: Teller;
  peopleRepository: Pick<PeopleRepository, 'getPerson'>;
  /** Keeps the learner's verified standing in workforce insight current, in this transaction. */
  contributions?: Pick<InsightContributions, 'refreshStanding'> | undefined;
  /** Issues the Open Badges credential for a verified level, in this transaction (issue 16 §2). */
  awards?: Pick<Awards, 'levelVerified'> | undefined;
}) {
  return async function recordDecision(tx: Database, viewer: Viewer, record: VerificationRecord, topic: VerifiableTopic, checked: CheckedDecision, detail: Record<string, unknown> = {}): Promise<VerificationDecisionRow | undefined> {
    const { request } = record;
    const decision = await deps.verificationRepository.insertDecision({ organisationId: request.organisationId, requestId: request.id, decidedBy: viewer.personId, ...checked }, tx);
    if (!decision) return undefined;
    if (checked.outcome !== 'returned') await deps.contributions?.refreshStanding(tx, request.learnerId);
    if (checked.level !== null) {
      await deps.awards?.levelVerified(tx, {
        organisationId: request.organisationId, learnerId: request.learnerId, supervisorId: viewer.personId, supervisorName: viewer.displayName, frameworkId: request.frameworkId,
        topic: { id: topic.id, label: topic.label, requirementIds: topic.statements.map((s) => s.id) }, level: checked.level, at: decision.decidedAt,
      });
    }
    await deps.audit.insertAuditEvent(
      { organisationId: request.organisationId, actorId: viewer.personId, subjectId: request.id, action: 'verification.decided', detail: { ...checked, selfRatedLevel: record.selfRatedLevel, learnerId: request.learnerId, ...detail } },
      tx,
    );
    const learner = await deps.peopleRepository.getPerson(request.learnerId, tx);
    if (!learner) throw new Error(`verification request ${request.id} names no learner`);
    await deps.notices.tell({
      tx,
      to: { organisationId: request.organisationId, personId: learner.id, email: learner.email, displayName: learner.displayName },
      subject: `Your self-rating of “${shortLabel(topic)}” has been ${checked.outcome === 'returned' ? 'returned' : 'verified'}`,
      message: `${viewer.displayName} ${OUTCOME_WORDS[checked.outcome]} your self-rating of “${shortLabel(topic)}”.`,
      link: `/evidence/topics/${encodeURIComponent(request.topicId)}`,
      linkText: 'See the decision',
    });
    // Deciding is acting on the notice of the request.
    await deps.notifier.markReadAbout({ tx, personId: viewer.personId, link: `/verification/${request.id}` });
    return decision;
  };
}

export type RecordDecision = ReturnType<typeof createDecisionRecorder>;
