import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import { journeys, learningClaims } from '../src/db/schema.ts';
import type { ResourceInput } from '../src/services/catalogue/catalogue.types.ts';
import type { Viewer } from '../src/services/identity/viewer.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { RESOURCE_DEFAULTS } from './support/catalogue-fixtures.ts';

// Foundational topics (every worker has them) and the level the report asks for each.
const AI_APPLICATIONS = 'ai-applications-in-health'; // awareness
const PROBLEMS_SUITED = 'problems-suited-to-ai'; // awareness
const AI_DEFINITIONS = 'ai-definitions'; // familiarity
const REGULATOR_GUIDANCE = 'professional-regulator-guidance'; // familiarity

type JourneyJson = {
  id: string;
  planner: { solver: string; optimal: boolean; gapCount: number; closedCount: number; unclosable: Array<{ topicId: string }>; outOfBudget: Array<{ topicId: string }> };
  upcoming: Array<{ id: string; resourceId: string; title: string; status: string; closes: Array<{ topicId: string; source: string; current: string | null }>; startWeek: number | null }>;
  completed: Array<{ id: string; resourceId: string }>;
  weeks: number;
  remainingMinutes: number;
};

describe.each(databaseTargets())('learning journeys on $name', (target) => {
  let hub: TestHub;
  let learner: TestSession;
  let otherLearner: TestSession;
  let supervisor: TestSession;
  let educator: TestSession;
  let learnerId: string;
  let educatorViewer: Viewer;
  const ids: Record<string, string> = {};


  async function publish(key: string, title: string, minutes: number, outcomes: ResourceInput['outcomes'], extra: Partial<ResourceInput> = {}) {
    const created = await hub.services.catalogue.createResource({ viewer: educatorViewer, input: { ...RESOURCE_DEFAULTS, title, durationMinutes: minutes, outcomes, ...extra } });
    await hub.services.catalogue.publishResource({ viewer: educatorViewer, id: created.id });
    ids[key] = created.id;
  }

  const myJourney = async (session = learner): Promise<JourneyJson | null> => (await session.api('GET', '/api/v1/me/journey')).json().journey;
  const plan = async (settings: object = {}) => {
    const response = await learner.api('POST', '/api/v1/me/journey', settings);
    expect(response.statusCode).toBe(201);
    return response.json().journey as JourneyJson;
  };
  const selectedKeys = (journey: JourneyJson) => journey.upcoming.map((i) => Object.entries(ids).find(([, id]) => id === i.resourceId)?.[0]).sort();

  beforeAll(async () => {
    hub = await createTestHub(target);
    const orgs = await createTestOrganisations(hub);
    const learnerPerson = await createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Jo Learner' });
    const otherPerson = await createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Other Learner' });
    const supervisorPerson = await createTestPerson(hub, { organisationId: orgs.trust.id, roles: ['learner', 'supervisor'], name: 'Sam Supervisor' });
    const educatorPerson = await createTestPerson(hub, { organisationId: orgs.trust.id, roles: ['learner', 'educator'], name: 'Eve Educator' });
    learnerId = learnerPerson.id;
    educatorViewer = { personId: educatorPerson.id, organisationId: orgs.trust.id, displayName: educatorPerson.displayName, email: educatorPerson.email, roles: ['learner', 'educator'] };
    await createRepositories(hub.database.db).supervisions.insertSupervision({ organisationId: orgs.trust.id, supervisorId: supervisorPerson.id, learnerId, assignedBy: supervisorPerson.id });
    [learner, otherLearner, supervisor, educator] = await Promise.all([
      signIn(hub.app, learnerPerson.email),
      signIn(hub.app, otherPerson.email),
      signIn(hub.app, supervisorPerson.email),
      signIn(hub.app, educatorPerson.email),
    ]);
    // The learner is aware of AI definitions already; needs familiarity.
    expect((await learner.api('PUT', '/api/v1/me/ratings', { ratings: { [AI_DEFINITIONS]: 'awareness' } })).statusCode).toBeLessThan(300);

    // One long course closes four topics; short items close them one or two at a time for less.
    await publish('course', 'Foundations of AI course', 240, [
      { topicId: AI_APPLICATIONS, level: 'familiarity' },
      { topicId: PROBLEMS_SUITED, level: 'awareness' },
      { topicId: AI_DEFINITIONS, level: 'familiarity' },
      { topicId: REGULATOR_GUIDANCE, level: 'familiarity' },
    ]);
    await publish('video', 'AI in health: a short video', 20, [
      { topicId: AI_APPLICATIONS, level: 'awareness' },
      { topicId: PROBLEMS_SUITED, level: 'awareness' },
    ]);
    await publish('reading', 'Defining AI: a reading', 45, [{ topicId: AI_DEFINITIONS, level: 'understanding' }]);
    await publish('paidGuide', 'Regulator guidance workshop', 60, [{ topicId: REGULATOR_GUIDANCE, level: 'familiarity' }], { costPence: 5000, format: 'workshop' });
    await publish('freeGuide', 'Regulator guidance e-learning', 90, [{ topicId: REGULATOR_GUIDANCE, level: 'familiarity' }]);
    // Only awareness of definitions: below the learner's target, so it closes nothing.
    await publish('tooShallow', 'Definitions in five minutes', 5, [{ topicId: AI_DEFINITIONS, level: 'awareness' }]);
  });
  afterAll(() => hub.close());

  it('starts with no journey and an invitation to plan one', async () => {
    expect(await myJourney()).toBeNull();
    const page = await learner.get('/journey');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Plan my learning journey');
  });

  it('shows an error summary for a bad form and plans nothing', async () => {
    const response = await learner.post('/journey/plan', { budgetHours: 'lots', hoursPerWeek: '2' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('nhsuk-error-summary');
    expect(response.body).toContain('Total time must be a number');
    expect(response.body).toContain('value="lots"');
    const count = await hub.database.db.select({ n: sql<number>`count(*)::int` }).from(journeys).where(eq(journeys.personId, learnerId));
    expect(count[0]?.n).toBe(0);
  });

  it('plans the least learning time that closes every closable gap, and explains each item', async () => {
    const response = await learner.post('/journey/plan', { budgetHours: '', hoursPerWeek: '1' });
    expect(response.statusCode).toBe(303);
    const journey = (await myJourney())!;
    // video (20) + reading (45) + workshop (60) = 125 minutes beats the 240-minute course.
    expect(selectedKeys(journey)).toEqual(['paidGuide', 'reading', 'video']);
    expect(journey.remainingMinutes).toBe(125);
    expect(journey.planner).toMatchObject({ solver: 'exact', optimal: true });
    expect(journey.planner.unclosable.length).toBe(journey.planner.gapCount - 4);
    expect(journey.weeks).toBe(3); // 125 minutes at one hour a week
    const reading = journey.upcoming.find((i) => i.resourceId === ids.reading)!;
    expect(reading.closes).toEqual([{ topicId: AI_DEFINITIONS, target: 'familiarity', current: 'awareness', source: 'self-rated' }]);
    const page = await learner.get('/journey');
    expect(page.body).toContain('Familiarity: What algorithms, AI, machine learning and deep learning are');
    expect(page.body).toContain('you rated Awareness');
    expect(page.body).toContain('you have not rated this yet');
    expect(page.body).toContain('Gaps no resource in the catalogue closes yet');
    expect(page.body).toContain('Planned exactly');
  });

  it('honours preferences and a time budget', async () => {
    const free = await plan({ preferences: { freeOnly: true } });
    expect(selectedKeys(free)).toEqual(['freeGuide', 'reading', 'video']);
    const budgeted = await plan({ budgetMinutes: 70 });
    // 70 minutes: video and reading (65) close three gaps; the workshop would not fit as well.
    expect(selectedKeys(budgeted)).toEqual(['reading', 'video']);
    expect(budgeted.planner.outOfBudget.map((g) => g.topicId)).toEqual([REGULATOR_GUIDANCE]);
    expect((await learner.api('POST', '/api/v1/me/journey', { budgetMinutes: 'soon' })).statusCode).toBe(400);
  });

  it('lists alternatives and swaps an item, re-planning the rest around it', async () => {
    const journey = await plan({});
    const video = journey.upcoming.find((i) => i.resourceId === ids.video)!;
    const alternatives = await learner.api('GET', `/api/v1/me/journey/items/${video.id}/alternatives`);
    expect(alternatives.statusCode).toBe(200);
    expect(alternatives.json().alternatives.map((a: { resourceId: string }) => a.resourceId)).toEqual([ids.course]);
    const page = await learner.get(`/journey/items/${video.id}/alternatives`);
    expect(page.body).toContain('Foundations of AI course');
    const missing = await learner.post(`/journey/items/${video.id}/swap`, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Choose an alternative');
    const swapped = await learner.post(`/journey/items/${video.id}/swap`, { alternativeId: ids.course! });
    expect(swapped.statusCode).toBe(303);
    const after = (await myJourney())!;
    // The course also covers definitions and regulator guidance, so the other items go.
    expect(selectedKeys(after)).toEqual(['course']);
    expect(after.upcoming[0]!.closes.map((c) => c.topicId).sort()).toEqual([AI_APPLICATIONS, AI_DEFINITIONS, PROBLEMS_SUITED, REGULATOR_GUIDANCE].sort());
    // The journey remembers the swap, so re-planning it (after completing an item) leaves the video out.
    const [row] = await hub.database.db.select().from(journeys).where(eq(journeys.id, after.id));
    expect((row!.settings as { excluded: string[] }).excluded).toEqual([ids.video]);
  });

  it('starts and completes items, records claimed levels and re-plans', async () => {
    await plan({});
    let journey = (await myJourney())!;
    // Shortest first among foundational knowledge: the 20-minute video.
    const first = journey.upcoming[0]!;
    expect(first.resourceId).toBe(ids.video);
    expect((await learner.post(`/journey/items/${first.id}/start`)).statusCode).toBe(303);
    journey = (await myJourney())!;
    expect(journey.upcoming.find((i) => i.id === first.id)?.status).toBe('started');
    const done = await learner.post(`/journey/items/${first.id}/complete`);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/journey/items/${first.id}/completed`);
    const confirmation = await learner.get(`/journey/items/${first.id}/completed`);
    expect(confirmation.statusCode).toBe(200);
    expect(confirmation.body).toContain('Update your rating');
    expect(confirmation.body).toContain('Add evidence and ask for verification');
    const claims = await hub.database.db.select().from(learningClaims).where(eq(learningClaims.personId, learnerId));
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.every((c) => c.resourceId === first.resourceId)).toBe(true);
    journey = (await myJourney())!;
    expect(journey.completed.map((i) => i.id)).toEqual([first.id]);
    // Whatever the completed item closed is no longer a gap.
    const closedTopics = new Set(first.closes.map((c) => c.topicId));
    expect(journey.upcoming.flatMap((i) => i.closes).some((c) => closedTopics.has(c.topicId))).toBe(false);
    // Completing twice is harmless; claims are history the database will not rewrite.
    expect((await learner.post(`/journey/items/${first.id}/complete`)).statusCode).toBe(303);
    expect((await hub.database.db.select().from(learningClaims).where(eq(learningClaims.personId, learnerId))).length).toBe(claims.length);
    await expect(hub.database.db.delete(learningClaims).where(eq(learningClaims.personId, learnerId))).rejects.toThrow();
  });

  it('keeps journeys private: others get not found, supervisors can read', async () => {
    const journey = (await myJourney())!;
    const item = journey.upcoming[0] ?? journey.completed[0]!;
    expect((await otherLearner.post(`/journey/items/${item.id}/start`)).statusCode).toBe(404);
    expect((await otherLearner.api('POST', `/api/v1/me/journey/items/${item.id}/complete`)).statusCode).toBe(404);
    expect((await otherLearner.api('GET', `/api/v1/people/${learnerId}/journey`)).statusCode).toBe(404);
    const seen = await supervisor.api('GET', `/api/v1/people/${learnerId}/journey`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().journey.id).toBe(journey.id);
    expect((await learner.get('/journey', {})).statusCode).toBe(200);
    expect((await hub.app.inject({ method: 'GET', url: '/journey' })).statusCode).toBe(303);
  });

  it('lets educators publish journey templates that learners follow', async () => {
    const invalid = await educator.post('/journey/templates/new', { title: '', description: 'For all staff' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('Enter a title');
    const created = await educator.post('/journey/templates/new', { title: 'Foundational AI for all staff', description: 'Start here.', resourceIds: [ids.video!, ids.freeGuide!] });
    expect(created.statusCode).toBe(303);
    const templatePath = String(created.headers.location);
    const templateId = templatePath.split('/').at(-1)!;
    // A draft is invisible to learners.
    expect((await learner.get(templatePath)).statusCode).toBe(404);
    expect((await learner.api('POST', '/api/v1/journey-templates', { title: 'Mine', description: 'x', resourceIds: [] })).statusCode).toBe(403);
    expect((await educator.post(`${templatePath}/status`, { status: 'published' })).statusCode).toBe(303);
    const listed = await learner.get('/journey/templates');
    expect(listed.body).toContain('Foundational AI for all staff');
    const follow = await learner.post(`${templatePath}/follow`, { mode: 'follow' });
    expect(follow.statusCode).toBe(303);
    const journey = (await myJourney())!;
    // She completed the video in an earlier journey, so only the guide is left to do.
    expect(selectedKeys(journey)).toEqual(['freeGuide']);
    expect(journey.completed.map((i) => i.resourceId)).toContain(ids.video);
    expect((await learner.get('/journey')).body).toContain('You are following the journey template “Foundational AI for all staff”');
    const api = await learner.api('GET', `/api/v1/journey-templates/${templateId}`);
    expect(api.json()).toMatchObject({ title: 'Foundational AI for all staff', status: 'published' });
  });

  describe('prerequisites and templates that change under a journey', () => {
    let pat: TestSession;
    beforeAll(async () => {
      const orgs = await createTestOrganisations(hub);
      const person = await createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Pat Learner' });
      pat = await signIn(hub.app, person.email);
      await publish('basics', 'Device regulation basics', 30, [{ topicId: 'ce-ukca-marking', level: 'awareness' }]);
      await publish('settings', 'Regulating care settings', 40, [{ topicId: 'regulation-of-care-settings', level: 'familiarity' }], { prerequisiteIds: [ids.basics!] });
    });
    const itemFor = (journey: JourneyJson, key: string) => journey.upcoming.find((i) => i.resourceId === ids[key])!;

    it('takes a prerequisite first, and keeps a started item when its prerequisite is completed afterwards', async () => {
      const planned = (await pat.api('POST', '/api/v1/me/journey', {})).json().journey as JourneyJson;
      const order = planned.upcoming.map((i) => i.resourceId);
      expect(order.indexOf(ids.basics!)).toBeLessThan(order.indexOf(ids.settings!));
      expect((await pat.api('POST', `/api/v1/me/journey/items/${itemFor(planned, 'settings').id}/start`)).statusCode).toBe(200);
      const completed = await pat.api('POST', `/api/v1/me/journey/items/${itemFor(planned, 'basics').id}/complete`);
      expect(completed.statusCode).toBe(200);
      const after = completed.json().journey as JourneyJson;
      expect(itemFor(after, 'settings')).toMatchObject({ status: 'started' });
      expect(after.planner.unclosable.map((g) => g.topicId)).not.toContain('regulation-of-care-settings');
    });

    it('follows a template that leaves out a prerequisite by adding the prerequisite, and survives the template being retired', async () => {
      const template = await hub.services.journeyTemplates.createTemplate({ viewer: educatorViewer, input: { title: 'Regulation in practice', description: 'Regulation.', audienceArchetypes: [], resourceIds: [ids.settings!, ids.freeGuide!] } });
      await hub.services.journeyTemplates.setTemplateStatus({ viewer: educatorViewer, templateId: template.id, status: 'published' });
      // A fresh learner, so nothing is completed yet.
      const orgs = await createTestOrganisations(hub);
      const fresh = await signIn(hub.app, (await createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Fran Learner' })).email);
      const followed = await fresh.api('POST', '/api/v1/me/journey', { templateId: template.id, mode: 'follow' });
      expect(followed.statusCode).toBe(201);
      const journey = followed.json().journey as JourneyJson;
      expect(selectedKeys(journey)).toEqual(['basics', 'freeGuide', 'settings']);
      expect((await fresh.api('POST', `/api/v1/me/journey/items/${itemFor(journey, 'settings').id}/start`)).statusCode).toBe(200);
      await hub.services.journeyTemplates.setTemplateStatus({ viewer: educatorViewer, templateId: template.id, status: 'retired' });
      const completed = await fresh.api('POST', `/api/v1/me/journey/items/${itemFor(journey, 'freeGuide').id}/complete`);
      expect(completed.statusCode).toBe(200);
      expect(selectedKeys(completed.json().journey)).toEqual(['basics', 'settings']);
    });

    it('refuses to retire a resource a published one needs, or to give a published resource a draft prerequisite', async () => {
      await expect(hub.services.catalogue.retireResource({ viewer: educatorViewer, id: ids.basics! })).rejects.toThrow('Published resources need this one first');
      const draft = await hub.services.catalogue.createResource({ viewer: educatorViewer, input: { ...RESOURCE_DEFAULTS, title: 'A draft', durationMinutes: 10, outcomes: [{ topicId: 'ce-ukca-marking', level: 'awareness' }] } });
      const current = (await hub.services.catalogue.getResource({ viewer: educatorViewer, id: ids.settings! })).resource;
      await expect(
        hub.services.catalogue.updateResource({ viewer: educatorViewer, id: ids.settings!, version: current.version, input: { ...current, prerequisiteIds: [ids.basics!, draft.id] } }),
      ).rejects.toThrow('Publish its prerequisites first');
    });
  });
});
