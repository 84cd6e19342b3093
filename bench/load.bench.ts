/**
 * `npm run bench:load`: the hub's capacity with a trust's learners signed in at once (issue 10).
 * Seeds a fresh database in this process (demo data, BENCH_LEARNERS learners of every shape, their
 * supervisors, history, evidence and pending verification requests, a session each), starts the
 * hub as `npm start` does in its own process(es), then runs a mixed workload of signed-in page
 * reads, API reads and rating saves for BENCH_SECONDS with autocannon, and an upload stall test.
 * Prints throughput, p50/p99/max and errors per route; asserts nothing (machines are shared).
 *
 * Embedded database by default; with DATABASE_URL, a new database on that PostgreSQL server
 * (dropped at the end), served by HUB_PROCESSES processes (default one per core).
 * Settings: BENCH_LEARNERS (200), BENCH_SECONDS (20), BENCH_CONNECTIONS (50), BENCH_ROUNDS (1).
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { openHub } from '../src/hub.ts';
import { createEmbeddedDatabase, createPostgresDatabase } from './load/bench-database.ts';
import { startHubProcess } from './load/hub-process.ts';
import { figuresOf, medianOf, printMix, printStall, printTargets } from './load/report.ts';
import type { MixFigures } from './load/report.ts';
import { mixedRoutes } from './load/routes.ts';
import { seedLoadTest } from './load/seed.ts';
import { runUploadStallTest } from './load/upload-probe.ts';
import type { StallReport } from './load/upload-probe.ts';
import { runMixedWorkload, stopAllLoad } from './load/workload.ts';

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const WARM_UP_SECONDS = 3;

// Undone in reverse order on the way out, Ctrl+C included: stop the hub, then remove the database.
const cleanUps: Array<() => Promise<void>> = [];
async function cleanUp(): Promise<void> {
  for (let step = cleanUps.pop(); step; step = cleanUps.pop()) await step().catch((error: unknown) => console.error(`clean-up failed: ${String(error)}`));
}
process.once('SIGINT', () => {
  console.log('\ninterrupted: stopping the load, the hub and removing the database');
  stopAllLoad();
  void cleanUp().finally(() => process.exit(130));
});

console.log(`machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
try {
  const database = process.env.DATABASE_URL ? await createPostgresDatabase(process.env.DATABASE_URL) : createEmbeddedDatabase();
  cleanUps.push(() => database.remove());
  console.log(`database: ${database.description}`);

  // The embedded database belongs to one process at a time: seed it, close it, then start the hub.
  const hub = await openHub({ database: database.config, host: '127.0.0.1', port: 0, publicUrl: undefined });
  const seeded = await seedLoadTest(hub, { learners: LEARNERS }).finally(() => hub.close());
  const c = seeded.counts;
  console.log(
    `seeded in ${c.seconds.toFixed(1)} s: demo data, ${c.learners} learners (${c.triXUsers} use tri-X), ${c.supervisors} supervisors, ` +
      `${c.ratingRows.toLocaleString('en-GB')} rating rows, ${c.evidence} evidence items, ${c.pendingRequests} pending and ${c.decidedRequests} decided verification requests`,
  );

  const server = await startHubProcess(database.serverEnv);
  cleanUps.push(() => server.stop());
  console.log(`hub: ${server.url}, ${server.processes} process${server.processes === 1 ? '' : 'es'}, ready in ${server.startupSeconds.toFixed(1)} s`);

  const routes = mixedRoutes(seeded);
  await runMixedWorkload({ baseUrl: server.url, routes, connections: CONNECTIONS, seconds: WARM_UP_SECONDS });
  const rounds: MixFigures[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const figures = figuresOf(await runMixedWorkload({ baseUrl: server.url, routes, connections: CONNECTIONS, seconds: SECONDS }));
    rounds.push(figures);
    if (ROUNDS > 1) console.log(`round ${round}: ${figures.pageViewsPerSecond.toFixed(1)} page views/s, ${figures.rps.toFixed(1)} req/s, p99 ${figures.p99.toFixed(0)} ms, ${figures.errors} errors`);
  }
  const mix = medianOf(rounds);
  printMix(`Mixed workload: ${CONNECTIONS} connections, ${c.learners} learners and ${c.supervisors} supervisors, ${ROUNDS} × ${SECONDS} s after ${WARM_UP_SECONDS} s warm-up${ROUNDS > 1 ? ' (medians)' : ''}`, mix);

  let stall: StallReport | undefined;
  try {
    stall = await runUploadStallTest({ baseUrl: server.url, uploader: seeded.uploader, probeLearners: seeded.learners });
    printStall(stall);
  } catch (error) {
    console.log(`\nUpload stall test could not run: ${error instanceof Error ? error.message : String(error)}`);
  }
  printTargets(mix, stall);
} finally {
  await cleanUp();
}
