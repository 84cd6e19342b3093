import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffRepository } from '../src/db/staff.repository.ts';
import { createStaffAccess } from '../src/services/staff/staff-access.ts';
import { createStaffService } from '../src/services/staff/staff.service.ts';
import { auditEvents, notifications, verificationDecisions, verificationRequests } from '../src/db/schema.ts';
import { createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { viewerOf } from './support/product-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { createVerificationCast, FRAMEWORK_ID } from './support/verification-fixtures.ts';
import type { VerificationCast } from './support/verification-fixtures.ts';

describe.each(databaseTargets())('my staff and supervisor verification on $name', (target) => {
  let hub: TestHub;
  let cast: VerificationCast;
  let newcomer: { id: string; displayName: string; email: string };
  let newcomerSession: TestSession;
  /** Foundational knowledge subjects every learner is asked about. */
  let topics: string[];
  beforeAll(async () => {
    hub = await createTestHub(target);
    cast = await createVerificationCast(hub);
    // A second supervisee of the same supervisor who has not started.
    newcomer = await createTestPerson(hub, { organisationId: cast.trust.id, name: 'Nia Newcomer' });
    await cast.repositories.supervisions.insertSupervision({ organisationId: cast.trust.id, supervisorId: cast.people.supervisor.id, learnerId: newcomer.id, assignedBy: cast.people.supervisor.id });
    newcomerSession = await signIn(hub.app, newcomer.email);
    const assessment = await hub.services.selfAssessment.getSelfAssessment({ viewer: viewerOf(cast.people.learner), personId: cast.people.learner.id });
    topics = assessment.pages.flatMap((p) => p.questions).filter((q) => q.topic.kind === 'knowledge').map((q) => q.topic.id).slice(0, 6);
    for (const topic of topics.slice(0, 5)) await cast.rate(cast.people.learner.id, topic, 'familiarity');
    await hub.services.profiles.updateProfile({ viewer: viewerOf(cast.people.learner), archetypes: ['embedder'], professionalGroup: null, setting: null, clinicalDecisionMaking: false });
  });
  afterAll(() => hub.close());

  const learnerId = () => cast.people.learner.id;
  const ask = (topicId: string) => cast.sessions.learner.post(`/evidence/topics/${topicId}/verification`, { supervisorId: cast.people.supervisor.id });
  const requestOf = async (topicId: string) => (await hub.database.db.select().from(verificationRequests).where(and(eq(verificationRequests.topicId, topicId), eq(verificationRequests.learnerId, learnerId())))).at(-1)!;
  const decisionOf = async (requestId: string) => (await hub.database.db.select().from(verificationDecisions).where(eq(verificationDecisions.requestId, requestId)))[0];
  const topicLabel = (topicId: string) => hub.services.assessmentFramework().index.topicById.get(topicId)!.label;
  const html = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

  it('lists only the supervisor’s own staff, with progress, requests waiting and journey and training state', async () => {
    await ask(topics[0]!);
    const page = await cast.sessions.supervisor.get('/staff');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control'] ?? '').not.toContain('public');
    expect(page.body).toContain(`href="/staff/${learnerId()}"`);
    expect(page.body).toContain(`href="/staff/${newcomer.id}"`);
    expect(page.body).not.toContain('Olu Other');
    const learnerRow = page.body.slice(page.body.indexOf('Lee Learner'), page.body.indexOf('</tr>', page.body.indexOf('Lee Learner')));
    const { progress } = await hub.services.selfAssessment.getSelfAssessment({ viewer: viewerOf(cast.people.learner), personId: learnerId() });
    expect(progress.rated).toBe(5);
    expect(learnerRow).toContain(`5 of ${progress.total} subjects rated`);
    expect(learnerRow).toContain('1 request');
    expect(learnerRow).toContain('No journey yet');
    expect(learnerRow).toContain('None needed');
    const newcomerRow = page.body.slice(page.body.indexOf('Nia Newcomer'), page.body.indexOf('</tr>', page.body.indexOf('Nia Newcomer')));
    expect(newcomerRow).toContain('Not started');
    const other = await cast.sessions.otherSupervisor.get('/staff');
    expect(other.body).toContain('Olu Other');
    expect(other.body).not.toContain('Lee Learner');
    expect((await cast.sessions.learner.get('/staff')).body).toContain('You do not supervise anyone yet');
  });

  it('filters by open requests, not started and name, without JavaScript (a GET form)', async () => {
    const page = (await cast.sessions.supervisor.get('/staff')).body;
    expect(page).toMatch(/<form method="get" action="\/staff"/);
    const waiting = (await cast.sessions.supervisor.get('/staff?show=open-requests')).body;
    expect(waiting).toContain('Lee Learner');
    expect(waiting).not.toContain('Nia Newcomer');
    const notStarted = (await cast.sessions.supervisor.get('/staff?show=not-started')).body;
    expect(notStarted).toContain('Nia Newcomer');
    expect(notStarted).not.toContain('Lee Learner');
    const named = (await cast.sessions.supervisor.get('/staff?q=newc')).body;
    expect(named).toContain('Nia Newcomer');
    expect(named).not.toContain('Lee Learner');
    expect((await cast.sessions.supervisor.get('/staff?show=training-due')).body).toContain('Nobody you supervise matches these filters');
    expect((await cast.sessions.supervisor.get('/staff?show=nonsense')).statusCode).toBe(200);
  });

  it('shows a person’s ratings by subject, gaps, evidence and focus link to their supervisor only', async () => {
    await cast.sessions.learner.post(`/evidence/topics/${topics[1]}`, { kind: 'note', title: 'Shadowed the AI lead', note: 'Sat in on a deployment review.' });
    const page = await cast.sessions.supervisor.get(`/staff/${learnerId()}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(html(topicLabel(topics[0]!)));
    expect(page.body).toContain('Waiting for your decision');
    expect(page.body).toContain('Familiarity');
    expect(page.body).toContain('Gaps against targets');
    expect(page.body).toContain('Shadowed the AI lead');
    expect(page.body).toContain('Sat in on a deployment review.');
    expect(page.body).toContain(`href="/people/${learnerId()}/assessment"`);
    expect(page.body).toContain('Embedder:</strong> No focus agreed');
    expect(page.body).toContain('They have not planned a learning journey yet.');
    for (const session of [cast.sessions.otherSupervisor, cast.sessions.siblingAdmin, cast.sessions.otherLearner, cast.sessions.learner]) {
      expect((await session.get(`/staff/${learnerId()}`)).statusCode).toBe(404);
    }
    expect((await cast.sessions.supervisor.get(`/staff/${cast.people.otherLearner.id}`)).statusCode).toBe(404);
    expect((await cast.sessions.supervisor.get('/staff/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await cast.sessions.supervisor.get('/staff/not-an-id')).statusCode).toBe(404);
  });

  it('lets an admin of their organisation look, but only their supervisor verify', async () => {
    const admin = await createTestPerson(hub, { organisationId: cast.trust.id, roles: ['organisation-admin'], name: 'Ada Admin' });
    const session = await signIn(hub.app, admin.email);
    const page = await session.get(`/staff/${learnerId()}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ratings by subject');
    expect(page.body).not.toContain('name="topicId"');
    expect((await session.post(`/staff/${learnerId()}/verify`, { topicId: topics[2]!, outcome: 'confirmed' })).statusCode).toBe(404);
    expect((await session.get('/staff')).body).toContain('You do not supervise anyone yet');
  });

  it('lets the supervisor verify a rating nobody asked about, keeps it as history and tells the learner', async () => {
    const topic = topics[2]!;
    const refused = await cast.sessions.otherSupervisor.post(`/staff/${learnerId()}/verify`, { topicId: topic, outcome: 'confirmed' });
    expect(refused.statusCode).toBe(404);
    const response = await cast.sessions.supervisor.post(`/staff/${learnerId()}/verify`, { topicId: topic, outcome: 'confirmed' });
    expect(response.statusCode).toBe(303);
    const request = await requestOf(topic);
    expect(request).toMatchObject({ supervisorId: cast.people.supervisor.id, initiatedBy: 'supervisor' });
    expect(await decisionOf(request.id)).toMatchObject({ outcome: 'confirmed', level: 'familiarity', decidedBy: cast.people.supervisor.id });
    const notes = await hub.database.db.select().from(notifications).where(eq(notifications.personId, learnerId()));
    expect(notes.some((n) => n.message.includes('confirmed your self-rating') && n.link === `/evidence/topics/${encodeURIComponent(topic)}`)).toBe(true);
    expect((await cast.sessions.learner.get(`/evidence/topics/${topic}`)).body).toContain('Confirmed');
    // A subject they have asked about is decided through their request, not around it.
    const asked = await cast.sessions.supervisor.post(`/staff/${learnerId()}/verify`, { topicId: topics[0]!, outcome: 'confirmed' });
    expect(asked.statusCode).toBe(409);
    expect(asked.body).toContain('They have already asked for this subject to be verified');
    const unrated = await cast.sessions.supervisor.post(`/staff/${learnerId()}/verify`, { topicId: topics[5]!, outcome: 'confirmed' });
    expect(unrated.statusCode).toBe(409);
  });

  it('lets a learner withdraw only her own pending request; the supervisor no longer sees it waiting', async () => {
    const topic = topics[3]!;
    await ask(topic);
    const request = await requestOf(topic);
    expect((await cast.sessions.otherLearner.post(`/verification/${request.id}/withdraw`)).statusCode).toBe(404);
    expect((await cast.sessions.supervisor.post(`/verification/${request.id}/withdraw`)).statusCode).toBe(404);
    const response = await cast.sessions.learner.post(`/verification/${request.id}/withdraw`);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toContain('done=request-withdrawn');
    expect(await decisionOf(request.id)).toMatchObject({ outcome: 'withdrawn', decidedBy: learnerId(), level: null });
    const supervisorNotes = await hub.database.db.select().from(notifications).where(and(eq(notifications.personId, cast.people.supervisor.id), eq(notifications.link, `/verification/${request.id}`)));
    expect(supervisorNotes.length).toBe(1);
    expect(supervisorNotes[0]!.readAt).not.toBeNull();
    expect((await cast.sessions.supervisor.get('/verification')).body).not.toContain(`/verification/${request.id}"`);
    const topicPage = (await cast.sessions.learner.get(`/evidence/topics/${topic}`)).body;
    expect(topicPage).toContain('Withdrawn');
    expect(topicPage).toContain('Ask for verification');
    const again = await cast.sessions.learner.post(`/verification/${request.id}/withdraw`);
    expect(again.statusCode).toBe(409);
    const late = await cast.sessions.supervisor.post(`/verification/${request.id}`, { outcome: 'confirmed' });
    expect(late.statusCode).toBe(409);
    expect(late.body).toContain('The learner withdrew this request');
    expect(late.body).toContain('None: the learner withdrew the request');
  });

  it('verifies several requests at once and reports one that is no longer waiting', async () => {
    await ask(topics[4]!);
    const [first, stale] = [await requestOf(topics[0]!), await requestOf(topics[4]!)];
    await cast.sessions.learner.post(`/verification/${stale.id}/withdraw`);
    const queue = (await cast.sessions.supervisor.get('/verification')).body;
    expect(queue).toContain(`value="${first.id}"`);
    expect(queue).toContain('Verify selected');
    const response = await cast.sessions.supervisor.post('/verification/bulk', { requestIds: [first.id, stale.id] });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('1 request verified');
    expect(response.body).toContain('Some requests were not verified');
    expect(response.body).toContain(`${html(topicLabel(topics[4]!))}” was not verified because it is no longer waiting`);
    expect(await decisionOf(first.id)).toMatchObject({ outcome: 'confirmed', level: 'familiarity', decidedBy: cast.people.supervisor.id });
    expect(await decisionOf(stale.id)).toMatchObject({ outcome: 'withdrawn' });
    const audits = await hub.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, first.id), eq(auditEvents.action, 'verification.decided')));
    expect(audits.length).toBe(1);
    // As when deciding one: the notice asking the supervisor to decide is read.
    const notices = await hub.database.db.select().from(notifications).where(and(eq(notifications.personId, cast.people.supervisor.id), eq(notifications.link, `/verification/${first.id}`)));
    expect(notices.map((n) => n.readAt !== null)).toEqual([true]);
    expect((await cast.sessions.supervisor.post('/verification/bulk', {})).statusCode).toBe(400);
    // Another supervisor's batch verifies nothing of Lee's.
    await ask(topics[1]!);
    const theirs = await requestOf(topics[1]!);
    const foreign = await cast.sessions.otherSupervisor.post('/verification/bulk', { requestIds: [theirs.id] });
    expect(foreign.body).toContain('not yours to decide');
    expect(await decisionOf(theirs.id)).toBeUndefined();
  });

  it('offers to raise the rating to what completed learning brought before asking for verification', async () => {
    const topic = topics[5]!;
    const path = `/evidence/topics/${topic}`;
    await cast.rate(learnerId(), topic, 'not-yet');
    const offered = (await cast.sessions.learner.get(`${path}?learned=understanding`)).body;
    expect(offered).toContain('Update your rating to Understanding');
    expect((await cast.sessions.learner.get(`${path}?learned=awareness-not-a-level`)).body).not.toContain('Update your rating to');
    const saved = await cast.sessions.learner.post(`${path}/rating`, { level: 'understanding' });
    expect(saved.statusCode).toBe(303);
    const history = await cast.repositories.assessments.listRatingHistory(learnerId(), FRAMEWORK_ID, topic);
    expect(history.map((r) => r.level)).toEqual(['understanding', 'not-yet']);
    const after = (await cast.sessions.learner.get(`${path}?learned=understanding`)).body;
    expect(after).not.toContain('Update your rating to');
    expect(after).toContain('Understanding (rated');
    const bad = await cast.sessions.learner.post(`${path}/rating`, { level: 'proficiency' });
    expect(bad.statusCode).toBe(400);
    expect((await newcomerSession.get('/staff')).body).toContain('You do not supervise anyone yet');
  });

  it('offers the same through the API: withdraw, confirm several, verify unasked', async () => {
    const [topicA, topicB] = [topics[1]!, topics[4]!];
    const pendingA = await requestOf(topicA);
    await ask(topicB);
    const pendingB = await requestOf(topicB);
    const withdrawn = await cast.sessions.learner.api('POST', `/api/v1/verification-requests/${pendingB.id}/withdraw`);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ id: pendingB.id, initiatedBy: 'learner', decision: { outcome: 'withdrawn', decidedBy: learnerId() } });
    const bulk = await cast.sessions.supervisor.api('POST', '/api/v1/verification-requests/bulk-confirm', { requestIds: [pendingA.id, pendingB.id] });
    expect(bulk.statusCode).toBe(200);
    expect(bulk.json().verified.map((r: { id: string }) => r.id)).toEqual([pendingA.id]);
    expect(bulk.json().skipped).toEqual([{ requestId: pendingB.id, learnerName: 'Lee Learner', topicLabel: topicLabel(topicB), reason: 'no-longer-pending' }]);
    await cast.rate(learnerId(), topicB, 'understanding');
    const unasked = await cast.sessions.supervisor.api('POST', `/api/v1/people/${learnerId()}/verifications`, { topicId: topicB, outcome: 'adjusted', level: 'familiarity', reason: 'Seen in practice at familiarity.' });
    expect(unasked.statusCode).toBe(201);
    expect(unasked.json()).toMatchObject({ initiatedBy: 'supervisor', selfRatedLevel: 'understanding', decision: { outcome: 'adjusted', verifiedLevel: 'familiarity' } });
    expect((await cast.sessions.otherSupervisor.api('POST', `/api/v1/people/${learnerId()}/verifications`, { topicId: topicB, outcome: 'confirmed' })).statusCode).toBe(404);
  });

  it('shows product training that is overdue, in the list, its filter and on the person page', async () => {
    const { products } = cast.repositories;
    const by = cast.people.supervisor.id;
    const organisationId = cast.trust.id;
    const product = await products.insertProduct({ organisationId, name: 'TriageBot', manufacturer: 'Acme', intendedUse: 'Sorts referrals.', clinicalDecisionMaking: false, autonomy: 'human-in-the-loop', createdBy: by });
    const version = await products.insertVersion({ organisationId, productId: product.id, label: '1.0', releasedOn: '2026-01-01', releaseNotes: 'First.', trainingImpact: 'none', createdBy: by });
    const deployment = await products.insertDeployment({ organisationId, productId: product.id, liveVersionId: version.id, status: 'live', startedOn: '2026-01-01', liveSince: '2026-01-02', createdBy: by });
    await products.insertDeploymentUser({ organisationId, deploymentId: deployment.id, personId: newcomer.id, source: 'assigned', linkedBy: by, dueBy: new Date(Date.now() - 86_400_000) });
    const due = (await cast.sessions.supervisor.get('/staff?show=training-due')).body;
    expect(due).toContain('Nia Newcomer');
    expect(due).not.toContain('Lee Learner');
    expect(due).toContain('Overdue');
    const page = (await cast.sessions.supervisor.get(`/staff/${newcomer.id}`)).body;
    const training = page.slice(page.indexOf('id="training"'));
    expect(training).toContain('TriageBot');
    expect(training).toContain('Overdue');
  });

  it('lists 200 staff from a fixed number of repository queries, not one per person', async () => {
    const lead = await createTestPerson(hub, { organisationId: cast.trust.id, roles: ['supervisor'], name: 'Big Team Lead' });
    await hub.database.db.execute(sql`
      with made as (
        insert into people (organisation_id, email, display_name)
        select ${cast.trust.id}, 'bulk.' || g || '.' || ${lead.id} || '@example.nhs.uk', 'Bulk Person ' || lpad(g::text, 3, '0') from generate_series(1, 200) g
        returning id)
      insert into supervisions (organisation_id, supervisor_id, learner_id, assigned_by) select ${cast.trust.id}, ${lead.id}, id, ${lead.id} from made`);
    const calls: string[] = [];
    const real = createStaffRepository(hub.database.db);
    const counted = new Proxy(real, {
      get(target, name, receiver) {
        const value: unknown = Reflect.get(target, name, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.push(String(name));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const { services } = hub;
    const staff = createStaffService({
      staffRepository: counted,
      staffAccess: createStaffAccess({ access: services.access, supervisionRepository: cast.repositories.supervisions }),
      selfAssessment: services.selfAssessment,
      journeys: services.journeys,
      verification: services.verification,
      profiles: services.profiles,
      framework: services.assessmentFramework,
    });
    const list = await staff.listMyStaff({ viewer: viewerOf(lead) });
    expect(list.total).toBe(200);
    expect(list.entries[0]).toMatchObject({ displayName: 'Bulk Person 001', ratedSubjects: 0, training: 'none' });
    expect(calls.length).toBeLessThanOrEqual(6);
  });
});
