import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoEmail } from '../src/services/demo/demo-dataset.ts';
import type { PlanScope } from '../src/domain/journey/plan-scope.ts';
import { createRepositories } from '../src/db/index.ts';
import { signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

/** Every href on a page whose link text starts with `text`. */
const hrefsOf = (html: string, text: string) => [...html.matchAll(new RegExp(`<a href="([^"]+)"[^>]*>${text}`, 'g'))].map((m) => m[1]!.replace(/&#x23;|&#35;/g, '#'));

describe.each(databaseTargets())('a supervisor’s focus reaches the learner, her summary and her journey on $name', (target) => {
  let hub: TestHub;
  let jodie: TestSession;
  let hannah: TestSession;
  let marcus: TestSession;
  let jodieId: string;

  const focus = (who: TestSession, form: Record<string, string | string[]>) => who.post(`/people/${jodieId}/focus`, { archetype: 'user', ...form });

  beforeAll(async () => {
    hub = await createTestHub(target);
    await hub.services.demo.loadDemoData();
    const sign = (name: string) => signIn(hub.app, demoEmail(name), DEMO_PASSWORD);
    [jodie, hannah, marcus] = await Promise.all([sign('jodie.turner'), sign('hannah.lloyd'), sign('marcus.reid')]);
    const person = await createRepositories(hub.database.db).people.findPersonByEmail(demoEmail('jodie.turner'));
    jodieId = person!.id;
  });
  afterAll(() => hub.close());

  it('plans her journey and completes one item, so there is history to keep', async () => {
    expect((await jodie.post('/journey/plan', { budgetHours: '', hoursPerWeek: '2' })).statusCode).toBe(303);
    const page = await jodie.get('/journey');
    expect(page.body).not.toContain('Your learning journey is out of date');
    const itemId = /\/journey\/items\/([0-9a-f-]{36})\/complete/.exec(page.body)?.[1];
    expect(itemId).toBeDefined();
    expect((await jodie.post(`/journey/items/${itemId}/complete`)).statusCode).toBe(303);
    const completed = await jodie.get(`/journey/items/${itemId}/completed`);
    // "Update your rating" lands on the subject's question, and that question is there.
    const [ratingLink] = hrefsOf(completed.body, 'Update your rating');
    expect(ratingLink).toMatch(/^\/self-assessment\/factors\/[^#]+#question-.+$/);
    const [path, fragment] = ratingLink!.split('#');
    expect((await jodie.get(path!)).body).toContain(`id="${fragment}"`);
  });

  it('refuses an organisation admin who is not her supervisor, offering to change who supervises her instead', async () => {
    const page = await marcus.get(`/people/${jodieId}/assessment`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Agree focus');
    expect(page.body).toContain(`href="/organisation/people/${jodieId}"`);
    expect((await focus(marcus, { factors: ['liability'], reason: 'Admin override', action: 'set' })).statusCode).toBe(403);
    expect((await marcus.api('POST', `/api/v1/people/${jodieId}/focus`, { archetype: 'user', factors: ['liability'], reason: 'Admin override' })).statusCode).toBe(403);
    expect((await jodie.get('/self-assessment')).body).not.toContain('Focus agreed with your supervisor');
  });

  it('refuses a focus on an archetype her profile does not include, saying why, and saves nothing', async () => {
    const refused = await focus(hannah, { archetype: 'creator', factors: ['liability'], reason: 'Wrong archetype', action: 'set' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('There is a problem');
    expect(refused.body).toContain('Jodie Turner’s profile does not include Creator');
    expect((await jodie.get('/notifications')).body).not.toContain('Wrong archetype');
    expect((await hannah.get(`/people/${jodieId}`)).body).not.toContain('Wrong archetype');
  });

  it('tells her when her supervisor agrees a focus, and shows it with its reason, who saved it and when', async () => {
    const reason = 'The MDT covers liability and guidelines; focus on biases at the bedside';
    expect((await focus(hannah, { factors: ['cognitive-biases', 'interface-with-patients'], reason, action: 'set' })).statusCode).toBe(303);
    const notices = (await jodie.get('/notifications')).body;
    expect(notices).toContain('Hannah Lloyd agreed a focus for your advanced User requirements: Cognitive biases, Interface with patients');
    for (const page of ['/self-assessment', '/self-assessment/summary']) {
      const body = (await jodie.get(page)).body;
      expect(body).toContain('Focus agreed with your supervisor');
      expect(body).toContain(reason);
      expect(body).toMatch(/Saved by Hannah Lloyd on \d{1,2} \w+ \d{4}/);
    }
    expect((await hannah.get(`/people/${jodieId}/assessment`)).body).toMatch(/Saved by Hannah Lloyd on \d{1,2} \w+ \d{4}/);
  });

  it('marks her journey out of date, and one click re-plans it for what applies now, keeping what she completed', async () => {
    const stale = (await jodie.get('/journey')).body;
    expect(stale).toContain('Your learning journey is out of date because your supervisor changed the focus of your advanced requirements on');
    expect(stale).toMatch(/\d+ subjects? it was planned for no longer apply to you/);
    expect(stale).toContain('Re-plan with my current profile');
    const apiScope = JSON.parse((await jodie.api('GET', '/api/v1/me/journey/scope')).body);
    expect(apiScope.outOfDate.noLongerApply.length).toBeGreaterThan(0);
    expect(apiScope.outOfDate.focusChangedAt).not.toBeNull();
    expect((await jodie.post('/journey/replan')).statusCode).toBe(303);
    const fresh = (await jodie.get('/journey')).body;
    expect(fresh).not.toContain('Your learning journey is out of date');
    expect(fresh).toContain('<h2>Completed</h2>');
    // Nothing left in the plan is for a subject outside what applies now.
    const jodieViewer = { personId: jodieId, organisationId: '', displayName: 'Jodie', email: '', roles: ['learner' as const] };
    const journey = await hub.services.journeys.getJourney({ viewer: jodieViewer, personId: jodieId });
    const scope = journey!.journey.scope as PlanScope;
    const planned = journey!.upcoming.flatMap((i) => i.closes.map((c) => c.topicId));
    expect(planned.filter((topicId) => !(topicId in scope.targets))).toEqual([]);
  });

  it('tells her when the focus is cleared, and her journey is out of date again', async () => {
    expect((await focus(hannah, { reason: 'New role in the MDT', action: 'clear' })).statusCode).toBe(303);
    expect((await jodie.get('/notifications')).body).toContain('Hannah Lloyd cleared the focus of your advanced User requirements');
    expect((await jodie.get('/self-assessment')).body).not.toContain('Focus agreed with your supervisor');
    expect((await jodie.get('/journey')).body).toMatch(/\d+ subjects? now apply to you that it was not planned for/);
    // The API tells the same, and re-plans the same way.
    expect(JSON.parse((await jodie.api('GET', '/api/v1/me/journey/scope')).body).outOfDate.nowApply.length).toBeGreaterThan(0);
    expect((await jodie.api('POST', '/api/v1/me/journey/replan')).statusCode).toBe(200);
    expect(JSON.parse((await jodie.api('GET', '/api/v1/me/journey/scope')).body)).toEqual({ outOfDate: null });
    expect((await hannah.api('POST', '/api/v1/me/journey/replan')).statusCode).toBe(404);
  });

  it('marks the journey out of date after a profile change too', async () => {
    await jodie.post('/journey/replan');
    expect((await jodie.get('/journey')).body).not.toContain('is out of date');
    await jodie.post('/self-assessment/profile', { archetypes: ['user'], clinicalDecisionMaking: 'no', professionalGroup: 'nursing-midwifery-and-health-visiting', setting: 'acute' });
    expect((await jodie.get('/journey')).body).toContain('Your learning journey is out of date because what applies to you has changed');
    await jodie.post('/self-assessment/profile', { archetypes: ['user'], clinicalDecisionMaking: 'yes', professionalGroup: 'nursing-midwifery-and-health-visiting', setting: 'acute' });
  });

  it('lets the admin reassign her supervisor, after which the new supervisor may agree a focus', async () => {
    expect((await marcus.post(`/organisation/people/${jodieId}/supervisors`, { supervisor: demoEmail('marcus.reid') })).statusCode).toBe(303);
    expect((await focus(marcus, { factors: ['liability'], reason: 'Now supervised by the ICS lead', action: 'set' })).statusCode).toBe(303);
    expect((await jodie.get('/notifications')).body).toContain('Marcus Reid agreed a focus');
  });
});

describe.each(databaseTargets())('the self-assessment summary and its ways on, on $name', (target) => {
  let hub: TestHub;
  let jodie: TestSession;
  let ben: TestSession;

  beforeAll(async () => {
    hub = await createTestHub(target);
    await hub.services.demo.loadDemoData();
    [jodie, ben] = await Promise.all([signIn(hub.app, demoEmail('jodie.turner'), DEMO_PASSWORD), signIn(hub.app, demoEmail('ben.ashworth'), DEMO_PASSWORD)]);
  });
  afterAll(() => hub.close());

  it('goes to the summary after the last factor page, not back to the overview', async () => {
    const pages = [...(await jodie.get('/self-assessment')).body.matchAll(/href="(\/self-assessment\/factors\/[^"#]+)"/g)].map((m) => m[1]!);
    const first = await jodie.post(pages[0]!, { then: 'next' });
    expect(first.headers.location).toBe(pages[1]);
    const last = await jodie.post(pages.at(-1)!, { then: 'next' });
    expect(last.statusCode).toBe(303);
    expect(last.headers.location).toBe('/self-assessment/summary?saved=ratings');
    expect((await jodie.get(String(last.headers.location))).body).toContain('Your ratings have been saved.');
    expect((await jodie.post(pages[0]!, { then: 'overview' })).headers.location).toBe('/self-assessment?saved=ratings');
  });

  it('leads on to planning, and every "Update your rating" lands on that subject’s question', async () => {
    const overview = (await jodie.get('/self-assessment')).body;
    const topic = /name="rating-([^"]+)"/.exec((await jodie.get(/href="(\/self-assessment\/factors\/[^"#]+)"/.exec(overview)![1]!)).body)![1]!;
    await jodie.post(/href="(\/self-assessment\/factors\/[^"#]+)"/.exec(overview)![1]!, { [`rating-${topic}`]: 'not-yet', then: 'overview' });
    const summary = (await jodie.get('/self-assessment/summary')).body;
    expect(summary).toMatch(/<a [^>]*href="\/journey\/plan"[^>]*>\s*Plan your learning/);
    const links = hrefsOf(summary, 'Update your rating');
    expect(links.length).toBeGreaterThan(0);
    expect(links.some((link) => link.endsWith(`#question-${topic}`))).toBe(true);
    for (const link of new Set(links)) {
      const [path, fragment] = link.split('#');
      expect((await jodie.get(path!)).body).toContain(`id="${fragment}"`);
    }
  });

  it('says what is unverified on the verified basis, rather than that nothing is left to meet', async () => {
    const verified = (await jodie.get('/self-assessment/summary?basis=verified')).body;
    expect(verified).toMatch(/and \d+ are not yet verified\./);
    expect(verified).toContain('Requirements not yet verified');
    expect(verified).not.toMatch(/Requirements not yet met<\/h2>\s*<p>None\.<\/p>/);
    expect(hrefsOf(verified, 'Ask for verification').length).toBeGreaterThan(0);
  });

  it('keeps a product’s statements met while its refresher is merely due, saying by when', async () => {
    const summary = (await ben.get('/self-assessment/summary')).body;
    expect(summary).toContain('Met, with a refresher due');
    expect(summary).toMatch(/tri-X: \d+ product-specific statements are met, refresher due by \d{1,2} \w+ \d{4}/);
    expect(summary).not.toContain('for tri-X, met by');
  });
});
