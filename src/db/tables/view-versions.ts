import { bigint, check, pgTable, smallint, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * Version stamps for cached views. The database bumps them itself, by trigger, in the transaction
 * that changes the data (migration 0008), so no write path (page, API, CLI, another process) can
 * forget to, and every process sees the same stamp: a cached view is good while its stamp matches.
 */

/** Bumped by every change to a row about this person: ratings, profile, focus, evidence, journeys, products used… */
export const personViewVersions = pgTable('person_view_versions', {
  personId: uuid('person_id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});

/** One row, bumped by every change to what many people's views share: organisations, products, the catalogue. */
export const hubViewEpoch = pgTable(
  'hub_view_epoch',
  {
    id: smallint('id').primaryKey().default(1),
    version: bigint('version', { mode: 'number' }).notNull().default(0),
  },
  (t) => [check('hub_view_epoch_single_row', sql`${t.id} = 1`)],
);
