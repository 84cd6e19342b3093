import { and, eq, isNull, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import { createPeopleRepository } from '../src/db/people.repository.ts';
import { aiMdtMembers, aiMdts, auditEvents } from '../src/db/schema.ts';
import { signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTeamCast, GOOD_TEAM_FORM } from './support/team-fixtures.ts';
import type { TeamCast } from './support/team-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

const errorSummaryOf = (html: string) => /<div class="nhsuk-error-summary"[\s\S]*?<\/div>\s*<\/div>/.exec(html)?.[0] ?? '';
const warningsOf = (html: string) => /<ul class="hub-team-warnings">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
const NO_ACCOUNT = 'No one with this e-mail address has a hub account. Ask their organisation admin to invite them.';

describe.each(databaseTargets())('AI MDT pages on $name', (target) => {
  let hub: TestHub;
  let cast: TeamCast;
  let lead: TestSession;
  let staff: TestSession;
  let teamPath: string;
  let teamId: string;

  beforeAll(async () => {
    hub = await createTestHub(target);
    cast = await createTeamCast(hub);
    lead = await signIn(hub.app, cast.emails.productLead);
    staff = await signIn(hub.app, cast.emails.staff);
  });
  afterAll(() => hub.close());

  const db = () => hub.database.db;
  const teamCount = async () => (await db().select().from(aiMdts)).length;
  const currentMembers = async () => db().select().from(aiMdtMembers).where(and(eq(aiMdtMembers.teamId, teamId), isNull(aiMdtMembers.leftAt)));
  const memberIdOf = async (personId: string) => (await currentMembers()).find((m) => m.personId === personId)!.id;

  it('offers product leads "Set up an AI MDT", and not plain staff', async () => {
    expect((await lead.get('/teams')).body).toContain('Set up an AI MDT');
    const list = await staff.get('/teams');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('Set up an AI MDT');
    expect((await staff.get('/teams/new')).statusCode).toBe(403);
  });

  it('shows an error summary for a bad team and stores nothing', async () => {
    const before = await teamCount();
    const response = await lead.post('/teams/new', { ...GOOD_TEAM_FORM, name: '', resilienceK: '9', archetypes: [] });
    expect(response.statusCode).toBe(400);
    const summary = errorSummaryOf(response.body);
    expect(summary).toContain('href="#name"');
    expect(summary).toContain('Enter a number from 1 to 5');
    expect(summary).toContain('href="#archetypes"');
    expect(await teamCount()).toBe(before);
  });

  it('sets a team up with the product lead as its lead, looking after tri-X', async () => {
    const response = await lead.post('/teams/new', { ...GOOD_TEAM_FORM, productIds: cast.productId });
    expect(response.statusCode).toBe(303);
    teamPath = String(response.headers.location).split('?')[0]!;
    teamId = teamPath.split('/').pop()!;
    const page = await lead.get(teamPath);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('tri-X AI MDT');
    expect(page.body).toContain('href="/products/' + cast.productId + '"');
    expect(page.body).toContain('ICS Digital transformation lead');
    expect(page.body).toContain(`href="/teams/${teamId}/coverage"`);
    expect(page.body).toContain(`href="/teams/${teamId}/plan"`);
    const members = await currentMembers();
    expect(members).toMatchObject([{ personId: cast.viewers.productLead.personId, isLead: true, archetypes: ['driver'] }]);
  });

  it('warns in plain words what the new team is missing, and shows every responsibility as unheld', async () => {
    const warnings = warningsOf((await lead.get(teamPath)).body);
    expect(warnings).toContain('Nobody in the team plays User');
    expect(warnings).toContain('The team has no patient and public representative');
    expect(warnings).toContain('Nobody in the team makes clinical decisions with AI');
    expect(warnings).toContain('Nobody holds any of the 10 AI MDT responsibilities (Box 4)');
    expect((await lead.get(teamPath)).body.match(/Nobody holds this/g)).toHaveLength(10);
  });

  it('refuses an unknown address with a clear message and adds nobody', async () => {
    const response = await lead.post(`${teamPath}/members/new`, { email: 'nobody@example.nhs.uk', teamRole: 'Radiologist', archetypes: 'user' });
    expect(response.statusCode).toBe(400);
    expect(errorSummaryOf(response.body)).toContain(NO_ACCOUNT);
    expect(errorSummaryOf(response.body)).toContain('href="#email"');
    expect(await currentMembers()).toHaveLength(1);
  });

  it('adds a partner organisation’s staff by e-mail address, spans their organisation and tells them', async () => {
    const response = await lead.post(`${teamPath}/members/new`, { email: cast.partnerEmail.toUpperCase(), teamRole: 'Triadix product lead', archetypes: ['creator'], seniorityBand: 'senior' });
    expect(response.statusCode).toBe(303);
    const page = (await lead.get(teamPath)).body;
    expect(page).toContain('Triadix product lead');
    expect(page).toMatch(/Triadix<\/th><td>Partner organisation \(industry or academia\)/);
    const notices = await hub.services.notifications.listUnread(cast.partner, 5);
    expect(notices.map((n) => n.message).join()).toContain('added you to the AI MDT “tri-X AI MDT”');
  });

  it('adds a User who is the patient representative; the warnings they answer go', async () => {
    const staffPerson = cast.viewers.staff;
    await createPeopleRepository(db()).saveProfile({ personId: staffPerson.personId, organisationId: staffPerson.organisationId, archetypes: ['user'], clinicalDecisionMaking: true, professionalGroup: 'medical-and-dental', setting: 'acute' });
    const response = await lead.post(`${teamPath}/members/new`, { email: cast.emails.staff, teamRole: 'Radiologist', archetypes: 'user', isPatientRepresentative: 'yes' });
    expect(response.statusCode).toBe(303);
    const warnings = warningsOf((await lead.get(teamPath)).body);
    expect(warnings).not.toContain('plays User');
    expect(warnings).not.toContain('patient and public representative');
    expect(warnings).not.toContain('makes clinical decisions');
    expect(warnings).not.toContain('no lead');
    const composition = /<h2 id="composition">[\s\S]*$/.exec((await lead.get(teamPath)).body)?.[0] ?? '';
    expect(composition).toMatch(/Members by professional group[\s\S]*Medical and dental<\/td><td class="nhsuk-table__cell--numeric">1<[\s\S]*Not given<\/td><td class="nhsuk-table__cell--numeric">1</);
    expect(composition).toMatch(/Members by seniority[\s\S]*Senior<\/td><td class="nhsuk-table__cell--numeric">1</);
    expect(composition).toMatch(/Members by organisation[\s\S]*Triadix<\/td>/);
  });

  it('shows the team to a member read-only, and links it from their start page', async () => {
    const page = await staff.get(teamPath);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Radiologist');
    expect(page.body).not.toContain('Add a member');
    expect(page.body).not.toContain('/edit"');
    expect((await staff.get('/')).body).toContain('href="/teams"');
    expect((await staff.get('/teams')).body).toContain('tri-X AI MDT');
  });

  it('assigns responsibilities to members, and shows who holds each', async () => {
    const form = await lead.get(`${teamPath}/responsibilities`);
    expect(form.statusCode).toBe(200);
    const response = await lead.post(`${teamPath}/responsibilities`, { r0: [cast.partner.personId], r6: [cast.viewers.staff.personId, cast.viewers.productLead.personId] });
    expect(response.statusCode).toBe(303);
    const page = (await lead.get(teamPath)).body;
    expect(page.match(/Nobody holds this/g)).toHaveLength(8);
    expect(warningsOf(page)).toContain('Nobody holds 8 of the 10 AI MDT responsibilities (Box 4)');
  });

  it('refuses a responsibility for someone outside the team and changes nothing', async () => {
    const response = await lead.post(`${teamPath}/responsibilities`, { r0: [cast.viewers.reviewer.personId] });
    expect(response.statusCode).toBe(400);
    expect(errorSummaryOf(response.body)).toContain('Choose current members of the team');
    expect((await lead.get(teamPath)).body.match(/Nobody holds this/g)).toHaveLength(8);
  });

  it('never removes or demotes the last lead', async () => {
    const leadMemberId = await memberIdOf(cast.viewers.productLead.personId);
    const removal = await lead.post(`${teamPath}/members/${leadMemberId}/remove`);
    expect(removal.statusCode).toBe(409);
    expect(errorSummaryOf(removal.body)).toContain('last lead');
    const demotion = await lead.post(`${teamPath}/members/${leadMemberId}/edit`, { teamRole: 'Lead', archetypes: 'driver' });
    expect(demotion.statusCode).toBe(400);
    expect(errorSummaryOf(demotion.body)).toContain('at least one lead');
    expect((await currentMembers()).find((m) => m.id === leadMemberId)).toMatchObject({ isLead: true, teamRole: 'ICS Digital transformation lead' });
  });

  it('edits and removes a member; the removed member no longer sees the team', async () => {
    const staffMemberId = await memberIdOf(cast.viewers.staff.personId);
    const edited = await lead.post(`${teamPath}/members/${staffMemberId}/edit`, { teamRole: 'Consultant radiologist', archetypes: ['user', 'embedder'], hoursLimit: '10' });
    expect(edited.statusCode).toBe(303);
    expect((await currentMembers()).find((m) => m.id === staffMemberId)).toMatchObject({ teamRole: 'Consultant radiologist', archetypes: ['embedder', 'user'], hoursLimit: 10, isPatientRepresentative: false });
    expect((await lead.get(`${teamPath}/members/${staffMemberId}/remove`)).statusCode).toBe(200);
    expect((await lead.post(`${teamPath}/members/${staffMemberId}/remove`)).statusCode).toBe(303);
    expect((await staff.get(teamPath)).statusCode).toBe(404);
    const [row] = await db().select().from(aiMdtMembers).where(eq(aiMdtMembers.id, staffMemberId));
    expect(row?.leftAt).toBeInstanceOf(Date);
  });

  it('edits the team’s settings, with an error summary for bad input that changes nothing', async () => {
    const bad = await lead.post(`${teamPath}/edit`, { name: 'tri-X AI MDT', purpose: '', resilienceK: 'two', clinicalDecisionMaking: 'yes', needsPatientRepresentative: 'yes' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummaryOf(bad.body)).toContain('href="#purpose"');
    // Members' journeys name the team that asked for an item: a rename stamps their cached views stale.
    const stampOf = (personId: string) => createRepositories(db()).viewVersions.getViewStamp(personId);
    const members = await currentMembers();
    const before = await Promise.all(members.map((m) => stampOf(m.personId)));
    const good = await lead.post(`${teamPath}/edit`, { name: 'tri-X AI MDT', purpose: 'Monitors tri-X.', resilienceK: '2', coveredArchetypes: ['driver', 'shaper'], clinicalDecisionMaking: 'yes', needsPatientRepresentative: 'no' });
    expect(good.statusCode).toBe(303);
    expect(await Promise.all(members.map((m) => stampOf(m.personId)))).toEqual(before);
    const renamed = await lead.post(`${teamPath}/edit`, { name: 'tri-X AI MDT (Linchester)', purpose: 'Monitors tri-X.', resilienceK: '2', coveredArchetypes: ['driver', 'shaper'], clinicalDecisionMaking: 'yes', needsPatientRepresentative: 'no' });
    expect(renamed.statusCode).toBe(303);
    const after = await Promise.all(members.map((m) => stampOf(m.personId)));
    after.forEach((stamp, i) => expect(stamp, members[i]?.teamRole).not.toEqual(before[i]));
    await lead.post(`${teamPath}/edit`, { name: 'tri-X AI MDT', purpose: 'Monitors tri-X.', resilienceK: '2', coveredArchetypes: ['driver', 'shaper'], clinicalDecisionMaking: 'yes', needsPatientRepresentative: 'no' });
    const page = (await lead.get(teamPath)).body;
    expect(page).toContain('Monitors tri-X.');
    expect(page).not.toContain('href="/products/' + cast.productId + '"');
    expect(warningsOf(page)).toContain('Nobody in the team plays Shaper');
  });

  it('records every change in the audit log', async () => {
    const actions = (await db().select().from(auditEvents).where(and(eq(auditEvents.subjectId, teamId), like(auditEvents.action, 'team.%')))).map((e) => e.action).sort();
    expect(actions).toEqual(['team.created', 'team.edited', 'team.edited', 'team.edited', 'team.member-added', 'team.member-added', 'team.member-edited', 'team.member-removed', 'team.responsibilities-set']);
  });

  it('archives the team: it leaves the list and can no longer be changed', async () => {
    expect((await lead.post(`${teamPath}/archive`)).statusCode).toBe(303);
    expect((await lead.get('/teams')).body).not.toContain('tri-X AI MDT');
    expect((await lead.post(`${teamPath}/members/new`, { email: cast.emails.reviewer, teamRole: 'X', archetypes: 'user' })).statusCode).toBe(409);
  });
});
