import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { learningResources } from './catalogue.ts';
import { createdAt, id, organisationRef, personRef } from './people.ts';

export const TEMPLATE_STATUSES = ['draft', 'published', 'retired'] as const;

/** An educator's curated journey ("Foundational AI for all staff"): resources in order. */
export const journeyTemplates = pgTable(
  'journey_templates',
  {
    id: id(),
    organisationId: organisationRef(),
    frameworkId: text('framework_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** Archetypes it is meant for; empty means everyone. */
    audienceArchetypes: text('audience_archetypes').array().notNull(),
    status: text('status', { enum: TEMPLATE_STATUSES }).notNull().default('draft'),
    sample: boolean('sample').notNull().default(false),
    createdBy: personRef('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('journey_templates_status_idx').on(t.status)],
);

export const journeyTemplateItems = pgTable(
  'journey_template_items',
  {
    templateId: uuid('template_id')
      .notNull()
      .references(() => journeyTemplates.id),
    position: integer('position').notNull(),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => learningResources.id),
  },
  (t) => [index('journey_template_items_template_idx').on(t.templateId, t.position)],
);

/**
 * A learner's journey. A person has at most one active journey; generating a new one archives the
 * old, so plans are history, not overwritten. `settings` holds the budget, hours per week and
 * preferences it was planned with; `planner` what the optimiser reported.
 */
export const journeys = pgTable(
  'journeys',
  {
    id: id(),
    organisationId: organisationRef(),
    personId: personRef('person_id'),
    frameworkId: text('framework_id').notNull(),
    frameworkVersion: text('framework_version').notNull(),
    templateId: uuid('template_id').references(() => journeyTemplates.id),
    status: text('status', { enum: ['active', 'archived'] }).notNull().default('active'),
    settings: jsonb('settings').notNull(),
    planner: jsonb('planner').notNull(),
    /**
     * What the plan was made for (domain/journey/plan-scope.ts: framework version, subject → target),
     * to tell when a focus, profile or framework change has left it out of date. Null for journeys
     * planned before it was kept.
     */
    scope: jsonb('scope'),
    createdAt: createdAt(),
    replannedAt: timestamp('replanned_at', { withTimezone: true }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
  },
  (t) => [index('journeys_person_idx').on(t.personId, t.status), uniqueIndex('journeys_one_active_per_person').on(t.personId).where(sql`${t.status} = 'active'`)],
);

/**
 * One resource in a journey. Re-planning never deletes: items the new plan drops become
 * 'removed' (or 'swapped' when the learner chose an alternative) and new ones are added.
 */
export const journeyItems = pgTable(
  'journey_items',
  {
    id: id(),
    organisationId: organisationRef(),
    journeyId: uuid('journey_id')
      .notNull()
      .references(() => journeys.id),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => learningResources.id),
    position: integer('position').notNull(),
    /** Topic ids this item closes in the plan, with the level it brings each to. */
    closes: jsonb('closes').notNull(),
    status: text('status', { enum: ['planned', 'started', 'completed', 'removed', 'swapped'] }).notNull().default('planned'),
    /** 'team': asked for by an AI MDT's learning plan (ai_mdt_assignments); re-planning keeps it. */
    addedBecause: text('added_because', { enum: ['plan', 'swap', 'template', 'team'] }).notNull(),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** The learning platform whose xAPI statement completed it; null when the learner marked it. */
    completedOnPlatform: text('completed_on_platform'),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  // By resource: retiring one finds the learners with it still ahead in their journey.
  (t) => [index('journey_items_journey_idx').on(t.journeyId, t.status), index('journey_items_resource_idx').on(t.resourceId, t.status)],
);

/**
 * A level a learner claims on a topic by completing a resource: history, never overwritten. It
 * counts towards closing gaps in journeys; self-assessment and verification stay the learner's and
 * the supervisor's word.
 */
export const learningClaims = pgTable(
  'learning_claims',
  {
    id: id(),
    organisationId: organisationRef(),
    personId: personRef('person_id'),
    frameworkId: text('framework_id').notNull(),
    topicId: text('topic_id').notNull(),
    level: text('level').notNull(),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => learningResources.id),
    journeyItemId: uuid('journey_item_id').references(() => journeyItems.id),
    /**
     * The learning platform that reported the completion (an xAPI statement, issue 16 §1), and that
     * statement's id; null when the learner marked the resource completed themselves.
     */
    platform: text('platform'),
    statementId: uuid('statement_id'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('learning_claims_person_idx').on(t.personId, t.frameworkId, t.topicId)],
);
