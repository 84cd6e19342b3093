import { createAssessmentRepository } from './assessment.repository.ts';
import { createAssuranceRepository } from './assurance.repository.ts';
import { createSupplierLinkRepository } from './assurance-supplier.repository.ts';
import { createAuditRepository } from './audit.repository.ts';
import { createCatalogueRepository } from './catalogue.repository.ts';
import { createCredentialRepository } from './credential.repository.ts';
import type { Database } from './client.ts';
import { createEvidenceRepository } from './evidence.repository.ts';
import { createFrameworkRepository } from './framework.repository.ts';
import { createInsightRepository } from './insight.repository.ts';
import { createJourneyRepository } from './journey.repository.ts';
import { createInsightContributionRepository } from './insight-contribution.repository.ts';
import { createInsightHistoryRepository } from './insight-history.repository.ts';
import { createInsightInputsRepository } from './insight-inputs.repository.ts';
import { createInsightRefreshRepository } from './insight-refresh.repository.ts';
import { createIdentityLinkRepository } from './identity-link.repository.ts';
import { createOidcLoginRepository } from './oidc-login.repository.ts';
import { createLrsKeyRepository } from './lrs-key.repository.ts';
import { createXapiActivityRepository } from './xapi-activity.repository.ts';
import { createXapiStatementRepository } from './xapi-statement.repository.ts';
import { createPlatformCompletionQueueRepository, createPlatformCompletionRepository } from './platform-completion.repository.ts';
import { createXapiDocumentRepository } from './xapi-document.repository.ts';
import { createInvitationRepository } from './invitation.repository.ts';
import { createNotificationRepository } from './notification.repository.ts';
import { createOrganisationRepository } from './organisation.repository.ts';
import { createOutboxRepository } from './outbox.repository.ts';
import { createPasswordResetRepository } from './password-reset.repository.ts';
import { createPeopleRepository } from './people.repository.ts';
import { createProductRepository } from './product.repository.ts';
import { createProductTrainingRepository } from './product-training.repository.ts';
import { createPersonalDataRepository } from './personal-data.repository.ts';
import { createSessionRepository } from './session.repository.ts';
import { createSignInLimitRepository } from './sign-in-limit.repository.ts';
import { createStaffRepository } from './staff.repository.ts';
import { createStaffImportRepository } from './staff-import.repository.ts';
import { createStaffImportFileRepository } from './staff-import-file.repository.ts';
import { createProfileSuggestionRepository } from './profile-suggestion.repository.ts';
import { createStaffRecordLookup } from './staff-record-lookup.repository.ts';
import { createSupervisionRepository } from './supervision.repository.ts';
import { createSyntheticRepository } from './synthetic.repository.ts';
import { createTeamRepository } from './team.repository.ts';
import { createTeamAdminRepository } from './team-admin.repository.ts';
import { createTeamLevelsRepository } from './team-levels.repository.ts';
import { createTeamHistoryRepository } from './team-history.repository.ts';
import { createTeamPlanRepository } from './team-plan.repository.ts';
import { createTrainingReminderRepository } from './training-reminder.repository.ts';
import { createVerificationRepository } from './verification.repository.ts';
import { createViewVersionRepository } from './view-version.repository.ts';

/** Every repository, made from one database handle. Services take only the ones they use. */
export function createRepositories(db: Database, options: { mailHost?: string } = {}) {
  return {
    db,
    assessments: createAssessmentRepository(db),
    assurance: createAssuranceRepository(db),
    audit: createAuditRepository(db),
    catalogue: createCatalogueRepository(db),
    credentials: createCredentialRepository(db),
    evidence: createEvidenceRepository(db),
    frameworks: createFrameworkRepository(db),
    insight: createInsightRepository(db),
    insightContributions: createInsightContributionRepository(db),
    insightHistory: createInsightHistoryRepository(db),
    insightInputs: createInsightInputsRepository(db),
    insightRefresh: createInsightRefreshRepository(db),
    identityLinks: createIdentityLinkRepository(db),
    oidcLogins: createOidcLoginRepository(db),
    lrsKeys: createLrsKeyRepository(db),
    xapiStatements: createXapiStatementRepository(db),
    xapiActivities: createXapiActivityRepository(db),
    platformCompletions: createPlatformCompletionRepository(db),
    platformCompletionQueue: createPlatformCompletionQueueRepository(db),
    xapiDocuments: createXapiDocumentRepository(db),
    invitations: createInvitationRepository(db),
    journeys: createJourneyRepository(db),
    notifications: createNotificationRepository(db),
    organisations: createOrganisationRepository(db),
    outbox: createOutboxRepository(db, { mailHost: options.mailHost }),
    trainingReminders: createTrainingReminderRepository(db),
    teams: createTeamRepository(db),
    teamAdmin: createTeamAdminRepository(db),
    teamLevels: createTeamLevelsRepository(db),
    teamHistory: createTeamHistoryRepository(db),
    teamPlans: createTeamPlanRepository(db),
    passwordResets: createPasswordResetRepository(db),
    people: createPeopleRepository(db),
    personalData: createPersonalDataRepository(db),
    products: createProductRepository(db),
    productTraining: createProductTrainingRepository(db),
    sessions: createSessionRepository(db),
    signInLimits: createSignInLimitRepository(db),
    supplierLinks: createSupplierLinkRepository(db),
    staff: createStaffRepository(db),
    staffImport: createStaffImportRepository(db),
    staffImportFiles: createStaffImportFileRepository(db),
    profileSuggestions: createProfileSuggestionRepository(db),
    staffRecords: createStaffRecordLookup(db),
    supervisions: createSupervisionRepository(db),
    synthetic: createSyntheticRepository(db),
    verifications: createVerificationRepository(db),
    viewVersions: createViewVersionRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
