import { readFileSync } from 'node:fs';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../src/db/schema.ts';

/**
 * scripts/citus/distribute.sql is not run by CI (nothing Citus-specific is needed to run), so this
 * keeps it honest: every table appears once, and each distribution column exists, except the
 * columns docs/scale.md §4.3 says the Citus migration adds.
 */
const ADDED_BY_THE_CITUS_MIGRATION = new Set([
  'local_credentials.organisation_id',
  'person_view_versions.organisation_id',
  'evidence_files.organisation_id',
  'ai_mdt_products.organisation_id',
  'ai_mdt_organisations.owner_organisation_id',
]);

const script = readFileSync(new URL('../scripts/citus/distribute.sql', import.meta.url), 'utf8');
const calls = [...script.matchAll(/create_(reference|distributed)_table\('([a-z_]+)'(?:,\s*'([a-z_]+)')?/g)].map((m) => ({
  kind: m[1],
  table: m[2] as string,
  column: m[3],
}));
const tables = new Map(
  (Object.values(schema) as unknown[])
    .filter((value): value is PgTable => value instanceof PgTable)
    .map((table) => {
      const config = getTableConfig(table);
      return [config.name, new Set(config.columns.map((c) => c.name))] as const;
    }),
);

describe('the Citus distribution script', () => {
  it('names every table of the schema exactly once', () => {
    const named = calls.map((c) => c.table);
    expect(new Set(named).size).toBe(named.length);
    expect([...named].sort()).toEqual([...tables.keys()].sort());
  });

  it('distributes each table by a column it has, or one the Citus migration adds', () => {
    const missing = calls
      .filter((c) => c.kind === 'distributed' && !tables.get(c.table)?.has(c.column ?? ''))
      .map((c) => `${c.table}.${c.column}`);
    expect(missing.sort()).toEqual([...ADDED_BY_THE_CITUS_MIGRATION].sort());
  });
});
