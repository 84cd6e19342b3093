import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

interface AssessmentJson {
  progress: { rated: number; total: number };
  applicableRequirements: number;
  pages: Array<{ factor: string; topics: Array<{ topicId: string; kind: string; selfRated: { level: string } | null }> }>;
}

describe.each(databaseTargets())('self-assessment API on $name', (target) => {
  let hub: TestHub;
  let learner: TestSession;
  let supervisor: TestSession;
  let other: TestSession;
  let learnerId: string;
  beforeAll(async () => {
    hub = await createTestHub(target);
    const { trust, otherTrust } = await createTestOrganisations(hub);
    const learnerRow = await createTestPerson(hub, { organisationId: trust.id });
    const supervisorRow = await createTestPerson(hub, { organisationId: trust.id, roles: ['supervisor'] });
    const otherRow = await createTestPerson(hub, { organisationId: otherTrust.id, roles: ['organisation-admin'] });
    learnerId = learnerRow.id;
    await createRepositories(hub.database.db).supervisions.insertSupervision({ organisationId: trust.id, supervisorId: supervisorRow.id, learnerId, assignedBy: supervisorRow.id });
    [learner, supervisor, other] = await Promise.all([signIn(hub.app, learnerRow.email), signIn(hub.app, supervisorRow.email), signIn(hub.app, otherRow.email)]);
  });
  afterAll(() => hub.close());

  it('answers 401 problems when nobody is signed in', async () => {
    for (const url of ['/api/v1/me/profile', '/api/v1/me/assessment', '/api/v1/me/gaps']) {
      const response = await hub.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it.each([
    ['all five archetypes', ['shaper', 'driver', 'creator', 'embedder', 'user'], true, 112, 222],
    ['a clinician User', ['user'], true, 45, 56],
    ['a non-clinical User', ['user'], false, 28, 30],
  ])('asks %s one question per topic: %i ratings for %i statements', async (_who, archetypes, clinicalDecisionMaking, topics, statements) => {
    await learner.api('PUT', '/api/v1/me/profile', { archetypes, clinicalDecisionMaking, professionalGroup: 'medical-and-dental', setting: 'acute' });
    const assessment = (await learner.api('GET', '/api/v1/me/assessment')).json<AssessmentJson>();
    expect(assessment.applicableRequirements).toBe(statements);
    expect(assessment.progress.total).toBe(topics);
    await learner.api('PUT', '/api/v1/me/profile', { archetypes: [], clinicalDecisionMaking: false, professionalGroup: 'medical-and-dental', setting: 'acute' });
  });

  it('updates the profile, which changes what applies', async () => {
    const before = (await learner.api('GET', '/api/v1/me/assessment')).json<AssessmentJson>();
    expect(before.applicableRequirements).toBe(30);
    const put = await learner.api('PUT', '/api/v1/me/profile', { archetypes: ['embedder', 'user'], clinicalDecisionMaking: true, professionalGroup: 'digital-data-and-technology', setting: 'acute' });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ archetypes: ['embedder', 'user'], clinicalDecisionMaking: true });
    const after = (await learner.api('GET', '/api/v1/me/assessment')).json<AssessmentJson>();
    expect(after.applicableRequirements).toBe(30 + 46 + 26);
  });

  it('refuses an unknown archetype with a problem and changes nothing', async () => {
    const response = await learner.api('PUT', '/api/v1/me/profile', { archetypes: ['wizard'], clinicalDecisionMaking: false, professionalGroup: 'pharmacy', setting: 'acute' });
    expect(response.statusCode).toBe(400);
    expect((await learner.api('GET', '/api/v1/me/profile')).json()).toMatchObject({ archetypes: ['embedder', 'user'] });
  });

  it('rates topics, stores only changes as history, and reports gaps on either basis', async () => {
    const assessment = (await learner.api('GET', '/api/v1/me/assessment')).json<AssessmentJson>();
    const knowledge = assessment.pages.flatMap((p) => p.topics).filter((t) => t.kind === 'knowledge').slice(0, 3);
    const ratings = Object.fromEntries(knowledge.map((t) => [t.topicId, 'understanding']));
    const first = await learner.api('PUT', '/api/v1/me/ratings', { ratings });
    expect(first.json()).toMatchObject({ saved: 3, progress: { rated: 3 } });
    expect((await learner.api('PUT', '/api/v1/me/ratings', { ratings })).json()).toMatchObject({ saved: 0 });
    const history = (await learner.api('GET', '/api/v1/me/ratings/history')).json<{ ratings: unknown[] }>();
    expect(history.ratings).toHaveLength(3);
    const gaps = (await learner.api('GET', '/api/v1/me/gaps')).json<{ overall: { met: number; notRated: number; total: number } }>();
    expect(gaps.overall.met).toBeGreaterThanOrEqual(3);
    expect(gaps.overall.total).toBe(102);
    const verified = (await learner.api('GET', '/api/v1/me/gaps?basis=verified')).json<{ basis: string; overall: { met: number } }>();
    expect(verified).toMatchObject({ basis: 'verified', overall: { met: 0 } });
  });

  it('refuses a level off the topic’s scale or a topic that does not apply, saving nothing', async () => {
    const assessment = (await learner.api('GET', '/api/v1/me/assessment')).json<AssessmentJson>();
    const topic = assessment.pages.flatMap((p) => p.topics).find((t) => t.kind === 'knowledge')!;
    const response = await learner.api('PUT', '/api/v1/me/ratings', { ratings: { [topic.topicId]: 'proficiency', 'no-such-topic': 'awareness' } });
    expect(response.statusCode).toBe(400);
    expect(response.json<{ errors: Array<{ field: string }> }>().errors.map((e) => e.field).sort()).toEqual(['no-such-topic', topic.topicId].sort());
    expect((await learner.api('GET', '/api/v1/me/ratings/history')).json<{ ratings: unknown[] }>().ratings).toHaveLength(3);
  });

  it('needs the CSRF header for changes made with a session cookie', async () => {
    const response = await hub.app.inject({
      method: 'PUT',
      url: '/api/v1/me/ratings',
      headers: { cookie: learner.cookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ ratings: {} }),
    });
    expect(response.statusCode).toBe(403);
  });

  it('shows a person’s assessment to their supervisor and to nobody else', async () => {
    expect((await supervisor.api('GET', `/api/v1/people/${learnerId}/assessment`)).statusCode).toBe(200);
    expect((await supervisor.api('GET', `/api/v1/people/${learnerId}/gaps`)).statusCode).toBe(200);
    expect((await other.api('GET', `/api/v1/people/${learnerId}/assessment`)).statusCode).toBe(404);
    expect((await other.api('GET', `/api/v1/people/${learnerId}/gaps`)).statusCode).toBe(404);
    expect((await other.api('POST', `/api/v1/people/${learnerId}/focus`, { archetype: 'embedder', factors: ['local-validation'], reason: 'x' })).statusCode).toBe(404);
    const focus = await supervisor.api('POST', `/api/v1/people/${learnerId}/focus`, { archetype: 'embedder', factors: ['local-validation'], reason: 'Validation lead in the MDT' });
    expect(focus.statusCode).toBe(201);
  });
});
