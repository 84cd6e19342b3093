import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, lrsKeys } from '../src/db/schema.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { basicAuthorization, xapiClient } from './support/xapi-client.ts';

const SECRET_ON_PAGE = /Secret \(password\)[\s\S]*?<code>([A-Za-z0-9_-]{40,})<\/code>/;
const KEY_ON_PAGE = /Key \(user name\)[\s\S]*?<code>(lrs-[A-Za-z0-9_-]+)<\/code>/;

/** Organisation admins issue and revoke the keys learning platforms use (issue 16 §1), on a page and through the API. */
describe.each(databaseTargets())('learning record store keys on $name', (target) => {
  let hub: TestHub;
  let orgs: Awaited<ReturnType<typeof createTestOrganisations>>;
  let trustAdmin: TestSession;
  let icsAdmin: TestSession;
  let otherTrustAdmin: TestSession;
  let learner: TestSession;
  const path = (organisationId: string) => `/organisation/lrs-keys?organisationId=${organisationId}`;
  const keysOf = async (organisationId: string) => hub.database.db.select().from(lrsKeys).where(eq(lrsKeys.organisationId, organisationId));

  beforeAll(async () => {
    hub = await createTestHub(target);
    orgs = await createTestOrganisations(hub);
    const session = async (organisationId: string, roles: Parameters<typeof createTestPerson>[1]['roles']) => signIn(hub.app, (await createTestPerson(hub, { organisationId, roles })).email);
    trustAdmin = await session(orgs.trust.id, ['organisation-admin']);
    icsAdmin = await session(orgs.ics.id, ['organisation-admin']);
    otherTrustAdmin = await session(orgs.otherTrust.id, ['organisation-admin']);
    learner = await session(orgs.trust.id, ['learner']);
  });
  afterAll(() => hub.close());

  it('issues a key on the page, shows its secret once, and the key sends statements until it is revoked', async () => {
    expect((await trustAdmin.get(`/organisation?organisationId=${orgs.trust.id}`)).body).toContain(`href="${path(orgs.trust.id)}"`);
    const empty = await trustAdmin.get(path(orgs.trust.id));
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('No keys have been issued for Test Trust yet.');
    expect(empty.body).toContain('/xapi</code>');

    const issued = await trustAdmin.post('/organisation/lrs-keys', { organisationId: orgs.trust.id, platform: 'NHS Learning Hub' });
    expect(issued.statusCode).toBe(201);
    expect(issued.headers['cache-control']).toContain('no-store');
    const secret = SECRET_ON_PAGE.exec(issued.body)?.[1];
    const keyName = KEY_ON_PAGE.exec(issued.body)?.[1];
    expect(secret && keyName).toBeTruthy();
    const [stored] = await keysOf(orgs.trust.id);
    expect(stored).toMatchObject({ keyName, platform: 'NHS Learning Hub', revokedAt: null });
    expect(JSON.stringify(stored)).not.toContain(secret);

    const listed = await trustAdmin.get(path(orgs.trust.id));
    expect(listed.body).toContain('NHS Learning Hub');
    expect(listed.body).not.toContain(secret);
    const platform = xapiClient(hub.app, { authorization: basicAuthorization(keyName!, secret!) });
    expect((await platform.get('/nowhere')).statusCode).toBe(404);

    const revoked = await trustAdmin.post('/organisation/lrs-keys/revoke', { organisationId: orgs.trust.id, keyId: stored!.id });
    expect(revoked.statusCode).toBe(303);
    expect((await trustAdmin.get(revoked.headers.location as string)).body).toContain('The key has been revoked.');
    expect((await platform.get('/nowhere')).statusCode).toBe(401);
    const audit = await hub.database.db.select().from(auditEvents).where(eq(auditEvents.organisationId, orgs.trust.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['lrs-key.issued', 'lrs-key.revoked']));
    const activity = await trustAdmin.get(`/organisation/activity?organisationId=${orgs.trust.id}`);
    expect(activity.body).toContain('Learning record store key issued to NHS Learning Hub');
  });

  it('refuses an empty platform name with an error summary and stores nothing', async () => {
    const before = (await keysOf(orgs.otherTrust.id)).length;
    const bad = await otherTrustAdmin.post('/organisation/lrs-keys', { organisationId: orgs.otherTrust.id, platform: '   ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('There is a problem');
    expect(bad.body).toContain('Enter the name of the learning platform that will use the key');
    expect(await keysOf(orgs.otherTrust.id)).toHaveLength(before);
  });

  it('lets only admins of the organisation or above see and manage its keys', async () => {
    expect((await icsAdmin.get(path(orgs.trust.id))).statusCode).toBe(200);
    for (const outsider of [learner, otherTrustAdmin]) {
      expect([403, 404]).toContain((await outsider.get(path(orgs.trust.id))).statusCode);
      expect([403, 404]).toContain((await outsider.post('/organisation/lrs-keys', { organisationId: orgs.trust.id, platform: 'Sneaky' })).statusCode);
      expect([403, 404]).toContain((await outsider.api('GET', `/api/v1/organisations/${orgs.trust.id}/lrs-keys`)).statusCode);
    }
    const [key] = await keysOf(orgs.trust.id);
    expect([403, 404]).toContain((await otherTrustAdmin.post('/organisation/lrs-keys/revoke', { organisationId: orgs.otherTrust.id, keyId: key!.id })).statusCode);
    expect((await keysOf(orgs.trust.id)).map((k) => k.platform)).not.toContain('Sneaky');
  });

  it('issues, lists and revokes keys through the API, with the secret only in the issuing answer', async () => {
    const issued = await icsAdmin.api('POST', `/api/v1/organisations/${orgs.trust.id}/lrs-keys`, { platform: 'University e-learning' });
    expect(issued.statusCode).toBe(201);
    const { key, secret, endpoint } = issued.json();
    expect(endpoint).toMatch(/\/xapi$/);
    expect((await xapiClient(hub.app, { authorization: basicAuthorization(key.key, secret) }).get('/nowhere')).statusCode).toBe(404);
    const listed = await trustAdmin.api('GET', `/api/v1/organisations/${orgs.trust.id}/lrs-keys`);
    expect(listed.json().keys.map((k: { platform: string }) => k.platform)).toContain('University e-learning');
    expect(listed.body).not.toContain(secret);
    expect((await trustAdmin.api('POST', `/api/v1/organisations/${orgs.trust.id}/lrs-keys`, { platform: 'x', extra: 1 })).statusCode).toBe(400);
    expect((await otherTrustAdmin.api('DELETE', `/api/v1/organisations/${orgs.otherTrust.id}/lrs-keys/${key.id}`)).statusCode).toBe(404);
    const revoked = await trustAdmin.api('DELETE', `/api/v1/organisations/${orgs.trust.id}/lrs-keys/${key.id}`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).toBeTruthy();
  });
});
