import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditRepository } from '../src/db/audit.repository.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { viewerOf } from './support/product-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { extract, openAsVisitor } from './support/visitor.ts';

type Person = Awaited<ReturnType<typeof createTestPerson>>;
const LABEL = 'Workforce lead (insight, read only)';

describe.each(databaseTargets())('giving and taking away the workforce lead role, on $name', (target) => {
  let hub: TestHub;
  let orgs: Awaited<ReturnType<typeof createTestOrganisations>>;
  const cast: Record<'icsAdmin' | 'trustAdmin' | 'wren' | 'outsider' | 'regional' | 'lead' | 'colleague', Person> = {} as never;
  const sessions: Partial<Record<keyof typeof cast, TestSession>> = {};
  const as = async (who: keyof typeof cast) => (sessions[who] ??= await signIn(hub.app, cast[who].email));
  const rolesOf = async (person: Person) => (await hub.services.accounts.getPerson(person.id))?.roles;
  const auditOf = (person: Person) => createAuditRepository(hub.database.db).listAuditEventsAbout(person.id);

  beforeAll(async () => {
    hub = await createTestHub(target);
    orgs = await createTestOrganisations(hub);
    cast.icsAdmin = await createTestPerson(hub, { organisationId: orgs.ics.id, roles: ['learner', 'organisation-admin'], name: 'Isla Admin' });
    cast.trustAdmin = await createTestPerson(hub, { organisationId: orgs.trust.id, roles: ['learner', 'organisation-admin'], name: 'Tara Admin' });
    cast.wren = await createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Wren Learner' });
    cast.outsider = await createTestPerson(hub, { organisationId: orgs.otherTrust.id, name: 'Oli Other' });
    cast.regional = await createTestPerson(hub, { organisationId: orgs.region.id, name: 'Rhea Regional' });
    cast.lead = await createTestPerson(hub, { organisationId: orgs.ics.id, roles: ['learner', 'workforce-lead'], name: 'Lee Lead' });
    cast.colleague = await createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Cal Colleague' });
  });
  afterAll(() => hub.close());

  it('lets an ICS admin give the role on a person’s page and take it away again, each change audited', async () => {
    const admin = await as('icsAdmin');
    const page = await admin.get(`/organisation/people/${cast.wren.id}`);
    expect(page.body).toMatch(/<input[^>]*value="workforce-lead"/);
    expect(page.body).toContain(LABEL);

    const granted = await admin.post(`/organisation/people/${cast.wren.id}/roles`, { roles: ['workforce-lead'] });
    expect(granted.statusCode).toBe(303);
    expect(await rolesOf(cast.wren)).toEqual(['learner', 'workforce-lead']);
    const [grant] = await auditOf(cast.wren);
    expect(grant).toMatchObject({ action: 'person.roles-changed', actorId: cast.icsAdmin.id, organisationId: orgs.trust.id, detail: { from: ['learner'], to: ['learner', 'workforce-lead'] } });
    const after = await admin.get(String(granted.headers.location));
    expect(after.body).toContain('Roles updated.');
    expect(after.body).toContain(`Learner, ${LABEL}`);
    expect(after.body).toMatch(/<input[^>]*value="workforce-lead"[^>]*checked/);

    expect((await admin.post(`/organisation/people/${cast.wren.id}/roles`, { roles: [] })).statusCode).toBe(303);
    expect(await rolesOf(cast.wren)).toEqual(['learner']);
    const [revoke] = await auditOf(cast.wren);
    expect(revoke).toMatchObject({ action: 'person.roles-changed', actorId: cast.icsAdmin.id, detail: { from: ['learner', 'workforce-lead'], to: ['learner'] } });
  });

  it('refuses a role that does not exist with an error summary, and changes nothing', async () => {
    await hub.services.staffAdmin.changeRoles({ viewer: viewerOf(cast.icsAdmin), personId: cast.colleague.id, roles: ['workforce-lead'] });
    const eventsBefore = (await auditOf(cast.colleague)).length;
    const refused = await (await as('icsAdmin')).post(`/organisation/people/${cast.colleague.id}/roles`, { roles: ['supervisor', 'workforce-leader'] });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('nhsuk-error-summary');
    expect(refused.body).toContain('href="#roles"');
    expect(refused.body).toContain('Select roles from the list');
    expect(await rolesOf(cast.colleague)).toEqual(['learner', 'workforce-lead']);
    expect(await auditOf(cast.colleague)).toHaveLength(eventsBefore);
  });

  it('gives and takes away the role through the API, audited, and refuses a role that does not exist', async () => {
    const admin = await as('trustAdmin');
    const granted = await admin.api('PUT', `/api/v1/people/${cast.wren.id}/roles`, { roles: ['workforce-lead'] });
    expect(granted.statusCode).toBe(200);
    expect(granted.json()).toMatchObject({ id: cast.wren.id, roles: ['learner', 'workforce-lead'] });
    expect((await auditOf(cast.wren))[0]).toMatchObject({ actorId: cast.trustAdmin.id, detail: { to: ['learner', 'workforce-lead'] } });

    const eventsBefore = (await auditOf(cast.wren)).length;
    const bad = await admin.api('PUT', `/api/v1/people/${cast.wren.id}/roles`, { roles: ['overlord'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(await rolesOf(cast.wren)).toEqual(['learner', 'workforce-lead']);
    expect(await auditOf(cast.wren)).toHaveLength(eventsBefore);

    const revoked = await admin.api('PUT', `/api/v1/people/${cast.wren.id}/roles`, { roles: [] });
    expect(revoked.json()).toMatchObject({ roles: ['learner'] });
    expect((await auditOf(cast.wren))[0]).toMatchObject({ detail: { from: ['learner', 'workforce-lead'], to: ['learner'] } });
  });

  it('will not let an admin give the role outside their subtree, by page or API', async () => {
    const attempts: Array<[keyof typeof cast, Person]> = [['trustAdmin', cast.outsider], ['trustAdmin', cast.lead], ['icsAdmin', cast.regional]];
    for (const [who, person] of attempts) {
      const session = await as(who);
      const before = await rolesOf(person);
      expect((await session.post(`/organisation/people/${person.id}/roles`, { roles: ['workforce-lead'] })).statusCode).toBe(404);
      expect((await session.api('PUT', `/api/v1/people/${person.id}/roles`, { roles: ['workforce-lead'] })).statusCode).toBe(404);
      expect(await rolesOf(person)).toEqual(before);
      expect(await auditOf(person)).toEqual([]);
    }
  });

  it('gives a workforce lead no sight of people and no administration', async () => {
    const lead = await as('lead');
    expect((await lead.get('/organisation')).statusCode).toBe(403);
    expect((await lead.get('/organisation/invite')).statusCode).toBe(403);
    expect((await lead.get(`/organisation/people/${cast.colleague.id}`)).statusCode).toBe(404);
    expect((await lead.get(`/staff/${cast.colleague.id}`)).statusCode).toBe(404);
    expect((await lead.api('GET', `/api/v1/people/${cast.colleague.id}`)).statusCode).toBe(404);
    expect((await lead.api('GET', `/api/v1/organisations/${orgs.ics.id}/people`)).statusCode).toBe(403);
    expect((await lead.api('PUT', `/api/v1/people/${cast.colleague.id}/roles`, { roles: [] })).statusCode).toBe(404);
    expect((await lead.api('PUT', `/api/v1/people/${cast.lead.id}/roles`, { roles: ['workforce-lead', 'organisation-admin'] })).statusCode).toBe(403);
    expect(await rolesOf(cast.lead)).toEqual(['learner', 'workforce-lead']);
  });

  it('names the role on the lead’s own pages and in their personal data, and the start page works for them', async () => {
    const lead = await as('lead');
    expect((await lead.get('/')).statusCode).toBe(200);
    expect((await lead.get('/account')).body).toContain(`Learner, ${LABEL}`);
    const exported = await hub.services.personalData.exportPersonalData({ viewer: viewerOf(cast.lead) });
    expect(JSON.stringify(exported)).toContain('"workforce-lead"');
  });

  it('invites someone as a workforce lead, who holds the role once they accept', async () => {
    const admin = await as('trustAdmin');
    const email = 'wanda.lead@example.nhs.uk';
    const invited = await admin.post('/organisation/invite', { displayName: 'Wanda Lead', email, organisationId: orgs.trust.id, roles: ['workforce-lead'] });
    expect(invited.statusCode).toBe(303);
    const outbox = await admin.get(String(invited.headers.location));
    const message = await admin.get(extract(outbox.body, /href="(\/organisation\/outbox\/[0-9a-f-]+)"/));
    const token = extract(message.body, /http:\/\/hub\.test\/invitations\/([\w-]+)/);
    const visitor = await openAsVisitor(hub.app, `/invitations/${token}`);
    expect(visitor.page.body).toContain(LABEL);
    expect((await visitor.post({ password: 'tea kettle harbour lantern' })).statusCode).toBe(303);
    expect((await hub.services.accounts.findPersonByEmail(email))?.roles).toEqual(['learner', 'workforce-lead']);
  });
});
