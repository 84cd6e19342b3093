import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResourceInput } from '../src/services/catalogue/catalogue.types.ts';
import type { Viewer } from '../src/services/identity/viewer.ts';
import { RESOURCE_DEFAULTS } from './support/catalogue-fixtures.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

/**
 * A journey holding together end to end (issue 11): every open gap says why, naming the
 * learner's own setting when it is that; a topic taught only below its target is taken part of
 * the way; "Start" leads to the resource, whose page leads back and can complete the item.
 */

const AI_APPLICATIONS = 'ai-applications-in-health'; // foundational, awareness
const AI_DEFINITIONS = 'ai-definitions'; // foundational, familiarity
const REGULATOR_GUIDANCE = 'professional-regulator-guidance'; // foundational, familiarity
const HOW_AI_LEARNS = 'how-ai-learns'; // foundational awareness; embedders familiarity

type OpenGapJson = { topicId: string; target: string; reached?: string; reason?: { taughtUpTo: string | null; leftOut?: { level: string; resources: number; byFilter: Array<{ filter: string; resources: number }> } } };
type JourneyJson = {
  planner: { gapCount: number; closedCount: number; unclosable: OpenGapJson[]; partlyClosed?: OpenGapJson[] };
  upcoming: Array<{ id: string; resourceId: string; status: string; closes: Array<{ topicId: string; target: string; requested?: string }> }>;
};

describe.each(databaseTargets())('journey seams on $name', (target) => {
  let hub: TestHub;
  let learner: TestSession;
  let otherLearner: TestSession;
  const ids: Record<string, string> = {};

  let educatorViewer: Viewer;
  const publish = async (key: string, title: string, outcomes: ResourceInput['outcomes'], extra: Partial<ResourceInput> = {}) => {
    const viewer = educatorViewer;
    const created = await hub.services.catalogue.createResource({ viewer, input: { ...RESOURCE_DEFAULTS, title, durationMinutes: 30, outcomes, ...extra } });
    await hub.services.catalogue.publishResource({ viewer, id: created.id });
    ids[key] = created.id;
  };

  const myJourney = async (): Promise<JourneyJson> => (await learner.api('GET', '/api/v1/me/journey')).json().journey;
  const itemFor = (journey: JourneyJson, key: string) => journey.upcoming.find((i) => i.resourceId === ids[key])!;

  beforeAll(async () => {
    hub = await createTestHub(target);
    const { trust } = await createTestOrganisations(hub);
    const person = await createTestPerson(hub, { organisationId: trust.id, name: 'Fran Freeonly' });
    const other = await createTestPerson(hub, { organisationId: trust.id, name: 'Olu Other' });
    const educator = await createTestPerson(hub, { organisationId: trust.id, roles: ['learner', 'educator'], name: 'Eve Educator' });
    educatorViewer = { personId: educator.id, organisationId: trust.id, displayName: educator.displayName, email: educator.email, roles: ['learner', 'educator'] };
    await publish('video', 'AI in health: a short video', [{ topicId: AI_APPLICATIONS, level: 'awareness' }]);
    // Definitions are taught only to awareness: the familiarity they need is not in the catalogue.
    await publish('shallow', 'Definitions in five minutes', [{ topicId: AI_DEFINITIONS, level: 'awareness' }], { url: 'https://example.org/definitions' });
    // Regulator guidance is taught, but only by a paid workshop.
    await publish('paid', 'Regulator guidance workshop', [{ topicId: REGULATOR_GUIDANCE, level: 'familiarity' }], { costPence: 5000, format: 'workshop' });
    [learner, otherLearner] = await Promise.all([signIn(hub.app, person.email), signIn(hub.app, other.email)]);
  });
  afterAll(() => hub.close());

  it('says which setting left a gap open, and takes a topic taught only below its target part of the way', async () => {
    expect((await learner.post('/journey/plan', { budgetHours: '', hoursPerWeek: '2', freeOnly: 'yes' })).statusCode).toBe(303);
    const journey = await myJourney();
    const regulator = journey.planner.unclosable.find((g) => g.topicId === REGULATOR_GUIDANCE);
    expect(regulator?.reason).toEqual({ taughtUpTo: 'familiarity', leftOut: { level: 'familiarity', resources: 1, byFilter: [{ filter: 'free', resources: 1 }] } });
    expect(journey.planner.partlyClosed).toEqual([{ topicId: AI_DEFINITIONS, tier: 'foundational', target: 'familiarity', current: null, source: 'not-rated', reached: 'awareness', reason: { taughtUpTo: 'awareness' } }]);
    // Closed fully: only the video's topic; definitions are partly closed and counted apart.
    expect(journey.planner.closedCount).toBe(1);
    expect(itemFor(journey, 'shallow').closes).toEqual([{ topicId: AI_DEFINITIONS, target: 'awareness', requested: 'familiarity', current: null, source: 'not-rated' }]);
    const nothing = journey.planner.unclosable.find((g) => g.topicId !== REGULATOR_GUIDANCE);
    expect(nothing?.reason).toEqual({ taughtUpTo: null });

    const page = (await learner.get('/journey')).body;
    expect(page).toContain('1 of your');
    expect(page).toContain('and 1 partly closed');
    expect(page).toContain('Gaps your settings leave open');
    expect(page).toMatch(/Familiarity: Guidance from professional regulators[^<]*<span class="nhsuk-body-s[^"]*">\(not rated yet\)<\/span> <div>1 resource would close this but is not free\.<\/div>/);
    expect(page).toContain('Gaps closed part of the way');
    expect(page).toContain('Reaches Awareness; Familiarity is not taught in the catalogue yet.');
    expect(page).toContain('part of the way to Familiarity');
    expect(page).toContain('Gaps no resource in the catalogue closes yet');
    expect(page).toContain('Nothing in the catalogue teaches these yet, unless a line says which level it does teach.');
    expect(page).not.toContain('Nothing in the catalogue teaches this yet.');
  });

  it('starts an item by taking the learner to the resource, whose page leads back to the journey', async () => {
    const item = itemFor(await myJourney(), 'shallow');
    const started = await learner.post(`/journey/items/${item.id}/start`);
    expect(started.statusCode).toBe(303);
    expect(started.headers.location).toBe(`/catalogue/resources/${ids.shallow}?journey=started`);
    expect(itemFor(await myJourney(), 'shallow').status).toBe('started');

    const page = (await learner.get(String(started.headers.location))).body;
    expect(page).toContain('Marked as started.');
    expect(page).toContain('In your learning journey');
    expect(page).toContain('href="https://example.org/definitions"');
    expect(page).toContain('Open Definitions in five minutes (opens the provider’s site)');
    expect(page).toContain(`action="/journey/items/${item.id}/complete"`);
    expect(page).toContain('Back to your learning journey');
    // Another learner, or nobody signed in, sees the resource without anyone's journey.
    expect((await otherLearner.get(`/catalogue/resources/${ids.shallow}`)).body).not.toContain('In your learning journey');
    expect((await hub.app.inject({ method: 'GET', url: `/catalogue/resources/${ids.shallow}` })).body).not.toContain('In your learning journey');
    // A journey item's Start on the journey page now reads as Continue.
    expect((await learner.get('/journey')).body).toContain(`href="/catalogue/resources/${ids.shallow}" class="nhsuk-button nhsuk-button--secondary`);
  });

  it('completes the item from the resource page, shows what is next, and re-plans what is left open', async () => {
    const item = itemFor(await myJourney(), 'shallow');
    const done = await learner.post(`/journey/items/${item.id}/complete`);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/journey/items/${item.id}/completed`);
    const confirmation = (await learner.get(`/journey/items/${item.id}/completed`)).body;
    expect(confirmation).toContain('Up next');
    expect(confirmation).toContain('AI in health: a short video');
    expect(confirmation).toContain(`action="/journey/items/${itemFor(await myJourney(), 'video').id}/start"`);

    const resourcePage = (await learner.get(`/catalogue/resources/${ids.shallow}`)).body;
    expect(resourcePage).toContain('In your learning journey');
    expect(resourcePage).toContain('Completed');
    expect(resourcePage).toContain('You completed it on');
    expect(resourcePage).not.toContain(`action="/journey/items/${item.id}/complete"`);

    // Awareness is now held; familiarity is still not taught, so the gap is open, and says so.
    const journey = await myJourney();
    expect(journey.planner.partlyClosed).toEqual([]);
    expect(journey.planner.unclosable.find((g) => g.topicId === AI_DEFINITIONS)).toMatchObject({ current: 'awareness', reason: { taughtUpTo: 'awareness' } });
    expect((await learner.get('/journey')).body).toMatch(/Familiarity: What algorithms[^<]*<span class="nhsuk-body-s[^"]*">\(you reached Awareness through earlier learning\)<\/span> <div>Familiarity is not taught in the catalogue yet\.<\/div>/);
  });

  it('meets a foundational awareness statement when the advanced familiarity beside it is not taught', async () => {
    const { trust } = await createTestOrganisations(hub);
    const person = await createTestPerson(hub, { organisationId: trust.id, name: 'Emi Embedder' });
    const embedder = await signIn(hub.app, person.email);
    await publish('learns', 'How AI learns: an introduction', [{ topicId: HOW_AI_LEARNS, level: 'awareness' }]);
    // Embedders need familiarity with how AI learns; every worker needs awareness of it.
    expect((await embedder.api('PUT', '/api/v1/me/profile', { archetypes: ['embedder'], clinicalDecisionMaking: false, professionalGroup: 'digital-data-and-technology', setting: 'acute' })).statusCode).toBe(200);
    const howAiLearns = async () => ((await embedder.api('GET', '/api/v1/me/learning-gaps')).json().gaps as Array<{ topicId: string; tier: string; current: string | null; target: string }>).find((g) => g.topicId === HOW_AI_LEARNS);
    expect(await howAiLearns()).toMatchObject({ tier: 'foundational', target: 'familiarity', current: null });

    const planned = await embedder.api('POST', '/api/v1/me/journey', {});
    expect(planned.statusCode).toBe(201);
    const journey = planned.json().journey as JourneyJson;
    expect(journey.planner.partlyClosed?.find((g) => g.topicId === HOW_AI_LEARNS)?.reached).toBe('awareness');
    const item = journey.upcoming.find((i) => i.resourceId === ids.learns)!;
    expect((await embedder.api('POST', `/api/v1/me/journey/items/${item.id}/complete`)).statusCode).toBe(200);
    // The foundational statement is met; only the advanced one is left, and nothing teaches it yet.
    expect(await howAiLearns()).toMatchObject({ tier: 'advanced', target: 'familiarity', current: 'awareness' });
  });
});
