import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

type Person = Awaited<ReturnType<typeof createTestPerson>>;

describe.each(databaseTargets())('who may see whom, on $name', (target) => {
  let hub: TestHub;
  let orgs: Awaited<ReturnType<typeof createTestOrganisations>>;
  const cast: Record<'learner' | 'colleague' | 'otherLearner' | 'trustAdmin' | 'otherAdmin' | 'icsAdmin' | 'supervisor', Person> = {} as never;
  const sessions: Partial<Record<keyof typeof cast, TestSession>> = {};
  const as = async (who: keyof typeof cast) => (sessions[who] ??= await signIn(hub.app, cast[who].email));

  beforeAll(async () => {
    hub = await createTestHub(target);
    orgs = await createTestOrganisations(hub);
    cast.learner = await createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Lena Learner' });
    cast.colleague = await createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Cal Colleague' });
    cast.otherLearner = await createTestPerson(hub, { organisationId: orgs.otherTrust.id, name: 'Oli Other' });
    cast.trustAdmin = await createTestPerson(hub, { organisationId: orgs.trust.id, roles: ['organisation-admin'], name: 'Tara Admin' });
    cast.otherAdmin = await createTestPerson(hub, { organisationId: orgs.otherTrust.id, roles: ['organisation-admin'], name: 'Omar Admin' });
    cast.icsAdmin = await createTestPerson(hub, { organisationId: orgs.ics.id, roles: ['organisation-admin'], name: 'Isla Admin' });
    cast.supervisor = await createTestPerson(hub, { organisationId: orgs.otherTrust.id, name: 'Sid Supervisor' });
    // A supervisor in another trust, assigned by an admin who can see both (the ICS admin).
    await hub.services.staffAdmin.assignSupervisor({ viewer: viewerOf(cast.icsAdmin), learnerId: cast.learner.id, supervisor: { personId: cast.supervisor.id } });
  });
  afterAll(() => hub.close());

  const pageStatus = async (who: keyof typeof cast, personId: string) => (await (await as(who)).get(`/organisation/people/${personId}`)).statusCode;
  const apiStatus = async (who: keyof typeof cast, personId: string) => {
    const response = await (await as(who)).api('GET', `/api/v1/people/${personId}`);
    if (response.statusCode === 404) expect(response.headers['content-type']).toContain('application/problem+json');
    return response.statusCode;
  };

  it.each([
    ['learner', 'learner', 200],
    ['learner', 'colleague', 404],
    ['learner', 'otherLearner', 404],
    ['learner', 'trustAdmin', 404],
    ['trustAdmin', 'learner', 200],
    ['trustAdmin', 'otherLearner', 404],
    ['trustAdmin', 'supervisor', 404],
    ['otherAdmin', 'learner', 404],
    ['otherAdmin', 'supervisor', 200],
    ['icsAdmin', 'learner', 200],
    ['icsAdmin', 'otherLearner', 200],
    ['supervisor', 'learner', 200],
    ['supervisor', 'colleague', 404],
    ['supervisor', 'otherLearner', 404],
  ] as const)('%s opening %s: %i on the page and the API', async (who, whom, status) => {
    expect(await pageStatus(who, cast[whom].id)).toBe(status);
    expect(await apiStatus(who, cast[whom].id)).toBe(status);
  });

  it('answers a made-up id exactly like a real person one may not see', async () => {
    const made = await (await as('learner')).api('GET', `/api/v1/people/${randomUUID()}`);
    const real = await (await as('learner')).api('GET', `/api/v1/people/${cast.otherLearner.id}`);
    expect(made.statusCode).toBe(404);
    expect(made.json()).toEqual(real.json());
    expect(await pageStatus('learner', randomUUID())).toBe(404);
  });

  it('keeps an admin of one trust out of its sibling', async () => {
    const admin = await as('trustAdmin');
    expect((await admin.get(`/organisation?organisationId=${orgs.otherTrust.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/organisation?organisationId=${orgs.ics.id}`)).statusCode).toBe(404);
    expect((await admin.api('GET', `/api/v1/organisations/${orgs.otherTrust.id}/people`)).statusCode).toBe(404);
    const viaApi = await admin.api('POST', `/api/v1/organisations/${orgs.otherTrust.id}/invitations`, { email: 'api.sneak@example.nhs.uk', displayName: 'Sneak' });
    expect(viaApi.statusCode).toBe(404);
    const viaForm = await admin.post('/organisation/invite', { displayName: 'Sneak', email: 'form.sneak@example.nhs.uk', organisationId: orgs.otherTrust.id });
    expect(viaForm.statusCode).toBe(404);
    expect((await admin.post(`/organisation/people/${cast.otherLearner.id}/roles`, { roles: ['educator'] })).statusCode).toBe(404);
    const own = (await admin.api('GET', `/api/v1/organisations/${orgs.trust.id}/people`)).json() as { people: Array<{ id: string }> };
    expect(own.people.map((p) => p.id)).toContain(cast.learner.id);
    expect(own.people.map((p) => p.id)).not.toContain(cast.otherLearner.id);
  });

  it('lets an admin higher in the tree reach both trusts', async () => {
    const body = (await (await as('icsAdmin')).api('GET', `/api/v1/organisations/${orgs.ics.id}/people`)).json() as { people: Array<{ id: string }> };
    expect(body.people.map((p) => p.id)).toEqual(expect.arrayContaining([cast.learner.id, cast.otherLearner.id]));
  });

  it('lets a supervisor read, not administer, the people they supervise', async () => {
    const supervisor = await as('supervisor');
    const page = await supervisor.get(`/organisation/people/${cast.learner.id}`);
    expect(page.body).toContain('Lena Learner');
    expect(page.body).not.toContain('Assign a supervisor');
    expect((await supervisor.post(`/organisation/people/${cast.learner.id}/roles`, { roles: ['educator'] })).statusCode).toBe(403);
    expect((await supervisor.get('/organisation')).statusCode).toBe(403);
    expect((await hub.services.access.listSupervisedPeople(viewerOf(cast.supervisor))).map((p) => p.id)).toEqual([cast.learner.id]);
  });

  it('keeps learners out of administration', async () => {
    const learner = await as('learner');
    expect((await learner.get('/organisation')).statusCode).toBe(403);
    expect((await learner.get('/organisation/invite')).statusCode).toBe(403);
    expect((await learner.post(`/organisation/people/${cast.learner.id}/roles`, { roles: ['organisation-admin'] })).statusCode).toBe(403);
    expect((await learner.api('GET', `/api/v1/organisations/${orgs.trust.id}/people`)).statusCode).toBe(403);
    expect((await hub.services.accounts.getPerson(cast.learner.id))?.roles).toEqual(['learner']);
  });

  it('answers a real outbox message id exactly like a made-up one to everyone who may not read it', async () => {
    await hub.services.invitations.inviteStaff({ viewer: viewerOf(cast.trustAdmin), organisationId: orgs.trust.id, email: 'outbox.probe@example.nhs.uk', displayName: 'Probe', roles: [] });
    const { messages } = await hub.services.directory.listOutbox({ viewer: viewerOf(cast.trustAdmin), organisationId: orgs.trust.id });
    const real = messages.find((m) => m.toAddress === 'outbox.probe@example.nhs.uk');
    expect(real).toBeDefined();
    expect((await (await as('trustAdmin')).get(`/organisation/outbox/${real!.id}`)).statusCode).toBe(200);
    for (const who of ['learner', 'supervisor', 'otherAdmin'] as const) {
      const session = await as(who);
      const [seen, made] = [await session.get(`/organisation/outbox/${real!.id}`), await session.get(`/organisation/outbox/${randomUUID()}`)];
      expect([who, seen.statusCode]).toEqual([who, 404]);
      expect([who, made.statusCode]).toEqual([who, 404]);
    }
  });

  it('will not let an admin make someone outside their organisation a supervisor, even someone they supervise', async () => {
    const outsider = await createTestPerson(hub, { organisationId: orgs.otherTrust.id, name: 'Faye Far' });
    const learner = await createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Nell Near' });
    // The ICS admin makes the trust admin supervise someone in the sibling trust: the admin can now see her.
    await hub.services.staffAdmin.assignSupervisor({ viewer: viewerOf(cast.icsAdmin), learnerId: outsider.id, supervisor: { personId: cast.trustAdmin.id } });
    const admin = await as('trustAdmin');
    expect((await admin.get(`/organisation/people/${outsider.id}`)).statusCode).toBe(200);
    const response = await admin.post(`/organisation/people/${learner.id}/supervisors`, { supervisor: outsider.email });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Enter the email address of someone in your organisation');
    expect((await hub.services.accounts.getPerson(outsider.id))?.roles).toEqual(['learner']);
    expect(await hub.services.access.listSupervisedPeople(viewerOf(outsider))).toEqual([]);
  });

  it('sends people who are not signed in to sign in, and API clients a 401', async () => {
    const page = await hub.app.inject({ method: 'GET', url: `/organisation/people/${cast.learner.id}` });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toContain('/sign-in?returnTo=');
    for (const url of ['/api/v1/me', `/api/v1/people/${cast.learner.id}`, '/api/v1/notifications']) {
      const response = await hub.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });
});

function viewerOf(person: Person) {
  return { personId: person.id, organisationId: person.organisationId, displayName: person.displayName, email: person.email, roles: person.roles as never };
}
