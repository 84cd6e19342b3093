import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './bytea.ts';
import { createdAt, id, organisationRef, personRef } from './people.ts';

/**
 * Self-ratings, one row per rating ever given (history, never overwritten): a person's current
 * rating of a topic is the latest row. `level` is a taxonomy level id or 'not-yet'.
 * Range-partitioned by month on `rated_at` (migration topic_ratings_partitioned, docs/scale.md §1.3);
 * Drizzle cannot declare partitions, so only the columns and keys are here. The key must hold the
 * partition column, and starts with the organisation (the distribution key on Citus).
 */
export const topicRatings = pgTable(
  'topic_ratings',
  {
    id: uuid('id').notNull().defaultRandom(),
    organisationId: organisationRef(),
    personId: personRef('person_id'),
    frameworkId: text('framework_id').notNull(),
    /** The framework version the person was looking at when they rated. */
    frameworkVersion: text('framework_version').notNull(),
    topicId: text('topic_id').notNull(),
    level: text('level').notNull(),
    ratedAt: timestamp('rated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'topic_ratings_pkey', columns: [t.organisationId, t.id, t.ratedAt] }),
    index('topic_ratings_person_topic_idx').on(t.personId, t.frameworkId, t.topicId, t.ratedAt),
  ],
);

/**
 * R7: a supervisor narrows a person's advanced requirements for one archetype to some factors,
 * with a reason. Latest row per (person, archetype) wins; `factors` null clears the focus.
 */
export const advancedFocus = pgTable(
  'advanced_focus',
  {
    id: id(),
    organisationId: organisationRef(),
    personId: personRef('person_id'),
    archetype: text('archetype').notNull(),
    factors: text('factors').array(),
    reason: text('reason').notNull(),
    setBy: personRef('set_by'),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('advanced_focus_person_idx').on(t.personId, t.archetype, t.setAt)],
);

/**
 * Evidence a learner attaches to a topic: a note, a link or a file. A file's content lives in the
 * file store under `sha256`; the row is written only once the content is stored.
 */
export const evidence = pgTable(
  'evidence',
  {
    id: id(),
    organisationId: organisationRef(),
    personId: personRef('person_id'),
    frameworkId: text('framework_id').notNull(),
    topicId: text('topic_id').notNull(),
    kind: text('kind', { enum: ['note', 'link', 'file'] }).notNull(),
    title: text('title').notNull(),
    note: text('note'),
    url: text('url'),
    fileName: text('file_name'),
    mediaType: text('media_type'),
    sizeBytes: integer('size_bytes'),
    sha256: text('sha256'),
    createdAt: createdAt(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [index('evidence_person_topic_idx').on(t.personId, t.frameworkId, t.topicId)],
);

/**
 * Where file content lived before the file store. Rows are moved into the store at start
 * (services/verification/legacy-evidence-content.ts) and deleted once the stored copy's digest is
 * checked; a row stays only when its bytes do not match `evidence.sha256`. Nothing new is written here.
 */
export const evidenceFiles = pgTable('evidence_files', {
  evidenceId: uuid('evidence_id')
    .primaryKey()
    .references(() => evidence.id),
  content: bytea('content').notNull(),
});

/** A learner asks a supervisor to verify their current self-rating of a topic. */
export const verificationRequests = pgTable(
  'verification_requests',
  {
    id: id(),
    organisationId: organisationRef(),
    learnerId: personRef('learner_id'),
    supervisorId: personRef('supervisor_id'),
    frameworkId: text('framework_id').notNull(),
    topicId: text('topic_id').notNull(),
    /** The self-rating being verified: (organisation_id, rating_id, rating_rated_at) is its key. */
    ratingId: uuid('rating_id').notNull(),
    /** The rating's `rated_at`, which a key into the partitioned topic_ratings must name. */
    ratingRatedAt: timestamp('rating_rated_at', { withTimezone: true }).notNull(),
    message: text('message'),
    /** 'supervisor' when a supervisor verified the rating without being asked (the request records what was verified). */
    initiatedBy: text('initiated_by', { enum: ['learner', 'supervisor'] }).notNull().default('learner'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('verification_requests_supervisor_idx').on(t.supervisorId, t.requestedAt),
    index('verification_requests_learner_idx').on(t.learnerId),
    foreignKey({
      name: 'verification_requests_rating_fk',
      columns: [t.organisationId, t.ratingId, t.ratingRatedAt],
      foreignColumns: [topicRatings.organisationId, topicRatings.id, topicRatings.ratedAt],
    }),
  ],
);

/**
 * What closed a request: the supervisor's decision (confirmed, adjusted to another level with a
 * reason, or returned with a comment) or the learner withdrawing it ('withdrawn', decided by the
 * learner, no level). Immutable (a trigger refuses UPDATE and DELETE).
 */
export const verificationDecisions = pgTable(
  'verification_decisions',
  {
    id: id(),
    organisationId: organisationRef(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => verificationRequests.id),
    decidedBy: personRef('decided_by'),
    outcome: text('outcome', { enum: ['confirmed', 'adjusted', 'returned', 'withdrawn'] }).notNull(),
    /** The verified level (confirmed or adjusted); null when returned. */
    level: text('level'),
    comment: text('comment'),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('verification_decisions_one_per_request').on(t.requestId)],
);
