import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganisations, createTestPerson, signIn, TEST_PASSWORD } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

/** No cache keeps an answer that depends on who asks (issue 10). */
describe.each(databaseTargets())('Cache-Control on $name', (target) => {
  let hub: TestHub;
  let session: TestSession;
  let email: string;
  beforeAll(async () => {
    hub = await createTestHub(target);
    const { trust } = await createTestOrganisations(hub);
    email = (await createTestPerson(hub, { organisationId: trust.id, roles: ['organisation-admin'] })).email;
    session = await signIn(hub.app, email);
  });
  afterAll(() => hub.close());

  it.each([
    ['the API', '/api/v1/me'],
    ['a public API read', '/api/v1/frameworks'],
    ['the API notifications', '/api/v1/notifications'],
    ['the CASE provider', '/ims/case/v1p0/CFDocuments'],
    ['a page', '/account'],
    ['a public page', '/catalogue'],
    ['an API problem', '/api/v1/people/00000000-0000-4000-8000-000000000000'],
    ['a missing page', '/no/such/page'],
  ])('says no-store on %s asked for with a session', async (_, url) => {
    const response = await session.get(url);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('says no-store on a request whose session has ended, and on answers that start or end one', async () => {
    const stale = await hub.app.inject({ method: 'GET', url: '/api/v1/frameworks', headers: { cookie: 'hub_session=ended-long-ago' } });
    expect(stale.headers['cache-control']).toBe('no-store');
    const started = await hub.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: '192.0.2.201', payload: { email, password: TEST_PASSWORD } });
    expect(started.statusCode).toBe(200);
    expect(started.headers['cache-control']).toBe('no-store');
    const cookie = `hub_session=${started.cookies.find((c) => c.name === 'hub_session')?.value}`;
    const { csrfToken } = started.json() as { csrfToken: string };
    const ended = await hub.app.inject({ method: 'DELETE', url: '/api/v1/session', headers: { cookie, 'x-csrf-token': csrfToken } });
    expect(ended.statusCode).toBe(204);
    expect(ended.headers['cache-control']).toBe('no-store');
  });

  it('keeps what downloads and assets say, and lets caches keep public answers to visitors', async () => {
    const download = await session.get('/products/training-currency.csv');
    expect(download.statusCode).toBe(200);
    expect(download.headers['cache-control']).toBe('private, no-store');
    const asset = await session.get('/static/hub/hub.css');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toMatch(/max-age=\d+/);
    const visitor = await hub.app.inject({ method: 'GET', url: '/api/v1/frameworks' });
    expect(visitor.headers['cache-control']).toBeUndefined();
  });
});
