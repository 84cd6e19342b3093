import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xapiActivities } from '../src/db/schema.ts';
import { createTestOrganisations } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { issueTestLrsKey, xapiClient } from './support/xapi-client.ts';

const ACTIVITY = 'https://learning.example/courses/ai-safety';
const AGENT = JSON.stringify({ objectType: 'Agent', mbox: 'mailto:ada@Learning.Example' });

/** The resources and the address parameters of one document in each. */
const RESOURCES = [
  { name: 'state', path: '/activities/state', query: () => ({ activityId: ACTIVITY, agent: AGENT, stateId: randomUUID() }) },
  { name: 'activity profile', path: '/activities/profile', query: () => ({ activityId: ACTIVITY, profileId: randomUUID() }) },
  { name: 'agent profile', path: '/agents/profile', query: () => ({ agent: AGENT, profileId: randomUUID() }) },
];

/** Concurrency (9274.1.1 §4.1.4) on all three document resources, the two profile resources, /agents and /activities. */
describe.each(databaseTargets())('xAPI profiles, concurrency, agents and activities on $name', (target) => {
  let hub: TestHub;
  let client: ReturnType<typeof xapiClient>;
  let otherClient: ReturnType<typeof xapiClient>;
  let orgs: Awaited<ReturnType<typeof createTestOrganisations>>;

  beforeAll(async () => {
    hub = await createTestHub(target);
    orgs = await createTestOrganisations(hub);
    client = xapiClient(hub.app, await issueTestLrsKey(hub, orgs.trust.id));
    otherClient = xapiClient(hub.app, await issueTestLrsKey(hub, orgs.otherTrust.id));
  });
  afterAll(() => hub.close());

  describe.each(RESOURCES)('XAPI-00322: the $name resource', ({ path, query: queryOf }) => {
    it('refuses a PUT over an existing document without If-Match or If-None-Match with 409, explains, and changes nothing', async () => {
      const query = queryOf();
      expect((await client.put(path, { v: 1 }, { query })).statusCode).toBe(204);
      const conflict = await client.put(path, { v: 2 }, { query });
      expect(conflict.statusCode).toBe(409);
      expect(conflict.json().error.message).toContain('If-Match');
      expect((await client.get(path, { query })).json()).toEqual({ v: 1 });
    });

    it('honours If-Match on PUT, POST and DELETE: 412 and no change for a stale ETag, done for the current one', async () => {
      const query = queryOf();
      await client.post(path, { v: 1 }, { query });
      const etag = String((await client.get(path, { query })).headers.etag);
      expect(etag).toMatch(/^".+"$/);
      for (const send of [() => client.put(path, { v: 9 }, { query, headers: { 'if-match': '"1234"' } }), () => client.post(path, { w: 9 }, { query, headers: { 'if-match': '"1234"' } }), () => client.delete(path, { query, headers: { 'if-match': '"1234"' } })]) {
        expect((await send()).statusCode).toBe(412);
      }
      expect((await client.get(path, { query })).json()).toEqual({ v: 1 });
      expect((await client.put(path, { v: 2 }, { query, headers: { 'if-match': etag } })).statusCode).toBe(204);
      const second = String((await client.get(path, { query })).headers.etag);
      expect(second).not.toBe(etag);
      expect((await client.post(path, { w: 3 }, { query, headers: { 'if-match': second } })).statusCode).toBe(204);
      expect((await client.get(path, { query })).json()).toEqual({ v: 2, w: 3 });
      const third = String((await client.get(path, { query })).headers.etag);
      expect((await client.delete(path, { query, headers: { 'if-match': third } })).statusCode).toBe(204);
      expect((await client.get(path, { query })).statusCode).toBe(404);
    });

    it('honours If-None-Match: * (create only) and If-Match on a missing document', async () => {
      const query = queryOf();
      expect((await client.put(path, { v: 1 }, { query, headers: { 'if-match': '"abc"' } })).statusCode).toBe(412);
      expect((await client.put(path, { v: 1 }, { query, headers: { 'if-none-match': '*' } })).statusCode).toBe(204);
      expect((await client.put(path, { v: 2 }, { query, headers: { 'if-none-match': '*' } })).statusCode).toBe(412);
      expect((await client.put(path, { v: 2 }, { query, headers: { 'if-match': '*' } })).statusCode).toBe(204);
      expect((await client.get(path, { query })).json()).toEqual({ v: 2 });
    });

    it('lets only one of two racing create-only PUTs win', async () => {
      const query = queryOf();
      const racing = await Promise.all([1, 2].map((v) => client.put(path, { v }, { query, headers: { 'if-none-match': '*' } })));
      expect(racing.map((r) => r.statusCode).sort()).toEqual([204, 412]);
      const ids = await client.get(path, { query: Object.fromEntries(Object.entries(query).filter(([name]) => !name.endsWith('Id') || name === 'activityId')) });
      expect(ids.headers.etag).toMatch(/^".+"$/);
    });

    it('another organisation’s key cannot read, overwrite or delete the document', async () => {
      const query = queryOf();
      await client.put(path, { mine: true }, { query });
      expect((await otherClient.get(path, { query })).statusCode).toBe(404);
      expect((await otherClient.put(path, { theirs: true }, { query, headers: { 'if-match': '*' } })).statusCode).toBe(412);
      expect((await otherClient.delete(path, { query })).statusCode).toBe(204);
      expect((await client.get(path, { query })).json()).toEqual({ mine: true });
    });
  });

  it('XAPI-00290/00303/00287/00286/00285: the activity profile resource lists ids (with since), merges and deletes', async () => {
    const activityId = `${ACTIVITY}/${randomUUID()}`;
    await client.put('/activities/profile', { a: 1 }, { query: { activityId, profileId: 'p1' } });
    const between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await client.post('/activities/profile', { b: 1 }, { query: { activityId, profileId: 'p2' } });
    expect((await client.get('/activities/profile', { query: { activityId } })).json()).toEqual(['p1', 'p2']);
    expect((await client.get('/activities/profile', { query: { activityId, since: between } })).json()).toEqual(['p2']);
    expect((await client.delete('/activities/profile', { query: { activityId } })).json().error.message).toContain('profileId parameter is required');
    expect((await client.get('/activities/profile', { query: { activityId, agent: AGENT } })).statusCode).toBe(400);
    expect((await client.get('/activities/profile', { query: {} })).json().error.message).toContain('activityId parameter is required');
  });

  it('XAPI-00274/00268/00275/00260/00261/00265: the agent profile resource lists ids (with since) and checks its parameters', async () => {
    const agent = JSON.stringify({ account: { homePage: 'https://learning.example', name: randomUUID() } });
    await client.put('/agents/profile', 'plain text', { query: { agent, profileId: 'notes' }, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    const got = await client.get('/agents/profile', { query: { agent, profileId: 'notes' } });
    expect(got.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(got.body).toBe('plain text');
    expect((await client.get('/agents/profile', { query: { agent } })).json()).toEqual(['notes']);
    expect((await client.get('/agents/profile', { query: { agent, since: new Date(Date.now() + 60_000).toISOString() } })).json()).toEqual([]);
    expect((await client.get('/agents/profile', { query: { agent, since: 'true' } })).statusCode).toBe(400);
    expect((await client.get('/agents/profile', { query: { profileId: 'notes' } })).json().error.message).toContain('agent parameter is required');
    expect((await client.delete('/agents/profile', { query: { agent } })).statusCode).toBe(400);
  });

  it('XAPI-00236/00248/00237..00242: GET /agents answers a Person object of arrays for the agent asked about', async () => {
    const agent = { objectType: 'Agent', name: 'Ada Learner', mbox: 'mailto:ada@example.com' };
    const person = await client.get('/agents', { query: { agent: JSON.stringify(agent) } });
    expect(person.statusCode).toBe(200);
    expect(person.json()).toEqual({ objectType: 'Person', name: ['Ada Learner'], mbox: ['mailto:ada@example.com'], mbox_sha1sum: [], openid: [], account: [] });
    const byAccount = await client.get('/agents', { query: { agent: JSON.stringify({ account: { homePage: 'https://lms.example', name: 'u1' } }) } });
    expect(byAccount.json().account).toEqual([{ homePage: 'https://lms.example', name: 'u1' }]);
  });

  it('XAPI-00243/00249: GET /agents refuses a missing agent, an agent without an identifier, and another parameter', async () => {
    expect((await client.get('/agents')).json().error.message).toContain('agent parameter is required');
    expect((await client.get('/agents', { query: { agent: JSON.stringify({ objectType: 'Agent', name: 'No IFI' }) } })).json().error.message).toContain('exactly one');
    expect((await client.get('/agents', { query: { agent: AGENT, since: 'x' } })).statusCode).toBe(400);
  });

  it('XAPI-00253/00251: GET /activities answers the definition this organisation’s LRS holds, and only the id for one it has never seen', async () => {
    const activityId = `${ACTIVITY}/${randomUUID()}`;
    const definition = { name: { 'en-GB': 'AI safety', 'fr-FR': 'Sécurité de l’IA' }, type: 'http://adlnet.gov/expapi/activities/course' };
    await hub.database.db.insert(xapiActivities).values({ organisationId: orgs.trust.id, activityId, definition });
    expect((await client.get('/activities', { query: { activityId } })).json()).toEqual({ objectType: 'Activity', id: activityId, definition });
    const elsewhere = await otherClient.get('/activities', { query: { activityId } });
    expect(elsewhere.statusCode).toBe(200);
    expect(elsewhere.json()).toEqual({ objectType: 'Activity', id: activityId });
  });

  it('XAPI-00250: GET /activities refuses a missing or malformed activityId', async () => {
    expect((await client.get('/activities')).json().error.message).toContain('activityId parameter is required');
    expect((await client.get('/activities', { query: { activityId: 'true' } })).json().error.message).toContain('IRI with a scheme');
  });
});
