import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, organisationRef, personRef } from './people.ts';

export const RESOURCE_FORMATS = ['e-learning', 'video', 'reading', 'podcast', 'course', 'workshop', 'webinar', 'fellowship', 'simulation', 'other'] as const;
export const RESOURCE_STATUSES = ['draft', 'published', 'retired'] as const;

/**
 * A learning resource curated by an organisation's educators. Published resources are visible to
 * everyone; drafts only to those who may curate the owning organisation. `version` counts changes
 * (optimistic concurrency) and every change is kept as a revision.
 */
export const learningResources = pgTable(
  'learning_resources',
  {
    id: id(),
    organisationId: organisationRef(),
    /** The framework whose topics the outcomes name. */
    frameworkId: text('framework_id').notNull(),
    title: text('title').notNull(),
    provider: text('provider').notNull(),
    url: text('url').notNull(),
    description: text('description').notNull(),
    format: text('format', { enum: RESOURCE_FORMATS }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    /** In pence (GBP); 0 is free. */
    costPence: integer('cost_pence').notNull().default(0),
    cpdAccredited: boolean('cpd_accredited').notNull().default(false),
    /** Who accredits it and for how much, e.g. "RCR CPD: 2 credits". */
    cpdDetail: text('cpd_detail'),
    /**
     * The xAPI activity id (an IRI) the learning platform uses for this resource: a completed or
     * passed statement about it completes it in the learner's journey (issue 16 §1).
     */
    activityId: text('activity_id'),
    /** R9: vendor-neutral material is told apart from a supplier's own. */
    vendorNeutral: boolean('vendor_neutral').notNull(),
    /** Archetypes it is written for; empty means everyone. */
    audienceArchetypes: text('audience_archetypes').array().notNull().default(sql`'{}'::text[]`),
    audienceNote: text('audience_note'),
    reviewDate: date('review_date', { mode: 'string' }),
    status: text('status', { enum: RESOURCE_STATUSES }).notNull().default('draft'),
    /** Demo catalogue entries, shown as sample data everywhere. */
    sample: boolean('sample').notNull().default(false),
    version: integer('version').notNull().default(1),
    createdBy: personRef('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [
    index('learning_resources_status_idx').on(t.status, t.frameworkId),
    index('learning_resources_organisation_idx').on(t.organisationId),
    // A statement names an activity; the hub finds the resources it completes.
    index('learning_resources_activity_idx').on(t.activityId).where(sql`${t.activityId} is not null`),
  ],
);

/** What a resource teaches: it brings a topic to a taxonomy level. */
export const learningResourceOutcomes = pgTable(
  'learning_resource_outcomes',
  {
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => learningResources.id),
    topicId: text('topic_id').notNull(),
    level: text('level').notNull(),
  },
  (t) => [primaryKey({ columns: [t.resourceId, t.topicId] }), index('learning_resource_outcomes_topic_idx').on(t.topicId)],
);

/** Resources to take first. */
export const learningResourcePrerequisites = pgTable(
  'learning_resource_prerequisites',
  {
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => learningResources.id),
    prerequisiteId: uuid('prerequisite_id')
      .notNull()
      .references(() => learningResources.id),
  },
  (t) => [primaryKey({ columns: [t.resourceId, t.prerequisiteId] })],
);

/** Every change to a resource, as the whole resource after the change. Immutable. */
export const learningResourceRevisions = pgTable(
  'learning_resource_revisions',
  {
    id: id(),
    organisationId: organisationRef(),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => learningResources.id),
    version: integer('version').notNull(),
    action: text('action', { enum: ['created', 'edited', 'published', 'retired', 'imported'] }).notNull(),
    changedBy: personRef('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    snapshot: jsonb('snapshot').notNull(),
    /** Why the change was made, where the educator must say (retiring a resource). */
    reason: text('reason'),
  },
  (t) => [index('learning_resource_revisions_resource_idx').on(t.resourceId, t.version)],
);
