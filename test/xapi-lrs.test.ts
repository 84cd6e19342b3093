import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/db/schema.ts';
import { createTestOrganisations } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { basicAuthorization, issueTestLrsKey, xapiClient } from './support/xapi-client.ts';
import type { TestLrsKey } from './support/xapi-client.ts';

/** The learning record store's front door (issue 16 §1): keys, versions, CORS and errors, before any resource. */
describe.each(databaseTargets())('the xAPI learning record store on $name', (target) => {
  let hub: TestHub;
  let key: TestLrsKey;
  let orgs: Awaited<ReturnType<typeof createTestOrganisations>>;

  beforeAll(async () => {
    hub = await createTestHub(target);
    orgs = await createTestOrganisations(hub);
    key = await issueTestLrsKey(hub, orgs.trust.id);
  });
  afterAll(() => hub.close());

  it('XAPI-00315..00321: /about lists 2.0.0, needs no key and is never refused for its version header', async () => {
    for (const headers of [{}, { 'x-experience-api-version': '1.0.3' }, { 'x-experience-api-version': '2.0.0' }]) {
      const about = await hub.app.inject({ method: 'GET', url: '/xapi/about', headers });
      expect(about.statusCode).toBe(200);
      expect(about.json()).toEqual({ version: ['2.0.0'] });
      expect(about.headers['x-experience-api-version']).toBe('2.0.0');
    }
    expect((await hub.app.inject({ method: 'HEAD', url: '/xapi/about' })).statusCode).toBe(200);
  });

  it('XAPI-00334/00335: refuses a request without a key, with a wrong secret or with a revoked key', async () => {
    const client = xapiClient(hub.app, key);
    expect((await client.get('/nowhere')).statusCode).toBe(404);
    for (const authorization of [null, basicAuthorization(key.keyName, 'wrong'), basicAuthorization('lrs-unknown', key.secret), 'Bearer x', 'Basic !!']) {
      const refused = await xapiClient(hub.app, { authorization: authorization ?? '' }).get('/nowhere', { headers: authorization === null ? { authorization: null } : {} });
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error.message).toContain('HTTP Basic');
      expect(refused.headers['x-experience-api-version']).toBe('2.0.0');
      // No browser prompt: the hub never asks a person for these credentials.
      expect(refused.headers['www-authenticate']).toBeUndefined();
    }
    const other = await issueTestLrsKey(hub, orgs.otherTrust.id);
    expect((await xapiClient(hub.app, other).get('/nowhere')).statusCode).toBe(404);
    await hub.services.lrsKeys.revokeKey({ actor: { cli: true }, keyId: other.keyId });
    expect((await xapiClient(hub.app, other).get('/nowhere')).statusCode).toBe(401);
    const audit = await hub.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'lrs-key.revoked'));
    expect(audit.map((a) => a.detail)).toContainEqual(expect.objectContaining({ keyName: other.keyName }));
  });

  it('XAPI-00330..00333: takes 2.0 and 2.0.x, refuses a missing, older or newer version, and always answers 2.0.0', async () => {
    const client = xapiClient(hub.app, key);
    for (const version of ['2.0', '2.0.0', '2.0.7']) expect((await client.get('/nowhere', { headers: { 'x-experience-api-version': version } })).statusCode).toBe(404);
    for (const version of ['1.0.3', '1.0.0', '2.1.0', '3.0.0', 'two', null]) {
      const refused = await client.get('/nowhere', { headers: { 'x-experience-api-version': version } });
      expect(refused.statusCode).toBe(400);
      expect(refused.headers['x-experience-api-version']).toBe('2.0.0');
      expect(refused.json().error.message).toMatch(/2\.0\.0/);
    }
  });

  it('answers browsers’ preflight from any origin without a key, and never asks for the hub’s CSRF token', async () => {
    const preflight = await hub.app.inject({ method: 'OPTIONS', url: '/xapi/statements', headers: { origin: 'https://elearning.example', 'access-control-request-method': 'PUT' } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('X-Experience-API-Version');
    const post = await xapiClient(hub.app, key).post('/nowhere', { any: 'thing' }, { headers: { cookie: 'hub_visitor_csrf=x' } });
    expect(post.statusCode).toBe(404);
    expect(post.headers['content-type']).toContain('application/json');
  });
});
