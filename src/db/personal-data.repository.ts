import { desc, eq, inArray, or } from 'drizzle-orm';
import type { Database } from './client.ts';
import {
  advancedFocus,
  aiDeploymentUsers,
  aiMdtAssignments,
  aiMdtMembers,
  aiMdtResponsibilities,
  auditEvents,
  evidence,
  evidenceFiles,
  invitations,
  issuedCredentials,
  journeyItems,
  journeys,
  learningClaims,
  localCredentials,
  moduleAttempts,
  notifications,
  outbox,
  outboxDeliveryAttempts,
  passwordResets,
  trainingReminders,
  people,
  profileSuggestions,
  profiles,
  sessions,
  identityLinks,
  staffAssignments,
  staffPeople,
  supervisions,
  topicRatings,
  verificationDecisions,
  verificationRequests,
} from './schema.ts';

/** The tables whose rows about a person the export carries (a test checks every table naming a person is here or below). */
export const EXPORTED_TABLES = [
  'people', 'profiles', 'local_credentials', 'sessions', 'invitations', 'supervisions', 'topic_ratings', 'advanced_focus', 'evidence', 'evidence_files',
  'verification_requests', 'verification_decisions', 'notifications', 'outbox', 'outbox_delivery_attempts', 'training_reminders', 'audit_events', 'journeys', 'journey_items', 'learning_claims',
  'ai_deployment_users', 'module_attempts', 'password_resets', 'ai_mdt_members', 'ai_mdt_responsibilities', 'ai_mdt_assignments',
  'identity_links',
  'staff_people', 'staff_assignments', 'profile_suggestions',
  'issued_credentials',
] as const;

/**
 * Tables that name a person but hold no data about them to export: organisation records they
 * authored in a role (their actions there are in the export's audit events), and cache stamps.
 */
export const NOT_PERSONAL_DATA: Readonly<Record<string, string>> = {
  xapi_statements: 'statements a learning platform sent to the organisation’s LRS; those about hub people are matched in a later increment',
  xapi_statement_terms: 'the agents and activities of xapi_statements, indexed for its filters (statements a learning platform sent to the organisation’s LRS; those about hub people are matched in a later increment)',
  xapi_attachments: 'attachments of xapi_statements (statements a learning platform sent to the organisation’s LRS; those about hub people are matched in a later increment)',
  platform_completion_queue: 'a work queue of completions learning platforms reported, emptied as each is applied to the learner’s journey (which is exported)',
  xapi_documents: 'documents a learning platform keeps in the organisation’s LRS; matched to hub people in a later increment',
  xapi_activities: 'activity definitions learning platforms sent to the organisation’s LRS; they name no person',
  lrs_keys: 'learning platforms’ credentials an organisation admin issued, naming who issued and revoked them in that role',
  learning_resources: 'catalogue records an educator created for their organisation',
  learning_resource_revisions: 'the catalogue’s change history, kept by the organisation',
  journey_templates: 'templates an educator published for their organisation',
  ai_products: 'product records a lead registered for their organisation',
  ai_product_shares: 'which organisations a product is shared with',
  ai_product_versions: 'product versions a lead recorded',
  ai_deployments: 'deployments a lead made for their organisation',
  product_modules: 'training modules a lead wrote for a product version',
  product_module_revisions: 'published editions of a training module, kept by the organisation',
  assurance_reviews: 'assurance reviews an organisation ran, which name their lead and creator in that role',
  assurance_review_reviewers: 'who an organisation asked to review a product, in that role',
  assurance_answers: 'the organisation’s answers to a review’s questions, naming who recorded them and the owner in that role',
  assurance_evidence: 'evidence the organisation gathered for a review, naming who added or withdrew it in that role',
  assurance_decisions: 'an organisation’s decision on a review, naming its decision maker in that role',
  assurance_actions: 'conditions of an organisation’s decision, naming their owner in that role',
  assurance_action_events: 'what happened to a review’s actions, naming who marked them done in that role',
  assurance_supplier_links: 'links a review’s lead sent a supplier, naming who created or revoked them in that role',
  ai_mdts: 'AI MDTs an organisation set up, naming their creator in that role',
  ai_mdt_plans: 'a team’s learning plans, naming who made and sent them in that role (what each member was asked is in ai_mdt_assignments)',
  organisation_closure: 'the shape of the organisation tree, kept from organisations; it names no person',
  person_view_versions: 'a counter the caches use; it says nothing about the person',
  current_topic_levels: 'derived from topic_ratings and verification_decisions, which are exported',
  insight_person_dims: 'derived from the profile and account, which are exported',
  person_requirement_standing: 'derived from ratings, verification and the profile, which are exported',
  person_training_currency: 'derived from module attempts and AI products used, which are exported',
  person_journey_progress: 'derived from the learning journeys, which are exported',
  staff_import_runs: 'staff imports an admin ran for their organisation, in that role (the records they made are exported as staff_people and staff_assignments)',
  staff_import_maps: 'an organisation’s column map for its ESR extracts, naming the admin who saved it in that role',
};

/**
 * Everything the hub holds about one person, table by table, for their data export. Secrets are
 * left out at the query: password hashes, session token hashes and CSRF secrets, invitation and password reset tokens.
 */
export function createPersonalDataRepository(db: Database) {
  return {
    async collectPersonalData(personId: string) {
      const [person] = await db.select().from(people).where(eq(people.id, personId));
      if (!person) return undefined;
      const requests = await db.select().from(verificationRequests).where(or(eq(verificationRequests.learnerId, personId), eq(verificationRequests.supervisorId, personId)));
      const requestIds = requests.map((r) => r.id);
      const journeyRows = await db.select().from(journeys).where(eq(journeys.personId, personId)).orderBy(journeys.createdAt);
      const journeyIds = journeyRows.map((j) => j.id);
      const evidenceRows = await db.select().from(evidence).where(eq(evidence.personId, personId)).orderBy(evidence.createdAt);
      const evidenceIds = evidenceRows.map((e) => e.id);
      const mailRows = await db.select().from(outbox).where(eq(outbox.toAddress, person.email)).orderBy(outbox.createdAt);
      const mailIds = mailRows.map((m) => m.id);
      return {
        person,
        profile: (await db.select().from(profiles).where(eq(profiles.personId, personId)))[0] ?? null,
        signIn: (await db.select({ passwordChangedAt: localCredentials.passwordChangedAt }).from(localCredentials).where(eq(localCredentials.personId, personId)))[0] ?? null,
        sessions: await db
          .select({ createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt, authMethod: sessions.authMethod, cis2SelectedRoleId: sessions.cis2SelectedRoleId })
          .from(sessions)
          .where(eq(sessions.personId, personId)),
        // The NHS CIS2 identities that sign in to this account (issue 15).
        identityLinks: await db
          .select({ issuer: identityLinks.issuer, subject: identityLinks.subject, linkedBy: identityLinks.linkedBy, createdAt: identityLinks.createdAt, lastSignedInAt: identityLinks.lastSignedInAt })
          .from(identityLinks)
          .where(eq(identityLinks.personId, personId)),
        invitations: await db
          .select({ id: invitations.id, organisationId: invitations.organisationId, email: invitations.email, displayName: invitations.displayName, roles: invitations.roles, createdAt: invitations.createdAt, expiresAt: invitations.expiresAt, acceptedAt: invitations.acceptedAt })
          .from(invitations)
          .where(or(eq(invitations.acceptedPersonId, personId), eq(invitations.email, person.email))),
        // When reset links were sent and used; never the token's hash.
        passwordResets: await db
          .select({ id: passwordResets.id, createdAt: passwordResets.createdAt, expiresAt: passwordResets.expiresAt, usedAt: passwordResets.usedAt })
          .from(passwordResets)
          .where(eq(passwordResets.personId, personId)),
        supervisions: await db.select().from(supervisions).where(or(eq(supervisions.learnerId, personId), eq(supervisions.supervisorId, personId))),
        ratings: await db.select().from(topicRatings).where(eq(topicRatings.personId, personId)).orderBy(topicRatings.ratedAt),
        advancedFocus: await db.select().from(advancedFocus).where(eq(advancedFocus.personId, personId)).orderBy(advancedFocus.setAt),
        evidence: evidenceRows,
        evidenceFiles: evidenceIds.length === 0 ? [] : await db.select().from(evidenceFiles).where(inArray(evidenceFiles.evidenceId, evidenceIds)),
        verificationRequests: requests,
        verificationDecisions: requestIds.length === 0 ? [] : await db.select().from(verificationDecisions).where(inArray(verificationDecisions.requestId, requestIds)),
        notifications: await db.select().from(notifications).where(eq(notifications.personId, personId)).orderBy(desc(notifications.createdAt)),
        mail: mailRows,
        // What mail servers said of mail to them (a refusal may quote their address).
        mailDeliveryAttempts: mailIds.length === 0 ? [] : await db.select().from(outboxDeliveryAttempts).where(inArray(outboxDeliveryAttempts.outboxId, mailIds)).orderBy(outboxDeliveryAttempts.at),
        trainingReminders: await db.select().from(trainingReminders).where(eq(trainingReminders.personId, personId)).orderBy(trainingReminders.sentAt),
        auditEvents: await db.select().from(auditEvents).where(or(eq(auditEvents.subjectId, personId), eq(auditEvents.actorId, personId))).orderBy(auditEvents.at),
        journeys: journeyRows,
        journeyItems: journeyIds.length === 0 ? [] : await db.select().from(journeyItems).where(inArray(journeyItems.journeyId, journeyIds)).orderBy(journeyItems.createdAt),
        learningClaims: await db.select().from(learningClaims).where(eq(learningClaims.personId, personId)),
        productUses: await db.select().from(aiDeploymentUsers).where(eq(aiDeploymentUsers.personId, personId)),
        moduleAttempts: await db.select().from(moduleAttempts).where(eq(moduleAttempts.personId, personId)),
        teamMemberships: await db.select().from(aiMdtMembers).where(eq(aiMdtMembers.personId, personId)).orderBy(aiMdtMembers.joinedAt),
        teamResponsibilities: await db.select().from(aiMdtResponsibilities).where(eq(aiMdtResponsibilities.personId, personId)).orderBy(aiMdtResponsibilities.assignedAt),
        teamAssignments: await db.select().from(aiMdtAssignments).where(eq(aiMdtAssignments.personId, personId)).orderBy(aiMdtAssignments.createdAt),
        staffRecords: await db.select().from(staffPeople).where(eq(staffPeople.personId, personId)),
        staffAssignments: await db.select().from(staffAssignments).where(eq(staffAssignments.personId, personId)).orderBy(staffAssignments.assignmentNumber),
        // Open Badges credentials issued to them, each as signed (issue 16 §2).
        credentials: await db.select().from(issuedCredentials).where(eq(issuedCredentials.personId, personId)).orderBy(issuedCredentials.issuedAt),
        profileSuggestion: (await db.select().from(profileSuggestions).where(eq(profileSuggestions.personId, personId)))[0] ?? null,
      };
    },
  };
}

export type PersonalDataRepository = ReturnType<typeof createPersonalDataRepository>;
export type PersonalData = NonNullable<Awaited<ReturnType<PersonalDataRepository['collectPersonalData']>>>;
