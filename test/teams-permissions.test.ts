import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiMdtMembers, aiMdtResponsibilities, aiMdts, auditEvents } from '../src/db/schema.ts';
import { signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTeamCast, createTeamWithMember } from './support/team-fixtures.ts';
import type { TeamCast } from './support/team-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

type Who = 'lead' | 'member' | 'stranger' | 'outsiderAdmin' | 'outsiderLead' | 'ownerAdmin' | 'icsAdmin';
const MANAGERS: Who[] = ['lead', 'ownerAdmin', 'icsAdmin'];
const OUTSIDERS: Who[] = ['stranger', 'outsiderAdmin', 'outsiderLead'];

/**
 * Who may see and change an AI MDT, route by route (issue 13 §1): members see it; its leads and
 * admins of its organisation or above manage it; nobody else learns it exists.
 */
describe.each(databaseTargets())('AI MDT permissions on $name', (target) => {
  let hub: TestHub;
  let cast: TeamCast;
  let sessions: Record<Who, TestSession>;
  let teamId: string;
  let memberId: string;
  let leadMemberId: string;

  beforeAll(async () => {
    hub = await createTestHub(target);
    cast = await createTeamCast(hub);
    const { team, member, lead } = await createTeamWithMember(hub, cast);
    teamId = team.id;
    memberId = member.id;
    leadMemberId = lead.id;
    const emails: Record<Who, string> = {
      lead: cast.emails.productLead,
      member: cast.emails.staff,
      stranger: cast.emails.reviewer,
      outsiderAdmin: cast.emails.outsiderAdmin,
      outsiderLead: cast.emails.outsider,
      ownerAdmin: cast.emails.admin,
      icsAdmin: cast.icsAdminEmail,
    };
    sessions = {} as Record<Who, TestSession>;
    for (const [who, email] of Object.entries(emails) as Array<[Who, string]>) sessions[who] = await signIn(hub.app, email);
  });
  afterAll(() => hub.close());

  /** Everything a refused write must leave alone. */
  async function snapshot() {
    const db = hub.database.db;
    const [team] = await db.select().from(aiMdts).where(eq(aiMdts.id, teamId));
    const members = await db.select().from(aiMdtMembers).where(eq(aiMdtMembers.teamId, teamId));
    const held = await db.select().from(aiMdtResponsibilities).where(eq(aiMdtResponsibilities.teamId, teamId));
    const [audit] = await db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.subjectId, teamId));
    return JSON.stringify({ team, members, held, audit });
  }

  const viewPages = () => [`/teams/${teamId}`];
  const managePages = () => [`/teams/${teamId}/edit`, `/teams/${teamId}/members/new`, `/teams/${teamId}/members/${memberId}/edit`, `/teams/${teamId}/members/${memberId}/remove`, `/teams/${teamId}/responsibilities`];
  const pageWrites = (): Array<[string, Record<string, string | string[]>]> => [
    [`/teams/${teamId}/edit`, { name: 'Taken over', purpose: 'x', resilienceK: '1', clinicalDecisionMaking: 'yes', needsPatientRepresentative: 'no' }],
    [`/teams/${teamId}/members/new`, { email: cast.emails.reviewer, teamRole: 'Spy', archetypes: 'user' }],
    [`/teams/${teamId}/members/${memberId}/edit`, { teamRole: 'Changed', archetypes: 'user', isLead: 'yes' }],
    [`/teams/${teamId}/responsibilities`, { r0: cast.viewers.staff.personId }],
    [`/teams/${teamId}/members/${memberId}/remove`, {}],
    [`/teams/${teamId}/archive`, {}],
  ];
  const apiWrites = (): Array<['POST' | 'PATCH' | 'PUT' | 'DELETE', string, unknown]> => [
    ['PATCH', `/api/v1/teams/${teamId}`, { name: 'Taken over' }],
    ['POST', `/api/v1/teams/${teamId}/members`, { email: cast.emails.reviewer, teamRole: 'Spy', archetypes: ['user'] }],
    ['PATCH', `/api/v1/teams/${teamId}/members/${memberId}`, { isLead: true }],
    ['PUT', `/api/v1/teams/${teamId}/responsibilities`, { responsibilities: [{ responsibility: 0, personIds: [cast.viewers.staff.personId] }] }],
    ['DELETE', `/api/v1/teams/${teamId}/members/${memberId}`, undefined],
    ['PATCH', `/api/v1/teams/${teamId}`, { archived: true }],
  ];

  it.each(OUTSIDERS)('%s gets "not found" for every team page and API route, and changes nothing', async (who) => {
    const session = sessions[who];
    for (const path of [...viewPages(), ...managePages()]) expect([path, (await session.get(path)).statusCode]).toEqual([path, 404]);
    expect((await session.api('GET', `/api/v1/teams/${teamId}`)).statusCode).toBe(404);
    const before = await snapshot();
    for (const [path, form] of pageWrites()) expect([path, (await session.post(path, form)).statusCode]).toEqual([path, 404]);
    for (const [method, path, body] of apiWrites()) expect([method, path, (await session.api(method, path, body)).statusCode]).toEqual([method, path, 404]);
    expect(await snapshot()).toBe(before);
    expect((await session.get('/teams')).body).not.toContain('Permissions MDT');
    expect(JSON.parse((await session.api('GET', '/api/v1/teams')).body).teams).toEqual([]);
  });

  it('answers a stranger about a real team exactly as about one that does not exist', async () => {
    const random = randomUUID();
    const answer = async (path: (id: string) => string, id: string, api: boolean) => {
      const response = api ? await sessions.stranger.api('GET', path(id)) : await sessions.stranger.get(path(id));
      return { status: response.statusCode, body: response.body.replaceAll(id, '<id>').replace(/name="_csrf" value="[^"]+"/g, '') };
    };
    for (const [path, api] of [[(id: string) => `/teams/${id}`, false], [(id: string) => `/teams/${id}/edit`, false], [(id: string) => `/api/v1/teams/${id}`, true]] as const) {
      expect(await answer(path, teamId, api)).toEqual(await answer(path, random, api));
    }
  });

  it('a member sees the team, read-only, and is refused every change', async () => {
    const session = sessions.member;
    const page = await session.get(`/teams/${teamId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(`/teams/${teamId}/edit`);
    expect(JSON.parse((await session.api('GET', `/api/v1/teams/${teamId}`)).body)).toMatchObject({ name: 'Permissions MDT', canManage: false });
    for (const path of managePages()) expect([path, (await session.get(path)).statusCode]).toEqual([path, 403]);
    const before = await snapshot();
    for (const [path, form] of pageWrites()) expect([path, (await session.post(path, form)).statusCode]).toEqual([path, 403]);
    for (const [method, path, body] of apiWrites()) expect([method, path, (await session.api(method, path, body)).statusCode]).toEqual([method, path, 403]);
    expect(await snapshot()).toBe(before);
    expect(JSON.parse((await session.api('GET', '/api/v1/teams')).body).teams).toMatchObject([{ id: teamId, isMember: true, canManage: false }]);
  });

  it.each(MANAGERS)('%s opens every page of the team, with its change links', async (who) => {
    const session = sessions[who];
    const page = await session.get(`/teams/${teamId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/teams/${teamId}/edit`);
    for (const path of managePages()) expect([path, (await session.get(path)).statusCode]).toEqual([path, 200]);
    expect(JSON.parse((await session.api('GET', '/api/v1/teams')).body).teams).toMatchObject([{ id: teamId, canManage: true }]);
  });

  it('an admin above the owning organisation changes the team through the API, audited', async () => {
    const icsAdmin = sessions.icsAdmin;
    const patched = await icsAdmin.api('PATCH', `/api/v1/teams/${teamId}`, { resilienceK: 2 });
    expect(patched.statusCode).toBe(200);
    expect(JSON.parse(patched.body)).toMatchObject({ name: 'Permissions MDT', resilienceK: 2, canManage: true });
    const added = await icsAdmin.api('POST', `/api/v1/teams/${teamId}/members`, { email: cast.partnerEmail, teamRole: 'Data scientist', archetypes: ['creator'] });
    expect(added.statusCode).toBe(201);
    const partnerMemberId = JSON.parse(added.body).id as string;
    expect((await icsAdmin.api('PATCH', `/api/v1/teams/${teamId}/members/${partnerMemberId}`, { hoursLimit: 12 })).statusCode).toBe(200);
    const put = await icsAdmin.api('PUT', `/api/v1/teams/${teamId}/responsibilities`, { responsibilities: [{ responsibility: 1, personIds: [cast.partner.personId] }] });
    expect(put.statusCode).toBe(200);
    expect(JSON.parse(put.body).responsibilities[1].holders).toEqual([{ personId: cast.partner.personId, displayName: 'Pat Partner' }]);
    const details = JSON.parse((await icsAdmin.api('GET', `/api/v1/teams/${teamId}`)).body);
    expect(details.organisations.map((o: { kind: string }) => o.kind).sort()).toEqual(['partner', 'trust']);
    expect(details.composition.unheldResponsibilities).toHaveLength(9);
    expect((await icsAdmin.api('DELETE', `/api/v1/teams/${teamId}/members/${partnerMemberId}`)).statusCode).toBe(204);
    const actions = (await hub.database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, teamId))).filter((e) => e.actorId === cast.icsAdmin.personId).map((e) => e.action);
    expect(actions.sort()).toEqual(['team.edited', 'team.member-added', 'team.member-edited', 'team.member-removed', 'team.responsibilities-set']);
  });

  it('answers bad API input with field problems and changes nothing; the last lead stays', async () => {
    const lead = sessions.lead;
    const before = await snapshot();
    const bad = await lead.api('POST', `/api/v1/teams/${teamId}/members`, { email: 'nobody@example.nhs.uk', teamRole: '', archetypes: [] });
    expect(bad.statusCode).toBe(400);
    const fields = (JSON.parse(bad.body).errors as Array<{ field: string }>).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['teamRole', 'archetypes']));
    const unknown = await lead.api('POST', `/api/v1/teams/${teamId}/members`, { email: 'nobody@example.nhs.uk', teamRole: 'Radiologist', archetypes: ['user'] });
    expect(JSON.parse(unknown.body).errors).toEqual([{ field: 'email', message: 'No one with this e-mail address has a hub account. Ask their organisation admin to invite them.' }]);
    expect((await lead.api('DELETE', `/api/v1/teams/${teamId}/members/${leadMemberId}`)).statusCode).toBe(409);
    expect((await lead.api('PATCH', `/api/v1/teams/${teamId}`, { resilienceK: 9 })).statusCode).toBe(400);
    expect(await snapshot()).toBe(before);
  });

  it('lets only organisation admins and product leads set up a team', async () => {
    expect((await sessions.member.get('/teams/new')).statusCode).toBe(403);
    const refused = await sessions.member.api('POST', '/api/v1/teams', { name: 'Mine', purpose: 'x', clinicalDecisionMaking: false, needsPatientRepresentative: false });
    expect(refused.statusCode).toBe(403);
    const leadWithout = await sessions.outsiderLead.api('POST', '/api/v1/teams', { name: 'Unled', purpose: 'x', clinicalDecisionMaking: false, needsPatientRepresentative: false });
    expect(leadWithout.statusCode).toBe(400);
    expect(leadWithout.body).toContain('joinAsLead');
    const byAdmin = await sessions.outsiderAdmin.api('POST', '/api/v1/teams', { name: 'Admin set up', purpose: 'x', clinicalDecisionMaking: false, needsPatientRepresentative: false });
    expect(byAdmin.statusCode).toBe(201);
    expect(JSON.parse(byAdmin.body)).toMatchObject({ members: [], composition: { warnings: [{ kind: 'no-lead' }, { kind: 'responsibilities-unheld' }] } });
  });
});
