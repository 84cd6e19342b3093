import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditRepository } from '../src/db/audit.repository.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { viewerOf } from './support/product-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

/** Issue 15 §4: sign-ins, role changes and imports are audited, and an organisation's admins can read them. */
describe.each(databaseTargets())('sign-ins and account activity on $name', (target) => {
  let hub: TestHub;
  let orgs: Awaited<ReturnType<typeof createTestOrganisations>>;
  let trustAdmin: TestSession;
  let icsAdmin: TestSession;
  let learnerSession: TestSession;
  let learner: Awaited<ReturnType<typeof createTestPerson>>;
  const rowOf = (html: string, text: string) => {
    const at = html.indexOf(text);
    return at < 0 ? '' : html.slice(html.lastIndexOf('<tr>', at), html.indexOf('</tr>', at));
  };

  beforeAll(async () => {
    hub = await createTestHub(target);
    orgs = await createTestOrganisations(hub);
    const trustAdminPerson = await createTestPerson(hub, { organisationId: orgs.trust.id, roles: ['organisation-admin'], name: 'Tara Admin' });
    trustAdmin = await signIn(hub.app, trustAdminPerson.email);
    icsAdmin = await signIn(hub.app, (await createTestPerson(hub, { organisationId: orgs.ics.id, roles: ['organisation-admin'], name: 'Ian Admin' })).email);
    learner = await createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Lena Learner' });
    learnerSession = await signIn(hub.app, learner.email);
    const elsewhere = await createTestPerson(hub, { organisationId: orgs.otherTrust.id, name: 'Oscar Elsewhere' });
    await hub.services.staffAdmin.changeRoles({ viewer: viewerOf(trustAdminPerson), personId: learner.id, roles: ['learner', 'supervisor'] });
    await icsAdmin.post('/organisation/sign-in-settings', { organisationId: orgs.otherTrust.id, odsCode: 'RZY' });
    const audit = createAuditRepository(hub.database.db);
    // A learner's own learning is audited too, but is not the admin's to read here.
    await audit.insertAuditEvent({ organisationId: orgs.trust.id, actorId: learner.id, subjectId: learner.id, action: 'ratings.saved', detail: {} });
    await audit.insertAuditEvent({ organisationId: orgs.otherTrust.id, actorId: elsewhere.id, subjectId: elsewhere.id, action: 'account.password-changed', detail: {} });
  });
  afterAll(() => hub.close());

  it('shows a trust admin the role changes in their trust, in words, and nothing from elsewhere', async () => {
    const overview = await trustAdmin.get(`/organisation?organisationId=${orgs.trust.id}`);
    expect(overview.body).toContain(`href="/organisation/activity?organisationId=${orgs.trust.id}"`);
    const page = await trustAdmin.get(`/organisation/activity?organisationId=${orgs.trust.id}`);
    expect(page.statusCode).toBe(200);
    const row = rowOf(page.body, 'Roles changed from Learner to Learner, Supervisor');
    expect(row).toContain('Tara Admin');
    expect(row).toContain(`href="/organisation/people/${learner.id}"`);
    expect(page.body).not.toContain('ratings.saved');
    expect(page.body).not.toContain('Oscar Elsewhere');
    expect(page.body).not.toContain('Sign-in settings changed');
  });

  it('shows an ICS admin everything beneath it, and filters by kind without JavaScript', async () => {
    const all = (await icsAdmin.get(`/organisation/activity?organisationId=${orgs.ics.id}`)).body;
    expect(all).toContain('Sign-in settings changed: ODS code none → RZY');
    expect(all).toContain('Roles changed from Learner to Learner, Supervisor');
    expect(rowOf(all, 'Changed their hub password')).toContain('Oscar Elsewhere');
    const signIns = (await icsAdmin.get(`/organisation/activity?organisationId=${orgs.ics.id}&show=sign-in`)).body;
    expect(signIns).toContain('Changed their hub password');
    expect(signIns).not.toContain('Roles changed');
    expect(signIns).toMatch(/<option value="sign-in" selected/);
    expect((await icsAdmin.get(`/organisation/activity?organisationId=${orgs.ics.id}&show=nonsense`)).body).toContain('Roles changed');
  });

  it('pages long activity, 50 at a time', async () => {
    const audit = createAuditRepository(hub.database.db);
    // What the trust's activity already shows: the role change and this file's password sign-ins (not the learner's ratings).
    const [{ n: before } = { n: 0 }] = (await hub.database.db.execute(sql`select count(*)::int as n from audit_events where organisation_id = ${orgs.trust.id} and action <> 'ratings.saved'`) as unknown as { rows: Array<{ n: number }> }).rows;
    for (let i = 0; i < 55; i += 1) await audit.insertAuditEvent({ organisationId: orgs.trust.id, actorId: learner.id, subjectId: learner.id, action: 'account.password-reset-requested', detail: {} });
    const total = before + 55;
    const first = (await trustAdmin.get(`/organisation/activity?organisationId=${orgs.trust.id}`)).body;
    expect(first).toContain(`Showing 1 to 50 of ${total} events`);
    const second = (await trustAdmin.get(`/organisation/activity?organisationId=${orgs.trust.id}&page=2`)).body;
    expect(second).toContain(`Showing 51 to ${total} of ${total} events`);
    expect(second).toContain('Roles changed from Learner to Learner, Supervisor');
  });

  it('is for organisation admins only', async () => {
    expect((await learnerSession.get(`/organisation/activity?organisationId=${orgs.trust.id}`)).statusCode).toBe(403);
    expect((await trustAdmin.get(`/organisation/activity?organisationId=${orgs.otherTrust.id}`)).statusCode).toBe(404);
  });

  it('gives the same activity as JSON, documented in the OpenAPI document', async () => {
    const response = await icsAdmin.api('GET', `/api/v1/organisations/${orgs.ics.id}/activity?show=people`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('private, no-store');
    const body = response.json() as { total: number; show: string; events: Array<{ action: string; description: string; subject: { id: string; name: string } | null }> };
    expect(body.show).toBe('people');
    expect(body.events.map((e) => e.action)).toEqual(['person.roles-changed']);
    expect(body.events[0]).toMatchObject({ description: 'Roles changed from Learner to Learner, Supervisor', subject: { id: learner.id, name: 'Lena Learner' } });
    expect((await learnerSession.api('GET', `/api/v1/organisations/${orgs.trust.id}/activity`)).statusCode).toBe(403);
    expect((await trustAdmin.api('GET', `/api/v1/organisations/${orgs.otherTrust.id}/activity`)).statusCode).toBe(404);
    expect((await trustAdmin.api('GET', `/api/v1/organisations/${orgs.trust.id}/activity?show=everything`)).statusCode).toBe(400);
    const openApi = (await hub.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, unknown> };
    expect(openApi.paths).toHaveProperty(['/api/v1/organisations/{id}/activity']);
  });
});
