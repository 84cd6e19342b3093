import { sql } from 'drizzle-orm';
import { ROLLUP_SPECS } from '../../src/db/insight/rollup-specs.ts';
import { keyColumns } from '../../src/db/insight/rollup-triggers.ts';
import type { RollupSpec } from '../../src/db/insight/rollup-specs.ts';
import type { TestHub } from './test-hub.ts';

/**
 * An independent recount of the insight rollups in TypeScript, from the contribution tables and the
 * organisation closure, for comparing with what the triggers keep (docs/scale.md §7).
 */
type Row = Record<string, unknown>;
type Fact = { key: Row; counts: Record<string, number> };
export type Cells = Map<string, Record<string, number>>;

/** The rollup cells one contribution row adds to, per rollup (written apart from the SQL generator). */
const FACTS: Record<string, (r: Row) => Fact[]> = {
  insight_people: () => [{ key: {}, counts: { people: 1 } }],
  insight_topic_levels: (r) =>
    (['self', 'verified'] as const)
      .filter((basis) => r[`${basis}_level`] !== null)
      .map((basis) => ({ key: { framework_id: r.framework_id, topic_id: r.topic_id, basis, level: r[`${basis}_level`] }, counts: { people: 1 } })),
  insight_requirements: (r) => [
    {
      key: { framework_id: r.framework_id, framework_version: r.framework_version, tier: r.tier, archetype: r.archetype, factor: r.factor },
      counts: { people: 1, applicable: Number(r.applicable), met_self: Number(r.met_self), met_verified: Number(r.met_verified) },
    },
  ],
  insight_training: (r) => [{ key: { product_id: r.product_id, deployment_id: r.deployment_id, state: r.state, started: r.started, due_on: r.due_on }, counts: { people: 1 } }],
  insight_journeys: (r) => [
    {
      key: { framework_id: r.framework_id },
      counts: {
        people_with_journey: Number(r.has_journey), journeys_started: Number(r.started), items_planned: Number(r.items_planned),
        items_completed: Number(r.items_completed), minutes_planned: Number(r.minutes_planned), minutes_done: Number(r.minutes_done),
      },
    },
  ],
};

/** Rollups kept for everyone only (topic levels are never read by breakdown). */
const EVERYONE_ONLY = new Set(['insight_topic_levels']);

const breakdowns = (rollup: string, r: Row): Array<[string, string]> => EVERYONE_ONLY.has(rollup) ? [['all', '*']] : [
  ['all', '*'],
  ...(r.archetypes as string[]).map((a): [string, string] => ['archetype', a]),
  ['professional_group', (r.professional_group as string | null) ?? ''],
  ['setting', (r.setting as string | null) ?? ''],
  ['clinical', String(r.clinical_decision_making)],
  ['organisation_kind', r.organisation_kind as string],
];

const cellKey = (spec: RollupSpec, values: Row) => JSON.stringify(keyColumns(spec, false).map((k) => values[k]));

function add(cells: Cells, key: string, counts: Record<string, number>) {
  const cell = cells.get(key) ?? {};
  for (const [c, n] of Object.entries(counts)) cell[c] = (cell[c] ?? 0) + n;
  cells.set(key, cell);
}

const nonZero = (cells: Cells): Cells => new Map([...cells].filter(([, counts]) => Object.values(counts).some((n) => n !== 0)).sort(([a], [b]) => a.localeCompare(b)));

async function jsonRows(hub: TestHub, table: string, where = 'true'): Promise<Row[]> {
  const result = (await hub.database.db.execute(sql.raw(`select to_jsonb(t) as j from ${table} t where ${where}`))) as unknown as { rows: Array<{ j: Row }> };
  return result.rows.map((r) => r.j);
}

export interface Recount {
  /** Per rollup: cells keyed by the rollup key (ancestor organisation first). */
  byAncestor: Map<string, Cells>;
  /** Per rollup: cells of each organisation's own people only (no ancestors). */
  ownPeople: Map<string, Cells>;
}

/** Applies every queued change (docs/scale.md §2.10), so the rollups hold every committed write. */
export async function settleInsightQueue(hub: TestHub): Promise<void> {
  await hub.database.db.execute(sql`select insight_settle_pending()`);
}

export async function recountRollups(hub: TestHub): Promise<Recount> {
  await settleInsightQueue(hub);
  const closure = await jsonRows(hub, 'organisation_closure');
  const ancestors = new Map<string, string[]>();
  for (const c of closure) ancestors.set(c.descendant_id as string, [...(ancestors.get(c.descendant_id as string) ?? []), c.ancestor_id as string]);
  const byAncestor = new Map<string, Cells>();
  const ownPeople = new Map<string, Cells>();
  for (const spec of ROLLUP_SPECS) {
    const all: Cells = new Map();
    const own: Cells = new Map();
    for (const r of await jsonRows(hub, spec.source, 'counted')) {
      for (const fact of FACTS[spec.rollup]!(r)) {
        for (const [dimension, value] of breakdowns(spec.rollup, r)) {
          const at = (organisation: string) => cellKey(spec, { organisation_id: organisation, dimension, value, synthetic: r.synthetic, ...fact.key });
          for (const ancestor of ancestors.get(r.organisation_id as string) ?? []) add(all, at(ancestor), fact.counts);
          add(own, at(r.organisation_id as string), fact.counts);
        }
      }
    }
    byAncestor.set(spec.rollup, nonZero(all));
    ownPeople.set(spec.rollup, nonZero(own));
  }
  return { byAncestor, ownPeople };
}

/** A rollup table (or a monthly twin summed over months) as cells, zero rows left out. */
export async function keptCells(hub: TestHub, spec: RollupSpec, table = spec.rollup): Promise<Cells> {
  await settleInsightQueue(hub);
  const cells: Cells = new Map();
  for (const r of await jsonRows(hub, table)) add(cells, cellKey(spec, r), Object.fromEntries(spec.counts.map((c) => [c, Number(r[c])])));
  return nonZero(cells);
}
