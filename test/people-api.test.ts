import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestOrganisations, createTestPerson, TEST_PASSWORD } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

describe.each(databaseTargets())('people API on $name', (target) => {
  let hub: TestHub;
  let orgs: Awaited<ReturnType<typeof createTestOrganisations>>;
  let admin: Awaited<ReturnType<typeof createTestPerson>>;
  let address = 0;
  beforeAll(async () => {
    hub = await createTestHub(target);
    orgs = await createTestOrganisations(hub);
    admin = await createTestPerson(hub, { organisationId: orgs.trust.id, roles: ['organisation-admin'], name: 'Api Admin' });
  });
  afterAll(() => hub.close());

  const signInByApi = (email: string, password = TEST_PASSWORD) =>
    hub.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: `10.9.0.${++address}`, payload: { email, password } });

  function client(response: LightMyRequestResponse) {
    const cookie = `hub_session=${response.cookies.find((c) => c.name === 'hub_session')?.value}`;
    const { csrfToken } = response.json() as { csrfToken: string };
    return (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, withCsrf = true) =>
      hub.app.inject({ method, url, headers: { cookie, ...(withCsrf ? { 'x-csrf-token': csrfToken } : {}) }, ...(payload ? { payload } : {}) });
  }

  it('signs in with JSON, answers as that person, and signs out', async () => {
    const response = await signInByApi(admin.email);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ person: { id: admin.id, roles: ['learner', 'organisation-admin'] }, csrfToken: expect.any(String) });
    expect(response.cookies.find((c) => c.name === 'hub_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const call = client(response);
    const me = await call('GET', '/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: admin.id, organisationPath: [{ kind: 'national' }, { kind: 'region' }, { kind: 'integrated-care-system' }, { id: orgs.trust.id }] });
    expect((await call('DELETE', '/api/v1/session', undefined, false)).statusCode).toBe(403);
    expect((await call('DELETE', '/api/v1/session')).statusCode).toBe(204);
    expect((await call('GET', '/api/v1/me')).statusCode).toBe(401);
  });

  it('refuses wrong credentials with a problem, the same for unknown people', async () => {
    for (const response of [await signInByApi(admin.email, 'wrong password'), await signInByApi('nobody@example.nhs.uk')]) {
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status: 401, detail: 'Enter a correct email address and password.' });
    }
    expect((await hub.app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: admin.email } })).statusCode).toBe(400);
  });

  it('invites through the API, with the same rules as the form', async () => {
    const call = client(await signInByApi(admin.email));
    const created = await call('POST', `/api/v1/organisations/${orgs.trust.id}/invitations`, { email: 'Api.Invitee@example.nhs.uk', displayName: 'Api Invitee', roles: ['educator'] });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email: 'api.invitee@example.nhs.uk', roles: ['learner', 'educator'], organisationId: orgs.trust.id });
    expect(JSON.stringify(created.json())).not.toMatch(/token/i);
    const outbox = await hub.services.directory.listOutbox({ viewer: { personId: admin.id, organisationId: orgs.trust.id, displayName: admin.displayName, email: admin.email, roles: ['learner', 'organisation-admin'] } });
    expect(outbox.messages[0]?.bodyText).toMatch(/http:\/\/hub\.test\/invitations\/[\w-]+/);

    expect((await call('POST', `/api/v1/organisations/${orgs.trust.id}/invitations`, { email: 'p@example.nhs.uk', displayName: 'P', roles: ['platform-admin'] })).statusCode).toBe(403);
    expect((await call('POST', `/api/v1/organisations/${orgs.trust.id}/invitations`, { email: admin.email, displayName: 'Again' })).statusCode).toBe(409);
    expect((await call('POST', `/api/v1/organisations/${orgs.trust.id}/invitations`, { email: 'not an email', displayName: '' })).statusCode).toBe(400);
    expect((await call('POST', `/api/v1/organisations/${orgs.trust.id}/invitations`, { email: 'c@example.nhs.uk', displayName: 'C' }, false)).statusCode).toBe(403);
  });

  it('lists your notifications, newest first, with the unread count', async () => {
    const learner = await createTestPerson(hub, { organisationId: orgs.trust.id });
    await hub.services.notifications.notify({ organisationId: orgs.trust.id, personId: learner.id, message: 'First', link: '/account' });
    await hub.services.notifications.notify({ organisationId: orgs.trust.id, personId: learner.id, message: 'Second' });
    const call = client(await signInByApi(learner.email));
    const body = (await call('GET', '/api/v1/notifications')).json() as { unread: number; notifications: Array<{ message: string }> };
    expect(body.unread).toBe(2);
    expect(body.notifications.map((n) => n.message)).toEqual(['Second', 'First']);
    await expect(hub.services.notifications.notify({ organisationId: orgs.trust.id, personId: learner.id, message: 'x', link: 'https://evil.example/' })).rejects.toThrow();
  });

  it('describes the people API in the OpenAPI document', async () => {
    const doc = (await hub.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, object>; components: { securitySchemes: object } };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/session', '/api/v1/me', '/api/v1/people/{id}', '/api/v1/organisations/{id}/people', '/api/v1/organisations/{id}/invitations', '/api/v1/notifications']));
    expect(doc.components.securitySchemes).toHaveProperty('sessionCookie');
  });
});
