import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, organisationRef, people, personRef } from './people.ts';

export const TRAINING_IMPACTS = ['none', 'minor', 'refresher-required'] as const;
export const DEPLOYMENT_STATUSES = ['evaluating', 'piloting', 'live', 'withdrawn'] as const;
export const AUTONOMY = ['autonomous', 'human-in-the-loop'] as const;
/** A candidate is being considered for purchase (an assurance review before buying): no versions or deployments until registered. */
export const PRODUCT_LIFECYCLES = ['candidate', 'registered'] as const;

/**
 * An AI product an organisation uses, described as its users need to know it (Table 2, 3.4). Owned
 * by one organisation; `version` counts edits for optimistic concurrency.
 */
export const aiProducts = pgTable(
  'ai_products',
  {
    id: id(),
    organisationId: organisationRef(),
    name: text('name').notNull(),
    manufacturer: text('manufacturer').notNull(),
    intendedUse: text('intended_use').notNull(),
    inclusionCriteria: text('inclusion_criteria').notNull().default(''),
    exclusionCriteria: text('exclusion_criteria').notNull().default(''),
    /** R3: used in clinical reasoning and decision making, so the clinical-use requirements apply. */
    clinicalDecisionMaking: boolean('clinical_decision_making').notNull(),
    autonomy: text('autonomy', { enum: AUTONOMY }).notNull(),
    deviceClass: text('device_class').notNull().default(''),
    marking: text('marking').notNull().default(''),
    explanations: text('explanations').notNull().default(''),
    limitations: text('limitations').notNull().default(''),
    outlierSituations: text('outlier_situations').notNull().default(''),
    contacts: text('contacts').notNull().default(''),
    errorReporting: text('error_reporting').notNull().default(''),
    fallbackPathway: text('fallback_pathway').notNull().default(''),
    decisionRecording: text('decision_recording').notNull().default(''),
    /** Facts Table 2's sections need that the first product record lacked (issue 11). */
    clinicalGuidelines: text('clinical_guidelines').notNull().default(''),
    validationPopulations: text('validation_populations').notNull().default(''),
    performance: text('performance').notNull().default(''),
    workflowIntegration: text('workflow_integration').notNull().default(''),
    patientQueryPathway: text('patient_query_pathway').notNull().default(''),
    dataUse: text('data_use').notNull().default(''),
    patientMaterials: text('patient_materials').notNull().default(''),
    sample: boolean('sample').notNull().default(false),
    lifecycle: text('lifecycle', { enum: PRODUCT_LIFECYCLES }).notNull().default('registered'),
    version: integer('version').notNull().default(1),
    createdBy: personRef('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ai_products_organisation_idx').on(t.organisationId)],
);

/** Other organisations a product is shared with, so they can deploy it and train on it. */
export const aiProductShares = pgTable(
  'ai_product_shares',
  {
    productId: uuid('product_id')
      .notNull()
      .references(() => aiProducts.id),
    organisationId: organisationRef(),
    sharedBy: personRef('shared_by'),
    sharedAt: timestamp('shared_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.organisationId] })],
);

/** A release of a product, and what it means for training. Immutable once recorded. */
export const aiProductVersions = pgTable(
  'ai_product_versions',
  {
    id: id(),
    organisationId: organisationRef(),
    productId: uuid('product_id')
      .notNull()
      .references(() => aiProducts.id),
    label: text('label').notNull(),
    releasedOn: date('released_on', { mode: 'string' }).notNull(),
    releaseNotes: text('release_notes').notNull(),
    trainingImpact: text('training_impact', { enum: TRAINING_IMPACTS }).notNull(),
    /** Topic ids of the framework the change affects. */
    affectedTopics: text('affected_topics').array().notNull().default(sql`'{}'::text[]`),
    createdBy: personRef('created_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('ai_product_versions_label_unique').on(t.productId, t.label), index('ai_product_versions_product_idx').on(t.productId, t.releasedOn)],
);

/** A product in use somewhere (an organisation or team), with the version that is live there. */
export const aiDeployments = pgTable(
  'ai_deployments',
  {
    id: id(),
    organisationId: organisationRef(),
    productId: uuid('product_id')
      .notNull()
      .references(() => aiProducts.id),
    liveVersionId: uuid('live_version_id').references(() => aiProductVersions.id),
    status: text('status', { enum: DEPLOYMENT_STATUSES }).notNull().default('evaluating'),
    /** Days a refresher is due in after a refresher-required version goes live. */
    refresherDays: integer('refresher_days').notNull().default(28),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    liveSince: date('live_since', { mode: 'string' }),
    /**
     * Why the live version was made live before its training was published, when a lead chose to.
     * Users' training clocks wait for the training either way; this records who accepted the gap.
     */
    trainingOverrideReason: text('training_override_reason'),
    /**
     * Why an organisation admin let it go live without an approved deployment review (issue 12),
     * who and when. Null when it went live with one, or has not gone live.
     */
    assuranceOverrideReason: text('assurance_override_reason'),
    assuranceOverrideBy: uuid('assurance_override_by').references(() => people.id),
    assuranceOverrideAt: timestamp('assurance_override_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdBy: personRef('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ai_deployments_organisation_idx').on(t.organisationId), index('ai_deployments_product_idx').on(t.productId)],
);

/**
 * Staff who use a deployment: linked from their profile or assigned by a product lead. Unlinking
 * ends the row; history is kept. `dueBy` is when their training for the required version is due.
 */
export const aiDeploymentUsers = pgTable(
  'ai_deployment_users',
  {
    id: id(),
    organisationId: organisationRef(),
    deploymentId: uuid('deployment_id')
      .notNull()
      .references(() => aiDeployments.id),
    personId: personRef('person_id'),
    source: text('source', { enum: ['self', 'assigned'] }).notNull(),
    linkedBy: personRef('linked_by'),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
    dueBy: timestamp('due_by', { withTimezone: true }),
    unlinkedAt: timestamp('unlinked_at', { withTimezone: true }),
  },
  (t) => [
    index('ai_deployment_users_person_idx').on(t.personId),
    uniqueIndex('ai_deployment_users_one_current').on(t.deploymentId, t.personId).where(sql`${t.unlinkedAt} is null`),
  ],
);

/**
 * A product training module, one per product version it teaches: a section per Table 2
 * requirement that applies (R3) with the Embedders' own content, and a knowledge check.
 */
export const productModules = pgTable(
  'product_modules',
  {
    id: id(),
    organisationId: organisationRef(),
    productId: uuid('product_id')
      .notNull()
      .references(() => aiProducts.id),
    productVersionId: uuid('product_version_id')
      .notNull()
      .references(() => aiProductVersions.id),
    status: text('status', { enum: ['draft', 'published'] }).notNull().default('draft'),
    /** requirement id → sanitised Markdown written by the Embedders. */
    sections: jsonb('sections').notNull(),
    /** The knowledge check: questions with options and correct answers, and the pass mark. */
    knowledgeCheck: jsonb('knowledge_check').notNull(),
    version: integer('version').notNull().default(1),
    createdBy: personRef('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** When it was first published: users' training clocks start no earlier (the training must exist to take). */
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Sections copied forward from the previous version's module that the version's change touches: publishing waits for their review. */
    reviewSections: text('review_sections').array().notNull().default(sql`'{}'::text[]`),
    /** The version whose published module this one started as a copy of. */
    copiedFromVersionId: uuid('copied_from_version_id').references(() => aiProductVersions.id),
  },
  (t) => [uniqueIndex('product_modules_one_per_version').on(t.productVersionId)],
);

/**
 * What learners saw: each publication of a module, as a snapshot of the exact section text (the
 * product facts pulled in at that moment included) and knowledge check. The module row is the
 * working copy Embedders edit; learners only ever read revisions. Immutable at the database.
 */
export const productModuleRevisions = pgTable(
  'product_module_revisions',
  {
    id: id(),
    organisationId: organisationRef(),
    moduleId: uuid('module_id')
      .notNull()
      .references(() => productModules.id),
    productVersionId: uuid('product_version_id')
      .notNull()
      .references(() => aiProductVersions.id),
    /** 1, 2, … per module. */
    number: integer('number').notNull(),
    /** As learners read it: [{ requirementId, statement, markdown }]. */
    sections: jsonb('sections').notNull(),
    /** The Embedders' own content it was made from (requirement id → Markdown), to copy forward. */
    content: jsonb('content').notNull(),
    knowledgeCheck: jsonb('knowledge_check').notNull(),
    /** SHA-256 of the sections and knowledge check: the same text twice is the same revision. */
    contentHash: text('content_hash').notNull(),
    publishedBy: personRef('published_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('product_module_revisions_number_unique').on(t.moduleId, t.number)],
);

/** A learner's attempt at a module's knowledge check, with the product version it taught and the revision they saw. Immutable. */
export const moduleAttempts = pgTable(
  'module_attempts',
  {
    id: id(),
    organisationId: organisationRef(),
    personId: personRef('person_id'),
    moduleId: uuid('module_id')
      .notNull()
      .references(() => productModules.id),
    productVersionId: uuid('product_version_id')
      .notNull()
      .references(() => aiProductVersions.id),
    /** The revision the learner read and answered; null only for attempts recorded before revisions were kept. */
    revisionId: uuid('revision_id').references(() => productModuleRevisions.id),
    answers: jsonb('answers').notNull(),
    correct: integer('correct').notNull(),
    total: integer('total').notNull(),
    passed: boolean('passed').notNull(),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('module_attempts_person_idx').on(t.personId, t.productVersionId)],
);
