import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xapiDocuments } from '../src/db/schema.ts';
import { createTestOrganisations } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { issueTestLrsKey, xapiClient } from './support/xapi-client.ts';

const ACTIVITY = 'https://learning.example/courses/ai-safety';
const agentOf = (name = 'Ada Learner') => ({ objectType: 'Agent', name, account: { homePage: 'https://learning.example', name: 'ada-42' } });

/** The state resource, its parameters and the document rules shared by all three document resources (issue 16 §1). */
describe.each(databaseTargets())('the xAPI state resource on $name', (target) => {
  let hub: TestHub;
  let client: ReturnType<typeof xapiClient>;
  let otherClient: ReturnType<typeof xapiClient>;
  let trustId: string;

  beforeAll(async () => {
    hub = await createTestHub(target);
    const orgs = await createTestOrganisations(hub);
    trustId = orgs.trust.id;
    client = xapiClient(hub.app, await issueTestLrsKey(hub, orgs.trust.id));
    otherClient = xapiClient(hub.app, await issueTestLrsKey(hub, orgs.otherTrust.id));
  });
  afterAll(() => hub.close());

  const stateQuery = (extra: Record<string, string> = {}) => ({ activityId: ACTIVITY, agent: JSON.stringify(agentOf()), stateId: randomUUID(), ...extra });

  it('XAPI-00190/00188/00192: stores a JSON state with PUT and returns it with its content type, a quoted ETag and Last-Modified', async () => {
    const query = stateQuery();
    expect((await client.put('/activities/state', { bookmark: 'page-3' }, { query })).statusCode).toBe(204);
    const got = await client.get('/activities/state', { query });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual({ bookmark: 'page-3' });
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers.etag).toMatch(/^"[0-9a-f]{40}"$/);
    expect(Date.parse(String(got.headers['last-modified']))).not.toBeNaN();
    const head = await client.head('/activities/state', { query });
    expect(head.statusCode).toBe(200);
    expect(head.headers.etag).toBe(got.headers.etag);
    expect(head.body).toBe('');
  });

  it('keeps a non-JSON document byte for byte, with its content type, and one sent without a type as application/octet-stream', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const query = stateQuery();
    expect((await client.put('/activities/state', bytes, { query, headers: { 'content-type': 'image/png' } })).statusCode).toBe(204);
    const got = await client.get('/activities/state', { query });
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.rawPayload.equals(bytes)).toBe(true);
    const untyped = stateQuery();
    expect((await client.put('/activities/state', 'suspend data 1|2|3', { query: untyped, headers: { 'content-type': null } })).statusCode).toBe(204);
    const gotUntyped = await client.get('/activities/state', { query: untyped });
    expect(gotUntyped.headers['content-type']).toBe('application/octet-stream');
    expect(gotUntyped.body).toBe('suspend data 1|2|3');
  });

  it('XAPI-00234/00184/00183/00233: POST stores a new document, then merges top-level properties, replacing each whole', async () => {
    const query = stateQuery();
    await client.post('/activities/state', { car: { make: 'Ford', model: 'Escape' }, driver: 'Dale', keep: 1 }, { query });
    expect((await client.post('/activities/state', { car: { make: 'Dodge' }, driver: 'Jeff' }, { query })).statusCode).toBe(204);
    expect((await client.get('/activities/state', { query })).json()).toEqual({ car: { make: 'Dodge' }, driver: 'Jeff', keep: 1 });
  });

  it('XAPI-00229/00232/00235: POST refuses to merge unless both documents are JSON objects, and changes nothing', async () => {
    const json = stateQuery();
    await client.post('/activities/state', { a: 1 }, { query: json });
    const refusals = [
      await client.post('/activities/state', 'abcdefg', { query: json, headers: { 'content-type': 'text/plain' } }),
      await client.post('/activities/state', '[1,2]', { query: json, headers: { 'content-type': 'application/json' } }),
      await client.post('/activities/state', '{"a":', { query: json, headers: { 'content-type': 'application/json' } }),
    ];
    for (const refused of refusals) expect(refused.statusCode).toBe(400);
    expect(refusals[0]!.json().error.message).toContain('not application/json');
    expect((await client.get('/activities/state', { query: json })).json()).toEqual({ a: 1 });
    const binary = stateQuery();
    await client.put('/activities/state', '/ asdf / undefined', { query: binary, headers: { 'content-type': 'application/octet-stream' } });
    const refused = await client.post('/activities/state', { b: 2 }, { query: binary });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('stored document is application/octet-stream');
    expect((await client.get('/activities/state', { query: binary })).body).toBe('/ asdf / undefined');
  });

  it('XAPI-00193/00195/00221: lists the state ids of an activity and agent, only those changed after since', async () => {
    const agent = JSON.stringify({ mbox: `mailto:list-${randomUUID()}@example.com` });
    const [first, second] = [randomUUID(), randomUUID()];
    await client.put('/activities/state', { n: 1 }, { query: { activityId: ACTIVITY, agent, stateId: first } });
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await client.put('/activities/state', { n: 2 }, { query: { activityId: ACTIVITY, agent, stateId: second } });
    const all = await client.get('/activities/state', { query: { activityId: ACTIVITY, agent } });
    expect(all.json<string[]>().sort()).toEqual([first, second].sort());
    expect((await client.get('/activities/state', { query: { activityId: ACTIVITY, agent, since: between } })).json()).toEqual([second]);
  });

  it('XAPI-00218/00220/00219/00194: keeps states apart by registration; DELETE without stateId clears one registration or all', async () => {
    const agent = JSON.stringify({ openid: `https://id.example/${randomUUID()}` });
    const [reg1, reg2] = [randomUUID(), randomUUID()];
    const base = { activityId: ACTIVITY, agent };
    await client.put('/activities/state', { r: 1 }, { query: { ...base, registration: reg1, stateId: 's' } });
    await client.put('/activities/state', { r: 2 }, { query: { ...base, registration: reg2, stateId: 's' } });
    expect((await client.get('/activities/state', { query: { ...base, registration: reg2, stateId: 's' } })).json()).toEqual({ r: 2 });
    expect((await client.get('/activities/state', { query: { ...base, stateId: 's' } })).statusCode).toBe(404);
    expect((await client.delete('/activities/state', { query: { ...base, registration: reg1 } })).statusCode).toBe(204);
    expect((await client.get('/activities/state', { query: { ...base, registration: reg1 } })).json()).toEqual([]);
    expect((await client.get('/activities/state', { query: { ...base, registration: reg2 } })).json()).toEqual(['s']);
    expect((await client.delete('/activities/state', { query: base })).statusCode).toBe(204);
    expect((await client.get('/activities/state', { query: base })).json()).toEqual([]);
  });

  it('XAPI-00191/00216: DELETE with a stateId removes that document only', async () => {
    const query = stateQuery();
    await client.put('/activities/state', { x: 1 }, { query });
    expect((await client.delete('/activities/state', { query })).statusCode).toBe(204);
    expect((await client.get('/activities/state', { query })).statusCode).toBe(404);
  });

  it('files a state under the agent’s identifier, not its JSON: a name or objectType does not make another agent', async () => {
    const query = stateQuery();
    await client.put('/activities/state', { same: true }, { query });
    const bare = { ...query, agent: JSON.stringify({ account: { name: 'ada-42', homePage: 'https://learning.example' } }) };
    expect((await client.get('/activities/state', { query: bare })).json()).toEqual({ same: true });
    const [row] = await hub.database.db.select().from(xapiDocuments).where(and(eq(xapiDocuments.organisationId, trustId), eq(xapiDocuments.documentId, query.stateId)));
    expect(row!.agentIfi).toBe('account:https%3A%2F%2Flearning.example|ada-42');
  });

  it.each([
    ['XAPI-00207..00210: a missing activityId', { agent: JSON.stringify(agentOf()), stateId: 's' }, 'activityId parameter is required'],
    ['an activityId without a scheme', { activityId: 'not an iri', agent: JSON.stringify(agentOf()), stateId: 's' }, 'IRI with a scheme'],
    ['XAPI-00212..00215: a missing agent', { activityId: ACTIVITY, stateId: 's' }, 'agent parameter is required'],
    ['XAPI-00196..00199: an agent that is not JSON', { activityId: ACTIVITY, agent: 'true', stateId: 's' }, 'Agent object'],
    ['an agent with two identifiers', { activityId: ACTIVITY, agent: JSON.stringify({ mbox: 'mailto:a@b.c', openid: 'https://a.b' }), stateId: 's' }, 'exactly one'],
    ['an agent with a bad mbox', { activityId: ACTIVITY, agent: JSON.stringify({ mbox: 'a@b.c' }), stateId: 's' }, 'mailto:'],
    ['a Group as the agent', { activityId: ACTIVITY, agent: JSON.stringify({ objectType: 'Group', mbox: 'mailto:a@b.c' }), stateId: 's' }, 'objectType'],
    ['XAPI-00200..00203: a registration that is not a UUID', { activityId: ACTIVITY, agent: JSON.stringify(agentOf()), stateId: 's', registration: 'true' }, 'UUID'],
    ['an unknown parameter', { activityId: ACTIVITY, agent: JSON.stringify(agentOf()), stateId: 's', profileId: 'p' }, 'profileId parameter is not one'],
    ['a parameter in the wrong case', { activityID: ACTIVITY, agent: JSON.stringify(agentOf()), stateId: 's' }, 'activityID parameter is not one'],
  ])('refuses %s with 400 and says why, on every method', async (_name, query, message) => {
    for (const send of [() => client.put('/activities/state', { a: 1 }, { query }), () => client.post('/activities/state', { a: 1 }, { query }), () => client.get('/activities/state', { query }), () => client.delete('/activities/state', { query })]) {
      const refused = await send();
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.message).toContain(message);
    }
  });

  it('XAPI-00204/00206/00211: refuses a bad since, since beside stateId, a missing stateId on PUT/POST, and a repeated parameter', async () => {
    const context = { activityId: ACTIVITY, agent: JSON.stringify(agentOf()) };
    expect((await client.get('/activities/state', { query: { ...context, since: 'yesterday' } })).json().error.message).toContain('ISO 8601');
    expect((await client.get('/activities/state', { query: { ...context, stateId: 's', since: new Date().toISOString() } })).statusCode).toBe(400);
    expect((await client.put('/activities/state', { a: 1 }, { query: context })).json().error.message).toContain('stateId parameter is required');
    expect((await client.post('/activities/state', { a: 1 }, { query: context })).statusCode).toBe(400);
    const repeated = await client.get(`/activities/state?activityId=${encodeURIComponent(ACTIVITY)}&activityId=${encodeURIComponent(ACTIVITY)}&agent=${encodeURIComponent(context.agent)}`);
    expect(repeated.json().error.message).toContain('more than once');
  });

  it('another organisation’s key cannot see, list, overwrite or delete a document', async () => {
    const query = stateQuery();
    await client.put('/activities/state', { mine: true }, { query });
    expect((await otherClient.get('/activities/state', { query })).statusCode).toBe(404);
    expect((await otherClient.get('/activities/state', { query: { activityId: query.activityId, agent: query.agent } })).json()).toEqual([]);
    // Its PUT makes its own document (no 409: in its LRS there was none), and its delete-all clears only its own.
    expect((await otherClient.put('/activities/state', { theirs: true }, { query })).statusCode).toBe(204);
    expect((await otherClient.get('/activities/state', { query })).json()).toEqual({ theirs: true });
    expect((await otherClient.delete('/activities/state', { query: { activityId: query.activityId, agent: query.agent } })).statusCode).toBe(204);
    expect((await otherClient.get('/activities/state', { query })).statusCode).toBe(404);
    expect((await client.get('/activities/state', { query })).json()).toEqual({ mine: true });
  });
});
