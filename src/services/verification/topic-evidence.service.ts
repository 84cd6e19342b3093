import type { AssessmentRepository, TopicRatingRow } from '../../db/assessment.repository.ts';
import type { EvidenceRow } from '../../db/evidence.repository.ts';
import type { PeopleRepository } from '../../db/people.repository.ts';
import type { SupervisionRepository } from '../../db/supervision.repository.ts';
import type { VerificationRecord } from '../../db/verification.repository.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { EvidenceService } from './evidence.service.ts';
import type { AssessmentFramework } from './ports.ts';
import type { VerificationService } from './verification.service.ts';
import { requireVerifiableTopic } from './verifiable-topics.ts';
import type { VerifiableTopic } from './verifiable-topics.ts';

/** Everything a learner's page for one topic shows: rating, evidence, supervisors and verification history. */
export interface TopicEvidence {
  topic: VerifiableTopic;
  currentRating: TopicRatingRow | undefined;
  /** Newest first, withdrawn items included (marked) because they are the learner's own history. */
  evidence: EvidenceRow[];
  supervisors: Array<{ id: string; displayName: string }>;
  history: VerificationRecord[];
  pending: VerificationRecord | undefined;
  /** The latest confirmed or adjusted level, if any. */
  verifiedLevel: string | undefined;
}

export function createTopicEvidenceService(deps: {
  assessmentRepository: Pick<AssessmentRepository, 'listCurrentRatings'>;
  supervisionRepository: Pick<SupervisionRepository, 'listCurrentByLearner'>;
  peopleRepository: Pick<PeopleRepository, 'listPeopleByIds'>;
  evidence: Pick<EvidenceService, 'listTopicEvidence'>;
  verification: Pick<VerificationService, 'listVerificationHistory' | 'listVerifiedLevels'>;
  framework: AssessmentFramework;
}) {
  return {
    /** The viewer's own page for a topic (learners manage their own evidence; supervisors see it on the request). */
    async getTopicEvidence({ viewer, topicId }: { viewer: Viewer; topicId: string }): Promise<TopicEvidence> {
      const framework = deps.framework();
      const topic = requireVerifiableTopic(framework.index, topicId);
      const personId = viewer.personId;
      const [ratings, evidence, supervisions, history, verified] = await Promise.all([
        deps.assessmentRepository.listCurrentRatings(personId, framework.id),
        deps.evidence.listTopicEvidence({ viewer, personId, topicId: topic.id, includeWithdrawn: true }),
        deps.supervisionRepository.listCurrentByLearner(personId),
        deps.verification.listVerificationHistory({ viewer, personId, topicId: topic.id }),
        deps.verification.listVerifiedLevels(personId, framework.id),
      ]);
      const supervisorIds = new Set(supervisions.map((s) => s.supervisorId));
      const supervisors = (await deps.peopleRepository.listPeopleByIds([...supervisorIds])).map((p) => ({ id: p.id, displayName: p.displayName }));
      // Pending means undecided and still addressed to a current supervisor (ended supervisions lapse requests).
      const pending = history.find((r) => r.decision === null && supervisorIds.has(r.request.supervisorId));
      return {
        topic,
        currentRating: ratings.find((r) => r.topicId === topic.id),
        evidence,
        supervisors,
        history,
        pending,
        verifiedLevel: verified.get(topic.id),
      };
    },
  };
}

export type TopicEvidenceService = ReturnType<typeof createTopicEvidenceService>;
