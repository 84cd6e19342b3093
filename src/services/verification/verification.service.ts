import { validate as isUuid } from 'uuid';
import type { AssessmentRepository } from '../../db/assessment.repository.ts';
import type { Database } from '../../db/client.ts';
import type { EvidenceRepository, EvidenceRow } from '../../db/evidence.repository.ts';
import type { PeopleRepository } from '../../db/people.repository.ts';
import type { SupervisionRepository } from '../../db/supervision.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { QueueItem, VerificationDecisionRow, VerificationRecord, VerificationRepository, VerificationRequestRow } from '../../db/verification.repository.ts';
import { NOT_YET, ratingScale } from '../../domain/assessment/requirement-status.ts';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../identity/viewer.ts';
import { checkDecision } from './decision-input.ts';
import { createDecisionRecorder, shortLabel } from './decision-recorder.ts';
import type { InsightContributions } from '../insight/insight-contributions.ts';
import type { DecisionInput } from './decision-input.ts';
import type { AssessmentFramework, AuditTrail, Notifier, Teller, VerificationAccess } from './ports.ts';
import { findVerifiableTopic, requireVerifiableTopic } from './verifiable-topics.ts';
import type { VerifiableTopic } from './verifiable-topics.ts';
import type { Awards } from '../credentials/awards.ts';

export const REQUEST_MESSAGE_MAX_LENGTH = 1000;

export interface RequestVerificationOptions {
  viewer: Viewer;
  topicId: string;
  supervisorId: string;
  message?: string | undefined;
}

export interface DecideVerificationOptions {
  viewer: Viewer;
  requestId: string;
  decision: DecisionInput;
}

export interface VerificationDetails {
  record: VerificationRecord;
  topic: VerifiableTopic;
  /** The learner's current evidence for the topic. */
  evidence: EvidenceRow[];
  /** Whether the viewer is the supervisor asked, still supervises the learner, and nobody has decided yet. */
  canDecide: boolean;
}

export type QueueEntry = QueueItem & { topic: VerifiableTopic | undefined };

const requestNotFound = () => new AppError('not_found', 'There is no such verification request, or you cannot see it.');
const invalid = (field: string, message: string) => new AppError('invalid', message, [{ field, message }]);
const topicEvidencePath = (topicId: string) => `/evidence/topics/${encodeURIComponent(topicId)}`;

export function createVerificationService(deps: {
  db: Database;
  verificationRepository: VerificationRepository;
  assessmentRepository: Pick<AssessmentRepository, 'listCurrentRatings'>;
  evidenceRepository: Pick<EvidenceRepository, 'listEvidenceForTopic'>;
  supervisionRepository: Pick<SupervisionRepository, 'isCurrentSupervisor'>;
  peopleRepository: Pick<PeopleRepository, 'getPerson'>;
  access: VerificationAccess;
  audit: AuditTrail;
  notifier: Notifier;
  notices: Teller;
  framework: AssessmentFramework;
  contributions?: Pick<InsightContributions, 'refreshStanding'> | undefined;
  /** Open Badges credentials for verified levels (issue 16 §2). */
  awards?: Pick<Awards, 'levelVerified'> | undefined;
}) {
  const { verificationRepository: verifications, supervisionRepository: supervisions } = deps;
  const recordDecision = createDecisionRecorder(deps);

  /** A request the viewer may see (anyone who may see the learner), or "not found" for any other id. */
  async function findVisibleRecord(viewer: Viewer, requestId: string): Promise<VerificationRecord> {
    const record = isUuid(requestId) ? await verifications.findRecord(requestId) : undefined;
    if (!record) throw requestNotFound();
    try {
      await deps.access.assertCanSeePerson(viewer, record.request.learnerId);
    } catch (error) {
      throw error instanceof AppError ? requestNotFound() : error;
    }
    return record;
  }

  /** Only the supervisor the learner asked may decide, and only while they still supervise them. */
  async function isDecider(viewer: Viewer, request: VerificationRequestRow, tx?: Database): Promise<boolean> {
    return request.supervisorId === viewer.personId && supervisions.isCurrentSupervisor(viewer.personId, request.learnerId, tx);
  }

  return {
    /** A learner asks one of their current supervisors to verify their current self-rating of a topic. */
    async requestVerification({ viewer, topicId, supervisorId, message }: RequestVerificationOptions): Promise<VerificationRequestRow> {
      const framework = deps.framework();
      const topic = requireVerifiableTopic(framework.index, topicId);
      const note = (message ?? '').trim();
      if (note.length > REQUEST_MESSAGE_MAX_LENGTH) throw invalid('message', `Message must be ${REQUEST_MESSAGE_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`);
      return inTransaction(deps.db, async (tx) => {
        if (!isUuid(supervisorId) || !(await supervisions.isCurrentSupervisor(supervisorId, viewer.personId, tx))) {
          throw invalid('supervisorId', 'Select one of your supervisors');
        }
        await verifications.lockLearnerTopic(viewer.personId, topic.id, tx);
        const rating = (await deps.assessmentRepository.listCurrentRatings(viewer.personId, framework.id, tx)).find((r) => r.topicId === topic.id);
        if (!rating || rating.level === NOT_YET) throw invalid('rating', 'Rate yourself on this topic before asking for verification');
        if (await verifications.findPendingRequest(viewer.personId, framework.id, topic.id, tx)) {
          throw new AppError('conflict', 'You have already asked for this topic to be verified. Wait for your supervisor to decide.', [
            { field: 'rating', message: 'You have already asked for this topic to be verified' },
          ]);
        }
        const request = await verifications.insertRequest(
          { organisationId: viewer.organisationId, learnerId: viewer.personId, supervisorId, frameworkId: framework.id, topicId: topic.id, ratingId: rating.id, ratingRatedAt: rating.ratedAt, message: note || null },
          tx,
        );
        await deps.audit.insertAuditEvent(
          { organisationId: viewer.organisationId, actorId: viewer.personId, subjectId: request.id, action: 'verification.requested', detail: { topicId: topic.id, ratingId: rating.id, level: rating.level, supervisorId } },
          tx,
        );
        const supervisor = await deps.peopleRepository.getPerson(supervisorId, tx);
        if (!supervisor) throw invalid('supervisorId', 'Select one of your supervisors');
        await deps.notices.tell({
          tx,
          to: { organisationId: supervisor.organisationId, personId: supervisor.id, email: supervisor.email, displayName: supervisor.displayName },
          subject: `${viewer.displayName} asked you to verify a self-rating`,
          message: `${viewer.displayName} asked you to verify their self-rating of “${shortLabel(topic)}”.`,
          link: `/verification/${request.id}`,
          linkText: 'Review the request',
        });
        // Asking again is acting on what they were told about this topic.
        await deps.notifier.markReadAbout({ tx, personId: viewer.personId, link: topicEvidencePath(topic.id) });
        return request;
      });
    },

    /** The viewer's queue: undecided requests from people they supervise now, oldest first. */
    async listVerificationQueue({ viewer }: { viewer: Viewer }): Promise<QueueEntry[]> {
      const { index } = deps.framework();
      const items = await verifications.listPendingForSupervisor(viewer.personId);
      return items.map((item) => ({ ...item, topic: findVerifiableTopic(index, item.request.topicId) }));
    },

    /** A request with its statements and evidence, for the supervisor deciding it (and others who may see the learner). */
    async getVerificationRequest({ viewer, requestId }: { viewer: Viewer; requestId: string }): Promise<VerificationDetails> {
      const record = await findVisibleRecord(viewer, requestId);
      const { index } = deps.framework();
      const topic = requireVerifiableTopic(index, record.request.topicId);
      const { learnerId: personId, frameworkId, topicId } = record.request;
      const evidence = await deps.evidenceRepository.listEvidenceForTopic({ personId, frameworkId, topicId }, { includeWithdrawn: false });
      const canDecide = record.decision === null && (await isDecider(viewer, record.request));
      return { record, topic, evidence, canDecide };
    },

    /** The supervisor confirms, adjusts (with a reason) or returns (with a comment). Decisions are final. */
    async decideVerification({ viewer, requestId, decision: input }: DecideVerificationOptions): Promise<VerificationDecisionRow> {
      const { index } = deps.framework();
      return inTransaction(deps.db, async (tx) => {
        const record = isUuid(requestId) ? await verifications.findRecord(requestId, tx) : undefined;
        if (!record || !(await isDecider(viewer, record.request, tx))) throw requestNotFound();
        const alreadyDecided = () => new AppError('conflict', 'This request has already been decided. A decision cannot be changed; the learner can ask again.');
        if (record.decision?.outcome === 'withdrawn') throw new AppError('conflict', 'The learner withdrew this request, so there is nothing to decide. They can ask again.');
        if (record.decision) throw alreadyDecided();
        const topic = requireVerifiableTopic(index, record.request.topicId);
        const scale = ratingScale(index, topic.kind).map((o) => o.value);
        const checked = checkDecision(input, { scale, selfRatedLevel: record.selfRatedLevel });
        const decision = await recordDecision(tx, viewer, record, topic, checked);
        if (!decision) throw alreadyDecided();
        return decision;
      });
    },

    /**
     * The learner takes back her own undecided request. It stays in her history as 'withdrawn' (a
     * closing row, so history is appended, never changed), leaves the supervisor's queue, and the
     * supervisor's notice about it is marked read.
     */
    async withdrawVerificationRequest({ viewer, requestId }: { viewer: Viewer; requestId: string }): Promise<VerificationDecisionRow> {
      return inTransaction(deps.db, async (tx) => {
        const record = isUuid(requestId) ? await verifications.findRecord(requestId, tx) : undefined;
        if (!record || record.request.learnerId !== viewer.personId) throw requestNotFound();
        const { request } = record;
        const closed = () => new AppError('conflict', 'Your supervisor has already decided this request, so it cannot be withdrawn.');
        if (record.decision) throw closed();
        const withdrawal = await verifications.insertDecision({ organisationId: request.organisationId, requestId: request.id, decidedBy: viewer.personId, outcome: 'withdrawn', level: null, comment: null }, tx);
        if (!withdrawal) throw closed();
        await deps.audit.insertAuditEvent(
          { organisationId: request.organisationId, actorId: viewer.personId, subjectId: request.id, action: 'verification.withdrawn', detail: { topicId: request.topicId, supervisorId: request.supervisorId } },
          tx,
        );
        // The supervisor's notice of the request no longer asks anything of them.
        await deps.notifier.markReadAbout({ tx, personId: request.supervisorId, link: `/verification/${request.id}` });
        return withdrawal;
      });
    },

    /** A person's requests and outcomes, newest first: both the self-rated and the verified level are kept. */
    async listVerificationHistory({ viewer, personId, topicId }: { viewer: Viewer; personId: string; topicId?: string | undefined }): Promise<VerificationRecord[]> {
      if (!isUuid(personId)) throw new AppError('not_found', 'There is no such person, or you cannot see them.');
      await deps.access.assertCanSeePerson(viewer, personId);
      const framework = deps.framework();
      if (topicId !== undefined) requireVerifiableTopic(framework.index, topicId);
      return verifications.listLearnerRecords(personId, framework.id, topicId);
    },

    /** The viewer's own requests that came back to them and that they have not asked about again since. */
    async listReturnedToMe({ viewer }: { viewer: Viewer }): Promise<VerificationRecord[]> {
      return verifications.listStillReturned(viewer.personId, deps.framework().id);
    },

    /**
     * topic id → the person's verified level (their latest confirmed or adjusted decision). No
     * viewer: callers (the self-assessment) have already checked who may see this person.
     */
    async listVerifiedLevels(personId: string, frameworkId: string): Promise<ReadonlyMap<string, string>> {
      const rows = await verifications.listVerifiedLevels(personId, frameworkId);
      return new Map(rows.map((r) => [r.topicId, r.level]));
    },
  };
}

export type VerificationService = ReturnType<typeof createVerificationService>;
