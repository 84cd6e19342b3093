/**
 * `npm run bench:insight [-- --scale 0.1]`: workforce insight at national scale (issue 14 §3,
 * docs/scale.md §6). On the PostgreSQL server BENCH_DATABASE_URL names, (re)creates the database
 * BENCH_DATABASE_NAME (default hub_bench_insight), migrates it by opening the hub, generates the
 * synthetic national workforce (src/domain/synthetic: 1.5 million people by default, the tree always
 * whole) and streams it through `psql \copy`, runs the backfill, then measures: load phases, p50/p95
 * of the insight service's reads for the national, an ICS and a practice view, the time the rollup
 * triggers add to a one-topic rating save and the drainer's time to apply what they queued, the national figures by scanning history, sizes and (at
 * --scale 0.1 and below) a recount check. Prints figures beside the targets and asserts nothing.
 * KEEP=1 leaves the database in place; PSQL names the psql binary (default: on PATH); BENCH_RUNS and
 * BENCH_WRITES change the 50 reads and 500 writes; BENCH_TOPIC_MONTHS=0 skips the slow rebuild of
 * the topic-level trends from history.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import pg from 'pg';
import { syntheticFrameworkOf } from '../src/domain/synthetic/synthetic-history.ts';
import { openHub } from '../src/hub.ts';
import type { Viewer } from '../src/services/identity/viewer.ts';
import { backfillCurrentLevels, backfillRollups, timed } from './insight/backfill.ts';
import type { Phase } from './insight/backfill.ts';
import { copyWorkforce } from './insight/copy-load.ts';
import { freshDatabase, insertAdmin, insertProductsAndCatalogue, insertTree, ratingPartitions } from './insight/fixtures.ts';
import { drainQueued, median, percentile, recountCheck, scanNational, setRollupTriggers, sizes, viewTimes, writeCost } from './insight/measure.ts';

const FULL_PEOPLE = 1_500_000;
const scaleAt = process.argv.indexOf('--scale');
const SCALE = scaleAt >= 0 ? Number(process.argv[scaleAt + 1]) : 1;
const PEOPLE = Math.round(FULL_PEOPLE * SCALE);
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const WRITES = Number(process.env.BENCH_WRITES ?? 500);
const adminUrl = process.env.BENCH_DATABASE_URL;
if (!adminUrl || !(SCALE > 0)) {
  console.error('usage: BENCH_DATABASE_URL=postgres://… node bin/run-ts.mjs bench/insight.bench.ts [--scale 0.1]');
  process.exit(2);
}
const ms = (x: number) => `${x.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const n = (x: number) => x.toLocaleString('en-GB');

console.log(`machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
console.log(`insight bench: --scale ${SCALE} → ${n(PEOPLE)} people, ${RUNS} reads per view, ${WRITES} writes per arm`);
const phases: Phase[] = [];
const databaseName = process.env.BENCH_DATABASE_NAME ?? 'hub_bench_insight';
// BENCH_REUSE=1 measures the database a previous run loaded (and left, with KEEP=1 or by stopping).
const reuse = process.env.BENCH_REUSE === '1';
const url = reuse ? Object.assign(new URL(adminUrl), { pathname: `/${databaseName}` }).toString() : await freshDatabase(adminUrl, databaseName);
const hub = await timed(phases, 'migrate (open the hub)', () => openHub({ database: { kind: 'postgres', url, poolSize: 4 }, host: '127.0.0.1', port: 0, publicUrl: undefined }));
const framework = syntheticFrameworkOf(hub.services.assessmentFramework().index);
const client = new pg.Client({ connectionString: url });
await client.connect();
const loaded = reuse ? await alreadyLoaded() : await load();

async function alreadyLoaded(): Promise<{ adminId: string; nationId: string }> {
  const row = (await client.query<{ id: string; organisation_id: string }>(`select id, organisation_id from people where email = 'bench.admin@example.nhs.uk'`)).rows[0]!;
  console.log(`reusing ${databaseName}: ${n(Number((await client.query('select count(*) as n from people')).rows[0].n))} people`);
  return { adminId: row.id, nationId: row.organisation_id };
}

async function load(): Promise<{ adminId: string; nationId: string }> {
  const { tree, adminId, catalogue } = await timed(phases, 'tree, products, partitions', async () => {
    const t = await insertTree(client);
    await ratingPartitions(client, 13);
    const admin = await insertAdmin(client, t);
    return { tree: t, adminId: admin, catalogue: await insertProductsAndCatalogue(client, t, admin, framework.id) };
  });
  const copied = await timed(phases, 'generate + COPY through psql', () =>
    copyWorkforce({ url, people: PEOPLE, tree, catalogue, framework, now: new Date(), onProgress: (p) => p % 50000 === 0 && console.log(`    ${n(p)} people`) }),
  );
  console.log(`  rows: ${Object.entries(copied).map(([t, r]) => `${t} ${n(r)}`).join(', ')}`);
  await backfillCurrentLevels(url, phases);
  // A bulk load recounts the rollups once instead of queueing every contribution row (as `demo load` does).
  await setRollupTriggers(client, false);
  const refresh = await timed(phases, 'TypeScript contributions (insightRefresh.refreshAllContributions)', () => hub.services.insightRefresh.refreshAllContributions({ restart: true }));
  await setRollupTriggers(client, true);
  await backfillRollups(url, phases, { topicLevelMonths: process.env.BENCH_TOPIC_MONTHS !== '0' });
  await timed(phases, 'analyze', () => client.query('analyze'));
  const total = phases.reduce((s, [, sec]) => s + sec, 0);
  const refreshSeconds = phases.find(([l]) => l.startsWith('TypeScript'))?.[1] ?? NaN;
  console.log(`load total: ${total.toFixed(1)} s (${(refresh.people / refreshSeconds).toFixed(0)} people/s in the TypeScript refresh, ${refresh.people} people)`);
  return { adminId, nationId: tree.ids.get('nation')! };
}

const viewer: Viewer = { personId: loaded.adminId, organisationId: loaded.nationId, displayName: 'Bench admin', email: 'bench.admin@example.nhs.uk', roles: ['learner', 'platform-admin'] };
const byPeople = async (kind: string) =>
  (await client.query<{ id: string; people: number }>(`select o.id, count(p.id)::int as people from organisations o join people p on p.organisation_id = o.id where o.kind = $1 group by o.id order by count(p.id) desc, o.id limit 1`, [kind])).rows[0]!;
const ics = (await client.query<{ id: string }>(`select c.ancestor_id as id from organisation_closure c join people p on p.organisation_id = c.descendant_id join organisations o on o.id = c.ancestor_id where o.kind = 'integrated-care-system' group by 1 order by count(*) desc limit 1`)).rows[0]!;
const practice = await byPeople('practice');
const views: Array<[string, string]> = [['national', viewer.organisationId], ['ICS (largest)', ics.id], [`practice (${practice.people} people)`, practice.id]];
const viewFigures: Record<string, Record<string, number[]>> = {};
console.log(`\nviews (insight service, platform admin, ${RUNS} runs each after 3 warm-ups): p50 / p95`);
for (const [label, id] of views) {
  viewFigures[label] = await viewTimes(hub, viewer, id, RUNS);
  console.log(`  ${label}: ${Object.entries(viewFigures[label]!).map(([page, t]) => `${page} ${ms(median(t))} / ${ms(percentile(t, 95))}`).join(', ')}`);
}

if (SCALE <= 0.1) {
  // A reused database also carries the drift of an earlier run's saves made with the triggers off.
  console.log(`\nrecount check (rollups as kept against insight_rebuild_rollups())${reuse ? ', on a reused database' : ''}:`);
  for (const [table, rows, differing] of await recountCheck(url)) console.log(`  ${table}: ${n(rows)} rows, ${differing} differing`);
}

const scan = await scanNational(url, viewer.organisationId, framework.id, 3);
const nationalTopics = median(viewFigures[views[0]![0]]!.topics!);
const nationalOverview = median(viewFigures[views[0]![0]]!.overview!);
console.log(`\nnational self levels by scanning history (DISTINCT ON over topic_ratings joined to people/profiles): ${scan.times.map(ms).join(', ')}`);
console.log(`  ${scan.cells} topic/level cells, ${scan.equal ? 'equal to' : 'DIFFERENT FROM'} the national rollup`);

const learners = (await client.query<{ id: string; organisation_id: string; display_name: string; email: string }>(`select p.id, p.organisation_id, p.display_name, p.email from people p join profiles f on f.person_id = p.id where p.synthetic order by p.id limit $1`, [WRITES * 2])).rows;
const learnerViewers: Viewer[] = learners.map((l) => ({ personId: l.id, organisationId: l.organisation_id, displayName: l.display_name, email: l.email, roles: ['learner'] }));
const writes = await writeCost(hub, client, learnerViewers, WRITES);
const added = median(writes.on) - median(writes.off);
console.log(`\none-topic self-assessment saves (rateTopics, own transaction, ${WRITES} per arm): median ${ms(median(writes.off))} without the rollup triggers, ${ms(median(writes.on))} with (+${ms(added)}); p95 ${ms(percentile(writes.off, 95))} / ${ms(percentile(writes.on, 95))}`);
// The triggers only queue: the rollups' share of the work is done by the drainer, measured here.
const drain = await drainQueued(client);
const perSave = drain.ms / WRITES;
console.log(`  the drainer applied their ${n(drain.applied)} queued changes in ${ms(drain.ms)}: ${ms(perSave)} of drainer time per save, so one drainer keeps up with ${n(Math.floor(1000 / perSave))} saves/s`);

console.log('\nsizes (rows are estimates from the statistics):');
for (const [name, rows, bytes] of await sizes(url)) console.log(`  ${name}: ${n(rows)} rows, ${mb(bytes)}`);

const p95 = (label: string) => Math.max(...Object.values(viewFigures[label]!).map((t) => percentile(t, 95)));
console.log('\ntargets (issue 14 §3):');
console.log(`  national view p95 ≤ 200 ms: ${ms(p95(views[0]![0]))} (slowest page)`);
console.log(`  ICS view p95 ≤ 200 ms: ${ms(p95(views[1]![0]))} (slowest page)`);
console.log(`  a rating write adds ≤ 5 ms: ${ms(added)}`);
console.log(`  ≥ 50× faster than the scan: ${(median(scan.times) / nationalTopics).toFixed(0)}× against the national topics view p50, ${(median(scan.times) / nationalOverview).toFixed(0)}× against the overview p50`);

await client.end();
await hub.close();
if (!process.env.KEEP) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${databaseName} with (force)`);
  await admin.end();
}
