import { and, eq, isNull, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import {
  aiDeployments,
  aiDeploymentUsers,
  currentTopicLevels,
  insightPeople,
  insightTopicLevelsMonthly,
  journeyItems,
  journeys,
  learningResources,
  localCredentials,
  moduleAttempts,
  organisations,
  outbox,
  people,
  personRequirementStanding,
  productModuleRevisions,
  profiles,
  topicRatings,
  verificationDecisions,
} from '../src/db/schema.ts';
import { SYNTHETIC_EMAIL_DOMAIN } from '../src/domain/synthetic/synthetic-people.ts';
import { DEMO_PEOPLE } from '../src/services/demo/demo-dataset.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

const SIZE = 120;
const TOPICS = 121;

describe.each(databaseTargets())('the demo synthetic workforce on $name', (target) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(target, { demoSyntheticPeople: SIZE });
    await hub.services.demo.loadDemoData();
  }, 120_000);
  afterAll(() => hub.close());

  const db = () => createRepositories(hub.database.db).db;
  const syntheticPeople = () => db().select().from(people).where(eq(people.synthetic, true));
  const count = async (query: Promise<Array<{ n: number }>>) => (await query)[0]?.n ?? 0;
  const n = sql<number>`count(*)::int`;

  it('adds the people, flagged synthetic, on the reserved domain, with profiles and no way to sign in', async () => {
    const added = await syntheticPeople();
    expect(added).toHaveLength(SIZE);
    expect(added.every((p) => p.email.endsWith(`@${SYNTHETIC_EMAIL_DOMAIN}`) && p.status === 'active')).toBe(true);
    const withProfile = await count(db().select({ n }).from(profiles).innerJoin(people, eq(people.id, profiles.personId)).where(and(eq(people.synthetic, true), sql`'user' = any(${profiles.archetypes})`)));
    expect(withProfile).toBe(SIZE);
    expect(await count(db().select({ n }).from(localCredentials).innerJoin(people, eq(people.id, localCredentials.personId)).where(eq(people.synthetic, true)))).toBe(0);
    // The named demo people are as they were.
    const named = await db().select().from(people).where(eq(people.synthetic, false));
    expect(named).toHaveLength(DEMO_PEOPLE.length);
  });

  it('gives each a rating of every topic, current levels, and some verified by their supervisor', async () => {
    const rated = await db()
      .select({ personId: topicRatings.personId, topics: sql<number>`count(distinct ${topicRatings.topicId})::int`, rows: sql<number>`count(*)::int` })
      .from(topicRatings)
      .innerJoin(people, eq(people.id, topicRatings.personId))
      .where(eq(people.synthetic, true))
      .groupBy(topicRatings.personId);
    expect(rated).toHaveLength(SIZE);
    expect(rated.every((r) => r.topics === TOPICS && r.rows >= TOPICS)).toBe(true);
    expect(rated.some((r) => r.rows > TOPICS)).toBe(true);
    const current = await count(db().select({ n }).from(currentTopicLevels).where(sql`${currentTopicLevels.personId} in (select id from people where synthetic)`));
    expect(current).toBe(SIZE * TOPICS);
    const verified = await count(db().select({ n }).from(verificationDecisions).innerJoin(people, eq(people.id, verificationDecisions.decidedBy)).where(eq(people.synthetic, true)));
    expect(verified).toBeGreaterThan(SIZE * TOPICS * 0.08);
    const verifiedLevels = await count(db().select({ n }).from(currentTopicLevels).where(sql`${currentTopicLevels.verifiedLevel} is not null and ${currentTopicLevels.personId} in (select id from people where synthetic)`));
    expect(verifiedLevels).toBe(verified);
  });

  it('counts them in the insight rollups, as synthetic, at the top of the tree, with trends by month', async () => {
    const total = sql<number>`coalesce(sum(${insightPeople.people}), 0)::int`;
    const atTop = db().select({ n: total }).from(insightPeople).innerJoin(organisations, eq(organisations.id, insightPeople.organisationId));
    expect(await count(atTop.where(and(isNull(organisations.parentId), eq(insightPeople.dimension, 'all'), eq(insightPeople.synthetic, true))))).toBe(SIZE);
    // Trends come from the ratings' own months, not the day of the load.
    const months = db().select({ n: sql<number>`count(distinct ${insightTopicLevelsMonthly.month})::int` }).from(insightTopicLevelsMonthly);
    expect(await count(months.where(eq(insightTopicLevelsMonthly.synthetic, true)))).toBeGreaterThanOrEqual(10);
    // Training and journeys too, rebuilt from the links' and journeys' own dates after the load.
    for (const table of ['insight_training_monthly', 'insight_journeys_monthly']) {
      const result = (await db().execute(sql`select count(distinct month)::int as n from ${sql.identifier(table)} where synthetic`)) as unknown as { rows: Array<{ n: number }> };
      expect(result.rows[0]?.n).toBeGreaterThanOrEqual(8);
    }
    const levels = await count(db().select({ n }).from(currentTopicLevels).where(eq(currentTopicLevels.synthetic, true)));
    expect(levels).toBe(SIZE * TOPICS);
  });

  it('works out everyone\'s contributions in the load, as a refresh would, with rollups equal to a recount', async () => {
    const cells = async () => {
      const result = await db().execute(sql`
        select 'r' as k, organisation_id::text || dimension || value || tier || archetype || factor || synthetic as key, people, applicable, met_self, met_verified from insight_requirements
        union all select 'rm', organisation_id::text || dimension || value || tier || archetype || factor || synthetic, sum(people), sum(applicable), sum(met_self), sum(met_verified) from insight_requirements_monthly
          group by organisation_id, dimension, value, tier, archetype, factor, synthetic
        union all select 't', organisation_id::text || dimension || value || deployment_id || state || started || synthetic, people, 0, 0, 0 from insight_training
        union all select 'j', organisation_id::text || dimension || value || framework_id || synthetic, people_with_journey, journeys_started, items_completed, minutes_done from insight_journeys
        order by 1, 2, 3, 4, 5, 6`);
      // The two drivers' result types differ; both carry `rows`.
      return (result as unknown as { rows: Array<Record<string, unknown>> }).rows.map((r) => JSON.stringify(r));
    };
    const standing = (synthetic: boolean) => count(db().select({ n }).from(personRequirementStanding).innerJoin(people, eq(people.id, personRequirementStanding.personId)).where(eq(people.synthetic, synthetic)));
    expect(await standing(true)).toBeGreaterThan(SIZE);
    expect(await standing(false)).toBeGreaterThan(0);
    const loaded = await cells();
    expect(loaded.length).toBeGreaterThan(100);
    // A refresh through the usual path finds nothing to change, and a recount agrees with the rollups.
    const refreshed = await hub.services.insightRefresh.refreshAllContributions({ restart: true });
    expect(refreshed.people).toBe(SIZE + DEMO_PEOPLE.length);
    expect(await cells()).toEqual(loaded);
    await db().execute(sql`select insight_rebuild_rollups()`);
    expect(await cells()).toEqual(loaded);
  });

  it('has most people linked to a deployment pass its training, so some are current, some overdue and some not started', async () => {
    const result = await db().execute(sql`
      select case when c.state = 'current' then 'current' when c.due_on < current_date then 'overdue' when not c.started then 'not-started' else 'due' end as status, count(*)::int as n
        from person_training_currency c join people p on p.id = c.person_id where p.synthetic group by 1`);
    const mix = Object.fromEntries((result as unknown as { rows: Array<{ status: string; n: number }> }).rows.map((r) => [r.status, r.n]));
    expect(mix.current).toBeGreaterThan(0);
    expect(mix.overdue).toBeGreaterThan(0);
    expect(mix['not-started']).toBeGreaterThan(0);
    expect(mix.current).toBeGreaterThan((mix.overdue ?? 0) + (mix['not-started'] ?? 0));
    // Each pass is of the deployment's live version, on its module's latest revision, after the link and before now.
    const passes = await db()
      .select({ linkedAt: aiDeploymentUsers.linkedAt, attemptedAt: moduleAttempts.attemptedAt, live: aiDeployments.liveVersionId, version: moduleAttempts.productVersionId, revision: productModuleRevisions.number, correct: moduleAttempts.correct, total: moduleAttempts.total, passed: moduleAttempts.passed })
      .from(moduleAttempts)
      .innerJoin(people, eq(people.id, moduleAttempts.personId))
      .innerJoin(aiDeploymentUsers, eq(aiDeploymentUsers.personId, people.id))
      .innerJoin(aiDeployments, eq(aiDeployments.id, aiDeploymentUsers.deploymentId))
      .innerJoin(productModuleRevisions, eq(productModuleRevisions.id, moduleAttempts.revisionId))
      .where(eq(people.synthetic, true));
    expect(passes.length).toBe(mix.current);
    for (const p of passes) {
      expect(p).toMatchObject({ live: p.version, revision: 1, passed: true });
      expect(p.correct).toBeLessThanOrEqual(p.total);
      expect(p.attemptedAt.getTime()).toBeGreaterThan(p.linkedAt.getTime());
      expect(p.attemptedAt.getTime()).toBeLessThan(Date.now());
    }
  });

  it('plans their journeys from resources of at most four hours', async () => {
    const items = await db()
      .select({ minutes: learningResources.durationMinutes })
      .from(journeyItems)
      .innerJoin(journeys, eq(journeys.id, journeyItems.journeyId))
      .innerJoin(people, eq(people.id, journeys.personId))
      .innerJoin(learningResources, eq(learningResources.id, journeyItems.resourceId))
      .where(eq(people.synthetic, true));
    expect(items.length).toBeGreaterThan(SIZE);
    expect(Math.max(...items.map((i) => i.minutes))).toBeLessThanOrEqual(240);
    // The catalogue has longer ones, which would otherwise be planned.
    expect(await count(db().select({ n }).from(learningResources).where(and(eq(learningResources.status, 'published'), sql`${learningResources.durationMinutes} > 240`)))).toBeGreaterThan(0);
  });

  it('queues no e-mail for them, even when something tries', async () => {
    const repositories = createRepositories(hub.database.db);
    const [someone] = await syntheticPeople();
    expect(await repositories.outbox.insertMessage({ organisationId: someone?.organisationId ?? '', toAddress: someone?.email ?? '', subject: 'Hello', bodyText: 'Hello' })).toBeUndefined();
    await hub.services.passwordResets.requestPasswordReset({ email: someone?.email ?? '', ip: '192.0.2.1' });
    expect(await count(db().select({ n }).from(outbox).where(like(outbox.toAddress, `%@${SYNTHETIC_EMAIL_DOMAIN}`)))).toBe(0);
  });

  it('adds them only once', async () => {
    await hub.services.demo.loadDemoData();
    expect(await syntheticPeople()).toHaveLength(SIZE);
  });
});
