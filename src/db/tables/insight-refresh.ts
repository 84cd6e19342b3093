import { integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Progress of the bulk refresh of every person's insight contribution rows (docs/scale.md §2.8),
 * per framework version whose standing it works out: organisations are walked in id order, one
 * per transaction, so a refresh that stops resumes after `last_organisation_id`. Pages read it to
 * say how far the figures for a new version have got. Names no person.
 */
export const insightRefresh = pgTable(
  'insight_refresh',
  {
    frameworkId: text('framework_id').notNull(),
    frameworkVersion: text('framework_version').notNull(),
    organisationsDone: integer('organisations_done').notNull().default(0),
    organisationsTotal: integer('organisations_total').notNull(),
    /** The last organisation refreshed, in id order; null before the first. */
    lastOrganisationId: uuid('last_organisation_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.frameworkId, t.frameworkVersion] })],
);
