import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, journeyItems, learningClaims } from '../src/db/schema.ts';
import { createRepositories } from '../src/db/index.ts';
import { inTransaction } from '../src/db/transaction.ts';
import type { ResourceInput } from '../src/services/catalogue/catalogue.types.ts';
import type { Viewer } from '../src/services/identity/viewer.ts';
import type { LrsClient } from '../src/services/xapi/lrs-key.service.ts';
import { RESOURCE_DEFAULTS } from './support/catalogue-fixtures.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

const COURSE_ACTIVITY = 'https://learninghub.example/course/ai-foundations';
const COMPLETED = 'http://adlnet.gov/expapi/verbs/completed';
const PASSED = 'http://adlnet.gov/expapi/verbs/passed';

/** Statements move journeys on (issue 16 §1): the seam from a platform's statement to the learner's journey. */
describe.each(databaseTargets())('completions reported by learning platforms on $name', (target) => {
  let hub: TestHub;
  let orgs: Awaited<ReturnType<typeof createTestOrganisations>>;
  let learner: TestSession;
  let learnerId: string;
  let learnerEmail: string;
  let client: LrsClient;
  let otherClient: LrsClient;
  let courseId: string;
  let statementNumber = 0;

  const statement = (overrides: Record<string, unknown> = {}) => ({
    id: `00000000-0000-4000-8000-${String(++statementNumber).padStart(12, '0')}`,
    actor: { objectType: 'Agent', mbox: `mailto:${learnerEmail.toUpperCase()}` },
    verb: { id: COMPLETED, display: { 'en-GB': 'completed' } },
    object: { objectType: 'Activity', id: COURSE_ACTIVITY },
    ...overrides,
  });
  const clientFor = async (organisationId: string, platform: string): Promise<LrsClient> => {
    const { key } = await hub.services.lrsKeys.issueKey({ actor: { cli: true }, organisationId, platform });
    return { keyId: key.id, keyName: key.keyName, organisationId, platform };
  };

  beforeAll(async () => {
    hub = await createTestHub(target);
    orgs = await createTestOrganisations(hub);
    const person = await createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Jo Learner' });
    const educatorPerson = await createTestPerson(hub, { organisationId: orgs.trust.id, roles: ['learner', 'educator'] });
    learnerId = person.id;
    learnerEmail = person.email;
    learner = await signIn(hub.app, person.email);
    const educator: Viewer = { personId: educatorPerson.id, organisationId: orgs.trust.id, displayName: educatorPerson.displayName, email: educatorPerson.email, roles: ['learner', 'educator'] };
    const publish = async (title: string, outcomes: ResourceInput['outcomes'], extra: Partial<ResourceInput> = {}) => {
      const created = await hub.services.catalogue.createResource({ viewer: educator, input: { ...RESOURCE_DEFAULTS, title, durationMinutes: 60, outcomes, ...extra } });
      await hub.services.catalogue.publishResource({ viewer: educator, id: created.id });
      return created.id;
    };
    courseId = await publish('AI foundations on the Learning Hub', [{ topicId: 'ai-applications-in-health', level: 'familiarity' }, { topicId: 'ai-definitions', level: 'familiarity' }], { activityId: COURSE_ACTIVITY });
    await publish('Another AI course', [{ topicId: 'problems-suited-to-ai', level: 'awareness' }]);
    expect((await learner.api('POST', '/api/v1/me/journey', {})).statusCode).toBe(201);
    client = await clientFor(orgs.ics.id, 'NHS Learning Hub');
    otherClient = await clientFor(orgs.otherTrust.id, 'Other trust platform');
  });
  afterAll(() => hub.close());

  const courseItem = async () => (await hub.database.db.select().from(journeyItems).where(eq(journeyItems.resourceId, courseId)))[0]!;

  it('leaves statements that are not a hub person completing a catalogue resource', async () => {
    const outcomes = await Promise.all([
      hub.services.platformCompletions.applyStatement(client, statement({ verb: { id: 'http://adlnet.gov/expapi/verbs/attempted' } })),
      hub.services.platformCompletions.applyStatement(client, statement({ verb: { id: PASSED }, result: { success: false } })),
      hub.services.platformCompletions.applyStatement(client, statement({ actor: { mbox: 'mailto:nobody@example.org' } })),
      hub.services.platformCompletions.applyStatement(client, statement({ object: { id: 'https://elsewhere.example/unknown' } })),
      // A key only speaks for its own organisation and those beneath it.
      hub.services.platformCompletions.applyStatement(otherClient, statement()),
    ]);
    expect(outcomes.map((o) => o.kind)).toEqual(['not-a-completion', 'not-a-completion', 'person-not-found', 'no-resource', 'person-not-found']);
    expect((await courseItem()).status).toBe('planned');
  });

  it('completes the journey item and records the course’s levels as the platform’s, once per statement', async () => {
    expect((await courseItem()).status).toBe('planned');
    const sent = statement();
    const outcome = await hub.services.platformCompletions.applyStatement(client, sent);
    expect(outcome).toMatchObject({ kind: 'completed', personId: learnerId, completedItems: 1 });
    const item = await courseItem();
    expect(item).toMatchObject({ status: 'completed', completedOnPlatform: 'NHS Learning Hub' });
    const claims = await hub.database.db.select().from(learningClaims).where(and(eq(learningClaims.personId, learnerId), eq(learningClaims.resourceId, courseId)));
    expect(claims.map((c) => [c.topicId, c.level, c.platform, c.statementId]).sort()).toEqual([
      ['ai-applications-in-health', 'familiarity', 'NHS Learning Hub', sent.id],
      ['ai-definitions', 'familiarity', 'NHS Learning Hub', sent.id],
    ]);
    // The same statement again, or another completion of the same course, changes nothing.
    expect(await hub.services.platformCompletions.applyStatement(client, sent)).toMatchObject({ kind: 'completed', completedItems: 0, claimed: [] });
    expect(await hub.services.platformCompletions.applyStatement(client, statement({ verb: { id: PASSED }, result: { success: true } }))).toMatchObject({ completedItems: 0, claimed: [] });
    expect(await hub.database.db.select().from(learningClaims).where(eq(learningClaims.personId, learnerId))).toHaveLength(2);
    const audit = await hub.database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, learnerId), eq(auditEvents.action, 'journey.platform-completed')));
    expect(audit[0]!.detail).toMatchObject({ platform: 'NHS Learning Hub', statementId: sent.id, items: 1, claimed: 2 });

    const page = await learner.get('/journey');
    expect(page.body).toContain('Completed on NHS Learning Hub');
    const journey = (await learner.api('GET', '/api/v1/me/journey')).json().journey;
    expect(journey.completed.map((i: { resourceId: string }) => i.resourceId)).toContain(courseId);
    expect(journey.upcoming.map((i: { resourceId: string }) => i.resourceId)).not.toContain(courseId);
  });

  it('earns a followed template’s credential when the platform reports its last resource', async () => {
    const person = await createTestPerson(hub, { organisationId: orgs.trust.id });
    const session = await signIn(hub.app, person.email);
    const educator = (await createTestPerson(hub, { organisationId: orgs.trust.id, roles: ['learner', 'educator'] }));
    const viewer: Viewer = { personId: educator.id, organisationId: orgs.trust.id, displayName: educator.displayName, email: educator.email, roles: ['learner', 'educator'] };
    const template = await hub.services.journeyTemplates.createTemplate({ viewer, input: { title: 'Learning Hub pathway', description: 'One course.', audienceArchetypes: [], resourceIds: [courseId] } });
    await hub.services.journeyTemplates.setTemplateStatus({ viewer, templateId: template.id, status: 'published' });
    expect((await session.api('POST', '/api/v1/me/journey', { templateId: template.id, mode: 'follow' })).statusCode).toBe(201);
    const outcome = await hub.services.platformCompletions.applyStatement(client, statement({ actor: { mbox: `mailto:${person.email}` } }));
    expect(outcome).toMatchObject({ kind: 'completed', completedItems: 1 });
    const credentials = await createRepositories(hub.database.db).credentials.listCredentialsOf(person.id);
    expect(credentials.map((c) => c.kind)).toEqual(['journey-template']);
    expect(JSON.parse(credentials[0]!.document)).toMatchObject({ name: 'Learning Hub pathway' });
  });

  it('matches an account on the hub by person id', async () => {
    const person = await createTestPerson(hub, { organisationId: orgs.trust.id });
    const outcome = await hub.services.platformCompletions.applyStatement(client, statement({ actor: { account: { homePage: `${hub.services.baseUrl}/`, name: person.id } } }));
    expect(outcome).toMatchObject({ kind: 'completed', personId: person.id, completedItems: 0 });
    const claims = await hub.database.db.select().from(learningClaims).where(eq(learningClaims.personId, person.id));
    expect(claims.map((c) => c.platform)).toEqual(['NHS Learning Hub', 'NHS Learning Hub']);
  });
});

describe.each(databaseTargets())('the queue of platform completions on $name', (target) => {
  let hub: TestHub;
  const queue = () => createRepositories(hub.database.db).platformCompletionQueue;

  beforeAll(async () => {
    hub = await createTestHub(target);
  });
  afterAll(() => hub.close());

  it('queues only completions in the storing transaction, applies them after it, and takes each statement once', async () => {
    const orgs = await createTestOrganisations(hub);
    const person = await createTestPerson(hub, { organisationId: orgs.trust.id });
    const { key } = await hub.services.lrsKeys.issueKey({ actor: { cli: true }, organisationId: orgs.trust.id, platform: 'Queue platform' });
    const client: LrsClient = { keyId: key.id, keyName: key.keyName, organisationId: orgs.trust.id, platform: 'Queue platform' };
    const completion = { id: '10000000-0000-4000-8000-000000000001', actor: { mbox: `mailto:${person.email}` }, verb: { id: COMPLETED }, object: { id: 'https://nowhere.example/course' } };
    const attempt = { ...completion, id: '10000000-0000-4000-8000-000000000002', verb: { id: 'http://adlnet.gov/expapi/verbs/attempted' } };
    // A transaction that rolls back queues nothing.
    await expect(
      inTransaction(hub.database.db, async (tx) => {
        await hub.services.platformCompletions.enqueue(tx, client, [completion]);
        throw new Error('the statement store failed');
      }),
    ).rejects.toThrow('the statement store failed');
    expect(await queue().countWaiting()).toBe(0);
    const queued = await inTransaction(hub.database.db, (tx) => hub.services.platformCompletions.enqueue(tx, client, [completion, attempt, completion]));
    expect(queued).toBe(2);
    expect(await queue().countWaiting()).toBe(1);
    expect(await hub.services.platformCompletions.drain(5_000)).toEqual({ applied: 1, failed: 0 });
    expect(await queue().countWaiting()).toBe(0);
  });
});
