import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import { createXapiActivityRepository } from '../src/db/xapi-activity.repository.ts';
import { createTestOrganisations, createTestPerson } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets, TEST_BASE_URL } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { issueTestLrsKey, xapiClient } from './support/xapi-client.ts';
import type { TestLrsKey } from './support/xapi-client.ts';

const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';
let counter = 0;
const activityId = () => `http://hub.test/activities/course-${++counter}`;

function statement(overrides: Record<string, unknown> = {}) {
  return {
    actor: { objectType: 'Agent', name: 'Ada', mbox: 'mailto:ada@example.org' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-GB': 'completed' } },
    object: { id: activityId(), definition: { name: { 'en-GB': 'AI safety basics' } } },
    ...overrides,
  };
}

/** The Statement Resource (9274.1.1 §4.1.6.1, §4.2.4–4.2.5; issue 16 §1). */
describe.each(databaseTargets())('xAPI statements on $name', (target) => {
  let hub: TestHub;
  let key: TestLrsKey;
  let client: ReturnType<typeof xapiClient>;
  let other: ReturnType<typeof xapiClient>;
  let orgs: Awaited<ReturnType<typeof createTestOrganisations>>;

  beforeAll(async () => {
    hub = await createTestHub(target);
    orgs = await createTestOrganisations(hub);
    key = await issueTestLrsKey(hub, orgs.trust.id, 'Learning Hub');
    client = xapiClient(hub.app, key);
    other = xapiClient(hub.app, await issueTestLrsKey(hub, orgs.otherTrust.id));
  });
  afterAll(() => hub.close());

  it('XAPI-00021..00030: PUT stores with id, stored, timestamp, version and the key’s authority; another organisation cannot see it', async () => {
    const id = crypto.randomUUID();
    const put = await client.put(`/statements?statementId=${id}`, statement());
    expect(put.statusCode).toBe(204);
    expect(put.headers['x-experience-api-consistent-through']).toBeTruthy();
    const got = await client.get(`/statements?statementId=${id}`);
    expect(got.statusCode).toBe(200);
    const body = got.json();
    expect(body.id).toBe(id);
    expect(body.version).toBe('2.0.0');
    expect(body.timestamp).toBe(body.stored);
    expect(body.authority).toEqual({ objectType: 'Agent', name: 'Learning Hub', account: { homePage: TEST_BASE_URL, name: key.keyName } });
    expect(new Date(got.headers['last-modified'] as string).getTime()).toBe(Math.floor(Date.parse(body.stored) / 1000) * 1000);
    expect((await other.get(`/statements?statementId=${id}`)).statusCode).toBe(404);
  });

  it('XAPI-00142: a stored id with the same statement changes nothing (204/200), a different one is 409', async () => {
    const id = crypto.randomUUID();
    const first = statement();
    expect((await client.put(`/statements?statementId=${id}`, first)).statusCode).toBe(204);
    const stored = (await client.get(`/statements?statementId=${id}`)).json();
    expect((await client.put(`/statements?statementId=${id}`, { ...first, verb: { id: first.verb.id }, object: { id: first.object.id } })).statusCode).toBe(204);
    expect((await client.post('/statements', { ...first, id })).json()).toEqual([id]);
    const changed = await client.put(`/statements?statementId=${id}`, { ...first, verb: { id: 'http://adlnet.gov/expapi/verbs/passed' } });
    expect(changed.statusCode).toBe(409);
    expect((await client.get(`/statements?statementId=${id}`)).json()).toEqual(stored);
    expect((await client.put(`/statements?statementId=${crypto.randomUUID()}`, { ...first, id })).statusCode).toBe(400);
    expect((await client.put('/statements', first)).statusCode).toBe(400);
  });

  it('XAPI-00144: POST stores a batch all or nothing, answers the ids in order, and refuses duplicate ids in a batch', async () => {
    const given = crypto.randomUUID();
    const posted = await client.post('/statements', [statement(), statement({ id: given })]);
    expect(posted.statusCode).toBe(200);
    const ids = posted.json() as string[];
    expect(ids).toHaveLength(2);
    expect(ids[1]).toBe(given);
    const fresh = crypto.randomUUID();
    expect((await client.post('/statements', [statement({ id: fresh }), statement({ id: fresh })])).statusCode).toBe(400);
    expect((await client.post('/statements', [statement({ id: fresh }), { actor: {} }])).statusCode).toBe(400);
    expect((await client.get(`/statements?statementId=${fresh}`)).statusCode).toBe(404);
  });

  it('XAPI-00016..00020: voiding hides the target from queries but not from voidedStatementId; a voiding statement cannot be voided', async () => {
    const activity = activityId();
    const target = crypto.randomUUID();
    await client.put(`/statements?statementId=${target}`, statement({ object: { id: activity } }));
    const referring = (await client.post('/statements', statement({ object: { objectType: 'StatementRef', id: target } }))).json()[0];
    const voiding = (await client.post('/statements', statement({ verb: { id: VOIDED }, object: { objectType: 'StatementRef', id: target } }))).json()[0];
    expect((await client.get(`/statements?statementId=${target}`)).statusCode).toBe(404);
    expect((await client.get(`/statements?voidedStatementId=${target}`)).json().id).toBe(target);
    expect((await client.get(`/statements?voidedStatementId=${voiding}`)).statusCode).toBe(404);
    const listed = (await client.get('/statements', { query: { activity } })).json().statements.map((s: { id: string }) => s.id);
    expect(listed).not.toContain(target);
    expect(listed).toEqual(expect.arrayContaining([referring, voiding]));
    const again = await client.post('/statements', statement({ verb: { id: VOIDED }, object: { objectType: 'StatementRef', id: voiding } }));
    expect(again.statusCode).toBe(400);
    // A voiding statement may arrive before its target.
    const later = crypto.randomUUID();
    expect((await client.post('/statements', statement({ verb: { id: VOIDED }, object: { objectType: 'StatementRef', id: later } }))).statusCode).toBe(200);
    await client.put(`/statements?statementId=${later}`, statement());
    expect((await client.get(`/statements?statementId=${later}`)).statusCode).toBe(404);
  });

  it('XAPI-00164: GET filters by agent, verb, activity, registration, related agents and activities, since and until', async () => {
    const activity = activityId();
    const registration = crypto.randomUUID();
    const tutor = { mbox: `mailto:tutor-${crypto.randomUUID()}@example.org` };
    const team = { objectType: 'Group', member: [{ mbox: `mailto:m-${crypto.randomUUID()}@example.org` }, { mbox: 'mailto:other@example.org' }] };
    const [a, b] = (await client.post('/statements', [
      statement({ object: { id: activity }, context: { registration, instructor: tutor } }),
      statement({ actor: team, verb: { id: 'http://adlnet.gov/expapi/verbs/passed' }, object: { id: activityId() }, context: { contextActivities: { parent: { id: activity } } } }),
    ])).json();
    const ids = async (query: Record<string, string>) => (await client.get('/statements', { query })).json().statements.map((s: { id: string }) => s.id);
    expect(await ids({ activity })).toEqual([a]);
    expect(await ids({ activity, related_activities: 'true' })).toEqual([b, a]);
    expect(await ids({ activity, related_activities: 'true', ascending: 'true' })).toEqual([a, b]);
    expect(await ids({ registration })).toEqual([a]);
    expect(await ids({ agent: JSON.stringify(tutor) })).toEqual([]);
    expect(await ids({ agent: JSON.stringify(tutor), related_agents: 'true' })).toEqual([a]);
    expect(await ids({ agent: JSON.stringify(team.member[0]) })).toEqual([b]);
    expect(await ids({ agent: JSON.stringify(team.member[0]), verb: 'http://adlnet.gov/expapi/verbs/completed' })).toEqual([]);
    const storedA = (await client.get(`/statements?statementId=${a}`)).json().stored;
    expect(await ids({ activity, related_activities: 'true', since: storedA })).toEqual([]);
    expect(await ids({ activity, related_activities: 'true', until: storedA })).toEqual([b, a]);
    // The parent context (a SubStatement or a StatementRef) matches through the statement it refers to.
    const ref = (await client.post('/statements', statement({ object: { objectType: 'StatementRef', id: a } }))).json()[0];
    expect(await ids({ registration })).toEqual([ref, a]);
  });

  it('XAPI-00108..00111: limit pages with a more link that works with GET and is stable when statements arrive meanwhile', async () => {
    const activity = activityId();
    const posted = (await client.post('/statements', [1, 2, 3, 4, 5].map(() => statement({ object: { id: activity } })))).json() as string[];
    const first = (await client.get('/statements', { query: { activity, limit: '2', ascending: 'true' } })).json();
    expect(first.statements.map((s: { id: string }) => s.id)).toEqual(posted.slice(0, 2));
    expect(first.more).toMatch(/^\/xapi\/statements\?more=/);
    await client.post('/statements', statement({ object: { id: activity } }));
    const second = (await client.get(first.more)).json();
    expect(second.statements.map((s: { id: string }) => s.id)).toEqual(posted.slice(2, 4));
    const third = (await client.get(second.more)).json();
    expect(third.statements.map((s: { id: string }) => s.id)).toEqual(posted.slice(4));
    expect(third.more).toBe('');
    expect((await client.get(`${first.more}&limit=1`)).statusCode).toBe(400);
    expect((await client.get('/statements?more=not-ours')).statusCode).toBe(400);
  });

  it('XAPI-00149/00153/00165: an empty result, headers on every answer, HEAD without a body, and bad parameters refused', async () => {
    const empty = await client.get('/statements', { query: { verb: 'http://nothing.test/verb' } });
    expect(empty.json()).toEqual({ statements: [], more: '' });
    expect(empty.headers['content-type']).toMatch(/application\/json/);
    expect(empty.headers['x-experience-api-consistent-through']).toBeTruthy();
    const head = await client.head(`/statements?verb=${encodeURIComponent('http://adlnet.gov/expapi/verbs/completed')}`);
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    const badQueries: Array<Record<string, string>> = [{ statementId: 'nope' }, { statementId: crypto.randomUUID(), voidedStatementId: crypto.randomUUID() }, { statementId: crypto.randomUUID(), verb: 'http://x.test/v' }, { Verb: 'http://x.test/v' }, { agent: '{"name":"no ifi"}' }, { since: 'yesterday' }, { limit: '-1' }, { format: 'full' }, { ascending: 'yes' }];
    for (const query of badQueries) {
      const refused = await client.get('/statements', { query });
      expect(refused.statusCode, JSON.stringify(query)).toBe(400);
      expect(refused.headers['x-experience-api-consistent-through']).toBeTruthy();
    }
  });

  it('CTS 1.3: alternate request syntax and other content types are refused', async () => {
    const body = JSON.stringify(statement());
    expect((await client.post('/statements?method=PUT', body, { headers: { 'content-type': 'application/json' } })).statusCode).toBe(400);
    expect((await client.post('/statements', `content=${encodeURIComponent(body)}`, { headers: { 'content-type': 'application/x-www-form-urlencoded' } })).statusCode).toBe(400);
    expect((await client.post('/statements', body, { headers: { 'content-type': 'text/plain' } })).statusCode).toBe(415);
    expect((await client.post('/statements', '{not json', { headers: { 'content-type': 'application/json' } })).statusCode).toBe(400);
    expect((await client.post('/statements', statement({ context: { platform: 'a\u0000b' } }))).statusCode).toBe(400);
  });

  it('XAPI-00169: format=canonical uses the merged activity definition in the language asked for', async () => {
    const id = activityId();
    await client.post('/statements', statement({ object: { id, definition: { name: { 'en-GB': 'Safety' } } } }));
    const second = (await client.post('/statements', statement({ object: { id, definition: { name: { 'de-DE': 'Sicherheit' } } } }))).json()[0];
    const german = (await client.get(`/statements?statementId=${second}&format=canonical`, { headers: { 'accept-language': 'de-DE' } })).json();
    expect(german.object.definition.name).toEqual({ 'de-DE': 'Sicherheit' });
    const english = (await client.get(`/statements?statementId=${second}&format=canonical`, { headers: { 'accept-language': 'en' } })).json();
    expect(english.object.definition.name).toEqual({ 'en-GB': 'Safety' });
    expect((await createXapiActivityRepository(hub.database.db).findActivity(orgs.trust.id, id))?.definition).toEqual({ name: { 'en-GB': 'Safety', 'de-DE': 'Sicherheit' } });
  });

  it('XAPI-00142: the same statement sent by racing requests is stored once and every request succeeds', async () => {
    const id = crypto.randomUUID();
    const same = statement({ id });
    const answers = await Promise.all([1, 2, 3].map(() => client.post('/statements', same)));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    const listed = (await client.get('/statements', { query: { activity: same.object.id } })).json().statements;
    expect(listed).toHaveLength(1);
  });

  it('applies a completed statement about a hub person before answering, once, and queues nothing for a refused batch', async () => {
    const person = await createTestPerson(hub, { organisationId: orgs.trust.id });
    const completed = statement({ id: crypto.randomUUID(), actor: { mbox: `mailto:${person.email}` } });
    await hub.services.platformCompletions.drain(5_000);
    expect((await client.post('/statements', completed)).statusCode).toBe(200);
    // Applied in the request, after the store's transaction committed: nothing is left queued.
    expect(await createRepositories(hub.database.db).platformCompletionQueue.countWaiting()).toBe(0);
    expect((await client.post('/statements', completed)).statusCode).toBe(200);
    expect((await client.post('/statements', [statement({ actor: { mbox: `mailto:${person.email}` } }), { actor: {} }])).statusCode).toBe(400);
    expect(await hub.services.platformCompletions.drain(5_000)).toEqual({ applied: 0, failed: 0 });
  });
});
