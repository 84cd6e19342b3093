import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiMdts } from '../src/db/schema.ts';
import { historyPoints } from '../src/domain/teams/coverage-history.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { viewerOf } from './support/product-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { addMember, advancedTopicsOf, insertTeam, rateAt, topLevelOf, verifyAt } from './support/team-coverage-fixtures.ts';

interface Counts {
  covered: number;
  singleHolder: number;
  uncovered: number;
  total: number;
}
interface CoverageJson {
  overall: Counts;
  requirements: Array<{ requirementId: string; state: string; holders: Array<{ name: string }> }>;
  singlePointsOfFailure: Array<{ name: string; requirementIds: string[] }>;
  members: Array<{ name: string }>;
}
interface HistoryJson {
  months: Array<{ at: string; kind: string; memberCount: number; counts: Counts }>;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * Ruth (lead) and Kieran play Shaper, Ama plays User. Ruth meets the Shaper requirements t1 (three
 * topics) and t2 (two), Kieran those of t2 (rated through the self-assessment itself), Ama nothing.
 * Only Ruth's t1 are verified. Leo played Shaper and met t3 (four) for a few months, then left.
 */
describe.each(databaseTargets())('team coverage on $name', (target) => {
  let hub: TestHub;
  let teamId: string;
  let sessions: Record<'lead' | 'member' | 'stranger' | 'otherAdmin' | 'ownAdmin' | 'leftMember', TestSession>;
  let t1: string[];
  let t2: string[];
  let t3: string[];
  let total: number;
  const points = historyPoints(new Date());
  const leoJoined = points[7]?.at ?? new Date();
  const leoLeft = new Date((points[10]?.at ?? new Date()).getTime() + DAY);

  beforeAll(async () => {
    hub = await createTestHub(target);
    const { trust, otherTrust } = await createTestOrganisations(hub);
    const ruth = await createTestPerson(hub, { organisationId: trust.id, name: 'Ruth Jones' });
    const kieran = await createTestPerson(hub, { organisationId: trust.id, name: 'Kieran Shah' });
    const ama = await createTestPerson(hub, { organisationId: trust.id, name: 'Ama Owusu' });
    const leo = await createTestPerson(hub, { organisationId: trust.id, name: 'Leo Left' });
    const sue = await createTestPerson(hub, { organisationId: trust.id, roles: ['supervisor'], name: 'Sue Supervisor' });
    const stranger = await createTestPerson(hub, { organisationId: trust.id, name: 'Sam Stranger' });
    const otherAdmin = await createTestPerson(hub, { organisationId: otherTrust.id, roles: ['organisation-admin'], name: 'Olga Otheradmin' });
    const ownAdmin = await createTestPerson(hub, { organisationId: trust.id, roles: ['organisation-admin'], name: 'Oscar Ownadmin' });
    const team = await insertTeam(hub, { organisationId: trust.id, createdBy: ruth.id });
    teamId = team.id;
    await addMember(hub, { team, personId: ruth.id, archetypes: ['shaper'], isLead: true, teamRole: 'Clinical safety officer' });
    await addMember(hub, { team, personId: kieran.id, archetypes: ['shaper'] });
    await addMember(hub, { team, personId: ama.id, archetypes: ['user'] });
    await addMember(hub, { team, personId: leo.id, archetypes: ['shaper'], joinedAt: leoJoined, leftAt: leoLeft });

    // Each group of topics a different size, so counts that were swapped would show.
    const topics = [...advancedTopicsOf(hub, 'shaper').entries()];
    const [group1, group2, group3] = [topics.slice(0, 3), topics.slice(3, 5), topics.slice(5, 9)];
    [t1, t2, t3] = [group1, group2, group3].map((g) => g.flatMap(([, ids]) => ids)) as [string[], string[], string[]];
    const { index } = hub.services.assessmentFramework();
    total = index.doc.requirements.filter((r) => r.tier === 'advanced' && (r.archetype === 'shaper' || r.archetype === 'user')).length;

    for (const [topic] of [...group1, ...group2]) {
      const rating = await rateAt(hub, ruth, topic, topLevelOf(hub, topic));
      if (group1.some(([t]) => t === topic)) await verifyAt(hub, rating, sue.id, new Date());
    }
    await hub.services.profiles.updateProfile({ viewer: viewerOf(kieran), archetypes: ['shaper'], professionalGroup: null, setting: null, clinicalDecisionMaking: true });
    await hub.services.selfAssessment.rateTopics({ viewer: viewerOf(kieran), ratings: Object.fromEntries(group2.map(([topic]) => [topic, topLevelOf(hub, topic)])) });
    for (const [topic] of group3) await rateAt(hub, leo, topic, topLevelOf(hub, topic), leoJoined);

    const [lead, member, strangerSession, otherAdminSession, ownAdminSession, leoSession] = await Promise.all([ruth, kieran, stranger, otherAdmin, ownAdmin, leo].map((p) => signIn(hub.app, p.email)));
    sessions = { lead: lead!, member: member!, stranger: strangerSession!, otherAdmin: otherAdminSession!, ownAdmin: ownAdminSession!, leftMember: leoSession! };
  });
  afterAll(async () => hub?.close());

  const coverage = async (session: TestSession, basis = 'self') => {
    const response = await session.get(`/api/v1/teams/${teamId}/coverage?basis=${basis}`);
    expect(response.statusCode).toBe(200);
    return response.json() as CoverageJson;
  };

  it('counts what the members’ ratings meet: shared requirements covered, Ruth’s alone resting on her, the rest uncovered', async () => {
    const json = await coverage(sessions.member);
    expect(json.overall).toEqual({ covered: t2.length, singleHolder: t1.length, uncovered: total - t1.length - t2.length, total });
    const byId = new Map(json.requirements.map((r) => [r.requirementId, r]));
    expect(byId.get(t2[0] ?? '')).toMatchObject({ state: 'covered', holders: [{ name: 'Ruth Jones' }, { name: 'Kieran Shah' }] });
    expect(byId.get(t1[0] ?? '')).toMatchObject({ state: 'single-holder', holders: [{ name: 'Ruth Jones' }] });
    expect(json.singlePointsOfFailure).toEqual([expect.objectContaining({ name: 'Ruth Jones', requirementIds: t1 })]);
    expect([t1.length, t2.length, t3.length]).toEqual([3, 2, 4]);
  });

  it('on the verified basis counts only verified levels', async () => {
    const json = await coverage(sessions.member, 'verified');
    expect(json.overall).toEqual({ covered: 0, singleHolder: t1.length, uncovered: total - t1.length, total });
  });

  it('drops a member who left from today’s coverage, and counts them in the months they were in the team', async () => {
    const now = await coverage(sessions.member);
    expect(now.members.map((m) => m.name)).not.toContain('Leo Left');
    expect(now.requirements.filter((r) => t3.includes(r.requirementId)).every((r) => r.state === 'uncovered')).toBe(true);
    const response = await sessions.member.get(`/api/v1/teams/${teamId}/coverage/history?basis=self`);
    expect(response.statusCode).toBe(200);
    const { months } = response.json() as HistoryJson;
    expect(months).toHaveLength(13);
    expect(months[6]).toMatchObject({ memberCount: 3, counts: { covered: 0, singleHolder: 0, total } });
    for (const i of [7, 8, 9, 10]) expect(months[i]).toMatchObject({ kind: 'month-end', memberCount: 4, counts: { covered: 0, singleHolder: t3.length } });
    expect(months[11]).toMatchObject({ memberCount: 3, counts: { singleHolder: 0 } });
    expect(months[12]).toMatchObject({ kind: 'now', memberCount: 3, counts: { covered: t2.length, singleHolder: t1.length } });
  });

  it('shows the coverage page: headline counts, who covers what, the single point of failure sentence and the months', async () => {
    const page = await sessions.member.get(`/teams/${teamId}/coverage`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toContain('no-store');
    const text = page.body.replace(/\s+/g, ' ');
    const lose = t1.length === 1 ? '1 requirement loses its only holder' : `${t1.length} requirements lose their only holder`;
    expect(text).toContain(`If Ruth Jones leaves, ${lose}`);
    expect(text).toContain(`Of the ${total} advanced requirements, ${t2.length} ${t2.length === 1 ? 'is' : 'are'} covered`);
    expect(text).toContain('Ruth Jones, Kieran Shah');
    expect(text).toContain('The team’s current settings (the archetypes it covers and its resilience target) are used for every month');
    expect(text).toContain('on each member’s own self-assessment summary');
    expect(text).toContain(`href="/teams/${teamId}"`);
    const { index } = hub.services.assessmentFramework();
    expect(text).toContain(index.requirementById.get(t1[0] ?? '')?.statement.replace(/\s+/g, ' '));
    const verified = await sessions.member.get(`/teams/${teamId}/coverage?basis=verified`);
    expect(verified.body).toMatch(/value="verified" checked/);
    const csv = await sessions.member.get(`/teams/${teamId}/coverage.csv?basis=self`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Ruth Jones; Kieran Shah');
  });

  it('with k = 2 a requirement resting on one person is uncovered', async () => {
    await hub.database.db.update(aiMdts).set({ resilienceK: 2 }).where(eq(aiMdts.id, teamId));
    try {
      const json = await coverage(sessions.member);
      expect(json.overall).toEqual({ covered: t2.length, singleHolder: 0, uncovered: total - t2.length, total });
      // Ruth is still the only holder of t1: losing her leaves it with none.
      expect(json.singlePointsOfFailure.map((s) => s.name)).toEqual(['Ruth Jones']);
      const page = await sessions.lead.get(`/teams/${teamId}/coverage`);
      expect(page.body.replace(/\s+/g, ' ')).toContain('needs 1 more holder to reach 2');
    } finally {
      await hub.database.db.update(aiMdts).set({ resilienceK: 1 }).where(eq(aiMdts.id, teamId));
    }
  });

  it('lets the team’s members and managers see it, and nobody else (not even a member who left) learn that it exists', async () => {
    const routes = [`/teams/${teamId}/coverage`, `/teams/${teamId}/coverage.csv`, `/api/v1/teams/${teamId}/coverage`, `/api/v1/teams/${teamId}/coverage/history`];
    for (const url of routes) {
      expect((await sessions.member.get(url)).statusCode, url).toBe(200);
      expect((await sessions.lead.get(url)).statusCode, url).toBe(200);
      expect((await sessions.ownAdmin.get(url)).statusCode, url).toBe(200);
      expect((await sessions.stranger.get(url)).statusCode, url).toBe(404);
      expect((await sessions.otherAdmin.get(url)).statusCode, url).toBe(404);
      expect((await sessions.leftMember.get(url)).statusCode, url).toBe(404);
    }
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await sessions.member.get(`/api/v1/teams/${missing}/coverage`)).statusCode).toBe(404);
    expect((await sessions.member.get('/api/v1/teams/not-a-team/coverage')).statusCode).toBe(404);
    expect((await sessions.member.get(`/api/v1/teams/${teamId}/coverage?basis=guess`)).statusCode).toBe(400);
    expect((await hub.app.inject({ method: 'GET', url: `/api/v1/teams/${teamId}/coverage` })).statusCode).toBe(401);
  });

  it('describes both routes in the OpenAPI document', async () => {
    const doc = (await hub.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, object>; components: { schemas: Record<string, object> } };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/teams/{teamId}/coverage', '/api/v1/teams/{teamId}/coverage/history']));
    expect(doc.components.schemas).toHaveProperty('TeamCoverage');
  });
});
