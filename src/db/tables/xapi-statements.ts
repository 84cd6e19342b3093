import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './bytea.ts';
import { organisations } from './people.ts';

/**
 * Statements learning platforms sent to an organisation's learning record store (issue 16 §1,
 * 9274.1.1 §4.1.6.1). Each organisation is its own LRS, so its id leads every key. `statement` is the
 * statement as the LRS returns it (with id, stored, authority, timestamp and version filled in); the
 * other columns exist only for the GET filters. `seq` orders statements for paging: it is assigned at
 * insert, so a `more` link can pin the result set to what existed when the query first ran.
 */
export const xapiStatements = pgTable(
  'xapi_statements',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: uuid('id').notNull(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    statement: jsonb('statement').notNull(),
    stored: timestamp('stored', { withTimezone: true, precision: 3 }).notNull(),
    timestamp: timestamp('timestamp', { withTimezone: true, precision: 3 }).notNull(),
    verbId: text('verb_id').notNull(),
    actorIfi: text('actor_ifi'),
    objectActivityId: text('object_activity_id'),
    /** The statement a StatementRef object points at: filters follow it, voiding uses it. */
    objectStatementRef: uuid('object_statement_ref'),
    registration: uuid('registration'),
    /** Whether this statement voids another (verb http://adlnet.gov/expapi/verbs/voided). */
    voiding: boolean('voiding').notNull().default(false),
    /** Whether a voiding statement voided this one: queries leave it out, voidedStatementId finds it. */
    voided: boolean('voided').notNull().default(false),
    lrsKeyId: uuid('lrs_key_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    index('xapi_statements_seq_idx').on(t.organisationId, t.seq),
    index('xapi_statements_stored_idx').on(t.organisationId, t.stored),
    index('xapi_statements_verb_idx').on(t.organisationId, t.verbId),
    index('xapi_statements_actor_idx').on(t.organisationId, t.actorIfi),
    index('xapi_statements_activity_idx').on(t.organisationId, t.objectActivityId),
    index('xapi_statements_registration_idx').on(t.organisationId, t.registration).where(sql`registration is not null`),
    index('xapi_statements_ref_idx').on(t.organisationId, t.objectStatementRef).where(sql`object_statement_ref is not null`),
  ],
);

/**
 * Every agent (by IFI) and activity a statement names, one row per (statement, kind, value): the
 * `agent`/`activity` filters match the `narrow` rows (actor or object, group members included), the
 * `related_agents`/`related_activities` filters match all of them (context, authority, SubStatement).
 */
export const xapiStatementTerms = pgTable(
  'xapi_statement_terms',
  {
    organisationId: uuid('organisation_id').notNull(),
    statementId: uuid('statement_id').notNull(),
    kind: text('kind', { enum: ['agent', 'activity'] }).notNull(),
    value: text('value').notNull(),
    narrow: boolean('narrow').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.kind, t.value, t.statementId, t.narrow] }),
    index('xapi_statement_terms_statement_idx').on(t.organisationId, t.statementId),
  ],
);

/** Attachment content, once per organisation and SHA-2 hash (statements refer to it by `sha2`). */
export const xapiAttachments = pgTable(
  'xapi_attachments',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    sha2: text('sha2').notNull(),
    contentType: text('content_type').notNull(),
    length: integer('length').notNull(),
    content: bytea('content').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.sha2] })],
);
