import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verificationDecisions, verificationRequests } from '../src/db/schema.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { findVerifiableTopic } from '../src/services/verification/verifiable-topics.ts';
import { createVerificationCast, FRAMEWORK_ID, knowledgeTopics } from './support/verification-fixtures.ts';
import type { VerificationCast } from './support/verification-fixtures.ts';

describe.each(databaseTargets())('verification on $name', (target) => {
  let hub: TestHub;
  let cast: VerificationCast;
  let learnerId: string;
  const topics: Record<'confirm' | 'adjust' | 'return' | 'unrated', string> = { confirm: '', adjust: '', return: '', unrated: '' };
  beforeAll(async () => {
    hub = await createTestHub(target);
    cast = await createVerificationCast(hub);
    learnerId = cast.people.learner.id;
    [topics.confirm, topics.adjust, topics.return, topics.unrated] = knowledgeTopics(hub, 4) as [string, string, string, string];
    for (const topic of [topics.confirm, topics.adjust, topics.return]) await cast.rate(learnerId, topic, 'familiarity');
  });
  afterAll(() => hub.close());

  const ask = (topicId: string, form: Record<string, string> = { supervisorId: cast.people.supervisor.id }) => cast.sessions.learner.post(`/evidence/topics/${topicId}/verification`, form);
  const requestOf = async (topicId: string) => {
    const rows = await hub.database.db.select().from(verificationRequests).where(eq(verificationRequests.topicId, topicId));
    return rows.at(-1)!;
  };
  const decisionCount = async () => (await hub.database.db.select({ n: sql<number>`count(*)::int` }).from(verificationDecisions))[0]?.n ?? 0;
  const notificationsOf = async (session: TestSession) => (await session.api('GET', '/api/v1/notifications')).json().notifications as Array<{ message: string; link: string }>;

  it('asks the supervisor, pins the current rating and notifies them', async () => {
    await cast.sessions.learner.post(`/evidence/topics/${topics.confirm}`, { kind: 'note', note: 'Completed the e-learning module.' });
    const response = await ask(topics.confirm, { supervisorId: cast.people.supervisor.id, message: 'The note is my evidence.' });
    expect(response.statusCode).toBe(303);
    const request = await requestOf(topics.confirm);
    const [rating] = (await cast.repositories.assessments.listCurrentRatings(learnerId, FRAMEWORK_ID)).filter((r) => r.topicId === topics.confirm);
    expect(request).toMatchObject({ learnerId, supervisorId: cast.people.supervisor.id, ratingId: rating!.id, message: 'The note is my evidence.' });
    const notes = await notificationsOf(cast.sessions.supervisor);
    expect(notes[0]).toMatchObject({ message: expect.stringContaining('Lee Learner asked you to verify'), link: `/verification/${request.id}` });
    expect((await cast.sessions.learner.get(`/evidence/topics/${topics.confirm}`)).body).toContain('They have not decided yet');
  });

  it('refuses a second request while one is waiting, an unrated topic, and a person who is not their supervisor', async () => {
    const again = await ask(topics.confirm);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('You have already asked for this topic to be verified');
    const unrated = await ask(topics.unrated);
    expect(unrated.statusCode).toBe(400);
    expect(unrated.body).toContain('Rate yourself on this topic before asking for verification');
    const stranger = await ask(topics.adjust, { supervisorId: cast.people.otherSupervisor.id });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.body).toContain('nhsuk-error-summary');
    expect(stranger.body).toContain('Select one of your supervisors');
    const api = await cast.sessions.learner.api('POST', '/api/v1/verification-requests', { topicId: topics.adjust, supervisorId: cast.people.otherLearner.id });
    expect(api.statusCode).toBe(400);
    expect((await hub.database.db.select().from(verificationRequests).where(eq(verificationRequests.learnerId, learnerId))).length).toBe(1);
  });

  it('lists the request in the supervisor’s queue with the learner, topic, self-rated level and evidence', async () => {
    const queue = await cast.sessions.supervisor.get('/verification');
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain('Lee Learner');
    expect(queue.body).toContain('Familiarity');
    const request = await requestOf(topics.confirm);
    expect(queue.body).toContain(`href="/verification/${request.id}"`);
    expect((await cast.sessions.otherSupervisor.get('/verification')).body).toContain('There are no requests waiting for you.');
    const details = await cast.sessions.supervisor.get(`/verification/${request.id}`);
    expect(details.body).toContain('Completed the e-learning module.');
    const topic = findVerifiableTopic(hub.services.assessmentFramework().index, topics.confirm);
    for (const statement of topic!.statements) expect(details.body).toContain(escapeHtml(statement.statement));
    expect(details.body).toContain('name="outcome"');
  });

  it('keeps a supervisor who does not supervise the learner, and the learner, from deciding', async () => {
    const request = await requestOf(topics.confirm);
    for (const session of [cast.sessions.otherSupervisor, cast.sessions.siblingAdmin]) {
      expect((await session.get(`/verification/${request.id}`)).statusCode).toBe(404);
      expect((await session.post(`/verification/${request.id}`, { outcome: 'confirmed' })).statusCode).toBe(404);
    }
    expect((await cast.sessions.learner.post(`/verification/${request.id}`, { outcome: 'confirmed' })).statusCode).toBe(404);
    expect((await cast.sessions.supervisor.get('/verification/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await cast.sessions.supervisor.get('/verification/guess')).statusCode).toBe(404);
    expect(await decisionCount()).toBe(0);
  });

  it('refuses a decision without its CSRF token', async () => {
    const request = await requestOf(topics.confirm);
    const response = await hub.app.inject({
      method: 'POST',
      url: `/verification/${request.id}`,
      headers: { cookie: cast.sessions.supervisor.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'outcome=confirmed',
    });
    expect(response.statusCode).toBe(403);
    expect(await decisionCount()).toBe(0);
  });

  it('confirms the level, tells the learner, and refuses a second decision with a clear message', async () => {
    const request = await requestOf(topics.confirm);
    const response = await cast.sessions.supervisor.post(`/verification/${request.id}`, { outcome: 'confirmed' });
    expect(response.statusCode).toBe(303);
    const notes = await notificationsOf(cast.sessions.learner);
    expect(notes[0]).toMatchObject({ message: expect.stringContaining('confirmed your self-rating'), link: `/evidence/topics/${topics.confirm}` });
    const again = await cast.sessions.supervisor.post(`/verification/${request.id}`, { outcome: 'returned', comment: 'Changed my mind' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('This request has already been decided. A decision cannot be changed');
    const api = await cast.sessions.supervisor.api('POST', `/api/v1/verification-requests/${request.id}/decision`, { outcome: 'confirmed' });
    expect(api.statusCode).toBe(409);
    expect(api.json().detail).toContain('already been decided');
    expect(await decisionCount()).toBe(1);
  });

  it('will not let anyone rewrite or delete a decision (database trigger)', async () => {
    const request = await requestOf(topics.confirm);
    await expect(hub.database.db.update(verificationDecisions).set({ level: 'understanding' }).where(eq(verificationDecisions.requestId, request.id))).rejects.toThrow();
    await expect(hub.database.db.delete(verificationDecisions).where(eq(verificationDecisions.requestId, request.id))).rejects.toThrow();
    const [decision] = await hub.database.db.select().from(verificationDecisions).where(eq(verificationDecisions.requestId, request.id));
    expect(decision).toMatchObject({ outcome: 'confirmed', level: 'familiarity' });
  });

  it('sets a different level only with a reason, re-showing the form without JavaScript', async () => {
    expect((await ask(topics.adjust)).statusCode).toBe(303);
    const request = await requestOf(topics.adjust);
    const missing = await cast.sessions.supervisor.post(`/verification/${request.id}`, { outcome: 'adjusted', level: 'awareness', reason: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('nhsuk-error-summary');
    expect(missing.body).toContain('Enter why you are setting a different level');
    expect(missing.body).toMatch(/value="adjusted" checked/);
    expect(missing.body).toMatch(/<option value="awareness" selected/);
    const nothing = await cast.sessions.supervisor.post(`/verification/${request.id}`, {});
    expect(nothing.body).toContain('Select whether you confirm the level, set a different level or return the request');
    const done = await cast.sessions.supervisor.post(`/verification/${request.id}`, { outcome: 'adjusted', level: 'awareness', reason: 'Has not yet applied it in practice' });
    expect(done.statusCode).toBe(303);
    const levels = await hub.services.verification.listVerifiedLevels(learnerId, FRAMEWORK_ID);
    expect(levels.get(topics.adjust)).toBe('awareness');
    expect(levels.get(topics.confirm)).toBe('familiarity');
    const page = (await cast.sessions.learner.get(`/evidence/topics/${topics.adjust}`)).body;
    expect(page).toContain('Has not yet applied it in practice');
    expect(page).toMatch(/Your rating\s*<\/dt>\s*<dd[^>]*>\s*Familiarity/);
    expect(page).toMatch(/Verified level\s*<\/dt>\s*<dd[^>]*>\s*Awareness/);
  });

  it('returns a request only with a comment; nothing is verified and the learner can ask again', async () => {
    expect((await ask(topics.return)).statusCode).toBe(303);
    const request = await requestOf(topics.return);
    const missing = await cast.sessions.supervisor.post(`/verification/${request.id}`, { outcome: 'returned', comment: ' ' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Enter a comment saying what they should do before asking again');
    const done = await cast.sessions.supervisor.post(`/verification/${request.id}`, { outcome: 'returned', comment: 'Please add your certificate' });
    expect(done.statusCode).toBe(303);
    expect((await hub.services.verification.listVerifiedLevels(learnerId, FRAMEWORK_ID)).has(topics.return)).toBe(false);
    expect((await notificationsOf(cast.sessions.learner))[0]?.message).toContain('returned your self-rating');
    expect((await ask(topics.return)).statusCode).toBe(303);
  });

  it('shows readiness on the verified basis through the self-assessment', async () => {
    const assessment = await hub.services.selfAssessment.getSelfAssessment({ viewer: viewerOf(cast), personId: learnerId });
    expect(assessment.verified.get(topics.adjust)).toBe('awareness');
  });

  describe('API', () => {
    it('lists history with both levels, the queue, and decides', async () => {
      const history = await cast.sessions.learner.api('GET', `/api/v1/verification-requests?topicId=${topics.adjust}`);
      expect(history.statusCode).toBe(200);
      expect(history.json().requests[0]).toMatchObject({ selfRatedLevel: 'familiarity', decision: { outcome: 'adjusted', verifiedLevel: 'awareness', comment: 'Has not yet applied it in practice' } });
      const queue = (await cast.sessions.supervisor.api('GET', '/api/v1/verification-requests/queue')).json().requests;
      expect(queue).toHaveLength(1);
      expect(queue[0]).toMatchObject({ topicId: topics.return, learner: { displayName: 'Lee Learner' }, decision: null });
      const details = await cast.sessions.supervisor.api('GET', `/api/v1/verification-requests/${queue[0].id}`);
      expect(details.json()).toMatchObject({ canDecide: true });
      const invalid = await cast.sessions.supervisor.api('POST', `/api/v1/verification-requests/${queue[0].id}/decision`, { outcome: 'adjusted', level: 'familiarity' });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().errors.map((e: { field: string }) => e.field)).toEqual(['level', 'reason']);
      const decided = await cast.sessions.supervisor.api('POST', `/api/v1/verification-requests/${queue[0].id}/decision`, { outcome: 'adjusted', level: 'understanding', reason: 'Teaches it' });
      expect(decided.statusCode).toBe(201);
      expect(decided.json()).toMatchObject({ outcome: 'adjusted', verifiedLevel: 'understanding' });
    });

    it('answers 401 signed out and 404 for requests the caller may not see', async () => {
      expect((await hub.app.inject({ method: 'GET', url: '/api/v1/verification-requests/queue' })).statusCode).toBe(401);
      const request = await requestOf(topics.adjust);
      expect((await cast.sessions.otherLearner.api('GET', `/api/v1/verification-requests/${request.id}`)).statusCode).toBe(404);
      expect((await cast.sessions.otherLearner.api('GET', `/api/v1/verification-requests?personId=${learnerId}`)).statusCode).toBe(404);
      expect((await cast.sessions.otherSupervisor.api('POST', `/api/v1/verification-requests/${request.id}/decision`, { outcome: 'confirmed' })).statusCode).toBe(404);
    });
  });
});

function viewerOf(cast: VerificationCast) {
  const { learner } = cast.people;
  return { personId: learner.id, organisationId: learner.organisationId, displayName: learner.displayName, email: learner.email, roles: ['learner' as const] };
}

/** As Nunjucks autoescape writes text into a page. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
