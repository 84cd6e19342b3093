import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import { openHub } from '../src/hub.ts';
import { csrfTokenIn, signIn } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets, TEST_BASE_URL } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { createVerificationCast, knowledgeTopics } from './support/verification-fixtures.ts';
import type { VerificationCast } from './support/verification-fixtures.ts';

const FACTOR_PAGE = '/self-assessment/factors/ai-literacy';
/** The level a rating radio on the page is checked at, for one topic. */
const checkedLevel = (html: string, topicId: string) => new RegExp(`name="rating-${topicId}"[^>]*value="([^"]+)"[^>]*checked`).exec(html)?.[1] ?? new RegExp(`value="([^"]+)"[^>]*name="rating-${topicId}"[^>]*checked`).exec(html)?.[1];

/**
 * Signed-in pages and self-assessments are cached per person and stamped by the database: any change
 * to what a page shows must show at once, in this process and any other, and a cached page is never
 * anyone else's.
 */
describe.each(databaseTargets())('cached personal views on $name', (target) => {
  let hub: TestHub;
  let cast: VerificationCast;
  let topicId: string;
  beforeAll(async () => {
    hub = await createTestHub(target);
    cast = await createVerificationCast(hub);
    const firstQuestion = /name="rating-([^"]+)"/.exec((await cast.sessions.learner.get(FACTOR_PAGE)).body)?.[1];
    if (!firstQuestion) throw new Error('no question on the AI literacy page');
    topicId = firstQuestion;
  });
  afterAll(() => hub.close());

  const stampOf = (personId: string) => createRepositories(hub.database.db).viewVersions.getViewStamp(personId);

  it('shows a saved rating at once on pages that were already cached', async () => {
    for (let i = 0; i < 2; i++) expect(checkedLevel((await cast.sessions.learner.get(FACTOR_PAGE)).body, topicId)).toBeUndefined();
    const saved = await cast.sessions.learner.post(FACTOR_PAGE, { [`rating-${topicId}`]: 'familiarity', then: 'overview' });
    expect(saved.statusCode).toBe(303);
    expect(checkedLevel((await cast.sessions.learner.get(FACTOR_PAGE)).body, topicId)).toBe('familiarity');
    await cast.sessions.learner.post(FACTOR_PAGE, { [`rating-${topicId}`]: 'awareness', then: 'overview' });
    expect(checkedLevel((await cast.sessions.learner.get(FACTOR_PAGE)).body, topicId)).toBe('awareness');
  });

  it('keeps a page of who they are while their ratings change, and shows a new role or notification at once', async () => {
    const before = (await cast.sessions.otherLearner.get('/')).body;
    expect(before).not.toContain('Verification queue');
    await createRepositories(hub.database.db).people.setRoles(cast.people.otherLearner.id, ['learner', 'supervisor']);
    expect((await cast.sessions.otherLearner.get('/')).body).toContain('Verification queue');
    await hub.services.notifications.notify({ personId: cast.people.otherLearner.id, organisationId: cast.trust.id, message: 'A test notification', link: '/notifications' });
    expect((await cast.sessions.otherLearner.get('/')).body).toContain('Notifications (1 unread)');
  });

  it('never serves one person the page cached for another', async () => {
    const learnerPage = (await cast.sessions.learner.get('/self-assessment')).body;
    const otherPage = (await cast.sessions.otherLearner.get('/self-assessment')).body;
    expect(learnerPage).toContain('Lee Learner');
    expect(otherPage).toContain('Olu Other');
    expect(otherPage).not.toContain('Lee Learner');
  });

  it('gives each session its own working CSRF token on a cached page', async () => {
    const second = await signIn(hub.app, cast.people.learner.email);
    await cast.sessions.learner.get(FACTOR_PAGE);
    const cached = await second.get(FACTOR_PAGE);
    const token = csrfTokenIn(cached.body);
    expect(token).not.toBe(cast.sessions.learner.csrfToken);
    const form = { [`rating-${topicId}`]: 'understanding', then: 'overview' };
    const withOwnToken = await hub.app.inject({ method: 'POST', url: FACTOR_PAGE, headers: { cookie: second.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...form, _csrf: token }).toString() });
    expect(withOwnToken.statusCode).toBe(303);
    const withOtherToken = await hub.app.inject({ method: 'POST', url: FACTOR_PAGE, headers: { cookie: second.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams({ ...form, _csrf: 'not-this-sessions-token' }).toString() });
    expect(withOtherToken.statusCode).toBe(403);
  });

  it('moves a person’s stamp with every change about them, whoever makes it', async () => {
    const learnerId = cast.people.learner.id;
    const supervisorId = cast.people.supervisor.id;
    let before = await stampOf(learnerId);
    const changed = async (what: string, change: () => Promise<unknown>, personId = learnerId) => {
      const start = personId === learnerId ? before : await stampOf(personId);
      await change();
      const after = await stampOf(personId);
      expect(after, what).not.toBe(start);
      if (personId === learnerId) before = after;
    };
    const [topic] = knowledgeTopics(hub, 1);
    await changed('a rating', () => cast.rate(learnerId, topic!, 'familiarity'));
    await changed('the profile', () => cast.sessions.learner.post('/self-assessment/profile', { archetypes: ['user'], clinicalDecisionMaking: 'no', professionalGroup: 'pharmacy', setting: 'acute' }));
    await changed('evidence', () => cast.sessions.learner.post(`/evidence/topics/${topic}`, { kind: 'note', note: 'Read the guidance.' }));
    await changed('a verification request, for the supervisor too', () => cast.sessions.learner.post(`/evidence/topics/${topic}/verification`, { supervisorId }), supervisorId);
    const [pending] = await cast.repositories.verifications.listPendingForSupervisor(supervisorId);
    await changed('the supervisor’s decision', () => cast.sessions.supervisor.post(`/verification/${pending!.request.id}`, { outcome: 'confirmed' }));
    await changed('notifications read', () => cast.sessions.learner.post('/notifications/read'));
  });

  it('moves everyone’s stamp when shared data changes (an organisation, a product)', async () => {
    const before = await stampOf(cast.people.learner.id);
    await hub.services.organisations.createOrganisation({ kind: 'national', name: 'Another national body', parentId: null });
    expect(await stampOf(cast.people.learner.id)).not.toBe(before);
  });

  it.runIf(target.name === 'postgres')('shows a change made by another process on the same database', async () => {
    const other = await openHub({ database: hub.databaseConfig, publicUrl: TEST_BASE_URL, host: 'hub.test', port: 80 });
    try {
      await cast.sessions.learner.get(FACTOR_PAGE);
      const viewer = { personId: cast.people.learner.id, organisationId: cast.trust.id, displayName: 'Lee Learner', email: cast.people.learner.email, roles: ['learner' as const] };
      await other.services.selfAssessment.rateTopics({ viewer, ratings: { [topicId]: 'not-yet' } });
      expect(checkedLevel((await cast.sessions.learner.get(FACTOR_PAGE)).body, topicId)).toBe('not-yet');
      const assessment = await hub.services.selfAssessment.getSelfAssessment({ viewer, personId: viewer.personId });
      expect(assessment.current.get(topicId)?.level).toBe('not-yet');
    } finally {
      await other.close();
    }
  });
});
