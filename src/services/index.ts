import type { MailConfig } from '../config.ts';
import type { Repositories } from '../db/index.ts';
import type { Mailer } from '../mail/mailer.ts';
import { createSmtpMailer } from '../mail/smtp-transport.ts';
import { createMailDeliveryService } from './mail/mail-delivery.service.ts';
import { createNotices } from './mail/notices.ts';
import { createStaffAccess } from './staff/staff-access.ts';
import { createStaffService } from './staff/staff.service.ts';
import { createProfileSuggestionService } from './people/profile-suggestion.service.ts';
import { createStaffImportWebService } from './staff/staff-import-web.service.ts';
import { createStaffImportService } from './staff/staff-import.service.ts';
import { createPersonalViewCache } from './caching/personal-view-cache.ts';
import type { FileStore } from '../files/file-store.ts';
import type { VirusScanner } from '../files/virus-scanner.ts';
import { createFrameworkCatalog } from './framework-catalog.ts';
import { createFrameworkService } from './framework.service.ts';
import { createSessionService } from './identity/session.service.ts';
import { createLocalIdentityProvider } from './identity/sign-in.service.ts';
import { createAccountLinking } from './identity/oidc-account-linking.ts';
import { createOidcClient } from './identity/oidc-client.ts';
import type { OidcClientSeams } from './identity/oidc-client.ts';
import { createOidcSignInService } from './identity/oidc-sign-in.service.ts';
import type { StaffRecordLookup } from './identity/staff-record-lookup.ts';
import type { OidcConfig } from '../oidc-config.ts';
import { createSignInLimits } from './identity/sign-in-limits.service.ts';
import { createAccountService } from './people/account.service.ts';
import { createAccessPolicy } from './people/access-policy.ts';
import { createPersonalDataService } from './people/personal-data.service.ts';
import { createProfileService } from './assessment/profile.service.ts';
import { createSelfAssessmentService } from './assessment/self-assessment.service.ts';
import { DEFAULT_FRAMEWORK_ID } from './bundled-frameworks.ts';
import { createFrameworkImportService } from './framework-import.service.ts';
import type { HubEntry } from './framework-catalog.ts';
import { createOrganisationService } from './people/organisation.service.ts';
import { createDirectoryService } from './people/directory.service.ts';
import { createInvitationService } from './people/invitation.service.ts';
import { createNotificationService } from './people/notification.service.ts';
import { createAccessActivityService } from './people/access-activity.service.ts';
import { createSignInSettingsService } from './people/sign-in-settings.service.ts';
import { createStaffAdminService } from './people/staff-admin.service.ts';
import { createStartPageService } from './people/start-page.service.ts';
import { createAccountSettingsService } from './people/account-settings.service.ts';
import { createPasswordResetService } from './identity/password-reset.service.ts';
import { createDemoService } from './demo/demo.service.ts';
import { createCatalogueService } from './catalogue/catalogue.service.ts';
import { createJourneyServices } from './journeys/journey-services.ts';
import { createCredentialServices } from './credentials/credential-services.ts';
import { DEVELOPMENT_CREDENTIAL_KEY } from '../config.ts';
import { createProductService } from './products/product.service.ts';
import { createProductTrainingService } from './products/product-training.service.ts';
import { createTrainingReminders } from './products/training-reminders.service.ts';
import { createVerificationServices } from './verification/verification-services.ts';
import { createAssuranceServices } from './assurance/assurance-services.ts';
import { createSupplierServices } from './assurance/supplier-services.ts';
import { createDemoRatings } from './demo/demo-ratings.ts';
import { createDemoReviews } from './demo/demo-reviews.ts';
import { createDemoSynthetic } from './demo/demo-synthetic.ts';
import { createDemoTeams } from './demo/demo-teams.ts';
import { createTeamService } from './teams/team.service.ts';
import { createTeamAccess } from './teams/team-access.ts';
import { createInsightAccess } from './insight/insight-access.ts';
import { createInsightService } from './insight/insight.service.ts';
import { createInsightContributions } from './insight/insight-contributions.ts';
import { createInsightQueue } from './insight/insight-queue.ts';
import { createInsightRefresh } from './insight/insight-refresh.ts';
import { createHistoryTrends } from './insight/insight-history-trends.ts';
import { createJourneyHistory } from './insight/insight-journey-history.ts';
import { createRequirementHistory } from './insight/insight-requirement-history.ts';
import { createTrainingHistory } from './insight/insight-training-history.ts';
import { createTeamCoverageService } from './teams/team-coverage.service.ts';
import { createTeamPlanServices } from './teams/team-plan-services.ts';
import { createLrsKeyService } from './xapi/lrs-key.service.ts';
import { createXapiStatementService } from './xapi/statement.service.ts';
import { createPlatformCompletions } from './xapi/platform-completions.service.ts';
import { createXapiActivityLookupService } from './xapi/xapi-activity-lookup.service.ts';
import { createXapiDocumentService } from './xapi/xapi-document.service.ts';

/** Cached views are recomputed at least this often, for what changes with the clock alone (a refresher falling due). */
const VIEW_TTL_MS = 60_000;

export interface ServiceOptions {
  /** Absolute base URL of the hub, used in identifiers that must be URLs (CASE `uri`). */
  baseUrl: string;
  /** Where evidence file content lives (files/open-file-store.ts). */
  fileStore: FileStore;
  /** Scans every uploaded file before it is stored; null when scanning is off. */
  virusScanner: VirusScanner | null;
  /** Size of the demo's synthetic workforce; absent: its default. */
  demoSyntheticPeople?: number;
  /** Sign-in with NHS CIS2 (issue 15), or null/absent when not configured. */
  oidc?: OidcConfig | null;
  /** Test seams for the provider's HTTP and clock; never set in production. */
  oidcSeams?: OidcClientSeams;
  /** The ESR staff records that pre-link CIS2 identities; absent: the database's (staff_people). */
  staffRecords?: StaffRecordLookup;
  /** Whether hub passwords sign in (LOCAL_PASSWORDS); default on. */
  localPasswords?: boolean;
  /** The SMTP server mail is handed to; absent or null, mail stays in the outbox page. */
  mail?: MailConfig | null;
  /** The host in Message-IDs: the hub's own. */
  mailHost?: string;
  /** Stands in for the SMTP mailer (tests). */
  mailer?: Mailer;
  /** Encrypts issuers' Open Badges signing keys (CREDENTIAL_KEY_ENCRYPTION_KEY); absent: the development key. */
  credentialKeyEncryptionKey?: Buffer;
}

/** Every use case, wired from repositories. Routes and CLI commands receive these, never a database. */
export async function createServices(repositories: Repositories, options: ServiceOptions) {
  const catalog = createFrameworkCatalog(repositories.frameworks, { baseUrl: options.baseUrl });
  await catalog.refresh();
  const frameworks = createFrameworkService({ frameworkRepository: repositories.frameworks, catalog });
  // People assess themselves against the hub's own framework, latest version.
  const assessmentFramework = (): HubEntry => {
    const entry = catalog.find(DEFAULT_FRAMEWORK_ID);
    if (!entry || entry.format !== 'hub') throw new Error(`the ${DEFAULT_FRAMEWORK_ID} framework is not loaded`);
    return entry;
  };
  const access = createAccessPolicy({
    peopleRepository: repositories.people,
    organisationRepository: repositories.organisations,
    supervisionRepository: repositories.supervisions,
  });
  const audit = { record: repositories.audit.insertAuditEvent };
  // Each person's contribution to workforce insight, rewritten by the services below in the
  // transaction of every change it summarises (docs/scale.md §2.4).
  const contributions = createInsightContributions({
    inputs: repositories.insightInputs,
    contributions: repositories.insightContributions,
    productRepository: repositories.products,
    framework: assessmentFramework,
  });
  const notifications = createNotificationService({ notificationRepository: repositories.notifications });
  // Every notice by mail too: the notification and the outbox row in the caller's transaction.
  const notices = createNotices({ notifications, peopleRepository: repositories.people, outboxRepository: repositories.outbox, baseUrl: options.baseUrl });
  // Open Badges 3.0 (issue 16 §2): the services below issue credentials in their events' transactions.
  const credentials = createCredentialServices(repositories, { baseUrl: options.baseUrl, keyEncryptionKey: options.credentialKeyEncryptionKey ?? DEVELOPMENT_CREDENTIAL_KEY, access });
  const { awards } = credentials;
  const productTraining = createProductTrainingService({
    db: repositories.db,
    trainingRepository: repositories.productTraining,
    productRepository: repositories.products,
    organisationRepository: repositories.organisations,
    audit,
    notifications,
    notices,
    framework: () => assessmentFramework().index,
    contributions,
    awards,
  });
  const profiles = createProfileService({
    db: repositories.db,
    peopleRepository: repositories.people,
    assessmentRepository: repositories.assessments,
    access,
    audit,
    framework: () => assessmentFramework().index,
    // The products someone uses bring Table 2 into their requirements (R8).
    productUses: productTraining.productUsesOf,
    notifier: notifications,
    contributions,
  });
  const accounts = createAccountService({ db: repositories.db, peopleRepository: repositories.people, contributions });
  const organisations = createOrganisationService({ organisationRepository: repositories.organisations });
  const staffImport = createStaffImportService({ db: repositories.db, staffImportRepository: repositories.staffImport, access, contributions });
  // Evidence and verification; the self-assessment reads verified levels from here.
  const verification = createVerificationServices(repositories, {
    access,
    notifier: notifications,
    notices,
    framework: assessmentFramework,
    fileStore: options.fileStore,
    virusScanner: options.virusScanner,
    contributions,
    awards,
  });
  const journeyServices = createJourneyServices(repositories, { access, audit, profiles, framework: assessmentFramework, contributions, awards });
  const selfAssessment = createSelfAssessmentService({
    db: repositories.db,
    assessmentRepository: repositories.assessments,
    peopleRepository: repositories.people,
    profiles,
    access,
    audit,
    framework: assessmentFramework,
    verifiedLevels: verification.verification.listVerifiedLevels,
    cache: createPersonalViewCache({ maxEntries: 2_000, ttlMs: VIEW_TTL_MS, stampOf: repositories.viewVersions.getViewStamp }),
    contributions,
  });
  const signInLimits = createSignInLimits({ db: repositories.db, repository: repositories.signInLimits, notifications, mail: notices });
  const sessions = createSessionService({ sessionRepository: repositories.sessions, peopleRepository: repositories.people });
  const oidcSignIn = options.oidc
    ? createOidcSignInService({
        config: options.oidc,
        client: createOidcClient(options.oidc, options.oidcSeams),
        oidcLoginRepository: repositories.oidcLogins,
        identityLinkRepository: repositories.identityLinks,
        organisationRepository: repositories.organisations,
        linking: createAccountLinking({
          db: repositories.db,
          identityLinkRepository: repositories.identityLinks,
          peopleRepository: repositories.people,
          audit: repositories.audit,
          staffRecords: options.staffRecords ?? repositories.staffRecords,
          contributions,
          now: () => new Date(),
        }),
        sessions,
        audit: repositories.audit,
      })
    : null;
  // The reviewers' side and the supplier's side of assurance reviews share what they are built from.
  const assuranceOptions = {
    audit,
    notifications,
    notices,
    framework: assessmentFramework,
    findFramework: (id: string, version: string) => catalog.find(id, version),
    fileStore: options.fileStore,
    virusScanner: options.virusScanner,
  };
  const assurance = createAssuranceServices(repositories, assuranceOptions);
  const assuranceSupplier = createSupplierServices(repositories, { ...assuranceOptions, baseUrl: options.baseUrl, mail: notices });
  const products = createProductService({
    db: repositories.db,
    productRepository: repositories.products,
    trainingRepository: repositories.productTraining,
    organisationRepository: repositories.organisations,
    peopleRepository: repositories.people,
    audit,
    notifications,
    notices,
    baseUrl: options.baseUrl,
    framework: assessmentFramework,
    contributions,
  });
  // AI MDTs (issue 13 §1): a team looks after products its managers can see. One access policy
  // decides who sees and manages a team for every team service.
  const teamAccess = createTeamAccess({ teamRepository: repositories.teams, organisationRepository: repositories.organisations });
  const teams = createTeamService({
    db: repositories.db,
    teamAccess,
    teamRepository: repositories.teams,
    teamAdminRepository: repositories.teamAdmin,
    organisationRepository: repositories.organisations,
    peopleRepository: repositories.people,
    audit,
    notifications,
    framework: assessmentFramework,
    visibleProducts: async (viewer) => (await products.listProducts({ viewer })).map((p) => ({ id: p.id, name: p.name })),
  });
  const insightRefresh = createInsightRefresh({
    db: repositories.db,
    refreshRepository: repositories.insightRefresh,
    inputs: repositories.insightInputs,
    contributionRepository: repositories.insightContributions,
    contributions,
    framework: assessmentFramework,
  });
  const requirementHistory = createRequirementHistory({
    db: repositories.db,
    inputs: repositories.insightInputs,
    history: repositories.insightHistory,
    levels: repositories.teamHistory,
    contributions,
    framework: assessmentFramework,
  });
  const historyTrends = createHistoryTrends({
    requirements: requirementHistory,
    training: createTrainingHistory({ db: repositories.db, inputs: repositories.insightInputs, history: repositories.insightHistory, productRepository: repositories.products }),
    journeys: createJourneyHistory({ db: repositories.db, history: repositories.insightHistory }),
  });
  const insightAccess = createInsightAccess({ organisationRepository: repositories.organisations });
  const mail = options.mail;
  const platformCompletions = createPlatformCompletions({ repository: repositories.platformCompletions, queue: repositories.platformCompletionQueue, journeys: journeyServices.journeys, baseUrl: options.baseUrl });

  return {
    baseUrl: options.baseUrl,
    credentials,
    // Hands the outbox to the mail server (server.ts drains it on a timer); null when none is configured.
    mailDelivery: mail
      ? createMailDeliveryService({
          outboxRepository: repositories.outbox,
          mailer: options.mailer ?? createSmtpMailer(mail),
          maxAttempts: mail.maxAttempts,
          mailHost: options.mailHost ?? 'ai-confidence-hub',
        })
      : null,
    ...journeyServices,
    assessmentFramework,
    access,
    insightAccess,
    // Workforce insight (issue 14): aggregate figures only, every one through disclosure control.
    insight: createInsightService({
      insightAccess,
      insightRepository: repositories.insight,
      organisationRepository: repositories.organisations,
      framework: assessmentFramework,
      findRefresh: (id, version) => repositories.insightRefresh.findRefresh(id, version),
    }),
    insightContributions: contributions,
    // The rollup queue's drainer: writes queue their changes, every hub process applies them (docs/scale.md §2.10).
    insightQueue: createInsightQueue({ repository: repositories.insight }),
    insightRefresh,
    // The requirement trend rebuilt from rating history, after a bulk load or import (docs/scale.md §2.7).
    requirementHistory,
    // Every trend rebuilt from history (requirements, training currency, journeys), behind one call.
    historyTrends,
    profiles,
    personalData: createPersonalDataService({ personalDataRepository: repositories.personalData, organisationRepository: repositories.organisations, fileStore: options.fileStore }),
    selfAssessment,
    startPage: createStartPageService({
      assessmentFramework,
      selfAssessment,
      profiles,
      productTraining,
      verification: verification.verification,
      journeys: journeyServices.journeys,
      notifications,
      access,
      teams: { isInAnyTeam: teams.isInAnyTeam, mayCreateTeams: teams.mayCreateTeams },
      assurance: {
        isReviewer: async (personId) => (await repositories.assurance.listReviewIdsReviewedBy(personId)).size > 0,
        openActionsOf: async (personId) =>
          (await repositories.assurance.listOpenActionsOwnedBy(personId)).map((a) => ({ reviewId: a.reviewId, productName: a.productName, condition: a.condition, dueOn: a.dueOn })),
      },
    }),
    staff: createStaffService({
      staffRepository: repositories.staff,
      staffAccess: createStaffAccess({ access, supervisionRepository: repositories.supervisions }),
      selfAssessment,
      journeys: journeyServices.journeys,
      verification: verification.verification,
      profiles,
      framework: assessmentFramework,
    }),
    staffImport,
    profileSuggestions: createProfileSuggestionService({ db: repositories.db, repository: repositories.profileSuggestions, auditRepository: repositories.audit }),
    staffImportWeb: createStaffImportWebService({ staffImport, staffImportRepository: repositories.staffImport, files: repositories.staffImportFiles, auditRepository: repositories.audit, access }),
    catalog,
    catalogue: createCatalogueService({
      db: repositories.db,
      catalogueRepository: repositories.catalogue,
      organisationRepository: repositories.organisations,
      audit: repositories.audit,
      framework: assessmentFramework,
      notifications,
      teamNeeds: repositories.teamPlans.listUnclosableOfTeamsIn,
    }),
    frameworks,
    frameworkImport: createFrameworkImportService({ frameworks, audit: repositories.audit }),
    identity: createLocalIdentityProvider({ peopleRepository: repositories.people, limits: signInLimits, audit: repositories.audit }),
    // Sign-in with NHS CIS2 (null when not configured), and whether hub passwords sign in at all.
    oidcSignIn,
    signInMethods: { localPasswords: options.localPasswords ?? true, oidc: options.oidc ? { providerName: options.oidc.providerName, issuer: options.oidc.issuer } : null },
    oidcConfig: options.oidc ?? null,
    sessions,
    accountSettings: createAccountSettingsService({
      db: repositories.db,
      peopleRepository: repositories.people,
      passwordResetRepository: repositories.passwordResets,
      sessions,
      limits: signInLimits,
      audit: repositories.audit,
    }),
    passwordResets: createPasswordResetService({
      db: repositories.db,
      passwordResetRepository: repositories.passwordResets,
      peopleRepository: repositories.people,
      signInLimitRepository: repositories.signInLimits,
      mail: notices,
      audit: repositories.audit,
      sessions,
      baseUrl: options.baseUrl,
    }),
    organisations,
    accounts,
    notifications,
    ...verification,
    invitations: createInvitationService({
      db: repositories.db,
      invitationRepository: repositories.invitations,
      mail: notices,
      organisationRepository: repositories.organisations,
      auditRepository: repositories.audit,
      accounts,
      access,
      baseUrl: options.baseUrl,
    }),
    accessActivity: createAccessActivityService({ auditRepository: repositories.audit, access }),
    platformCompletions,
    lrsKeys: createLrsKeyService({ db: repositories.db, lrsKeyRepository: repositories.lrsKeys, auditRepository: repositories.audit, access }),
    xapiStatements: createXapiStatementService({ db: repositories.db, statements: repositories.xapiStatements, activities: repositories.xapiActivities, baseUrl: options.baseUrl, completions: platformCompletions }),
    xapiDocuments: createXapiDocumentService({ db: repositories.db, documentRepository: repositories.xapiDocuments }),
    xapiActivityLookup: createXapiActivityLookupService({ activityRepository: repositories.xapiActivities }),
    signInSettings: createSignInSettingsService({ db: repositories.db, organisationRepository: repositories.organisations, auditRepository: repositories.audit, access }),
    staffAdmin: createStaffAdminService({
      db: repositories.db,
      peopleRepository: repositories.people,
      supervisionRepository: repositories.supervisions,
      auditRepository: repositories.audit,
      organisations,
      notifications,
      notices,
      access,
    }),
    directory: createDirectoryService({
      peopleRepository: repositories.people,
      organisationRepository: repositories.organisations,
      supervisionRepository: repositories.supervisions,
      outboxRepository: repositories.outbox,
      access,
    }),
    productTraining,
    // Refresher due and overdue reminders, once per due date (server.ts runs it with the overdue actions).
    trainingReminders: createTrainingReminders({ db: repositories.db, repository: repositories.trainingReminders, notices }),
    assurance,
    assuranceSupplier,
    products,
    teams,
    teamCoverage: createTeamCoverageService({
      teamAccess,
      teamRepository: repositories.teams,
      teamLevelsRepository: repositories.teamLevels,
      teamHistoryRepository: repositories.teamHistory,
      framework: assessmentFramework,
    }),
    teamPlans: createTeamPlanServices(repositories, { teamAccess, audit, notifications, framework: assessmentFramework, contributions }),
    demo: createDemoService({
      db: repositories.db,
      peopleRepository: repositories.people,
      organisationRepository: repositories.organisations,
      supervisionRepository: repositories.supervisions,
      catalogueRepository: repositories.catalogue,
      journeyRepository: repositories.journeys,
      productRepository: repositories.products,
      productTrainingRepository: repositories.productTraining,
      framework: () => assessmentFramework().index,
      ratings: createDemoRatings({
        db: repositories.db,
        peopleRepository: repositories.people,
        assessmentRepository: repositories.assessments,
        verificationRepository: repositories.verifications,
        supervisionRepository: repositories.supervisions,
        auditRepository: repositories.audit,
        framework: () => assessmentFramework().index,
        now: () => new Date(),
      }),
      reviews: createDemoReviews({ assurance: () => assurance, supplier: () => assuranceSupplier, assuranceRepository: repositories.assurance, productRepository: repositories.products, peopleRepository: repositories.people, organisationRepository: repositories.organisations, now: () => new Date() }),
      teams: createDemoTeams({ teams: () => teams, teamAdminRepository: repositories.teamAdmin, peopleRepository: repositories.people }),
      synthetic: createDemoSynthetic({
        db: repositories.db,
        organisationRepository: repositories.organisations,
        syntheticRepository: repositories.synthetic,
        framework: () => assessmentFramework().index,
        now: () => new Date(),
        people: options.demoSyntheticPeople,
        // Everyone, the named demo people too: their rows were inserted directly as well.
        refreshContributions: async (tx) => void (await insightRefresh.refreshAllInTransaction(tx)),
      }),
      // The named demo people's rows are inserted directly, so their insight contributions are worked out after.
      refreshInsight: async () => void (await insightRefresh.refreshAllContributions({ restart: true })),
      rebuildHistoryTrends: async () => void (await historyTrends.rebuildAll()),
    }),
  };
}

export type Services = Awaited<ReturnType<typeof createServices>>;
