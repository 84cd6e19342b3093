import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import { ROLLUP_SPECS } from '../src/db/insight/rollup-specs.ts';
import type { Viewer } from '../src/services/identity/viewer.ts';
import { keptCells, recountRollups } from './support/insight-recount.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { FRAMEWORK_ID, knowledgeTopics } from './support/verification-fixtures.ts';

type Row = Record<string, unknown>;
type Person = { id: string; organisationId: string };
const viewerOf = (person: Person, roles: Viewer['roles'] = ['learner']): Viewer => ({ personId: person.id, organisationId: person.organisationId, displayName: '', email: '', roles });

/** The rollup queue (docs/scale.md §2.10): writes queue their changes; a drainer adds them to the rollups. */
describe.each(databaseTargets())('the insight rollup queue on $name', (target) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(target);
  });
  afterAll(async () => hub?.close());

  const rows = async (query: SQL) => ((await hub.database.db.execute(query)) as unknown as { rows: Row[] }).rows;
  const trustPeople = (trustId: string) =>
    rows(sql`select coalesce(sum(people), 0)::int as people from insight_people where organisation_id = ${trustId} and dimension = 'all'`);

  it('queues a write without touching the rollups, and a view applies it', async () => {
    const { trust } = await createTestOrganisations(hub);
    const admin = await createTestPerson(hub, { organisationId: trust.id, roles: ['organisation-admin'] });
    await hub.services.insightQueue.drain();
    const before = (await trustPeople(trust.id))[0]!.people as number;

    const learner = await createTestPerson(hub, { organisationId: trust.id });
    await hub.services.profiles.updateProfile({ viewer: viewerOf(learner), archetypes: ['user'], professionalGroup: 'pharmacy', setting: 'acute', clinicalDecisionMaking: false });
    await hub.services.selfAssessment.rateTopics({ viewer: viewerOf(learner), ratings: { [knowledgeTopics(hub, 1)[0]!]: 'awareness' } });
    const queued = await rows(sql`select source, sign, row from insight_pending`);
    expect(queued.map((q) => q.source)).toEqual(expect.arrayContaining(['insight_person_dims', 'current_topic_levels', 'person_requirement_standing']));
    // Only what a cell depends on is queued: no person id.
    expect(queued.every((q) => !('person_id' in (q.row as Row)))).toBe(true);
    expect(await trustPeople(trust.id)).toEqual([{ people: before }]);

    const overview = await hub.services.insight.getInsightOverview({ viewer: viewerOf(admin, ['organisation-admin']), organisationId: trust.id });
    expect(overview.pendingSince).toBeNull();
    expect(await trustPeople(trust.id)).toEqual([{ people: before + 1 }]);
    expect(await rows(sql`select count(*)::int as n from insight_pending`)).toEqual([{ n: 0 }]);
  });

  it('leaves a backlog to the background drainer, and the view says since when changes wait', async () => {
    const { trust } = await createTestOrganisations(hub);
    const admin = await createTestPerson(hub, { organisationId: trust.id, roles: ['organisation-admin'] });
    await hub.services.insightQueue.drain();
    const topics = knowledgeTopics(hub, 60);
    const repositories = createRepositories(hub.database.db);
    const { version } = hub.services.assessmentFramework();
    for (let i = 0; i < 10; i += 1) {
      const learner = await createTestPerson(hub, { organisationId: trust.id });
      await hub.services.profiles.updateProfile({ viewer: viewerOf(learner), archetypes: ['user'], professionalGroup: null, setting: null, clinicalDecisionMaking: false });
      await repositories.assessments.insertRatings(topics.map((topicId) => ({ organisationId: trust.id, personId: learner.id, frameworkId: FRAMEWORK_ID, frameworkVersion: version, topicId, level: 'awareness' })));
    }
    expect((await rows(sql`select count(*)::int as n from insight_pending`))[0]!.n).toBeGreaterThan(500);
    const view = () => hub.services.insight.getInsightOverview({ viewer: viewerOf(admin, ['organisation-admin']), organisationId: trust.id });
    expect((await view()).pendingSince).toBeInstanceOf(Date);
    const page = await (await signIn(hub.app, admin.email)).get(`/insight/organisations/${trust.id}`);
    expect(page.body).toMatch(/Changes made since [^<]+ are still being counted/);
    expect(await hub.services.insightQueue.drain()).toEqual({ applied: expect.any(Number), pendingSince: null });
    const after = await view();
    expect(after.pendingSince).toBeNull();
    expect(after.people).toMatchObject({ kind: 'count', value: 10 });
  });

  it('counts a change in the month it was made, however late it is applied', async () => {
    const { trust } = await createTestOrganisations(hub);
    await hub.services.insightQueue.drain();
    const learner = await createTestPerson(hub, { organisationId: trust.id });
    await hub.services.profiles.updateProfile({ viewer: viewerOf(learner), archetypes: ['user'], professionalGroup: null, setting: null, clinicalDecisionMaking: false });
    // As if the change had been made in January and the drainer had been stopped since.
    await hub.database.db.execute(sql`update insight_pending set month = '2026-01-01'`);
    await hub.services.insightQueue.drain();
    expect(await rows(sql`select month::text, people from insight_people_monthly where organisation_id = ${trust.id} and dimension = 'all' and people <> 0`)).toEqual([
      { month: '2026-01-01', people: 1 },
    ]);
  });

  // PGlite has one connection: a view there waits for the lock holder rather than reading past it.
  it.runIf(target.name === 'postgres')('says since when changes are waiting while a rebuild holds the rollups', async () => {
    const { trust } = await createTestOrganisations(hub);
    const admin = await createTestPerson(hub, { organisationId: trust.id, roles: ['organisation-admin'] });
    await hub.services.insightQueue.drain();
    await hub.database.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('insight_rollups'))`);
      await createTestPerson(hub, { organisationId: trust.id });
      const overview = await hub.services.insight.getInsightOverview({ viewer: viewerOf(admin, ['organisation-admin']), organisationId: trust.id });
      expect(overview.pendingSince).toBeInstanceOf(Date);
    });
    const after = await hub.services.insight.getInsightOverview({ viewer: viewerOf(admin, ['organisation-admin']), organisationId: trust.id });
    expect(after.pendingSince).toBeNull();
  });

  // PGlite has one connection, so only PostgreSQL can run writers and drainers at once.
  it.runIf(target.name === 'postgres')('loses and doubles nothing when drainers run beside concurrent writers', async () => {
    const { ics } = await createTestOrganisations(hub);
    const trusts = await Promise.all([1, 2, 3].map((i) => hub.services.organisations.createOrganisation({ kind: 'trust', name: `Queue ${i}`, parentId: ics.id })));
    const people = await Promise.all(trusts.flatMap((t) => [createTestPerson(hub, { organisationId: t.id }), createTestPerson(hub, { organisationId: t.id })]));
    const topics = knowledgeTopics(hub, 10);
    const levels = ['not-yet', 'awareness', 'familiarity', 'understanding'];
    const repositories = createRepositories(hub.database.db);
    const { version } = hub.services.assessmentFramework();
    let writing = true;
    const drainers = [1, 2, 3].map(async () => {
      while (writing) await hub.database.db.execute(sql`select * from insight_apply_pending(7)`);
    });
    await Promise.all(
      people.map(async (person, p) => {
        for (let round = 0; round < 10; round += 1) {
          const chosen = topics.filter((_, t) => (t * 7 + round * 3 + p) % 3 !== 0).slice(0, 2 + round);
          const ratings = chosen.map((topicId, t) => ({ organisationId: person.organisationId, personId: person.id, frameworkId: FRAMEWORK_ID, frameworkVersion: version, topicId, level: levels[(t + round + p) % 4]! }));
          await hub.database.db.transaction(async (tx) => repositories.assessments.insertRatings(ratings, tx as never));
        }
      }),
    );
    writing = false;
    await Promise.all(drainers);
    const recount = await recountRollups(hub);
    for (const spec of ROLLUP_SPECS) {
      const kept = await keptCells(hub, spec);
      expect(Object.fromEntries(kept), spec.rollup).toEqual(Object.fromEntries(recount.byAncestor.get(spec.rollup)!));
      expect(Object.fromEntries(await keptCells(hub, spec, `${spec.rollup}_monthly`)), `${spec.rollup}_monthly`).toEqual(Object.fromEntries(kept));
    }
  });
});
