import { eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../src/db/schema.ts';
import { createTestOrganisations, createTestPerson, formBody, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

/** The stored hash of a `hub_session=…` cookie's token. */
const hashOf = (cookie: string) => createHash('sha256').update(cookie.slice('hub_session='.length)).digest('base64url');
const fieldNames = (html: string) => [...new Set([...html.matchAll(/name="(rating-[^"]+)"/g)].map((m) => m[1]!))];

describe.each(databaseTargets())('self-assessment on $name', (target) => {
  let hub: TestHub;
  let session: TestSession;
  let personId: string;
  let email: string;
  beforeAll(async () => {
    hub = await createTestHub(target);
    const { trust } = await createTestOrganisations(hub);
    const person = await createTestPerson(hub, { organisationId: trust.id, name: 'Nia Nurse' });
    personId = person.id;
    email = person.email;
    session = await signIn(hub.app, person.email);
  });
  afterAll(() => hub.close());

  it('asks a signed-out visitor to sign in first', async () => {
    const response = await hub.app.inject({ method: 'GET', url: '/self-assessment' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/sign-in?returnTo=%2Fself-assessment');
  });

  it('starts with the foundational requirements only and asks for the profile', async () => {
    const body = (await session.get('/self-assessment')).body;
    expect(body).toContain('your roles with AI');
    expect(body).toContain('covering 30 requirement statements');
  });

  it('refuses an incomplete profile with an error summary, keeping what was chosen', async () => {
    const response = await session.post('/self-assessment/profile', { archetypes: ['user'], professionalGroup: 'pharmacy' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('nhsuk-error-summary');
    expect(response.body).toContain('Select where you work');
    expect(response.body).toMatch(/value="user" checked/);
    expect(response.body).toMatch(/<option value="pharmacy" selected/);
  });

  it('saves a profile and applies the clinician User requirements (R4)', async () => {
    const response = await session.post('/self-assessment/profile', {
      archetypes: ['user'],
      clinicalDecisionMaking: 'yes',
      professionalGroup: 'nursing-midwifery-and-health-visiting',
      setting: 'acute',
    });
    expect(response.statusCode).toBe(303);
    expect((await session.get('/self-assessment')).body).toContain('covering 56 requirement statements');
  });

  it('suggests archetypes from ticked responsibilities', async () => {
    const response = await session.post('/self-assessment/find-archetypes', { responsibilities: ['user-r1', 'embedder-r1'] });
    expect(response.body).toContain('Your answers point to 2 archetypes');
    expect((await session.post('/self-assessment/find-archetypes', {})).body).toContain('Select at least one statement');
  });

  it('rates a factor page, keeps history and shows the change', async () => {
    const page = await session.get('/self-assessment/factors/ai-literacy');
    expect(page.statusCode).toBe(200);
    const [first, second] = fieldNames(page.body);
    expect(first).toBeDefined();
    const save = await session.post('/self-assessment/factors/ai-literacy', { [first!]: 'awareness', ...(second ? { [second]: 'not-yet' } : {}), then: 'overview' });
    expect(save.statusCode).toBe(303);
    expect(save.headers.location).toBe('/self-assessment?saved=ratings');
    await session.post('/self-assessment/factors/ai-literacy', { [first!]: 'understanding', then: 'overview' });
    const history = await hub.services.selfAssessment.listRatingHistory({ viewer: { personId, organisationId: '', displayName: '', email: '', roles: ['learner'] }, personId, topicId: first!.slice('rating-'.length) });
    expect(history.map((r) => r.level)).toEqual(['understanding', 'awareness']);
    const historyPage = (await session.get('/self-assessment/history')).body;
    expect(historyPage).toContain('Understanding');
    expect(historyPage).toContain('Awareness');
  });

  it('re-shows a page with an error summary for a level that is not on the scale, saving nothing', async () => {
    const page = await session.get('/self-assessment/factors/ai-literacy');
    const [first] = fieldNames(page.body);
    const before = (await hub.services.selfAssessment.listRatingHistory({ viewer: { personId, organisationId: '', displayName: '', email: '', roles: ['learner'] }, personId })).length;
    const response = await session.post('/self-assessment/factors/ai-literacy', { [first!]: 'proficiency' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('nhsuk-error-summary');
    const after = (await hub.services.selfAssessment.listRatingHistory({ viewer: { personId, organisationId: '', displayName: '', email: '', roles: ['learner'] }, personId })).length;
    expect(after).toBe(before);
  });

  it('summarises met, not met and not rated as a chart with an equivalent table', async () => {
    const body = (await session.get('/self-assessment/summary')).body;
    expect(body).toContain('<svg');
    expect(body).toContain('role="img"');
    expect(body).toContain('the numbers behind the chart');
    expect(body).toMatch(/Of the 56 requirement statements that apply to you, \d+ (is|are) met/);
    expect((await session.get('/self-assessment/summary?basis=verified')).body).toContain('Based on levels your supervisor has verified');
  });

  it('keeps what was typed when the session ended before saving, and puts it back after signing in', async () => {
    const ending = await signIn(hub.app, email);
    const page = await ending.get('/self-assessment/factors/ai-literacy');
    const [first] = fieldNames(page.body);
    // The session times out while the page is open (its row stays; only its expiry has passed).
    await hub.database.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.tokenHash, hashOf(ending.cookie)));
    const expired = await hub.app.inject({
      method: 'POST',
      url: '/self-assessment/factors/ai-literacy',
      headers: { cookie: ending.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: formBody({ [first!]: 'familiarity', _csrf: ending.csrfToken }),
    });
    expect(expired.statusCode).toBe(303);
    expect(expired.headers.location).toBe('/sign-in?returnTo=%2Fself-assessment%2Ffactors%2Fai-literacy');
    const parked = expired.cookies.find((c) => c.name === 'hub_resume');
    expect(parked).toBeDefined();
    const resumed = await hub.app.inject({
      method: 'GET',
      url: '/self-assessment/factors/ai-literacy',
      headers: { cookie: `${session.cookie}; hub_resume=${parked!.value}` },
    });
    expect(resumed.body).toContain('We have put back what you entered');
    expect(resumed.body).toMatch(new RegExp(`name="${first}" type="radio" value="familiarity" checked`));
  });
});
