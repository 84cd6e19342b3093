import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROLLUP_SPECS } from './rollup-specs.ts';
import { insightRollupMigration } from './rollup-migration.ts';

// Found by name: the lead renumbers migrations at merge. 0036_insight_rollups.sql is the first
// version, kept as it was applied; this generator now writes the queue migration that replaced it.
const MIGRATIONS = new URL('../migrations/', import.meta.url);
const file = readdirSync(MIGRATIONS).find((name) => name.endsWith('_insight_rollup_queue.sql'));

describe('the insight rollup queue migration', () => {
  it('is exactly what the generator produces (regenerate: node bin/run-ts.mjs scripts/insight-rollup-sql.ts)', () => {
    expect(file).toBeDefined();
    expect(readFileSync(new URL(file!, MIGRATIONS), 'utf8')).toBe(insightRollupMigration());
  });

  it('replaces every contribution table’s trigger function with one that only queues', () => {
    const sql = insightRollupMigration();
    for (const spec of ROLLUP_SPECS) {
      const body = sql.slice(sql.indexOf(`FUNCTION insight_rollup_${spec.source}()`));
      const fn = body.slice(0, body.indexOf('$$;'));
      expect(fn).toContain('INSERT INTO insight_pending');
      expect(fn).not.toContain(spec.rollup);
      expect(fn).not.toContain('advisory');
    }
  });
});
