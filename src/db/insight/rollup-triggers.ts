import type { RollupFact, RollupSpec } from './rollup-specs.ts';

/**
 * Generates the SQL that keeps the insight rollups (docs/scale.md §2.2–§2.4, §2.7): for each
 * contribution table, statement-level delta triggers (−old, +new over the transition tables), and the
 * recount that rebuilds a rollup from its contribution table. Both share one expansion of a row into
 * its rollup cells, so a rebuilt rollup and a trigger-kept one cannot disagree by construction.
 */

/** The first day of the UK month of now: the month a live delta is added to. */
export const CURRENT_UK_MONTH = `date_trunc('month', now() AT TIME ZONE 'Europe/London')::date`;

/** Each (dimension, value) pair a row counts in: everyone, each archetype held, and each other dimension. */
const BREAKDOWNS = `unnest(
           ARRAY['all', 'professional_group', 'setting', 'clinical', 'organisation_kind'] || array_fill('archetype'::text, ARRAY[cardinality(r.archetypes)]),
           ARRAY['*', coalesce(r.professional_group, ''), coalesce(r.setting, ''), r.clinical_decision_making::text, r.organisation_kind] || r.archetypes
         ) AS b(dimension, value)`;

const valueOf = (fact: RollupFact, column: string) => fact.values?.[column] ?? `r.${column}`;

/** The rollup's key columns, in primary key order, with `month` last when it has one. */
export function keyColumns(spec: RollupSpec, monthly: boolean): string[] {
  return ['organisation_id', 'dimension', 'value', ...spec.key, 'synthetic', ...(monthly ? ['month'] : [])];
}

const nonZero = (spec: RollupSpec, prefix = '') => spec.counts.map((c) => `sum(${prefix}${c}) <> 0`).join(' OR ');

/**
 * CTEs ending in `deltas`: the rows of `rows` (a query giving `sign`, the contribution columns and,
 * when `month` is true, a `month` column) summed per rollup cell of the row's organisation and each
 * of its ancestors. Net-zero cells are dropped before the closure join and again after it. The
 * ancestors are fetched by index for the few organisations a write touches, whatever the planner
 * estimates for a transition table (a hash join would scan the whole closure, ~37,500 rows nationally).
 */
export function deltasCte(spec: RollupSpec, rows: string, month: boolean): string {
  const cells = spec.facts.map((fact) => {
    const columns = [
      'r.organisation_id',
      'b.dimension',
      'b.value',
      ...spec.key.map((k) => `${valueOf(fact, k)} AS ${k}`),
      'r.synthetic',
      ...(month ? ['r.month'] : []),
      ...spec.counts.map((c) => `r.sign * (${valueOf(fact, c)}) AS ${c}`),
    ];
    return `SELECT ${columns.join(', ')}
      FROM (${rows}) r
      CROSS JOIN LATERAL ${BREAKDOWNS}
     WHERE r.counted${fact.where ? ` AND ${fact.where}` : ''}`;
  });
  const keys = keyColumns(spec, month);
  const rest = keys.slice(1);
  return `cells AS (
    ${cells.join('\n    UNION ALL\n    ')}
  ), leaf AS (
    SELECT ${keys.join(', ')}, ${spec.counts.map((c) => `sum(${c}) AS ${c}`).join(', ')}
      FROM cells
     GROUP BY ${keys.join(', ')}
    HAVING ${nonZero(spec)}
  ), ancestors AS (
    SELECT a.descendant_id, a.ancestor_id
      FROM organisation_closure a
     WHERE a.descendant_id = ANY (ARRAY(SELECT DISTINCT organisation_id FROM leaf))
  ), deltas AS MATERIALIZED (
    SELECT a.ancestor_id AS organisation_id, ${rest.map((k) => `l.${k}`).join(', ')}, ${spec.counts.map((c) => `sum(l.${c}) AS ${c}`).join(', ')}
      FROM leaf l
      JOIN ancestors a ON a.descendant_id = l.organisation_id
     GROUP BY a.ancestor_id, ${rest.map((k) => `l.${k}`).join(', ')}
    HAVING ${nonZero(spec, 'l.')}
  )`;
}

/**
 * Adds `deltas` to `table`, in primary key order so concurrent writers wait rather than deadlock.
 * `month` is the SQL for the month column of a monthly twin, or null for the rollup itself.
 */
export function addDeltas(spec: RollupSpec, table: string, month: string | null): string {
  const keys = keyColumns(spec, month !== null);
  const selected = [...keyColumns(spec, false), ...(month === null ? [] : [`${month} AS month`]), ...spec.counts];
  return `INSERT INTO ${table} AS t (${[...keys, ...spec.counts].join(', ')})
    SELECT ${selected.join(', ')} FROM deltas ORDER BY ${keys.join(', ')}
    ON CONFLICT (${keys.join(', ')}) DO UPDATE
      SET ${spec.counts.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ')}`;
}

/** Adds the deltas of `rows` to the rollup and to its monthly twin under the current UK month. */
function applyDeltas(spec: RollupSpec, rows: string): string {
  return `WITH ${deltasCte(spec, rows, false)}, totals AS (
    ${addDeltas(spec, spec.rollup, null)}
  )
  ${addDeltas(spec, `${spec.rollup}_monthly`, CURRENT_UK_MONTH)};`;
}

export const deltaFunctionName = (spec: RollupSpec) => `insight_rollup_${spec.source}`;

/**
 * One transaction-scoped advisory lock taken before any rollup delta is applied. Without it, two
 * writers each running two delta statements (an upsert fires the INSERT and the UPDATE trigger;
 * a profile change moves people and then topic levels) lock shared ancestor cells in crossed
 * orders and deadlock: 16 of 320 concurrent factor-page saves on PostgreSQL did. With it, writers
 * of rollups queue from their first delta to their commit (a rating write holds it for milliseconds).
 */
export const ROLLUP_LOCK = `pg_advisory_xact_lock(hashtext('insight_rollups'))`;

/** The delta function and its three statement-level triggers (transition tables allow one event per trigger). */
export function deltaTriggerSql(spec: RollupSpec): string[] {
  const fn = deltaFunctionName(spec);
  const inserted = 'SELECT 1 AS sign, n.* FROM new_rows n WHERE n.counted';
  const deleted = 'SELECT -1 AS sign, o.* FROM old_rows o WHERE o.counted';
  return [
    `-- ${spec.source} → ${spec.rollup} and ${spec.rollup}_monthly: every change is −old + new.
CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ${ROLLUP_LOCK};
  IF TG_OP = 'INSERT' THEN
  ${applyDeltas(spec, inserted)}
  ELSIF TG_OP = 'UPDATE' THEN
  ${applyDeltas(spec, `${deleted} UNION ALL SELECT 1 AS sign, n.* FROM new_rows n WHERE n.counted`)}
  ELSE
  ${applyDeltas(spec, deleted)}
  END IF;
  RETURN NULL;
END;
$$;`,
    `CREATE TRIGGER ${spec.source}_rollup_insert AFTER INSERT ON ${spec.source}
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();`,
    `CREATE TRIGGER ${spec.source}_rollup_update AFTER UPDATE ON ${spec.source}
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();`,
    `CREATE TRIGGER ${spec.source}_rollup_delete AFTER DELETE ON ${spec.source}
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}();`,
  ];
}

/**
 * Recounts run over every contribution row, usually just after a bulk load, before statistics exist:
 * enough memory to aggregate by hash, and no sort of millions of rows chosen on a bad estimate.
 */
export const BULK = `SET work_mem = '256MB' SET enable_sort = off`;

const DIMENSION_COLUMNS = ['organisation_id', 'archetypes', 'professional_group', 'setting', 'clinical_decision_making', 'organisation_kind', 'counted', 'synthetic'];

/**
 * `rows` with its rows that count alike folded into one, `sign` summed: a recount over millions of
 * contribution rows then expands a few thousand groups into cells instead of every row.
 */
export function folded(spec: RollupSpec, rows: string, month: boolean): string {
  const used = spec.facts.flatMap((fact) => [...spec.key, ...spec.counts].map((c) => valueOf(fact, c)).concat(fact.where ?? ''));
  const referenced = used.flatMap((expression) => [...expression.matchAll(/\br\.([a-z_]+)/g)].map((m) => m[1]!));
  const columns = [...new Set([...DIMENSION_COLUMNS, ...referenced, ...(month ? ['month'] : [])])];
  return `SELECT sum(x.sign) AS sign, ${columns.map((c) => `x.${c}`).join(', ')}
      FROM (${rows}) x
     GROUP BY ${columns.map((c) => `x.${c}`).join(', ')}`;
}

/** Recounts one rollup from its contribution table (statements for a plpgsql body). */
export function rebuildRollupSql(spec: RollupSpec): string {
  const keys = keyColumns(spec, false);
  return `DELETE FROM ${spec.rollup};
  WITH ${deltasCte(spec, folded(spec, `SELECT 1 AS sign, s.* FROM ${spec.source} s WHERE s.counted`, false), false)}
  INSERT INTO ${spec.rollup} (${[...keys, ...spec.counts].join(', ')})
  SELECT ${[...keys, ...spec.counts].join(', ')} FROM deltas ORDER BY ${keys.join(', ')};`;
}

/**
 * Adds to the current UK month whatever makes a monthly twin sum to its rollup (statements for a
 * plpgsql body): after a recount, or a bulk load made with triggers off, the trend stays additive.
 */
export function reconcileMonthlySql(spec: RollupSpec): string {
  const keys = keyColumns(spec, false);
  const gap = spec.counts.map((c) => `coalesce(k.${c}, 0) - coalesce(m.${c}, 0) AS ${c}`).join(', ');
  return `WITH months AS (
    SELECT ${keys.join(', ')}, ${spec.counts.map((c) => `sum(${c}) AS ${c}`).join(', ')}
      FROM ${spec.rollup}_monthly GROUP BY ${keys.join(', ')}
  ), gap AS (
    SELECT ${keys.join(', ')}, ${gap}
      FROM ${spec.rollup} k FULL JOIN months m USING (${keys.join(', ')})
  ), deltas AS (
    SELECT * FROM gap WHERE ${spec.counts.map((c) => `${c} <> 0`).join(' OR ')}
  )
  ${addDeltas(spec, `${spec.rollup}_monthly`, CURRENT_UK_MONTH)};`;
}
