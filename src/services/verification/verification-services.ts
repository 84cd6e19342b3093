import type { Repositories } from '../../db/index.ts';
import { createEvidenceService } from './evidence.service.ts';
import type { AssessmentFramework, Notifier, VerificationAccess } from './ports.ts';
import { createTopicEvidenceService } from './topic-evidence.service.ts';
import { createVerificationService } from './verification.service.ts';

/** Evidence, verification and the learner's topic page, wired from repositories and the shared policy. */
export function createVerificationServices(
  repositories: Repositories,
  shared: { access: VerificationAccess; notifier: Notifier; framework: AssessmentFramework },
) {
  const { db } = repositories;
  const audit = repositories.audit;
  const evidence = createEvidenceService({ db, evidenceRepository: repositories.evidence, audit, access: shared.access, framework: shared.framework });
  const verification = createVerificationService({
    db,
    verificationRepository: repositories.verifications,
    assessmentRepository: repositories.assessments,
    evidenceRepository: repositories.evidence,
    supervisionRepository: repositories.supervisions,
    peopleRepository: repositories.people,
    access: shared.access,
    audit,
    notifier: shared.notifier,
    framework: shared.framework,
  });
  const topicEvidence = createTopicEvidenceService({
    assessmentRepository: repositories.assessments,
    supervisionRepository: repositories.supervisions,
    peopleRepository: repositories.people,
    evidence,
    verification,
    framework: shared.framework,
  });
  return { evidence, verification, topicEvidence };
}
