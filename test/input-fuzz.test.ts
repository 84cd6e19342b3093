import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_PEOPLE, DEMO_SUPERVISIONS, demoEmail } from '../src/services/demo/demo-dataset.ts';
import { badRequest } from './support/bad-requests.ts';
import type { BadRequest, FuzzTarget } from './support/bad-requests.ts';
import { crawlForms, matchesPattern } from './support/form-crawler.ts';
import type { FuzzVocabulary } from './support/fuzz-values.ts';
import { signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { queryRows, startRowWriteLog } from './support/row-write-log.ts';
import type { RowWrite, RowWriteLog } from './support/row-write-log.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { knowledgeTopics } from './support/verification-fixtures.ts';
import { documentedApiWrites, listWriteRoutes, paramNames } from './support/write-routes.ts';

/** Fixed, so a failure replays exactly; FUZZ_SEED and FUZZ_RUNS explore further by hand. */
const SEED = Number(process.env.FUZZ_SEED ?? 20240610);
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 14);
/** The platform roles a realistic hub has people in; one signed-in demo person for each. */
const ROLES = ['learner', 'supervisor', 'educator', 'organisation-admin', 'product-lead', 'platform-admin'] as const;
/** Sessions are touched now and then to extend them: the one write any request may make. */
const isSessionTouch = (w: RowWrite) => w.table === 'sessions' && w.operation === 'UPDATE';
/**
 * A refused sign-in is counted (that is what throttles guessing), and the account holder may be
 * told of a burst of failures: bookkeeping the sign-in routes must write even when they answer 4xx.
 * Changing a password checks the current one as a sign-in does, and is counted alike.
 */
const SIGN_IN_ROUTES = new Set(['POST /sign-in', 'POST /api/v1/session', 'POST /account/password']);
const SIGN_IN_BOOKKEEPING = new Set(['sign_in_failures', 'sign_in_known_sources', 'notifications', 'outbox', 'person_view_versions']);
/** Every request with a supplier's link is counted against its limits (issue 12), refused or not. */
const isSupplierLinkCount = (route: string, w: RowWrite) => route.startsWith('POST /supplier/') && w.table === 'sign_in_failures';
/** An upload is staged in the file store while it streams in and discarded when refused: rows in and out again, none left. */
const FILE_STAGING = new Set(['file_blobs', 'file_chunks']);

/** What a 4xx answer left written: staging that was undone and permitted bookkeeping do not count. */
function writesLeft(route: string, writes: RowWrite[]): RowWrite[] {
  const net = (table: string) => writes.filter((w) => w.table === table && w.operation === 'INSERT').length - writes.filter((w) => w.table === table && w.operation === 'DELETE').length;
  return writes.filter((w) => {
    if (isSessionTouch(w)) return false;
    if (SIGN_IN_ROUTES.has(route) && SIGN_IN_BOOKKEEPING.has(w.table)) return false;
    if (isSupplierLinkCount(route, w)) return false;
    return !(FILE_STAGING.has(w.table) && w.operation !== 'UPDATE' && net(w.table) === 0);
  });
}

describe.each(databaseTargets())('bad input to every write route on $name', (target) => {
  let hub: TestHub;
  let writes: RowWriteLog;
  let sessions: Array<{ email: string; session: TestSession }>;
  let vocabulary: FuzzVocabulary;
  let targets: FuzzTarget[];
  const counts = { requests: 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 };

  beforeAll(async () => {
    hub = await createTestHub(target);
    await hub.services.demo.loadDemoData();
    await createRealisticActivity(hub);
    const emails = ROLES.map((role) => demoEmail(DEMO_PEOPLE.find((p) => p.roles.includes(role))!.key));
    sessions = await Promise.all(emails.map(async (email) => ({ email, session: await signIn(hub.app, email, DEMO_PASSWORD) })));
    vocabulary = await collectVocabulary(hub);
    targets = await findTargets(hub, sessions.map((s) => s.session), vocabulary);
    writes = await startRowWriteLog(hub.database.db);
  }, 180_000);

  afterAll(async () => {
    // The closing note quotes these counts; stdout, because they are a result, not a problem.
    process.stdout.write(`input fuzz on ${target.name} (seed ${SEED}): ${counts.requests} requests, ${counts['2xx']} 2xx, ${counts['3xx']} 3xx, ${counts['4xx']} 4xx, ${counts['5xx']} 5xx\n`);
    await hub?.close();
  });

  it('covers every write route the API documents, and documents every API write route', () => {
    const inTable = targets.filter((t) => t.route.isApi).map((t) => `${t.route.method} ${t.route.pattern}`);
    expect(new Set(inTable)).toEqual(new Set(documentedApiWrites().keys()));
    expect(targets.filter((t) => !t.route.isApi).length).toBeGreaterThan(30);
  });

  it('answers every bad request with less than 500, and writes nothing when it answers 4xx', async () => {
    const failures: string[] = [];
    for (const [index, fuzzTarget] of targets.entries()) {
      const { method, pattern } = fuzzTarget.route;
      const details = await fc.check(
        fc.asyncProperty(badRequest(fuzzTarget, vocabulary, sessions.length), async (request) => {
          const response = await send(request);
          const written = writesLeft(`${method} ${pattern}`, await writes.writesSinceLastCheck());
          const answer = `${request.method} ${request.url} answered ${response.statusCode}: ${response.body.slice(0, 300)}`;
          expect(response.statusCode, answer).toBeLessThan(500);
          if (response.statusCode >= 400) expect(written, `${answer}\nbut wrote rows`).toEqual([]);
        }),
        { seed: SEED + index, numRuns: RUNS_PER_ROUTE, endOnFailure: true },
      );
      // Every route is tried even after one fails, so a run reports all of them at once.
      if (details.failed) failures.push(`${method} ${pattern} (seed ${details.seed}): ${String(details.errorInstance).slice(0, 600)}\n  request: ${JSON.stringify(details.counterexample?.[0]).slice(0, 600)}`);
    }
    expect(failures, failures.join('\n\n')).toEqual([]);
  }, 600_000);

  async function send(request: BadRequest): Promise<LightMyRequestResponse> {
    const signedIn = request.session === null ? undefined : sessions[request.session]!;
    const headers = { ...request.headers, ...(signedIn ? { cookie: signedIn.session.cookie } : {}), ...(signedIn && request.withCsrf ? { 'x-csrf-token': signedIn.session.csrfToken } : {}) };
    const response = await hub.app.inject({ method: request.method as 'POST', url: request.url, headers, ...(request.payload === undefined ? {} : { payload: request.payload }) });
    counts.requests++;
    counts[`${Math.min(5, Math.floor(response.statusCode / 100))}xx` as '2xx']++;
    // Signing out (or in) replaces the session; sign the same person in again to carry on.
    if (signedIn && response.cookies.some((c) => c.name === 'hub_session')) signedIn.session = await signIn(hub.app, signedIn.email, DEMO_PASSWORD);
    return response;
  }
});

/** A learner rates, adds evidence, asks their supervisor to verify and plans a journey: ids for the fuzzer to aim at. */
async function createRealisticActivity(hub: TestHub): Promise<void> {
  const pair = DEMO_SUPERVISIONS[0]!;
  const learner = await signIn(hub.app, demoEmail(pair.learner), DEMO_PASSWORD);
  const supervisor = await hub.services.accounts.findPersonByEmail(demoEmail(pair.supervisor));
  const topics = knowledgeTopics(hub, 3);
  const steps: Array<[string, string, unknown]> = [
    ['PUT', '/api/v1/me/ratings', { ratings: Object.fromEntries(topics.map((t) => [t, 'familiarity'])) }],
    ['POST', '/api/v1/evidence', { topicId: topics[0], kind: 'note', note: 'Completed the module.' }],
    ['POST', '/api/v1/verification-requests', { topicId: topics[0], supervisorId: supervisor!.id }],
    ['POST', '/api/v1/me/journey', {}],
  ];
  for (const [method, url, body] of steps) {
    const response = await learner.api(method as 'POST', url, body);
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
  }
}

/** Ids of real rows in every table (in insertion order, so a seed picks the same ones each run) and the framework's words. */
async function collectVocabulary(hub: TestHub): Promise<FuzzVocabulary> {
  const tables = await queryRows<{ table_name: string }>(
    hub.database.db,
    // Not partitions: their rows are their table's (topic_ratings), and their names change by the month.
    sql`select table_name from information_schema.columns c where table_schema = 'public' and column_name = 'id' and data_type = 'uuid'
          and not exists (select 1 from pg_class p where p.relname = c.table_name and p.relispartition) order by table_name`,
  );
  const idsByTable = new Map<string, string[]>();
  for (const { table_name: table } of tables) {
    const rows = await queryRows<{ id: string }>(hub.database.db, sql.raw(`select id::text as id from "${table}" order by ctid limit 6`));
    idsByTable.set(table, rows.map((r) => r.id));
  }
  const ids = [...idsByTable.values()].flat();
  const { doc } = hub.services.assessmentFramework().index;
  const words = [...doc.factors.map((f) => f.id), ...doc.archetypes.map((a) => a.id), ...knowledgeTopics(hub, 8), 'awareness', 'familiarity', 'understanding', 'capability', 'proficiency', 'not-yet'];
  return { ids, idsByTable, words };
}

/** Every write route, with the real addresses and fields its forms show the signed-in people. */
async function findTargets(hub: TestHub, sessions: TestSession[], vocabulary: FuzzVocabulary): Promise<FuzzTarget[]> {
  const forms = (await Promise.all(sessions.map((s) => crawlForms(hub.app, s.cookie, 60)))).flat();
  return listWriteRoutes(hub.app).map((route) => {
    const matching = forms.filter((f) => matchesPattern(route.pattern, f.action));
    const formFields = new Map<string, string[]>();
    for (const form of matching) for (const [name, values] of form.fields) formFields.set(name, [...new Set([...(formFields.get(name) ?? []), ...values])]);
    const realUrls = paramNames(route.pattern).length > 0 ? [...new Set(matching.map((f) => f.action.replace(/\?.*$/, '')))] : [];
    const paramIds = new Map(paramNames(route.pattern).map((name) => [name, idsOfTheKindNamed(route.pattern, name, vocabulary)]));
    return { route, realUrls, formFields, paramIds };
  });
}

/** Ids from the table an address parameter names: `/products/:id` → ai_products, `:personId` → people. */
function idsOfTheKindNamed(pattern: string, param: string, vocabulary: FuzzVocabulary): string[] {
  const segment = /([\w-]+)\/:\w+$/.exec(pattern.slice(0, pattern.indexOf(`:${param}`) + param.length + 1))?.[1] ?? '';
  const noun = param === 'personId' ? 'people' : segment.replace(/-/g, '_');
  return [...vocabulary.idsByTable].filter(([table]) => table === noun || table.endsWith(`_${noun}`)).flatMap(([, ids]) => ids);
}
