/**
 * The insight benchmark's measurements (docs/scale.md §6): view reads through the insight
 * service, the write cost of the rollup triggers, the same national figures by scanning history,
 * sizes, and a recount check.
 */
import pg from 'pg';
import { ratingScale } from '../../src/domain/assessment/requirement-status.ts';
import type { Hub } from '../../src/hub.ts';
import type { Viewer } from '../../src/services/identity/viewer.ts';

export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
export const percentile = (xs: readonly number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? NaN;

export interface ViewTimes {
  label: string;
  p50: number;
  p95: number;
}

async function timesOf(runs: number, read: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await read();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await read();
    times.push(performance.now() - start);
  }
  return times;
}

/** p50/p95 of each page's full service read for one organisation. */
export async function viewTimes(hub: Hub, viewer: Viewer, organisationId: string, runs: number): Promise<Record<'overview' | 'requirements' | 'topics', number[]>> {
  const insight = hub.services.insight;
  const o = { viewer, organisationId };
  return {
    overview: await timesOf(runs, () => insight.getInsightOverview(o)),
    requirements: await timesOf(runs, () => insight.getInsightRequirements(o)),
    topics: await timesOf(runs, () => insight.getInsightTopics({ ...o, basis: 'self' })),
  };
}

const SCAN = `
select l.topic_id, l.level, count(*)::int as people
  from (select distinct on (t.person_id, t.framework_id, t.topic_id) t.person_id, t.topic_id, t.level
          from topic_ratings t
         where t.framework_id = $1
         order by t.person_id, t.framework_id, t.topic_id, t.rated_at desc, t.id desc) l
  join people pe on pe.id = l.person_id and pe.status = 'active'
  join profiles p on p.person_id = l.person_id
 group by l.topic_id, l.level`;

const NATIONAL_ROLLUP = `
select topic_id, level, sum(people)::int as people from insight_topic_levels
 where organisation_id = $1 and dimension = 'all' and basis = 'self' and framework_id = $2
 group by topic_id, level having sum(people) > 0`;

type Cells = Array<{ topic_id: string; level: string; people: number }>;
const keyed = (rows: Cells) => new Map(rows.map((r) => [`${r.topic_id}/${r.level}`, r.people]));

/** The national self-level distribution by scanning history, timed; and whether it equals the rollup. */
export async function scanNational(url: string, nationId: string, frameworkId: string, runs: number): Promise<{ times: number[]; equal: boolean; cells: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const times: number[] = [];
    let scanned: Cells = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      scanned = (await client.query<Cells[number]>(SCAN, [frameworkId])).rows;
      times.push(performance.now() - start);
    }
    const rollup = keyed((await client.query<Cells[number]>(NATIONAL_ROLLUP, [nationId, frameworkId])).rows);
    const scan = keyed(scanned);
    const equal = scan.size === rollup.size && [...scan].every(([k, n]) => rollup.get(k) === n);
    return { times, equal, cells: scan.size };
  } finally {
    await client.end();
  }
}

const ROLLUPS = ['insight_people', 'insight_topic_levels', 'insight_requirements', 'insight_training', 'insight_journeys'];

/** Each rollup as kept (triggers and rebuild during the load) against a fresh recount: rows that differ either way. */
export async function recountCheck(url: string): Promise<Array<[table: string, rows: number, differing: number]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('select insight_settle_pending()');
    const tables = (await client.query<{ t: string }>(`select tablename as t from pg_tables where tablename = any($1)`, [ROLLUPS])).rows.map((r) => r.t);
    // The triggers keep cells that fell to zero; a recount does not write them.
    for (const t of tables) {
      const counts = (await client.query<{ c: string }>(`select column_name as c from information_schema.columns where table_name = $1 and data_type in ('integer', 'bigint')`, [t])).rows.map((r) => `"${r.c}"`);
      await client.query(`create temp table kept_${t} as select * from ${t} where (${counts.join(', ')}, 0) <> (${counts.map(() => '0').join(', ')}, 0)`);
    }
    await client.query('select insight_rebuild_rollups()');
    const result: Array<[string, number, number]> = [];
    for (const t of tables) {
      const rows = Number((await client.query(`select count(*) as n from ${t}`)).rows[0].n);
      const differing = Number((await client.query(`select (select count(*) from (select * from kept_${t} except select * from ${t}) a) + (select count(*) from (select * from ${t} except select * from kept_${t}) b) as n`)).rows[0].n);
      result.push([t, rows, differing]);
    }
    return result;
  } finally {
    await client.end();
  }
}

/** Sizes of the rollups (with their monthly twins) and of the history partitions. */
export async function sizes(url: string): Promise<Array<[name: string, rows: number, bytes: number]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; rows: string; bytes: string }>(`
      select c.relname as name, greatest(c.reltuples, 0)::bigint as rows, pg_total_relation_size(c.oid) as bytes
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r'
         and (c.relname like 'insight\\_%' or c.relname like 'topic\\_ratings\\_%' or c.relname in ('current_topic_levels', 'person_requirement_standing', 'person_training_currency', 'person_journey_progress', 'people', 'verification_decisions'))
       order by c.relname`);
    return rows.map((r) => [r.name, Number(r.rows), Number(r.bytes)]);
  } finally {
    await client.end();
  }
}

/** The rollup delta triggers, to switch off and on for the write comparison. */
export async function setRollupTriggers(client: pg.Client, enabled: boolean): Promise<void> {
  const { rows } = await client.query<{ tbl: string; name: string }>(`select tgrelid::regclass::text as tbl, tgname as name from pg_trigger where not tgisinternal and tgname like '%\\_rollup\\_%'`);
  for (const r of rows) await client.query(`alter table ${r.tbl} ${enabled ? 'enable' : 'disable'} trigger "${r.name}"`);
}

/**
 * One-topic self-assessment saves through the service, each its own transaction, alternating
 * blocks with the rollup triggers off and on (so drift on this shared machine falls on both).
 */
export async function writeCost(hub: Hub, client: pg.Client, learners: readonly Viewer[], perArm: number): Promise<{ off: number[]; on: number[] }> {
  const times = { off: [] as number[], on: [] as number[] };
  const block = 50;
  let next = 0;
  for (let done = 0; done < perArm; done += block) {
    for (const arm of ['off', 'on'] as const) {
      await setRollupTriggers(client, arm === 'on');
      for (let i = 0; i < block && done + i < perArm; i++) {
        const viewer = learners[next++ % learners.length]!;
        const assessment = await hub.services.selfAssessment.getSelfAssessment({ viewer, personId: viewer.personId });
        const question = assessment.pages[0]!.questions[0]!;
        const current = assessment.current.get(question.topic.id)?.level;
        const level = ratingScale(assessment.framework.index, question.topic.kind).map((o) => o.value).find((v) => v !== current)!;
        const start = performance.now();
        await hub.services.selfAssessment.rateTopics({ viewer, ratings: { [question.topic.id]: level } });
        times[arm].push(performance.now() - start);
      }
    }
  }
  await setRollupTriggers(client, true);
  return times;
}

/** Applies everything queued (docs/scale.md §2.10) in one drain, timed. */
export async function drainQueued(client: pg.Client): Promise<{ applied: number; ms: number }> {
  const start = performance.now();
  const { rows } = await client.query<{ applied: number }>('select applied from insight_apply_pending(null)');
  return { applied: Number(rows[0]?.applied ?? 0), ms: performance.now() - start };
}
