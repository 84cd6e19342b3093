import { boolean, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { organisationRef, personRef } from './people.ts';

/**
 * Each person's current level per topic, self-rated and verified (docs/scale.md §1.2): derived from
 * topic_ratings and verification_decisions by insert triggers (migration current_topic_levels_triggers),
 * so aggregates need not read history. The key begins with organisation_id, the distribution key on
 * Citus (§4). The dimension columns are filled from insight_person_dims when a row is inserted and
 * kept current by the person and profile triggers (migration insight_dimensions).
 */
export const currentTopicLevels = pgTable(
  'current_topic_levels',
  {
    organisationId: organisationRef(),
    personId: personRef('person_id'),
    frameworkId: text('framework_id').notNull(),
    topicId: text('topic_id').notNull(),
    /** Taxonomy level id or 'not-yet'; null until rated. */
    selfLevel: text('self_level'),
    /** The topic_ratings row the self level came from (verification requests name it). */
    selfRatingId: uuid('self_rating_id'),
    selfRatedAt: timestamp('self_rated_at', { withTimezone: true }),
    /** The framework version the latest self-rating was given against. */
    frameworkVersion: text('framework_version'),
    /** The latest confirmed or adjusted decision's level; null if none. */
    verifiedLevel: text('verified_level'),
    verifiedDecisionId: uuid('verified_decision_id'),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    archetypes: text('archetypes').array().notNull().default(sql`'{}'::text[]`),
    professionalGroup: text('professional_group'),
    setting: text('setting'),
    clinicalDecisionMaking: boolean('clinical_decision_making').notNull().default(false),
    organisationKind: text('organisation_kind').notNull(),
    /** An active person with a profile. */
    counted: boolean('counted').notNull().default(true),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.personId, t.frameworkId, t.topicId] })],
);
