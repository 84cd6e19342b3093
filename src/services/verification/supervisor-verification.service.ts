import { validate as isUuid } from 'uuid';
import type { AssessmentRepository } from '../../db/assessment.repository.ts';
import type { Database } from '../../db/client.ts';
import type { SupervisionRepository } from '../../db/supervision.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { VerificationRecord, VerificationRepository } from '../../db/verification.repository.ts';
import { NOT_YET, ratingScale } from '../../domain/assessment/requirement-status.ts';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../identity/viewer.ts';
import { checkDecision } from './decision-input.ts';
import type { RecordDecision } from './decision-recorder.ts';
import type { AssessmentFramework } from './ports.ts';
import { findVerifiableTopic, requireVerifiableTopic } from './verifiable-topics.ts';

/** The most requests one "Verify selected" may carry: a page of a queue, not the whole organisation. */
export const BULK_VERIFY_MAX = 200;

/** A request in a batch that was not verified, and why, so the supervisor is told rather than left guessing. */
export interface SkippedRequest {
  requestId: string;
  learnerName: string | null;
  topicLabel: string | null;
  reason: 'no-longer-pending' | 'not-found';
}

export interface BulkVerificationResult {
  verified: VerificationRecord[];
  skipped: SkippedRequest[];
}

export interface VerifyRatingOptions {
  viewer: Viewer;
  learnerId: string;
  topicId: string;
  /** 'confirmed' verifies the current self-rating; 'adjusted' verifies `level` instead, with a reason. */
  decision: { outcome?: string | undefined; level?: string | undefined; reason?: string | undefined };
}

const personNotFound = () => new AppError('not_found', 'There is no such person, or you cannot see them.');

/** What a supervisor does beyond deciding one request: several at once, and a rating nobody asked about. */
export function createSupervisorVerificationService(deps: {
  db: Database;
  verificationRepository: Pick<VerificationRepository, 'findRecord' | 'findPendingRequest' | 'insertRequest' | 'lockLearnerTopic'>;
  assessmentRepository: Pick<AssessmentRepository, 'listCurrentRatings'>;
  supervisionRepository: Pick<SupervisionRepository, 'isCurrentSupervisor'>;
  recordDecision: RecordDecision;
  framework: AssessmentFramework;
}) {
  const { verificationRepository: verifications, supervisionRepository: supervisions } = deps;

  return {
    /**
     * Confirms each selected request at its self-rated level, in one transaction, each recorded as
     * if decided on its own (decision, audit event, notice). Requests decided, withdrawn or no longer
     * the viewer's meanwhile are reported back, never silently dropped.
     */
    async verifyRequests({ viewer, requestIds }: { viewer: Viewer; requestIds: readonly string[] }): Promise<BulkVerificationResult> {
      const ids = [...new Set(requestIds)];
      if (ids.length === 0) throw new AppError('invalid', 'Select the requests to verify.', [{ field: 'requestIds', message: 'Select the requests to verify' }]);
      if (ids.length > BULK_VERIFY_MAX) throw new AppError('invalid', `Select ${BULK_VERIFY_MAX} requests or fewer.`, [{ field: 'requestIds', message: `Select ${BULK_VERIFY_MAX} requests or fewer` }]);
      const { index } = deps.framework();
      return inTransaction(deps.db, async (tx) => {
        const result: BulkVerificationResult = { verified: [], skipped: [] };
        for (const requestId of ids) {
          const record = isUuid(requestId) ? await verifications.findRecord(requestId, tx) : undefined;
          const mine = record && record.request.supervisorId === viewer.personId && (await supervisions.isCurrentSupervisor(viewer.personId, record.request.learnerId, tx));
          if (!record || !mine) {
            result.skipped.push({ requestId, learnerName: null, topicLabel: null, reason: 'not-found' });
            continue;
          }
          const topic = findVerifiableTopic(index, record.request.topicId);
          const skip = () => result.skipped.push({ requestId, learnerName: record.learnerName, topicLabel: topic?.label ?? record.request.topicId, reason: 'no-longer-pending' });
          if (record.decision || !topic) {
            skip();
            continue;
          }
          const checked = checkDecision({ outcome: 'confirmed' }, { scale: [], selfRatedLevel: record.selfRatedLevel });
          if (await deps.recordDecision(tx, viewer, record, topic, checked, { bulk: true })) result.verified.push(record);
          else skip();
        }
        return result;
      });
    },

    /**
     * A supervisor verifies a supervisee's current self-rating without being asked. It is kept the
     * way an asked one is: a request (marked as the supervisor's) pinning the rating, and its decision.
     */
    async verifyRating({ viewer, learnerId, topicId, decision: input }: VerifyRatingOptions): Promise<VerificationRecord> {
      const framework = deps.framework();
      const topic = requireVerifiableTopic(framework.index, topicId);
      if (input.outcome !== 'confirmed' && input.outcome !== 'adjusted') {
        throw new AppError('invalid', 'Select whether you confirm the level or set a different level.', [{ field: 'outcome', message: 'Select whether you confirm the level or set a different level' }]);
      }
      return inTransaction(deps.db, async (tx) => {
        if (!isUuid(learnerId) || learnerId === viewer.personId || !(await supervisions.isCurrentSupervisor(viewer.personId, learnerId, tx))) throw personNotFound();
        await verifications.lockLearnerTopic(learnerId, topic.id, tx);
        const rating = (await deps.assessmentRepository.listCurrentRatings(learnerId, framework.id, tx)).find((r) => r.topicId === topic.id);
        if (!rating || rating.level === NOT_YET) throw new AppError('conflict', 'They have not rated themselves on this subject, so there is no rating to verify.', [{ field: 'rating', message: 'There is no rating to verify' }]);
        if (await verifications.findPendingRequest(learnerId, framework.id, topic.id, tx)) {
          throw new AppError('conflict', 'They have already asked for this subject to be verified. Decide their request instead.', [{ field: 'rating', message: 'They have already asked for this subject to be verified' }]);
        }
        const scale = ratingScale(framework.index, topic.kind).map((o) => o.value);
        const checked = checkDecision(input, { scale, selfRatedLevel: rating.level });
        const request = await verifications.insertRequest(
          { organisationId: rating.organisationId, learnerId, supervisorId: viewer.personId, frameworkId: framework.id, topicId: topic.id, ratingId: rating.id, ratingRatedAt: rating.ratedAt, message: null, initiatedBy: 'supervisor' },
          tx,
        );
        const record = await verifications.findRecord(request.id, tx);
        if (!record) throw new Error('a request just inserted could not be read back');
        await deps.recordDecision(tx, viewer, record, topic, checked, { unasked: true });
        return record;
      });
    },
  };
}

export type SupervisorVerificationService = ReturnType<typeof createSupervisorVerificationService>;
