import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { insightRollupMigration } from './rollup-migration.ts';

// Found by name: the lead renumbers migrations at merge.
const MIGRATIONS = new URL('../migrations/', import.meta.url);
const file = readdirSync(MIGRATIONS).find((name) => name.endsWith('_insight_rollups.sql'));

describe('the insight rollups migration', () => {
  it('is exactly what the generator produces (regenerate: node bin/run-ts.mjs scripts/insight-rollup-sql.ts)', () => {
    expect(file).toBeDefined();
    expect(readFileSync(new URL(file!, MIGRATIONS), 'utf8')).toBe(insightRollupMigration());
  });

  it('has a delta trigger per event on every contribution table', () => {
    const sql = insightRollupMigration();
    for (const table of ['insight_person_dims', 'current_topic_levels', 'person_requirement_standing', 'person_training_currency', 'person_journey_progress']) {
      for (const event of ['insert', 'update', 'delete']) expect(sql).toContain(`CREATE TRIGGER ${table}_rollup_${event} AFTER ${event.toUpperCase()} ON ${table}`);
    }
  });
});
