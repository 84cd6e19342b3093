import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiMdtAssignments, aiMdtMembers, aiMdtPlans, aiMdts, auditEvents, journeyItems, journeys, notifications, topicRatings } from '../src/db/schema.ts';
import type { ResourceInput } from '../src/services/catalogue/catalogue.types.ts';
import type { Viewer } from '../src/services/identity/viewer.ts';
import { RESOURCE_DEFAULTS } from './support/catalogue-fixtures.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

type PlanJson = {
  id: string;
  solver: string;
  optimal: boolean;
  totalMinutes: number;
  sentAt: string | null;
  members: Array<{ personId: string; name: string; minutes: number; closes: string[]; resources: Array<{ resourceId: string; title: string; minutes: number; reason: string }> }>;
  unclosable: Array<{ requirementId: string; statement: string }>;
  shortfallLeft: Array<{ requirementId: string; missing: number }>;
  assignments: Array<{ id: string; personId: string; resourceId: string; status: string; declineReason: string | null }>;
};

const TEAM_NAME = 'tri-X AI MDT';

describe.each(databaseTargets())('the team’s least learning on $name', (target) => {
  let hub: TestHub;
  let lead: TestSession;
  let alice: TestSession;
  let ben: TestSession;
  let stranger: TestSession;
  let educatorViewer: Viewer;
  let teamId: string;
  const people: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const db = () => hub.database.db;

  async function publish(key: string, title: string, minutes: number, outcomes: ResourceInput['outcomes'], extra: Partial<ResourceInput> = {}) {
    const created = await hub.services.catalogue.createResource({ viewer: educatorViewer, input: { ...RESOURCE_DEFAULTS, title, durationMinutes: minutes, outcomes, ...extra } });
    await hub.services.catalogue.publishResource({ viewer: educatorViewer, id: created.id });
    ids[key] = created.id;
  }

  const makePlan = async (session: TestSession, body: object = {}) => session.api('POST', `/api/v1/teams/${teamId}/plans`, body);
  const planOf = async (body: object = {}): Promise<PlanJson> => {
    const response = await makePlan(lead, body);
    expect(response.statusCode).toBe(201);
    return response.json().plan as PlanJson;
  };
  const titles = (plan: PlanJson) => plan.members.flatMap((m) => m.resources.map((r) => r.title)).sort();
  const noticesOf = async (personId: string) => (await db().select().from(notifications).where(eq(notifications.personId, personId))).map((n) => n.message);

  beforeAll(async () => {
    hub = await createTestHub(target);
    const orgs = await createTestOrganisations(hub);
    const [leadP, aliceP, benP, strangerP, educatorP] = await Promise.all([
      createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Lee Lead' }),
      createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Alice Shaper' }),
      createTestPerson(hub, { organisationId: orgs.otherTrust.id, name: 'Ben Shaper' }),
      createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Stan Stranger' }),
      createTestPerson(hub, { organisationId: orgs.trust.id, roles: ['learner', 'educator'], name: 'Eve Educator' }),
    ]);
    Object.assign(people, { lead: leadP.id, alice: aliceP.id, ben: benP.id });
    educatorViewer = { personId: educatorP.id, organisationId: orgs.trust.id, displayName: educatorP.displayName, email: educatorP.email, roles: ['learner', 'educator'] };
    [lead, alice, ben, stranger] = await Promise.all([signIn(hub.app, leadP.email), signIn(hub.app, aliceP.email), signIn(hub.app, benP.email), signIn(hub.app, strangerP.email)]);
    // Alice already meets a1-02 (GDPR, familiarity) on her own rating; nobody else meets anything.
    // (Written directly: her own profile does not make her a Shaper, so her self-assessment would not ask.)
    const framework = hub.services.assessmentFramework();
    await db().insert(topicRatings).values({ organisationId: orgs.trust.id, personId: aliceP.id, frameworkId: framework.id, frameworkVersion: framework.version, topicId: 'gdpr-for-healthcare-ai', level: 'familiarity' });

    const [team] = await db()
      .insert(aiMdts)
      .values({ organisationId: orgs.trust.id, name: TEAM_NAME, purpose: 'Safe adoption of tri-X', coveredArchetypes: ['shaper'], createdBy: leadP.id })
      .returning();
    teamId = team!.id;
    const member = (personId: string, archetypes: string[], isLead = false) => ({ organisationId: orgs.trust.id, teamId, personId, teamRole: isLead ? 'Chair' : 'Member', archetypes, isLead, addedBy: leadP.id });
    await db().insert(aiMdtMembers).values([member(leadP.id, [], true), member(aliceP.id, ['shaper']), member(benP.id, ['shaper'])]);

    // Two short resources close a1-01 and a1-03 for 70 minutes; the bundle does both for 120.
    await publish('bundle', 'Regulation bundle', 120, [
      { topicId: 'samd-clinical-governance', level: 'familiarity' },
      { topicId: 'nhs-digital-standards', level: 'familiarity' },
    ]);
    await publish('samd', 'SaMD governance', 30, [{ topicId: 'samd-clinical-governance', level: 'familiarity' }]);
    await publish('standards', 'NHS digital standards', 40, [{ topicId: 'nhs-digital-standards', level: 'familiarity' }]);
    // a1-12 only through a resource with a prerequisite that closes nothing for the team.
    await publish('basics', 'Evidence basics', 20, [{ topicId: 'ai-definitions', level: 'awareness' }]);
    await publish('evidence', 'Evidence standards', 30, [{ topicId: 'evidence-standards', level: 'familiarity' }], { prerequisiteIds: [ids.basics!] });
    await publish('gdpr', 'Data protection for AI', 25, [{ topicId: 'gdpr-for-healthcare-ai', level: 'familiarity' }]);
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('closes the gaps with the least minutes, prerequisites first, and explains each assignment', async () => {
    const plan = await planOf({ basis: 'self' });
    expect(plan).toMatchObject({ solver: 'exact', optimal: true, totalMinutes: 120, sentAt: null });
    expect(titles(plan)).toEqual(['Evidence basics', 'Evidence standards', 'NHS digital standards', 'SaMD governance']);
    const evidenceTaker = plan.members.find((m) => m.resources.some((r) => r.title === 'Evidence standards'))!;
    expect(evidenceTaker.resources.map((r) => r.title).indexOf('Evidence basics')).toBeLessThan(evidenceTaker.resources.map((r) => r.title).indexOf('Evidence standards'));
    const reasons = new Map(plan.members.flatMap((m) => m.resources.map((r) => [r.title, r.reason])));
    expect(reasons.get('Evidence basics')).toBe('needed before ‘Evidence standards’');
    expect(reasons.get('SaMD governance')).toBe('covers 1 requirement nobody in the team meets');
    // No resource teaches a1-07; a1-02 is met already, so no GDPR resource.
    expect(plan.unclosable.map((u) => u.requirementId)).toContain('a1-07');
    expect(plan.unclosable.map((u) => u.requirementId)).not.toContain('a1-01');
    expect(plan.unclosable.find((u) => u.requirementId === 'a1-07')?.statement).toMatch(/\w/);
  });

  it('counts only verified levels on the verified basis, and names a second holder when k = 2', async () => {
    const verified = await planOf({ basis: 'verified' });
    expect(verified.totalMinutes).toBe(145);
    await db().update(aiMdts).set({ resilienceK: 2 }).where(eq(aiMdts.id, teamId));
    const resilient = await planOf({ basis: 'self' });
    await db().update(aiMdts).set({ resilienceK: 1 }).where(eq(aiMdts.id, teamId));
    expect(resilient.totalMinutes).toBe(2 * 120 + 25);
    const gdpr = resilient.members.flatMap((m) => m.resources).find((r) => r.title === 'Data protection for AI');
    expect(gdpr?.reason).toBe('gives a second holder for 1 requirement');
  });

  it('keeps to each member’s hours limit and says what is still short', async () => {
    await db().update(aiMdtMembers).set({ hoursLimit: 1 }).where(eq(aiMdtMembers.teamId, teamId));
    const plan = await planOf();
    await db().update(aiMdtMembers).set({ hoursLimit: null }).where(eq(aiMdtMembers.teamId, teamId));
    for (const m of plan.members) expect(m.minutes).toBeLessThanOrEqual(60);
    expect(plan.shortfallLeft).toHaveLength(1);
    expect(plan.members.length).toBe(2);
  });

  it('caps every member at the plan’s hours per member, lowering (never raising) their own limit', async () => {
    const capped = await planOf({ hoursPerMember: 1 });
    for (const m of capped.members) expect(m.minutes).toBeLessThanOrEqual(60);
    expect(capped.shortfallLeft).toHaveLength(1);
    expect(capped).toMatchObject({ hoursPerMember: 1 });
    expect((await planOf({ hoursPerMember: 2000 })).shortfallLeft).toHaveLength(0);
    const planCount = async () => (await db().select().from(aiMdtPlans).where(eq(aiMdtPlans.teamId, teamId))).length;
    const plansBefore = await planCount();
    const bad = await lead.post(`/teams/${teamId}/plan`, { basis: 'self', hoursPerMember: 'ten' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#hoursPerMember"');
    expect(bad.body).toContain('Enter a whole number of hours from 1 to 2000');
    expect(await planCount()).toBe(plansBefore);
    const made = await lead.post(`/teams/${teamId}/plan`, { basis: 'self', hoursPerMember: '1' });
    expect((await lead.get(String(made.headers.location))).body).toMatch(/Most hours asked of any member\s*<\/dt>\s*<dd[^>]*>\s*1 hour\s*</);
  });

  it('puts requirements no resource teaches on the curation-gap report', async () => {
    const report = await hub.services.catalogue.curationGapReport({ viewer: educatorViewer });
    const needed = report.needed.find((g) => g.topicId === 'international-regulatory-alignment');
    expect(needed).toMatchObject({ teamsNeeding: 1, peopleNeeding: 0 });
    const page = await hub.app.inject({ method: 'GET', url: '/catalogue/curation-gaps', headers: { cookie: (await signIn(hub.app, educatorViewer.email)).cookie } });
    expect(page.body).toContain('0 and 1 AI MDT');
  });

  it('lets only managers make and send plans; members read sent plans; others learn nothing', async () => {
    const plan = await planOf();
    expect((await makePlan(alice)).statusCode).toBe(403);
    expect((await makePlan(stranger)).statusCode).toBe(404);
    expect((await alice.api('GET', `/api/v1/teams/${teamId}/plans/${plan.id}`)).statusCode).toBe(404);
    expect((await stranger.api('GET', `/api/v1/teams/${teamId}/plans/${plan.id}`)).statusCode).toBe(404);
    expect((await alice.api('POST', `/api/v1/teams/${teamId}/plans/${plan.id}/send`)).statusCode).toBe(403);
    expect((await stranger.api('POST', `/api/v1/teams/${teamId}/plans/${plan.id}/send`)).statusCode).toBe(404);
    for (const url of [`/teams/${teamId}/plan`, `/teams/${teamId}/plans/${plan.id}`, `/teams/${teamId}/plans/${plan.id}/send`]) {
      expect((await stranger.get(url)).statusCode).toBe(404);
    }
    expect((await alice.get(`/teams/${teamId}/plans/${plan.id}`)).statusCode).toBe(404);
    expect((await alice.get(`/teams/${teamId}/plans/${plan.id}/send`)).statusCode).toBe(404);
    expect((await alice.post(`/teams/${teamId}/plan`, { basis: 'self' })).statusCode).toBe(403);
    expect((await stranger.post(`/teams/${teamId}/plan`, { basis: 'self' })).statusCode).toBe(404);
    expect((await alice.post(`/teams/${teamId}/plans/${plan.id}/send`)).statusCode).toBe(403);
    expect((await stranger.post(`/teams/${teamId}/plans/${plan.id}/send`)).statusCode).toBe(404);
    expect((await lead.api('GET', `/api/v1/teams/${teamId}/plans/${'-'.repeat(36)}`)).statusCode).toBe(404);
    expect((await lead.api('GET', `/api/v1/teams/not-a-team/plans/${plan.id}`)).statusCode).toBe(404);
    expect((await alice.api('POST', '/api/v1/team-assignments/not-an-id/decline', { reason: 'x' })).statusCode).toBe(404);
    // The list: managers see every plan, a member only sent ones (none yet), a stranger nothing.
    const listOf = async (session: TestSession) => session.api('GET', `/api/v1/teams/${teamId}/plans`);
    expect((await listOf(lead)).json().plans).toContainEqual(expect.objectContaining({ id: plan.id, sentAt: null, solver: plan.solver }));
    expect((await listOf(alice)).json().plans.map((p: { id: string }) => p.id)).not.toContain(plan.id);
    expect((await listOf(stranger)).statusCode).toBe(404);
    const membersView = await alice.get(`/teams/${teamId}/plan`);
    expect(membersView.statusCode).toBe(200);
    expect(membersView.body).not.toContain('Make a plan');
  });

  it('makes a plan from the page, with an error summary for a bad basis, never cached', async () => {
    const form = await lead.get(`/teams/${teamId}/plan`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Make a plan');
    const bad = await lead.post(`/teams/${teamId}/plan`, { basis: 'guessed' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('There is a problem');
    const made = await lead.post(`/teams/${teamId}/plan`, { basis: 'self' });
    expect(made.statusCode).toBe(303);
    const page = await lead.get(String(made.headers.location));
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toContain('no-store');
    expect(page.body).toContain('proven optimal');
    expect(page.body).toContain('2 hours');
    expect(page.body).toContain('No resource in the catalogue teaches these; they are on the curation-gap report.');
    expect(page.body).toContain('Send to the members');
  });

  it('sends once: journey items asked for by the team, one notice per member; re-planning keeps them; declining needs a reason', async () => {
    // Alice has a journey of her own already; Ben has none. With k = 2 both are asked for something.
    expect((await alice.api('POST', '/api/v1/me/journey', {})).statusCode).toBe(201);
    await db().update(aiMdts).set({ resilienceK: 2 }).where(eq(aiMdts.id, teamId));
    const plan = await planOf();
    await db().update(aiMdts).set({ resilienceK: 1 }).where(eq(aiMdts.id, teamId));
    const confirm = await lead.get(`/teams/${teamId}/plans/${plan.id}/send`);
    expect(confirm.statusCode).toBe(200);
    const sent = await lead.post(`/teams/${teamId}/plans/${plan.id}/send`);
    expect(sent.statusCode).toBe(303);
    expect((await lead.post(`/teams/${teamId}/plans/${plan.id}/send`)).statusCode).toBe(409);
    expect((await lead.api('POST', `/api/v1/teams/${teamId}/plans/${plan.id}/send`)).statusCode).toBe(409);

    const assignments = await db().select().from(aiMdtAssignments).where(eq(aiMdtAssignments.planId, plan.id));
    expect(assignments).toHaveLength(9);
    for (const who of ['alice', 'ben'] as const) {
      const asked = assignments.filter((a) => a.personId === people[who]);
      expect(asked.length).toBe(who === 'alice' ? 4 : 5);
      const [journey] = await db().select().from(journeys).where(and(eq(journeys.personId, people[who]!), eq(journeys.status, 'active')));
      const items = await db().select().from(journeyItems).where(and(eq(journeyItems.journeyId, journey!.id), eq(journeyItems.addedBecause, 'team')));
      expect(items.map((i) => i.resourceId).sort()).toEqual(asked.map((a) => a.resourceId).sort());
      const notices = (await noticesOf(people[who]!)).filter((m) => m.startsWith(`The ${TEAM_NAME} asked you`));
      expect(notices).toEqual([`The ${TEAM_NAME} asked you to take ${asked.length} resource${asked.length === 1 ? '' : 's'}`]);
    }

    // The member reads the sent plan; Alice's own gaps do not need the team's items, yet re-planning keeps them.
    const alicesView = await alice.api('GET', `/api/v1/teams/${teamId}/plans/${plan.id}`);
    expect(alicesView.statusCode).toBe(200);
    expect(alicesView.json().plan.assignments).toHaveLength(9);
    expect((await alice.get(`/teams/${teamId}/plans/${plan.id}`)).statusCode).toBe(200);
    expect((await alice.get(`/teams/${teamId}/plans/${plan.id}/send`)).statusCode).toBe(403);
    const alicesIds = assignments.filter((a) => a.personId === people.alice).map((a) => a.resourceId);
    expect((await alice.api('POST', '/api/v1/me/journey/replan')).statusCode).toBe(200);
    const afterReplan = (await alice.api('GET', '/api/v1/me/journey')).json().journey as { upcoming: Array<{ resourceId: string }> };
    for (const id of alicesIds) expect(afterReplan.upcoming.map((i) => i.resourceId)).toContain(id);

    // The journey page tags the item and links to a decline form.
    const journeyPage = await alice.get('/journey');
    expect(journeyPage.body).toContain(`Asked for by ${TEAM_NAME}`);
    const mine = assignments.find((a) => a.personId === people.alice)!;
    expect(journeyPage.body).toContain(`/journey/team-requests/${mine.id}/decline`);
    expect((await alice.get(`/journey/team-requests/${mine.id}/decline`)).statusCode).toBe(200);
    expect((await ben.get(`/journey/team-requests/${mine.id}/decline`)).statusCode).toBe(404);
    expect((await stranger.api('POST', `/api/v1/team-assignments/${mine.id}/decline`, { reason: 'Not mine' })).statusCode).toBe(404);

    const blank = await alice.post(`/journey/team-requests/${mine.id}/decline`, { reason: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('Enter why you are declining');
    const [still] = await db().select().from(aiMdtAssignments).where(eq(aiMdtAssignments.id, mine.id));
    expect(still?.status).toBe('sent');

    const declined = await alice.post(`/journey/team-requests/${mine.id}/decline`, { reason: 'I did this course last year' });
    expect(declined.statusCode).toBe(303);
    expect(declined.headers.location).toBe('/journey?done=declined');
    const [after] = await db().select().from(aiMdtAssignments).where(eq(aiMdtAssignments.id, mine.id));
    expect(after).toMatchObject({ status: 'declined', declineReason: 'I did this course last year' });
    const upcoming = ((await alice.api('GET', '/api/v1/me/journey')).json().journey as { upcoming: Array<{ resourceId: string }> }).upcoming;
    expect(upcoming.map((i) => i.resourceId)).not.toContain(mine.resourceId);
    expect((await noticesOf(people.lead!)).some((m) => m.includes('declined') && m.includes('I did this course last year'))).toBe(true);
    const planPage = await lead.get(`/teams/${teamId}/plans/${plan.id}`);
    expect(planPage.body).toContain('Declined because: I did this course last year');
    expect((await alice.get('/journey')).body).not.toContain(`/journey/team-requests/${mine.id}/decline`);

    // A new journey carries the team's remaining items over, still tagged and declinable.
    expect((await alice.api('POST', '/api/v1/me/journey', {})).statusCode).toBe(201);
    const renewed = ((await alice.api('GET', '/api/v1/me/journey')).json().journey as { upcoming: Array<{ resourceId: string }> }).upcoming.map((i) => i.resourceId);
    for (const id of alicesIds.filter((id) => id !== mine.resourceId)) expect(renewed).toContain(id);
    const other = assignments.find((a) => a.personId === people.alice && a.id !== mine.id)!;
    expect((await alice.get('/journey')).body).toContain(`/journey/team-requests/${other.id}/decline`);

    // Completing an item the team asked for marks the request completed.
    const bens = assignments.find((a) => a.personId === people.ben && a.resourceId === ids.gdpr)!;
    expect((await ben.api('POST', `/api/v1/me/journey/items/${bens.journeyItemId}/complete`)).statusCode).toBe(200);
    const [done] = await db().select().from(aiMdtAssignments).where(eq(aiMdtAssignments.id, bens.id));
    expect(done?.status).toBe('completed');
    const benAfter = ((await ben.api('GET', '/api/v1/me/journey')).json().journey as { upcoming: Array<{ resourceId: string }> }).upcoming;
    // Completing re-plans Ben's journey: the team's other items stay.
    expect(benAfter.map((i) => i.resourceId).sort()).toEqual(assignments.filter((a) => a.personId === people.ben && a.id !== bens.id).map((a) => a.resourceId).sort());
    expect((await lead.get(`/teams/${teamId}/plans/${plan.id}`)).body).toContain('Completed');

    // The journey API names the request, and declining through the API needs a reason too.
    const benItems = ((await ben.api('GET', '/api/v1/me/journey')).json().journey as { upcoming: Array<{ teamRequest: { assignmentId: string; teamName: string } | null }> }).upcoming;
    expect(benItems.every((i) => i.teamRequest?.teamName === TEAM_NAME)).toBe(true);
    const viaApi = benItems[0]!.teamRequest!.assignmentId;
    expect((await ben.api('POST', `/api/v1/team-assignments/${viaApi}/decline`, { reason: '' })).statusCode).toBe(400);
    expect((await ben.api('POST', `/api/v1/team-assignments/${viaApi}/decline`, { reason: 'On leave until June' })).statusCode).toBe(204);
    expect((await ben.api('POST', `/api/v1/team-assignments/${viaApi}/decline`, { reason: 'Again' })).statusCode).toBe(409);

    // A later plan asking Ben for what he has completed meets that request at once.
    await db().update(aiMdts).set({ resilienceK: 2 }).where(eq(aiMdts.id, teamId));
    const again = await planOf();
    await db().update(aiMdts).set({ resilienceK: 1 }).where(eq(aiMdts.id, teamId));
    expect((await lead.api('POST', `/api/v1/teams/${teamId}/plans/${again.id}/send`)).statusCode).toBe(200);
    const [repeat] = await db().select().from(aiMdtAssignments).where(and(eq(aiMdtAssignments.planId, again.id), eq(aiMdtAssignments.personId, people.ben!), eq(aiMdtAssignments.resourceId, ids.gdpr!)));
    expect(repeat).toMatchObject({ status: 'completed', journeyItemId: null });
    const audit = await db().select().from(auditEvents).where(eq(auditEvents.subjectId, teamId));
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['team-plan.made', 'team-plan.sent']));
  });
});
