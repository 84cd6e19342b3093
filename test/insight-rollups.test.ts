import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import { ROLLUP_SPECS, rollupSpec } from '../src/db/insight/rollup-specs.ts';
import type { Viewer } from '../src/services/identity/viewer.ts';
import { keptCells, recountRollups, settleInsightQueue } from './support/insight-recount.ts';
import type { Cells } from './support/insight-recount.ts';
import { createTestOrganisations, createTestPerson } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { FRAMEWORK_ID, knowledgeTopics } from './support/verification-fixtures.ts';

type Row = Record<string, unknown>;
const DIMS = sql`archetypes, professional_group, setting, clinical_decision_making, organisation_kind, counted, synthetic`;
type Person = { id: string; organisationId: string };
const viewerOf = (person: Person, roles: Viewer['roles'] = ['learner']): Viewer => ({ personId: person.id, organisationId: person.organisationId, displayName: '', email: '', roles });

describe.each(databaseTargets())('insight dimensions and rollups on $name', (target) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(target);
  });
  afterAll(async () => hub?.close());

  /** Reads after applying every queued change, as the rollups then hold every committed write. */
  const rows = async (query: SQL) => {
    await settleInsightQueue(hub);
    return ((await hub.database.db.execute(query)) as unknown as { rows: Row[] }).rows;
  };
  const execute = (query: SQL) => hub.database.db.execute(query);

  /** Every rollup equals the recount; its monthly twin sums to it; X's rows are its children's plus its own people's. */
  async function expectRollupsRecounted(when: string) {
    const recount = await recountRollups(hub);
    const parents = new Map((await rows(sql`select id::text, parent_id::text from organisations`)).map((o) => [o.id as string, o.parent_id as string | null]));
    for (const spec of ROLLUP_SPECS) {
      const kept = await keptCells(hub, spec);
      expect(Object.fromEntries(kept), `${spec.rollup} ${when}`).toEqual(Object.fromEntries(recount.byAncestor.get(spec.rollup)!));
      expect(Object.fromEntries(await keptCells(hub, spec, `${spec.rollup}_monthly`)), `${spec.rollup}_monthly ${when}`).toEqual(Object.fromEntries(kept));
      const additive: Cells = new Map();
      const addTo = (key: string, counts: Record<string, number>) => {
        const cell = additive.get(key) ?? {};
        for (const [c, n] of Object.entries(counts)) cell[c] = (cell[c] ?? 0) + n;
        additive.set(key, cell);
      };
      for (const [key, counts] of recount.ownPeople.get(spec.rollup)!) addTo(key, counts);
      for (const [key, counts] of kept) {
        const [organisation, ...rest] = JSON.parse(key) as string[];
        const parent = parents.get(organisation!);
        if (parent) addTo(JSON.stringify([parent, ...rest]), counts);
      }
      const sorted = new Map([...additive].filter(([, c]) => Object.values(c).some((n) => n !== 0)).sort(([a], [b]) => a.localeCompare(b)));
      expect(Object.fromEntries(sorted), `${spec.rollup} additive ${when}`).toEqual(Object.fromEntries(kept));
    }
  }

  it('keeps every contribution row carrying the person’s current dimensions', async () => {
    const { trust } = await createTestOrganisations(hub);
    const person = await createTestPerson(hub, { organisationId: trust.id });
    const dims = async () => rows(sql`select ${DIMS} from insight_person_dims where person_id = ${person.id}`);
    expect(await dims()).toEqual([{ archetypes: [], professional_group: null, setting: null, clinical_decision_making: false, organisation_kind: 'trust', counted: true, synthetic: false }]);

    const [topic] = knowledgeTopics(hub, 1);
    await hub.services.selfAssessment.rateTopics({ viewer: viewerOf(person), ratings: { [topic!]: 'awareness' } });
    await hub.services.profiles.updateProfile({ viewer: viewerOf(person), archetypes: ['user', 'driver'], professionalGroup: 'pharmacy', setting: 'acute', clinicalDecisionMaking: true });
    const wanted = { archetypes: ['driver', 'user'], professional_group: 'pharmacy', setting: 'acute', clinical_decision_making: true, organisation_kind: 'trust', counted: true, synthetic: false };
    expect(await dims()).toEqual([wanted]);
    const level = async () => rows(sql`select ${DIMS} from current_topic_levels where person_id = ${person.id}`);
    expect(await level()).toEqual([wanted]);

    // A row written with only key and measure columns takes the dimensions.
    await execute(sql`insert into person_journey_progress (organisation_id, person_id, framework_id, has_journey) values (${trust.id}, ${person.id}, 'f', 1)`);
    expect(await rows(sql`select ${DIMS} from person_journey_progress where person_id = ${person.id}`)).toEqual([wanted]);

    await execute(sql`update people set status = 'disabled', synthetic = true where id = ${person.id}`);
    const disabled = { ...wanted, counted: false, synthetic: true };
    expect(await dims()).toEqual([disabled]);
    expect(await level()).toEqual([disabled]);
    expect(await rows(sql`select ${DIMS} from person_journey_progress where person_id = ${person.id}`)).toEqual([disabled]);
    await expectRollupsRecounted('after the dimensions test');
  });

  it('keeps every rollup equal to a recount through ratings, verification, profile changes and disabling', async () => {
    const { ics, trust, otherTrust } = await createTestOrganisations(hub);
    const pcn = await hub.services.organisations.createOrganisation({ kind: 'primary-care-network', name: 'Test PCN', parentId: ics.id });
    const practice = await hub.services.organisations.createOrganisation({ kind: 'practice', name: 'Test Practice', parentId: pcn.id });
    const [a, b, c, d] = [
      await createTestPerson(hub, { organisationId: trust.id }),
      await createTestPerson(hub, { organisationId: trust.id }),
      await createTestPerson(hub, { organisationId: otherTrust.id }),
      await createTestPerson(hub, { organisationId: practice.id }),
    ] as [Person, Person, Person, Person];
    const supervisor = await createTestPerson(hub, { organisationId: trust.id, roles: ['supervisor'] });
    await expectRollupsRecounted('after creating people');

    await hub.services.profiles.updateProfile({ viewer: viewerOf(a), archetypes: ['user', 'driver'], professionalGroup: 'pharmacy', setting: 'acute', clinicalDecisionMaking: true });
    await hub.services.profiles.updateProfile({ viewer: viewerOf(c), archetypes: ['embedder'], professionalGroup: 'nursing-midwifery-and-health-visiting', setting: null, clinicalDecisionMaking: false });
    await hub.services.profiles.updateProfile({ viewer: viewerOf(d), archetypes: ['user'], professionalGroup: null, setting: 'primary-care', clinicalDecisionMaking: true });
    const topics = knowledgeTopics(hub, 3) as [string, string, string];
    const rate = (person: Person, levels: string[]) =>
      hub.services.selfAssessment.rateTopics({ viewer: viewerOf(person), ratings: Object.fromEntries(levels.map((level, i) => [topics[i], level])) });
    await rate(a, ['awareness', 'understanding', 'not-yet']);
    await rate(b, ['familiarity', 'awareness']);
    await rate(c, ['not-yet', 'not-yet', 'awareness']);
    await rate(d, ['understanding']);
    await expectRollupsRecounted('after self-assessments');

    await rate(a, ['familiarity']);
    const repositories = createRepositories(hub.database.db);
    await repositories.supervisions.insertSupervision({ organisationId: trust.id, supervisorId: supervisor.id, learnerId: a.id, assignedBy: supervisor.id });
    await hub.services.supervisorVerification.verifyRating({ viewer: viewerOf(supervisor, ['supervisor']), learnerId: a.id, topicId: topics[1], decision: { outcome: 'confirmed' } });
    const national = await rows(sql`select people from insight_topic_levels t join organisations o on o.id = t.organisation_id
      where o.id = ${ics.id} and dimension = 'all' and topic_id = ${topics[1]} and basis = 'verified' and level = 'understanding'`);
    expect(national).toEqual([{ people: 1 }]);
    await expectRollupsRecounted('after a re-rating and a verification');

    await hub.services.profiles.updateProfile({ viewer: viewerOf(a), archetypes: ['user'], professionalGroup: 'pharmacy', setting: 'community', clinicalDecisionMaking: true });
    await execute(sql`update people set status = 'disabled' where id = ${b.id}`);
    await expectRollupsRecounted('after an archetype change and disabling a person');
    const drivers = await rows(sql`select people from insight_topic_levels where organisation_id = ${ics.id} and dimension = 'archetype' and value = 'driver' and people <> 0`);
    expect(drivers).toEqual([]);

    // Recounting from scratch gives what the triggers kept.
    const before = await Promise.all(ROLLUP_SPECS.map((spec) => keptCells(hub, spec)));
    await execute(sql`select insight_rebuild_rollups()`);
    expect(await Promise.all(ROLLUP_SPECS.map((spec) => keptCells(hub, spec)))).toEqual(before);
    await expectRollupsRecounted('after insight_rebuild_rollups');
  });

  it('moves the standing, training and journey rollups on insert, update, delete and profile change', async () => {
    const { trust, otherTrust } = await createTestOrganisations(hub);
    const [a, b] = [await createTestPerson(hub, { organisationId: trust.id }), await createTestPerson(hub, { organisationId: otherTrust.id })] as [Person, Person];
    const product = '00000000-0000-4000-8000-000000000001';
    const deployment = '00000000-0000-4000-8000-000000000002';
    for (const p of [a, b]) {
      await execute(sql`insert into person_requirement_standing (organisation_id, person_id, framework_id, framework_version, tier, archetype, factor, applicable, met_self, met_verified)
        values (${p.organisationId}, ${p.id}, ${FRAMEWORK_ID}, '1', 'foundational', '', 'ai-literacy', 4, 2, 1), (${p.organisationId}, ${p.id}, ${FRAMEWORK_ID}, '1', 'advanced', 'driver', 'ai-literacy', 3, 0, 0)`);
      await execute(sql`insert into person_training_currency (organisation_id, person_id, product_id, deployment_id, state, started, due_on)
        values (${p.organisationId}, ${p.id}, ${product}, ${deployment}, 'owed', false, '2027-01-31')`);
      await execute(sql`insert into person_journey_progress (organisation_id, person_id, framework_id, has_journey, started, items_planned, items_completed, minutes_planned, minutes_done)
        values (${p.organisationId}, ${p.id}, ${FRAMEWORK_ID}, 1, 1, 5, 2, 90, 30)`);
    }
    await expectRollupsRecounted('after inserting contribution rows');
    const met = async () => rows(sql`select applicable, met_self, met_verified, people from insight_requirements r join organisation_closure c on c.ancestor_id = r.organisation_id
      where c.descendant_id = ${trust.id} and c.depth = 1 and dimension = 'all' and tier = 'foundational' and framework_version = '1'`);
    // (The profile change below also has the service write b's real standing, under the hub's own version.)
    expect(await met()).toEqual([{ applicable: 8, met_self: 4, met_verified: 2, people: 2 }]);

    await execute(sql`update person_requirement_standing set met_self = 4 where person_id = ${a.id} and tier = 'foundational'`);
    await execute(sql`update person_training_currency set state = 'current', started = true, due_on = 'infinity' where person_id = ${a.id}`);
    await execute(sql`update person_journey_progress set items_completed = 5, minutes_done = 90 where person_id = ${b.id}`);
    expect(await met()).toEqual([{ applicable: 8, met_self: 6, met_verified: 2, people: 2 }]);
    await expectRollupsRecounted('after updating contribution rows');

    await hub.services.profiles.updateProfile({ viewer: viewerOf(b), archetypes: ['driver', 'shaper'], professionalGroup: 'medical-and-dental', setting: 'acute', clinicalDecisionMaking: true });
    await expectRollupsRecounted('after a profile change');
    await execute(sql`delete from person_training_currency where person_id = ${b.id}`);
    await execute(sql`delete from person_requirement_standing where person_id = ${a.id} and tier = 'advanced'`);
    await execute(sql`update people set status = 'disabled' where id = ${a.id}`);
    await expectRollupsRecounted('after deleting rows and disabling a person');
    expect(await met()).toEqual([{ applicable: 4, met_self: 2, met_verified: 1, people: 1 }]);

    // A person without a profile is not counted.
    await execute(sql`delete from profiles where person_id = ${b.id}`);
    await expectRollupsRecounted('after deleting a profile');
    // Rows that fall to zero are kept (a cell that empties is likely to fill again).
    expect(await met()).toEqual([{ applicable: 0, met_self: 0, met_verified: 0, people: 0 }]);

    // A bulk load with the delta triggers off, then the recount: rollups and twins agree again.
    const c = await createTestPerson(hub, { organisationId: trust.id });
    await execute(sql`alter table person_journey_progress disable trigger person_journey_progress_rollup_insert`);
    await execute(sql`insert into person_journey_progress (organisation_id, person_id, framework_id, has_journey, items_planned) values (${trust.id}, ${c.id}, ${FRAMEWORK_ID}, 1, 7)`);
    await execute(sql`alter table person_journey_progress enable trigger person_journey_progress_rollup_insert`);
    await execute(sql`select insight_rebuild_rollups()`);
    await expectRollupsRecounted('after a bulk load and a recount');
  });

  // PGlite has one connection, so only PostgreSQL can run writers at once.
  it.runIf(target.name === 'postgres')('keeps the rollups exact, without deadlocks, under concurrent saves mixing new and changed ratings', async () => {
    const { ics } = await createTestOrganisations(hub);
    const trusts = await Promise.all([1, 2, 3, 4].map((i) => hub.services.organisations.createOrganisation({ kind: 'trust', name: `Concurrent ${i}`, parentId: ics.id })));
    const people = await Promise.all(trusts.flatMap((t) => [createTestPerson(hub, { organisationId: t.id }), createTestPerson(hub, { organisationId: t.id })]));
    const topics = knowledgeTopics(hub, 12);
    const levels = ['not-yet', 'awareness', 'familiarity', 'understanding'];
    const repositories = createRepositories(hub.database.db);
    const { version } = hub.services.assessmentFramework();
    await Promise.all(
      people.map(async (person, p) => {
        for (let round = 0; round < 12; round += 1) {
          // Each save re-rates some topics and rates others for the first time: the upsert fires both delta triggers.
          const chosen = topics.filter((_, t) => (t * 7 + round * 3 + p) % 3 !== 0).slice(0, 3 + round);
          const rows = chosen.map((topicId, t) => ({ organisationId: person.organisationId, personId: person.id, frameworkId: FRAMEWORK_ID, frameworkVersion: version, topicId, level: levels[(t + round + p) % 4]! }));
          await hub.database.db.transaction(async (tx) => {
            await repositories.assessments.insertRatings(rows, tx as never);
          });
        }
      }),
    );
    await expectRollupsRecounted('after concurrent saves');
  });

  it('rebuilds the monthly trend of topic levels and people from history', async () => {
    const { trust } = await createTestOrganisations(hub);
    const person = await createTestPerson(hub, { organisationId: trust.id });
    const [, , , topic] = knowledgeTopics(hub, 4);
    const repositories = createRepositories(hub.database.db);
    const { version } = hub.services.assessmentFramework();
    const rating = (level: string, ratedAt: string) => ({ organisationId: trust.id, personId: person.id, frameworkId: FRAMEWORK_ID, frameworkVersion: version, topicId: topic!, level, ratedAt: new Date(ratedAt) });
    // Back-dated history (as the demo loads it): not yet in January, awareness in March (twice; the later wins).
    await repositories.assessments.insertRatings([rating('not-yet', '2026-01-10T12:00:00Z'), rating('familiarity', '2026-03-02T12:00:00Z'), rating('awareness', '2026-03-31T23:30:00Z')]);
    await execute(sql`select insight_rebuild_topic_level_months()`);
    await execute(sql`select insight_rebuild_people_months()`);
    await expectRollupsRecounted('after rebuilding months from history');
    const trend = await rows(sql`select month::text, level, people from insight_topic_levels_monthly
      where organisation_id = ${trust.id} and dimension = 'all' and topic_id = ${topic!} and basis = 'self' order by month, level`);
    // 23:30 UTC on 31 March is 00:30 on 1 April in the UK (summer time).
    expect(trend).toEqual([
      { month: '2026-01-01', level: 'not-yet', people: 1 },
      { month: '2026-03-01', level: 'familiarity', people: 1 },
      { month: '2026-03-01', level: 'not-yet', people: -1 },
      { month: '2026-04-01', level: 'awareness', people: 1 },
      { month: '2026-04-01', level: 'familiarity', people: -1 },
    ]);
    const joined = await rows(sql`select people from insight_people_monthly where organisation_id = ${trust.id} and dimension = 'all'`);
    expect(joined).toEqual([{ people: 1 }]);
    expect(rollupSpec('insight_people').counts).toEqual(['people']);
  });
});
