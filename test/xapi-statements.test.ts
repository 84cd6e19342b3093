import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganisations } from './support/people-fixtures.ts';
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

  beforeAll(async () => {
    hub = await createTestHub(target);
    const orgs = await createTestOrganisations(hub);
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
});
