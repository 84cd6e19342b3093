import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import { invitations, people, supervisions } from '../src/db/schema.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { extract, openAsVisitor } from './support/visitor.ts';

const GOOD_PASSWORD = 'tea kettle harbour lantern';

describe.each(databaseTargets())('organisation administration on $name', (target) => {
  let hub: TestHub;
  let orgs: Awaited<ReturnType<typeof createTestOrganisations>>;
  let admin: TestSession;
  let adminId: string;
  const repositories = () => createRepositories(hub.database.db);

  beforeAll(async () => {
    hub = await createTestHub(target);
    orgs = await createTestOrganisations(hub);
    const person = await createTestPerson(hub, { organisationId: orgs.trust.id, roles: ['organisation-admin'], name: 'Ada Admin' });
    adminId = person.id;
    admin = await signIn(hub.app, person.email);
  });
  afterAll(() => hub.close());

  /** Invites someone through the form and returns the token from the email in the outbox. */
  async function invite(email: string, roles: string[] = []) {
    const response = await admin.post('/organisation/invite', { displayName: 'Nia New', email, organisationId: orgs.trust.id, roles });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/organisation/outbox?organisationId=${orgs.trust.id}&invited=1`);
    const outbox = await admin.get(String(response.headers.location));
    expect(outbox.body).toContain('Invitation sent');
    const messagePath = extract(outbox.body, /href="(\/organisation\/outbox\/[0-9a-f-]+)"/);
    const message = await admin.get(messagePath);
    expect(message.body).toContain(email);
    return extract(message.body, /http:\/\/hub\.test\/invitations\/([\w-]+)/);
  }

  it('invites a member of staff, who accepts, is signed in, and cannot use the link again', async () => {
    const email = 'nia.new@example.nhs.uk';
    const token = await invite(email, ['supervisor']);

    const [stored] = await hub.database.db.select().from(invitations).where(eq(invitations.email, email));
    expect(stored?.tokenHash).not.toContain(token);
    expect(stored?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 13.9 * 24 * 3600 * 1000);
    expect((await repositories().audit.listAuditEventsAbout(stored?.id ?? '')).map((e) => e.action)).toEqual(['invitation.created']);

    const visitor = await openAsVisitor(hub.app, `/invitations/${token}`);
    expect(visitor.page.statusCode).toBe(200);
    expect(visitor.page.body).toContain('Nia New');
    expect(visitor.page.body).toContain(email);
    expect(visitor.page.body).toContain('Test Trust');

    const tooShort = await visitor.post({ password: 'short' });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.body).toContain('nhsuk-error-summary');
    expect(tooShort.body).toContain('href="#password"');
    expect(tooShort.body).toContain('Password must be 12 characters or more');
    expect(await hub.services.accounts.findPersonByEmail(email)).toBeUndefined();

    const accepted = await visitor.post({ password: GOOD_PASSWORD });
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe('/account?welcome=1');
    const session = accepted.cookies.find((c) => c.name === 'hub_session');
    const account = await hub.app.inject({ method: 'GET', url: '/account?welcome=1', headers: { cookie: `hub_session=${session?.value}` } });
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('Your account is ready');
    expect(account.body).toContain('Learner, Supervisor');
    expect(account.body).toContain('NHS England');

    const person = await hub.services.accounts.findPersonByEmail(email);
    expect(person).toMatchObject({ organisationId: orgs.trust.id, roles: ['learner', 'supervisor'] });
    expect((await repositories().audit.listAuditEventsAbout(person?.id ?? '')).map((e) => e.action)).toContain('invitation.accepted');
    await signIn(hub.app, email, GOOD_PASSWORD);

    const reused = await openAsVisitor(hub.app, `/invitations/${token}`);
    expect(reused.page.statusCode).toBe(410);
    expect(reused.page.body).toContain('already been used');
    const again = await visitor.post({ password: `${GOOD_PASSWORD} again` });
    expect(again.statusCode).toBe(410);
    expect(await hub.database.db.select().from(people).where(eq(people.email, email))).toHaveLength(1);
  });

  it('refuses an expired invitation, and an unknown one, with a clear page', async () => {
    const email = 'late.larry@example.nhs.uk';
    const token = await invite(email);
    await hub.database.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.email, email));
    const expired = await openAsVisitor(hub.app, `/invitations/${token}`);
    expect(expired.page.statusCode).toBe(410);
    expect(expired.page.body).toContain('This invitation has expired');
    const unknown = await hub.app.inject({ method: 'GET', url: '/invitations/not-a-real-token' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('This invitation link is not valid');
    const open = await openAsVisitor(hub.app, `/invitations/${await invite('racer@example.nhs.uk')}`);
    await hub.database.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.email, 'racer@example.nhs.uk'));
    expect((await open.post({ password: GOOD_PASSWORD })).statusCode).toBe(410);
    expect(await hub.services.accounts.findPersonByEmail(email)).toBeUndefined();
    expect(await hub.services.accounts.findPersonByEmail('racer@example.nhs.uk')).toBeUndefined();
  });

  it('explains what is wrong with an invitation form', async () => {
    const blank = await admin.post('/organisation/invite', { displayName: '', email: 'not-an-email', organisationId: orgs.trust.id });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('href="#displayName"');
    expect(blank.body).toContain('Enter an email address in the correct format');
    const taken = await admin.post('/organisation/invite', { displayName: 'Ada Again', email: (await hub.services.accounts.getPerson(adminId))?.email ?? '', organisationId: orgs.trust.id });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('There is already an account for this email address');
    const platform = await admin.post('/organisation/invite', { displayName: 'Pam', email: 'pam@example.nhs.uk', organisationId: orgs.trust.id, roles: ['platform-admin'] });
    expect(platform.statusCode).toBe(400);
    expect(platform.body).toContain('Only a platform admin can invite a platform admin');
    expect(await hub.services.accounts.findPersonByEmail('pam@example.nhs.uk')).toBeUndefined();
  });

  it('shows the organisation tree with counts and its people with roles and supervisors', async () => {
    const team = await hub.services.organisations.createOrganisation({ kind: 'team', name: 'Counted team', parentId: orgs.trust.id });
    await createTestPerson(hub, { organisationId: team.id, name: 'Tess Team' });
    const page = await admin.get('/organisation');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1 class="nhsuk-heading-l">Test Trust</h1>');
    expect(page.body).toContain('Counted team');
    expect(page.body).toContain('Ada Admin');
    expect(page.body).toContain('Learner, Organisation admin');
    expect(page.body).not.toContain('Other Trust');
    const teamPage = await admin.get(`/organisation?organisationId=${team.id}`);
    expect(teamPage.body).toContain('Tess Team');
  });

  it('adds an organisation beneath one the admin runs, by the tree rules', async () => {
    const form = await admin.get(`/organisation/organisations/new?parentId=${orgs.trust.id}`);
    expect(form.statusCode).toBe(200);
    const added = await admin.post('/organisation/organisations/new', { parentId: orgs.trust.id, kind: 'team', name: 'Radiology AI team' });
    expect(added.statusCode).toBe(303);
    const page = await admin.get(String(added.headers.location));
    expect(page.body).toContain('Radiology AI team has been added');
    const duplicate = await admin.post('/organisation/organisations/new', { parentId: orgs.trust.id, kind: 'team', name: 'Radiology AI team' });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.body).toContain('href="#name"');
    const wrongKind = await admin.post('/organisation/organisations/new', { parentId: orgs.trust.id, kind: 'trust', name: 'Trust in a trust' });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.body).toContain('href="#kind"');
    const blank = await admin.post('/organisation/organisations/new', { parentId: orgs.trust.id });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('Enter the name of the organisation');
    expect((await admin.post('/organisation/organisations/new', { parentId: orgs.otherTrust.id, kind: 'team', name: 'Sneaky team' })).statusCode).toBe(404);
  });

  it('changes roles, audits the change, and guards the admin roles', async () => {
    const person = await createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Rory Roles' });
    const changed = await admin.post(`/organisation/people/${person.id}/roles`, { roles: ['educator'] });
    expect(changed.statusCode).toBe(303);
    expect((await admin.get(String(changed.headers.location))).body).toContain('Roles updated');
    expect((await hub.services.accounts.getPerson(person.id))?.roles).toEqual(['learner', 'educator']);
    const events = await repositories().audit.listAuditEventsAbout(person.id);
    expect(events.find((e) => e.action === 'person.roles-changed')?.detail).toEqual({ from: ['learner'], to: ['learner', 'educator'] });

    const platform = await admin.post(`/organisation/people/${person.id}/roles`, { roles: ['platform-admin'] });
    expect(platform.statusCode).toBe(400);
    expect(platform.body).toContain('Only a platform admin can change the platform admin role');
    const self = await admin.post(`/organisation/people/${adminId}/roles`, { roles: [] });
    expect(self.statusCode).toBe(400);
    expect(self.body).toContain('You cannot remove your own organisation admin role');
    expect((await hub.services.accounts.getPerson(adminId))?.roles).toContain('organisation-admin');
  });

  it('assigns a supervisor, who gets the role and a notification, and ends the supervision', async () => {
    const learner = await createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Lee Learner' });
    const mentor = await createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Mo Mentor' });
    const outsider = await createTestPerson(hub, { organisationId: orgs.otherTrust.id, name: 'Otto Outsider' });
    const mentorSession = await signIn(hub.app, mentor.email);
    expect((await mentorSession.get(`/organisation/people/${learner.id}`)).statusCode).toBe(404);

    const assigned = await admin.post(`/organisation/people/${learner.id}/supervisors`, { supervisor: mentor.email });
    expect(assigned.statusCode).toBe(303);
    const page = await admin.get(String(assigned.headers.location));
    expect(page.body).toContain('Supervisor assigned');
    expect(page.body).toContain('Mo Mentor');
    expect((await hub.services.accounts.getPerson(mentor.id))?.roles).toEqual(['learner', 'supervisor']);

    const notifications = await mentorSession.get('/notifications');
    expect(notifications.body).toContain('You now supervise Lee Learner');
    expect(notifications.body).toContain('Notifications (1 unread)');
    expect((await mentorSession.post('/notifications/read')).statusCode).toBe(303);
    expect((await mentorSession.get('/notifications')).body).not.toContain('unread');
    const seen = await mentorSession.get(`/organisation/people/${learner.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toContain('Change roles');
    expect((await (await signIn(hub.app, learner.email)).get('/account')).body).toContain('Mo Mentor');

    const twice = await admin.post(`/organisation/people/${learner.id}/supervisors`, { supervisor: mentor.email });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('Mo Mentor already supervises Lee Learner');
    for (const supervisor of [outsider.email, 'nobody@example.nhs.uk']) {
      const refused = await admin.post(`/organisation/people/${learner.id}/supervisors`, { supervisor });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('href="#supervisor"');
      expect(refused.body).toContain('Enter the email address of someone in your organisation');
    }

    const [current] = await hub.database.db.select().from(supervisions).where(eq(supervisions.learnerId, learner.id));
    const ended = await admin.post(`/organisation/people/${learner.id}/supervisors/${current?.id}/end`);
    expect(ended.statusCode).toBe(303);
    expect((await admin.get(String(ended.headers.location))).body).toContain('Lee Learner has no supervisor');
    const [after] = await hub.database.db.select().from(supervisions).where(eq(supervisions.id, current?.id ?? ''));
    expect(after?.endedAt).toBeInstanceOf(Date);
    expect((await mentorSession.get(`/organisation/people/${learner.id}`)).statusCode).toBe(404);
    expect((await repositories().audit.listAuditEventsAbout(learner.id)).map((e) => e.action).sort()).toEqual(['supervision.assigned', 'supervision.ended']);
  });

  it('keeps the outbox to admins of the organisation it was sent for', async () => {
    await invite('outbox.reader@example.nhs.uk');
    const list = await admin.get('/organisation/outbox');
    const messagePath = extract(list.body, /href="(\/organisation\/outbox\/[0-9a-f-]+)"/);
    const otherAdmin = await createTestPerson(hub, { organisationId: orgs.otherTrust.id, roles: ['organisation-admin'] });
    const other = await signIn(hub.app, otherAdmin.email);
    expect((await other.get(messagePath)).statusCode).toBe(404);
    expect((await other.get(`/organisation/outbox?organisationId=${orgs.trust.id}`)).statusCode).toBe(404);
    expect((await other.get('/organisation/outbox')).body).not.toContain('outbox.reader@example.nhs.uk');
    const learner = await signIn(hub.app, (await createTestPerson(hub, { organisationId: orgs.trust.id })).email);
    expect((await learner.get(messagePath)).statusCode).toBe(404);
    expect((await learner.get('/organisation')).statusCode).toBe(403);
  });

  it('refuses admin forms without a valid CSRF token and changes nothing', async () => {
    const person = await createTestPerson(hub, { organisationId: orgs.trust.id });
    for (const csrf of [undefined, 'forged']) {
      const response = await hub.app.inject({
        method: 'POST',
        url: `/organisation/people/${person.id}/roles`,
        headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ roles: 'educator', ...(csrf ? { _csrf: csrf } : {}) }).toString(),
      });
      expect(response.statusCode).toBe(403);
    }
    const forgedInvite = await hub.app.inject({
      method: 'POST',
      url: '/organisation/invite',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ displayName: 'Forged', email: 'forged@example.nhs.uk', organisationId: orgs.trust.id }).toString(),
    });
    expect(forgedInvite.statusCode).toBe(403);
    expect((await hub.database.db.select().from(people).where(eq(people.id, person.id)))[0]?.roles).toEqual(['learner']);
    expect(await hub.database.db.select().from(invitations).where(eq(invitations.email, 'forged@example.nhs.uk'))).toEqual([]);
  });

  it('shows an organisation’s people 50 to a page, in name order, keeping the organisation chosen', async () => {
    const team = await hub.services.organisations.createOrganisation({ kind: 'team', name: 'Paged team', parentId: orgs.trust.id });
    for (let i = 1; i <= 73; i += 1) await createTestPerson(hub, { organisationId: team.id, name: `Paged ${String(i).padStart(3, '0')}` });
    const rowsOf = (html: string) => [...html.matchAll(/<th scope="row"><a href="\/organisation\/people\/[0-9a-f-]+">(Paged \d+)<\/a>/g)].map((m) => m[1]);
    const base = `/organisation?organisationId=${team.id}`;

    const first = await admin.get(base);
    expect(first.statusCode).toBe(200);
    expect(rowsOf(first.body)).toHaveLength(50);
    expect(rowsOf(first.body)[0]).toBe('Paged 001');
    expect(rowsOf(first.body)[49]).toBe('Paged 050');
    expect(first.body).toContain('Showing 1 to 50 of 73 people');
    expect(first.body).toContain('nhsuk-pagination');
    expect(first.body).toContain(`<a href="/organisation?organisationId=${team.id}&amp;page=2#people" class="nhsuk-pagination__next" rel="next">`);

    const second = await admin.get(`${base}&page=2`);
    expect(second.statusCode).toBe(200);
    expect(rowsOf(second.body)).toEqual(Array.from({ length: 23 }, (_, i) => `Paged ${String(51 + i).padStart(3, '0')}`));
    expect(second.body).toContain('Showing 51 to 73 of 73 people');
    expect(second.body).toContain(`<a href="/organisation?organisationId=${team.id}#people" class="nhsuk-pagination__previous" rel="prev">`);
    expect(second.body).not.toContain('nhsuk-pagination__next');

    // Past the end is the last page; anything that is not a page number is a clear 400.
    expect(rowsOf((await admin.get(`${base}&page=99`)).body)).toEqual(rowsOf(second.body));
    for (const bad of ['0', 'abc', '-1', '1.5', '9999999']) {
      const response = await admin.get(`${base}&page=${bad}`);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('Page must be a whole number, 1 or more');
    }

    // Paging changes nothing about who may look.
    const otherAdmin = await signIn(hub.app, (await createTestPerson(hub, { organisationId: orgs.otherTrust.id, roles: ['organisation-admin'] })).email);
    expect((await otherAdmin.get(`${base}&page=2`)).statusCode).toBe(404);
    const learner = await signIn(hub.app, (await createTestPerson(hub, { organisationId: team.id })).email);
    expect((await learner.get(`${base}&page=2`)).statusCode).toBe(403);
  });
});
