/**
 * `npm run bench:xapi`: the learning record store under the shapes real platforms send (issue 16 §1).
 * A trust's platforms send BENCH_STATEMENTS statements (default 20,000) over HTTP: batches of 50
 * and single PUTs, from 2,000 learners across 60 activities, a third of them completed or passed
 * (which the hub tries to match to its people), with context activities, results, extensions and
 * a few voided. Then the queries platforms and reporting tools make: one learner's statements,
 * one activity's (with related activities), a verb since a time, one statement by id, and paging
 * with `more` through 1,000 of one activity's statements.
 *
 * Prints statements stored per second and medians (and p95) of each query; on PGlite in memory,
 * and on PostgreSQL when BENCH_DATABASE_URL (or TEST_DATABASE_URL) names a server.
 */
import { randomUUID } from 'node:crypto';
import { buildApp } from '../src/app.ts';
import { openHub } from '../src/hub.ts';
import { createPostgresDatabase } from './load/bench-database.ts';
import { benchServerUrl, median, memoryDatabase, percentile } from './support/bench-database.ts';
import type { RoundDatabase } from './support/bench-database.ts';

const STATEMENTS = Number(process.env.BENCH_STATEMENTS ?? 20_000);
const BATCH = 50;
const LEARNERS = 2_000;
const ACTIVITIES = 60;
const QUERY_REPEATS = 40;
const VERBS = ['completed', 'passed', 'experienced', 'attempted', 'progressed', 'answered'].map((v) => `http://adlnet.gov/expapi/verbs/${v}`);

/** A statement of the shape e-learning sends; `n` makes it deterministic. */
function statementFor(n: number): Record<string, unknown> {
  const learner = (n * 7919) % LEARNERS;
  const activity = (n * 31) % ACTIVITIES;
  const verb = VERBS[n % VERBS.length]!;
  return {
    id: randomUUID(),
    actor: { objectType: 'Agent', name: `Learner ${learner}`, mbox: `mailto:learner${learner}@bench.nhs.example` },
    verb: { id: verb, display: { 'en-GB': verb.split('/').pop() } },
    object: { objectType: 'Activity', id: `https://learning.example/course/${activity}/module/${n % 5}`, definition: { name: { 'en-GB': `Course ${activity} module ${n % 5}` }, type: 'http://adlnet.gov/expapi/activities/module' } },
    result: n % 3 === 0 ? { completion: true, success: n % 6 === 0, score: { scaled: (n % 100) / 100 }, duration: `PT${(n % 50) + 1}M` } : undefined,
    context: {
      registration: randomUUID(),
      platform: 'Bench e-learning',
      language: 'en-GB',
      contextActivities: { parent: [{ id: `https://learning.example/course/${activity}` }], grouping: [{ id: 'https://learning.example/programme/ai-confidence' }] },
      extensions: { 'https://learning.example/ext/session': { attempt: n % 4, device: n % 2 ? 'desktop' : 'tablet' } },
    },
    timestamp: new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(),
  };
}

async function round(name: string, database: RoundDatabase): Promise<void> {
  const hub = await openHub({ database: database.config, host: '127.0.0.1', port: 0, publicUrl: undefined });
  const app = await buildApp({ services: hub.services });
  try {
    const national = await hub.services.organisations.createOrganisation({ kind: 'national', name: 'NHS England', parentId: null });
    const region = await hub.services.organisations.createOrganisation({ kind: 'region', name: 'North West', parentId: national.id });
    const ics = await hub.services.organisations.createOrganisation({ kind: 'integrated-care-system', name: 'Benchford ICS', parentId: region.id });
    const trust = await hub.services.organisations.createOrganisation({ kind: 'trust', name: 'Benchford Hospitals', parentId: ics.id, odsCode: 'RBN' });
    const { key, secret } = await hub.services.lrsKeys.issueKey({ actor: { cli: true }, organisationId: trust.id, platform: 'Bench e-learning' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/xapi`;
    const headers = { authorization: `Basic ${Buffer.from(`${key.keyName}:${secret}`).toString('base64')}`, 'x-experience-api-version': '2.0.0', 'content-type': 'application/json' };
    const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown; ms: number }> => {
      const started = performance.now();
      const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      const ms = performance.now() - started;
      if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
      return { status: response.status, json: text ? (JSON.parse(text) as unknown) : null, ms };
    };

    // Stores: 90 % in batches, 10 % one at a time with PUT.
    const batchMs: number[] = [];
    const putMs: number[] = [];
    const ids: string[] = [];
    const started = performance.now();
    let n = 0;
    while (n < STATEMENTS) {
      if ((n / BATCH) % 10 === 9) {
        for (let i = 0; i < BATCH && n < STATEMENTS; i++, n++) {
          const statement = statementFor(n);
          putMs.push((await call('PUT', `/statements?statementId=${String(statement.id)}`, statement)).ms);
          ids.push(String(statement.id));
        }
      } else {
        const batch = Array.from({ length: Math.min(BATCH, STATEMENTS - n) }, (_, i) => statementFor(n + i));
        batchMs.push((await call('POST', '/statements', batch)).ms);
        ids.push(...batch.map((s) => String(s.id)));
        n += batch.length;
      }
    }
    const storeSeconds = (performance.now() - started) / 1000;
    // A few voided, as platforms correct mistakes.
    for (const id of ids.slice(0, 20)) {
      await call('POST', '/statements', { actor: { mbox: 'mailto:admin@bench.nhs.example' }, verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { objectType: 'StatementRef', id } });
    }

    const timedQueries = async (label: string, path: (i: number) => string) => {
      const times: number[] = [];
      for (let i = 0; i < QUERY_REPEATS; i++) times.push((await call('GET', path(i))).ms);
      console.log(`  ${label.padEnd(44)} median ${median(times).toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms`);
    };
    const agent = (i: number) => encodeURIComponent(JSON.stringify({ mbox: `mailto:learner${(i * 37) % LEARNERS}@bench.nhs.example` }));
    console.log(`${name}: ${STATEMENTS} statements stored in ${storeSeconds.toFixed(1)} s (${Math.round(STATEMENTS / storeSeconds)} a second)`);
    console.log(`  ${`POST of ${BATCH}`.padEnd(44)} median ${median(batchMs).toFixed(1)} ms, p95 ${percentile(batchMs, 0.95).toFixed(1)} ms`);
    console.log(`  ${'PUT of one'.padEnd(44)} median ${median(putMs).toFixed(1)} ms, p95 ${percentile(putMs, 0.95).toFixed(1)} ms`);
    await timedQueries("one learner's statements (limit 100)", (i) => `/statements?agent=${agent(i)}&limit=100`);
    await timedQueries("one activity's, related (limit 100)", (i) => `/statements?activity=${encodeURIComponent(`https://learning.example/course/${i % ACTIVITIES}`)}&related_activities=true&limit=100`);
    await timedQueries('completed since a day (limit 100)', () => `/statements?verb=${encodeURIComponent(VERBS[0]!)}&since=2026-11-05T00:00:00Z&limit=100`);
    await timedQueries('one statement by id', (i) => `/statements?statementId=${ids[20 + ((i * 97) % (ids.length - 20))]}`);

    // Paging with `more`: 1,000 statements of the programme every course is grouped in, 100 a page.
    const pageMs: number[] = [];
    let next: string | null = `/statements?activity=${encodeURIComponent('https://learning.example/programme/ai-confidence')}&related_activities=true&limit=100`;
    let seen = 0;
    while (next && seen < 1_000) {
      const page: { json: unknown; ms: number } = await call('GET', next);
      const body = page.json as { statements: unknown[]; more?: string };
      pageMs.push(page.ms);
      seen += body.statements.length;
      next = body.more ? body.more.replace(/^\/xapi/, '') : null;
    }
    console.log(`  paging with more: ${seen} statements in ${pageMs.length} pages, median ${median(pageMs).toFixed(1)} ms a page`);
  } finally {
    await app.close();
    await hub.close();
    await database.remove();
  }
}

await round('PGlite (in memory)', await memoryDatabase());
const serverUrl = benchServerUrl();
if (serverUrl) await round('PostgreSQL', await createPostgresDatabase(serverUrl));
