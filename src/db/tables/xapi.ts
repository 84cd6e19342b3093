import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, people } from './people.ts';

/**
 * Credentials a learning platform (NHS Learning Hub, a supplier's e-learning) uses to send xAPI
 * statements to the hub's learning record store (issue 16 §1). Organisation admins issue and revoke
 * them; each is scoped to the organisation that issued it. The secret is shown once and only its
 * SHA-256 is kept, like session tokens: a database reader cannot send statements.
 */
export const lrsKeys = pgTable(
  'lrs_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The HTTP Basic user name: not secret, and the `account.name` of the statements' authority. */
    keyName: text('key_name').notNull(),
    secretHash: text('secret_hash').notNull(),
    /** The platform the key was issued to, as learners see it ("completed on NHS Learning Hub"). */
    platform: text('platform').notNull(),
    createdBy: uuid('created_by').references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => people.id),
  },
  (t) => [uniqueIndex('lrs_keys_key_name_unique').on(t.keyName), index('lrs_keys_organisation_idx').on(t.organisationId)],
);

/**
 * Completed and passed statements waiting to move learners' journeys on (issue 16 §1). The LRS
 * queues them in the transaction that stores them, and they are applied after it commits (planning
 * reads outside any transaction), so a crash in between loses nothing: the server drains what is
 * left. Rows go once applied; each holds only the parts of the statement the matching reads.
 */
export const platformCompletionQueue = pgTable(
  'platform_completion_queue',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    keyId: uuid('key_id')
      .notNull()
      .references(() => lrsKeys.id),
    platform: text('platform').notNull(),
    statementId: uuid('statement_id').notNull(),
    /** id, actor, verb, object and result of the statement. */
    statement: jsonb('statement').notNull(),
    enqueuedAt: timestamp('enqueued_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
  },
  (t) => [uniqueIndex('platform_completion_queue_statement_unique').on(t.organisationId, t.statementId), index('platform_completion_queue_due_idx').on(t.nextAttemptAt)],
);
