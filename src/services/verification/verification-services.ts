import type { Repositories } from '../../db/index.ts';
import type { FileStore } from '../../files/file-store.ts';
import type { VirusScanner } from '../../files/virus-scanner.ts';
import { createEvidenceContentService } from './evidence-content.service.ts';
import { createDecisionRecorder } from './decision-recorder.ts';
import { createEvidenceService } from './evidence.service.ts';
import type { AssessmentFramework, Notifier, Teller, VerificationAccess } from './ports.ts';
import type { InsightContributions } from '../insight/insight-contributions.ts';
import type { Awards } from '../credentials/awards.ts';
import { createSupervisorVerificationService } from './supervisor-verification.service.ts';
import { createTopicEvidenceService } from './topic-evidence.service.ts';
import { createVerificationService } from './verification.service.ts';

/** Evidence, verification and the learner's topic page, wired from repositories and the shared policy. */
export function createVerificationServices(
  repositories: Repositories,
  shared: {
    access: VerificationAccess;
    notifier: Notifier;
    notices: Teller;
    framework: AssessmentFramework;
    fileStore: FileStore;
    virusScanner: VirusScanner | null;
    contributions?: Pick<InsightContributions, 'refreshStanding'>;
    awards?: Pick<Awards, 'levelVerified'>;
  },
) {
  const { db } = repositories;
  const audit = repositories.audit;
  const evidence = createEvidenceService({
    db,
    evidenceRepository: repositories.evidence,
    audit,
    access: shared.access,
    framework: shared.framework,
    fileStore: shared.fileStore,
    virusScanner: shared.virusScanner,
  });
  const evidenceContent = createEvidenceContentService({ evidenceRepository: repositories.evidence, fileStore: shared.fileStore });
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
    notices: shared.notices,
    framework: shared.framework,
    contributions: shared.contributions,
    awards: shared.awards,
  });
  const topicEvidence = createTopicEvidenceService({
    assessmentRepository: repositories.assessments,
    supervisionRepository: repositories.supervisions,
    peopleRepository: repositories.people,
    evidence,
    verification,
    framework: shared.framework,
  });
  const supervisorVerification = createSupervisorVerificationService({
    db,
    verificationRepository: repositories.verifications,
    assessmentRepository: repositories.assessments,
    supervisionRepository: repositories.supervisions,
    recordDecision: createDecisionRecorder({ verificationRepository: repositories.verifications, peopleRepository: repositories.people, audit, notifier: shared.notifier, notices: shared.notices, contributions: shared.contributions, awards: shared.awards }),
    framework: shared.framework,
  });
  return { evidence, evidenceContent, verification, topicEvidence, supervisorVerification };
}
