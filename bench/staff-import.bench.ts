/**
 * `npm run bench:staff-import`: an ESR staff extract the size of a large trust (issue 15 §2, I7).
 * 50,000 rows (about 46,000 people, 4,000 second assignments, 1 % of rows in error) previewed and
 * applied on a fresh database; then a second extract where 2 % have left (half terminated, half
 * missing), previewed and applied; then that file again, which must change nothing. On PGlite in
 * memory, and on PostgreSQL when BENCH_DATABASE_URL (or TEST_DATABASE_URL) names a server.
 *
 * Target on a 2-core machine: the dry run and the apply each ≤ 60 s. Prints the median of
 * BENCH_ROUNDS rounds (default 1: each round loads 46,000 people into a fresh database); exits 1
 * when a median misses the target.
 */
import type { DatabaseConfig } from '../src/config.ts';
import { openHub } from '../src/hub.ts';
import { createPostgresDatabase } from './load/bench-database.ts';
import { benchServerUrl, median, memoryDatabase } from './support/bench-database.ts';
import type { RoundDatabase } from './support/bench-database.ts';
import { generateEsrExtract } from '../test/support/esr-extract.ts';
import type { EsrExtractOptions } from '../test/support/esr-extract.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 50_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const TARGET_MS = 60_000;
const PEOPLE = Math.round(ROWS * 0.92);
const FIRST: EsrExtractOptions = {
  seed: 2026, people: PEOPLE, secondaryAssignments: ROWS - PEOPLE, missingEmails: Math.round(PEOPLE * 0.01),
  badDates: Math.round(ROWS * 0.005), duplicateKeys: Math.round(ROWS * 0.0025), odsCodes: ['RBN', 'RBN01', 'RBN02'],
};
const SECOND: EsrExtractOptions = { ...FIRST, leavers: Math.round(PEOPLE * 0.01), absent: Math.round(PEOPLE * 0.01) };

type Timings = Record<'preview' | 'apply' | 'previewLeavers' | 'applyLeavers' | 'previewAgain' | 'applyAgain', number>;

async function round(config: DatabaseConfig, files: { first: Buffer; second: Buffer }): Promise<Timings> {
  const hub = await openHub({ database: config, host: '127.0.0.1', port: 0, publicUrl: undefined });
  try {
    const { services } = hub;
    const national = await services.organisations.createOrganisation({ kind: 'national', name: 'NHS England', parentId: null });
    const region = await services.organisations.createOrganisation({ kind: 'region', name: 'North West', parentId: national.id });
    const ics = await services.organisations.createOrganisation({ kind: 'integrated-care-system', name: 'Benchford ICS', parentId: region.id });
    const trust = await services.organisations.createOrganisation({ kind: 'trust', name: 'Benchford Hospitals', parentId: ics.id, odsCode: 'RBN' });
    for (const ods of ['RBN01', 'RBN02']) await services.organisations.createOrganisation({ kind: 'team', name: `Site ${ods}`, parentId: trust.id, odsCode: ods });
    const timings = {} as Timings;
    const timed = async <T>(label: keyof Timings, run: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      const result = await run();
      timings[label] = performance.now() - started;
      return result;
    };
    const importFile = async (labels: [keyof Timings, keyof Timings], file: Buffer, options = {}) => {
      const preview = await timed(labels[0], () => services.staffImport.previewStaffImport({ actor: { cli: true }, organisationId: trust.id, file: { name: 'esr.csv', source: file }, options }));
      const applied = await timed(labels[1], () => services.staffImport.applyStaffImport({ actor: { cli: true }, runId: preview.runId, fileSha256: preview.fileSha256, file: { source: file } }));
      return applied.counts;
    };
    const first = await importFile(['preview', 'apply'], files.first);
    console.log(`  first file: ${JSON.stringify(first)}`);
    const second = await importFile(['previewLeavers', 'applyLeavers'], files.second);
    console.log(`  second file: ${JSON.stringify(second)}`);
    const again = await importFile(['previewAgain', 'applyAgain'], files.second);
    const changes = again.newPeople + again.changedPeople + again.leavers + again.assignmentsWritten + again.assignmentsEnded + again.supervisionsAdded + again.supervisionsEnded + again.suggestions;
    console.log(`  second file again: ${changes} changes`);
    if (changes !== 0) throw new Error('the second apply of the same file changed something');
    return timings;
  } finally {
    await hub.close();
  }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

async function bench(name: string, open: () => Promise<RoundDatabase>, files: { first: Buffer; second: Buffer }): Promise<boolean> {
  const rounds: Timings[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const database = await open();
    try {
      console.log(`${name}, round ${r + 1} of ${ROUNDS}`);
      rounds.push(await round(database.config, files));
    } finally {
      await database.remove();
    }
  }
  const labels = Object.keys(rounds[0]!) as Array<keyof Timings>;
  console.log(`${name}: median of ${ROUNDS} (${ROWS} rows)`);
  for (const label of labels) console.log(`  ${label.padEnd(15)} ${seconds(median(rounds.map((t) => t[label])))}`);
  return labels.every((label) => median(rounds.map((t) => t[label])) <= TARGET_MS);
}

const files = { first: Buffer.from(generateEsrExtract(FIRST)), second: Buffer.from(generateEsrExtract(SECOND)) };
console.log(`extracts: ${(files.first.length / 1e6).toFixed(1)} MB and ${(files.second.length / 1e6).toFixed(1)} MB`);
let met = await bench('PGlite (in memory)', memoryDatabase, files);
const serverUrl = benchServerUrl();
if (serverUrl) met = (await bench('PostgreSQL', () => createPostgresDatabase(serverUrl), files)) && met;
console.log(met ? `every step within ${TARGET_MS / 1000} s` : `a step took longer than ${TARGET_MS / 1000} s`);
process.exitCode = met ? 0 : 1;
