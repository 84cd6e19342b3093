/**
 * Spike for docs/scale.md (issue 14), not part of `npm test`: does reading workforce insight from a
 * rollup table summed over a closure table beat scanning per-person current levels, at every level
 * of the tree? On in-memory PGlite it builds a synthetic tree of 2,000 organisations (1 nation,
 * 7 regions, 42 ICSs, 150 trusts, 300 PCNs, 1,500 practices) and 100,000 people rating TOPICS
 * topics, then times, for the nation, one ICS and one practice:
 *   (a) rollup: sum of `insight_topic_levels` (leaf organisation × archetype × topic × level) over the subtree,
 *   (b) scan:   count of `current_topic_levels` rows of every person in the subtree,
 *   (c) subtree rollup: the same counts kept per ancestor, read by key (no sum),
 * checks the three agree, then times one rating write with no rollup, with the leaf rollup kept by
 * trigger, and with every ancestor's rollup kept by trigger. Prints figures; asserts only agreement.
 * Run: node bin/run-ts.mjs bench/insight-spike.ts [--people 100000] [--topics 30]
 * BENCH_DATABASE_URL (a PostgreSQL database) runs it there instead, in a throwaway schema.
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const PEOPLE = arg('people', 100_000);
const TOPICS = arg('topics', 30);

/** The little the spike needs of a database, so it runs the same on PGlite and PostgreSQL. */
interface SpikeDb {
  exec(sql: string): Promise<unknown>;
  query<T>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
  transaction(work: (tx: Pick<SpikeDb, 'query'>) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

async function openSpikeDb(url: string | undefined): Promise<SpikeDb> {
  if (!url) {
    const lite = new PGlite();
    return {
      exec: (sql) => lite.exec(sql),
      query: <T>(sql: string, params?: unknown[]) => lite.query<T>(sql, params),
      transaction: async (work) => {
        await lite.transaction((tx) => work({ query: <T>(sql: string, params?: unknown[]) => tx.query<T>(sql, params) }));
      },
      close: () => lite.close(),
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('drop schema if exists insight_spike cascade; create schema insight_spike; set search_path = insight_spike, public');
  const query = async <T>(sql: string, params?: unknown[]) => ({ rows: (await client.query(sql, params)).rows as T[] });
  return {
    exec: (sql) => client.query(sql),
    query,
    transaction: async (work) => {
      await client.query('begin');
      try {
        await work({ query });
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      }
    },
    close: async () => {
      await client.query('drop schema insight_spike cascade');
      await client.end();
    },
  };
}

const db = await openSpikeDb(process.env.BENCH_DATABASE_URL);

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

async function step(label: string, sql: string): Promise<void> {
  const { ms } = await timed(() => db.exec(sql));
  console.log(`  ${label}: ${(ms / 1000).toFixed(1)} s`);
}

/** The tree, the people and their current levels; ids are uuids as in the hub. */
async function buildData(): Promise<void> {
  await step('organisations and closure', `
    create table organisations (id uuid primary key default gen_random_uuid(), n int unique not null, parent_n int, kind text not null);
    insert into organisations (n, parent_n, kind) values (1, null, 'national');
    insert into organisations (n, parent_n, kind) select 1 + g, 1, 'region' from generate_series(1, 7) g;
    insert into organisations (n, parent_n, kind) select 100 + g, 2 + g % 7, 'integrated-care-system' from generate_series(1, 42) g;
    insert into organisations (n, parent_n, kind) select 1000 + g, 101 + g % 42, 'trust' from generate_series(1, 150) g;
    insert into organisations (n, parent_n, kind) select 2000 + g, 101 + g % 42, 'primary-care-network' from generate_series(1, 300) g;
    insert into organisations (n, parent_n, kind) select 3000 + g, 2001 + g % 300, 'practice' from generate_series(1, 1500) g;
    create table organisation_closure (ancestor_id uuid not null, descendant_id uuid not null, depth smallint not null, primary key (ancestor_id, descendant_id));
    insert into organisation_closure
      with recursive up(ancestor_n, descendant_n, depth) as (
        select n, n, 0 from organisations
        union all select o.parent_n, up.descendant_n, up.depth + 1 from up join organisations o on o.n = up.ancestor_n where o.parent_n is not null)
      select a.id, d.id, up.depth from up join organisations a on a.n = up.ancestor_n join organisations d on d.n = up.descendant_n;
    create index organisation_closure_descendant_idx on organisation_closure (descendant_id, ancestor_id);`);
  await step(`${PEOPLE.toLocaleString()} people (70% in trusts, 30% in practices)`, `
    select setseed(0.14);
    create table people (id uuid primary key default gen_random_uuid(), organisation_id uuid not null, archetypes text[] not null);
    insert into people (organisation_id, archetypes)
      select o.id, array['user'] || case when g % 7 = 0 then array['embedder'] when g % 11 = 0 then array['driver']
        when g % 13 = 0 then array['creator'] when g % 17 = 0 then array['shaper'] else array[]::text[] end
      from generate_series(1, ${PEOPLE}) g
      join organisations o on o.n = case when g % 10 < 7 then 1001 + g % 150 else 3001 + g % 1500 end;
    create index people_organisation_idx on people (organisation_id);`);
  await step(`current_topic_levels (${(PEOPLE * TOPICS).toLocaleString()} rows)`, `
    create table current_topic_levels (person_id uuid not null, organisation_id uuid not null, topic_id text not null,
      self_level text not null, primary key (person_id, topic_id));
    insert into current_topic_levels
      select p.id, p.organisation_id, 't' || t, (array['not-yet','awareness','familiarity','understanding','capability','proficiency'])[1 + floor(random() * 6)::int]
      from people p cross join generate_series(1, ${TOPICS}) t;
    create index current_topic_levels_organisation_idx on current_topic_levels (organisation_id);`);
  await step('rollup tables', `
    create table insight_topic_levels (organisation_id uuid not null, archetype text not null, topic_id text not null, level text not null,
      people integer not null, primary key (organisation_id, archetype, topic_id, level));
    create table insight_topic_levels_subtree (like insight_topic_levels including all);`);
  await buildRollups();
}

/** Both rollups from the current levels: how they are first filled (and, here, put right after an unmaintained phase). */
async function buildRollups(): Promise<void> {
  await step('rollups from current levels (leaf, and per ancestor)', `
    truncate insight_topic_levels, insight_topic_levels_subtree;
    insert into insight_topic_levels
      select l.organisation_id, a, l.topic_id, l.self_level, count(*) from current_topic_levels l join people p on p.id = l.person_id,
      unnest(p.archetypes) a group by 1, 2, 3, 4;
    insert into insight_topic_levels_subtree
      select c.ancestor_id, r.archetype, r.topic_id, r.level, sum(r.people) from insight_topic_levels r
      join organisation_closure c on c.descendant_id = r.organisation_id group by 1, 2, 3, 4;
    analyze;`);
}

const READS = {
  rollup: `select r.archetype, r.topic_id, r.level, sum(r.people)::int as people from organisation_closure c
    join insight_topic_levels r on r.organisation_id = c.descendant_id where c.ancestor_id = $1 group by 1, 2, 3`,
  scan: `select a as archetype, l.topic_id, l.self_level as level, count(*)::int as people from organisation_closure c
    join current_topic_levels l on l.organisation_id = c.descendant_id join people p on p.id = l.person_id,
    unnest(p.archetypes) a where c.ancestor_id = $1 group by 1, 2, 3`,
  subtree: `select archetype, topic_id, level, people from insight_topic_levels_subtree where organisation_id = $1`,
} as const;

type Row = { archetype: string; topic_id: string; level: string; people: number };
const fingerprint = (rows: Row[]) =>
  rows
    .map((r) => `${r.archetype}|${r.topic_id}|${r.level}|${r.people}`)
    .sort()
    .join('\n');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function timeReads(label: string, organisationId: string): Promise<void> {
  const runs = { rollup: [] as number[], scan: [] as number[], subtree: [] as number[] };
  const answers = new Map<string, string>();
  for (const [name, sql] of Object.entries(READS) as Array<[keyof typeof READS, string]>) {
    const repeat = name === 'scan' ? 3 : 9;
    for (let i = 0; i < repeat; i += 1) {
      const { ms, value } = await timed(() => db.query<Row>(sql, [organisationId]));
      runs[name].push(ms);
      answers.set(name, fingerprint(value.rows));
    }
  }
  const agree = new Set(answers.values()).size === 1;
  const rows = (await db.query<{ n: number }>(`select count(*)::int as n from organisation_closure c join insight_topic_levels r on r.organisation_id = c.descendant_id where c.ancestor_id = $1`, [organisationId])).rows[0]?.n;
  const f = (xs: number[]) => `${median(xs).toFixed(1)} ms (max ${Math.max(...xs).toFixed(1)})`;
  console.log(`  ${label}: rollup rows summed ${rows}; (a) rollup ${f(runs.rollup)}; (b) scan ${f(runs.scan)}; (c) subtree ${f(runs.subtree)}; ` +
    `scan/rollup ${(median(runs.scan) / median(runs.rollup)).toFixed(0)}×; answers agree: ${agree}`);
  if (!agree) process.exitCode = 1;
}

/** Rollup maintenance by trigger, as docs/scale.md proposes: -1 from the old level's rows, +1 to the new. */
async function createTriggers(): Promise<void> {
  const body = (target: string, join: string, key: string) => `
    insert into ${target} (organisation_id, archetype, topic_id, level, people)
      select ${key}, a, d.topic_id, d.level, sum(d.delta) from (
        select person_id, organisation_id, topic_id, self_level as level, -1 as delta from old_rows
        union all select person_id, organisation_id, topic_id, self_level, 1 from new_rows) d
      join people p on p.id = d.person_id ${join}, unnest(p.archetypes) a
      group by 1, 2, 3, 4 order by 1, 2, 3, 4
    on conflict (organisation_id, archetype, topic_id, level) do update set people = ${target}.people + excluded.people;`;
  await db.exec(`
    create function leaf_rollup() returns trigger language plpgsql as $$ begin
      ${body('insight_topic_levels', '', 'd.organisation_id')} return null; end $$;
    create function subtree_rollup() returns trigger language plpgsql as $$ begin
      ${body('insight_topic_levels_subtree', 'join organisation_closure c on c.descendant_id = d.organisation_id', 'c.ancestor_id')} return null; end $$;
    create trigger leaf_rollup after update on current_topic_levels referencing old table as old_rows new table as new_rows
      for each statement execute function leaf_rollup();
    create trigger subtree_rollup after update on current_topic_levels referencing old table as old_rows new table as new_rows
      for each statement execute function subtree_rollup();
    create table topic_ratings (person_id uuid not null, organisation_id uuid not null, topic_id text not null, level text not null, rated_at timestamptz not null default now());`);
}

/** One rating as the hub would write it: a history row and the current level, in one transaction. */
async function timeWrites(label: string, enable: string[], disable: string[]): Promise<number> {
  for (const t of enable) await db.exec(`alter table current_topic_levels enable trigger ${t}`);
  for (const t of disable) await db.exec(`alter table current_topic_levels disable trigger ${t}`);
  const people = (await db.query<{ id: string; organisation_id: string }>(`select id, organisation_id from people order by random() limit 300`)).rows;
  const levels = ['awareness', 'familiarity', 'understanding', 'capability', 'proficiency'];
  const times: number[] = [];
  for (const [i, p] of people.entries()) {
    const level = levels[i % levels.length] ?? 'awareness';
    const { ms } = await timed(() =>
      db.transaction(async (tx) => {
        await tx.query(`insert into topic_ratings (person_id, organisation_id, topic_id, level) values ($1, $2, 't1', $3)`, [p.id, p.organisation_id, level]);
        await tx.query(`update current_topic_levels set self_level = $2 where person_id = $1 and topic_id = 't1'`, [p.id, level]);
      }),
    );
    times.push(ms);
  }
  const result = median(times.slice(20));
  console.log(`  ${label}: median ${result.toFixed(2)} ms per rating write (p95 ${[...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)]?.toFixed(2)} ms)`);
  return result;
}

console.log(`insight spike: ${PEOPLE.toLocaleString()} people, ${TOPICS} topics, ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite in memory'}`);
await buildData();
const pick = async (sql: string) => (await db.query<{ id: string }>(sql)).rows[0]?.id ?? '';
const nation = await pick(`select id from organisations where n = 1`);
const ics = await pick(`select o.id from organisations o where o.kind = 'integrated-care-system' order by o.n limit 1`);
// The practice with the most people: a typical practice holds 1 in 1,500 of the people here.
const practice = await pick(`select o.id from organisations o join people p on p.organisation_id = o.id where o.kind = 'practice' group by o.id, o.n order by count(*) desc, o.n limit 1`);
const sizes = await db.query<{ kind: string; n: number }>(`select 'ics' as kind, count(*)::int as n from organisation_closure c join people p on p.organisation_id = c.descendant_id where c.ancestor_id = $1
  union all select 'practice', count(*)::int from people where organisation_id = $2`, [ics, practice]);
console.log(`reads (people in the ICS: ${sizes.rows[0]?.n}, in the practice: ${sizes.rows[1]?.n})`);
await timeReads('nation', nation);
await timeReads('ICS', ics);
await timeReads('practice', practice);
console.log('writes (300 ratings, each its own transaction)');
await createTriggers();
const base = await timeWrites('no rollup', [], ['leaf_rollup', 'subtree_rollup']);
const leaf = await timeWrites('leaf rollup by trigger', ['leaf_rollup'], ['subtree_rollup']);
// The phases before wrote current levels with a rollup switched off: fill both again, so the last phase checks the triggers.
await buildRollups();
const subtree = await timeWrites('leaf and every ancestor by trigger', ['leaf_rollup', 'subtree_rollup'], []);
console.log(`  a rating write adds ${(leaf - base).toFixed(2)} ms for the leaf rollup, ${(subtree - base).toFixed(2)} ms with every ancestor`);
console.log('after the writes (the triggers kept every rollup equal to the scan):');
await timeReads('nation', nation);
await db.close();
