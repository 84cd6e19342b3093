import type { RollupFact, RollupSpec } from './rollup-specs.ts';

/**
 * Generates the SQL that adds contribution rows to the insight rollups (docs/scale.md §2.2–§2.4,
 * §2.7): the expansion of signed rows (−old, +new) into the cells of their organisation and every
 * ancestor, and the recount that rebuilds a rollup from its contribution table. The queue's drainer
 * (rollup-queue.ts) and the recount share that one expansion, so a rebuilt rollup and a kept one
 * cannot disagree by construction.
 */

/** The first day of the UK month of now: the month a live delta is added to. */
export const CURRENT_UK_MONTH = `date_trunc('month', now() AT TIME ZONE 'Europe/London')::date`;

/** Each (dimension, value) pair a row counts in: everyone, each archetype held, and each other dimension. */
const EVERY_BREAKDOWN = `unnest(
           ARRAY['all', 'professional_group', 'setting', 'clinical', 'organisation_kind'] || array_fill('archetype'::text, ARRAY[cardinality(r.archetypes)]),
           ARRAY['*', coalesce(r.professional_group, ''), coalesce(r.setting, ''), r.clinical_decision_making::text, r.organisation_kind] || r.archetypes
         ) AS b(dimension, value)`;
const EVERYONE_ONLY = `(VALUES ('all'::text, '*'::text)) AS b(dimension, value)`;
const breakdownsOf = (spec: RollupSpec) => (spec.breakdowns === 'every' ? EVERY_BREAKDOWN : EVERYONE_ONLY);

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
export function deltasCte(spec: RollupSpec, rows: string, month: boolean, prefix = ''): string {
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
      CROSS JOIN LATERAL ${breakdownsOf(spec)}
     WHERE r.counted${fact.where ? ` AND ${fact.where}` : ''}`;
  });
  const keys = keyColumns(spec, month);
  const rest = keys.slice(1);
  return `${prefix}cells AS (
    ${cells.join('\n    UNION ALL\n    ')}
  ), ${prefix}leaf AS (
    SELECT ${keys.join(', ')}, ${spec.counts.map((c) => `sum(${c}) AS ${c}`).join(', ')}
      FROM ${prefix}cells
     GROUP BY ${keys.join(', ')}
    HAVING ${nonZero(spec)}
  ), ${prefix}ancestors AS (
    SELECT a.descendant_id, a.ancestor_id
      FROM organisation_closure a
     WHERE a.descendant_id = ANY (ARRAY(SELECT DISTINCT organisation_id FROM ${prefix}leaf))
  ), ${prefix}deltas AS MATERIALIZED (
    SELECT a.ancestor_id AS organisation_id, ${rest.map((k) => `l.${k}`).join(', ')}, ${spec.counts.map((c) => `sum(l.${c}) AS ${c}`).join(', ')}
      FROM ${prefix}leaf l
      JOIN ${prefix}ancestors a ON a.descendant_id = l.organisation_id
     GROUP BY a.ancestor_id, ${rest.map((k) => `l.${k}`).join(', ')}
    HAVING ${nonZero(spec, 'l.')}
  )`;
}

/** Adds the counts of `select` (key columns in primary key order, then the counts) to `table`'s cells. */
export function upsertCounts(spec: RollupSpec, table: string, monthly: boolean, select: string): string {
  const keys = keyColumns(spec, monthly);
  return `INSERT INTO ${table} AS t (${[...keys, ...spec.counts].join(', ')})
    ${select}
    ON CONFLICT (${keys.join(', ')}) DO UPDATE
      SET ${spec.counts.map((c) => `${c} = t.${c} + excluded.${c}`).join(', ')}`;
}

/**
 * Adds `deltas` to `table`, in primary key order so concurrent writers wait rather than deadlock.
 * `month` is the SQL for the month column of a monthly twin, or null for the rollup itself.
 */
export function addDeltas(spec: RollupSpec, table: string, month: string | null): string {
  const keys = keyColumns(spec, month !== null);
  const selected = [...keyColumns(spec, false), ...(month === null ? [] : [`${month} AS month`]), ...spec.counts];
  return upsertCounts(spec, table, month !== null, `SELECT ${selected.join(', ')} FROM deltas ORDER BY ${keys.join(', ')}`);
}

/**
 * The one lock every applier of rollup deltas takes for its transaction (the queue's drainer and
 * the rebuilds): without it two appliers lock shared ancestor cells in crossed orders and deadlock.
 * Writers of contribution rows never take it: they only queue their changes (rollup-queue.ts).
 */
/** Each contribution table's trigger function (its three statement triggers call it). */
export const deltaFunctionName = (spec: RollupSpec) => `insight_rollup_${spec.source}`;

export const ROLLUP_LOCK_KEY = `hashtext('insight_rollups')`;
export const ROLLUP_LOCK = `pg_advisory_xact_lock(${ROLLUP_LOCK_KEY})`;

/**
 * Recounts run over every contribution row, usually just after a bulk load, before statistics exist:
 * enough memory to aggregate by hash, and no sort of millions of rows chosen on a bad estimate.
 */
export const BULK = `SET work_mem = '256MB' SET enable_sort = off`;

const DIMENSION_COLUMNS = ['organisation_id', 'archetypes', 'professional_group', 'setting', 'clinical_decision_making', 'organisation_kind', 'counted', 'synthetic'];

/** The contribution row's columns a rollup cell depends on: no person id, nothing else. */
export function contributingColumns(spec: RollupSpec): string[] {
  const used = spec.facts.flatMap((fact) => [...spec.key, ...spec.counts].map((c) => valueOf(fact, c)).concat(fact.where ?? ''));
  const referenced = used.flatMap((expression) => [...expression.matchAll(/\br\.([a-z_]+)/g)].map((m) => m[1]!));
  return [...new Set([...DIMENSION_COLUMNS, ...referenced])];
}

/**
 * `rows` with its rows that count alike folded into one, `sign` summed: a recount over millions of
 * contribution rows then expands a few thousand groups into cells instead of every row.
 */
export function folded(spec: RollupSpec, rows: string, month: boolean): string {
  const columns = [...contributingColumns(spec), ...(month ? ['month'] : [])];
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
