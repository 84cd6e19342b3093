import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import { verificationDecisions } from '../src/db/schema.ts';
import type { TopicRatingRow } from '../src/db/assessment.repository.ts';
import { createTestOrganisations, createTestPerson } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { FRAMEWORK_ID, knowledgeTopics } from './support/verification-fixtures.ts';

/** A small seeded generator, so a failing sequence can be replayed. */
function randomFrom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T };
}

const LEVELS = ['not-yet', 'awareness', 'familiarity', 'understanding'] as const;
const OUTCOMES = ['confirmed', 'adjusted', 'returned', 'withdrawn'] as const;
// Few instants, so equal timestamps (decided by id) and older rows arriving later are common.
const MOMENTS = ['2026-01-01T09:00:00Z', '2026-02-01T09:00:00Z', '2026-03-01T09:00:00Z', '2026-04-01T09:00:00Z'].map((d) => new Date(d));

/** What current_topic_levels must hold: the readers' old DISTINCT ON over history. */
const FROM_HISTORY = sql`
  with s as (select distinct on (person_id, framework_id, topic_id) person_id, framework_id, topic_id, level, id, rated_at
               from topic_ratings order by person_id, framework_id, topic_id, rated_at desc, id desc),
       v as (select distinct on (r.learner_id, r.framework_id, r.topic_id) r.learner_id as person_id, r.framework_id, r.topic_id, d.level, d.id, d.decided_at
               from verification_decisions d join verification_requests r on r.id = d.request_id
              where d.outcome in ('confirmed', 'adjusted')
              order by r.learner_id, r.framework_id, r.topic_id, d.decided_at desc, d.id desc)
  select person_id::text, framework_id, topic_id, s.level as self_level, s.id::text as self_rating_id, s.rated_at::text as self_rated_at,
         v.level as verified_level, v.id::text as verified_decision_id, v.decided_at::text as verified_at
    from s full join v using (person_id, framework_id, topic_id)
   order by 1, 2, 3`;

const KEPT = sql`
  select person_id::text, framework_id, topic_id, self_level, self_rating_id::text, self_rated_at::text,
         verified_level, verified_decision_id::text, verified_at::text
    from current_topic_levels order by 1, 2, 3`;

/** The backfill statements exactly as the migration runs them (found by name: migrations get renumbered at merge). */
const MIGRATIONS = new URL('../src/db/migrations/', import.meta.url);
const TRIGGERS_MIGRATION = readdirSync(MIGRATIONS).find((name) => name.endsWith('_current_topic_levels_triggers.sql')) ?? 'missing';
const BACKFILL = readFileSync(new URL(TRIGGERS_MIGRATION, MIGRATIONS), 'utf8')
  .split('--> statement-breakpoint')
  .filter((s) => /^\s*-- Backfill|FROM "verification_decisions" d/m.test(s) && /^\s*(-- .*\n)*INSERT/m.test(s));

describe.each(databaseTargets())('current_topic_levels on $name', (target) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(target);
  });
  afterAll(async () => hub?.close());

  const rows = async (query: SQL) => (await hub.database.db.execute(query)) as unknown as { rows: Array<Record<string, string | null>> };

  it('equals DISTINCT ON over history after every batch of random writes, and the backfill gives the same', async () => {
    const { trust, otherTrust } = await createTestOrganisations(hub);
    const people = [
      await createTestPerson(hub, { organisationId: trust.id }),
      await createTestPerson(hub, { organisationId: trust.id }),
      await createTestPerson(hub, { organisationId: otherTrust.id }),
    ];
    const supervisor = await createTestPerson(hub, { organisationId: trust.id, roles: ['supervisor'] });
    const topics = knowledgeTopics(hub, 3);
    const { version } = hub.services.assessmentFramework();
    const repositories = createRepositories(hub.database.db);
    const random = randomFrom(20261205);
    const ratings: TopicRatingRow[] = [];

    const decisionFor = async (rating: TopicRatingRow) => {
      const request = await repositories.verifications.insertRequest({
        organisationId: rating.organisationId, learnerId: rating.personId, supervisorId: supervisor.id,
        frameworkId: FRAMEWORK_ID, topicId: rating.topicId, ratingId: rating.id, ratingRatedAt: rating.ratedAt,
      });
      const outcome = random.pick(OUTCOMES);
      const level = outcome === 'confirmed' ? rating.level : outcome === 'adjusted' ? random.pick(LEVELS) : null;
      return { organisationId: rating.organisationId, requestId: request.id, decidedBy: supervisor.id, outcome, level, decidedAt: random.pick(MOMENTS) };
    };

    for (let batch = 0; batch < 12; batch += 1) {
      // Several ratings in one statement, sometimes of the same person and topic at the same instant.
      const count = 1 + random.int(6);
      const values = Array.from({ length: count }, () => {
        const person = random.pick(people);
        return { organisationId: person.organisationId, personId: person.id, frameworkId: FRAMEWORK_ID, frameworkVersion: version, topicId: random.pick(topics), level: random.pick(LEVELS), ratedAt: random.pick(MOMENTS) };
      });
      ratings.push(...(await repositories.assessments.insertRatings(values)));
      for (let i = random.int(3); i > 0; i -= 1) await repositories.verifications.insertDecision(await decisionFor(random.pick(ratings)));
      if (batch % 4 === 3) {
        // Decisions in one statement too (an import would write them so).
        const many = await Promise.all([random.pick(ratings), random.pick(ratings), random.pick(ratings)].map(decisionFor));
        await hub.database.db.insert(verificationDecisions).values(many);
      }
      expect((await rows(KEPT)).rows, `after batch ${batch}`).toEqual((await rows(FROM_HISTORY)).rows);
    }

    const expected = (await rows(FROM_HISTORY)).rows;
    expect(expected.filter((r) => r.verified_level !== null).length).toBeGreaterThan(0);
    expect(BACKFILL).toHaveLength(2);
    await hub.database.db.execute(sql`delete from current_topic_levels`);
    for (const statement of BACKFILL) await hub.database.db.execute(sql.raw(statement));
    expect((await rows(KEPT)).rows).toEqual(expected);

    // The readers give what history gives, keyed by each person's organisation.
    const kinds = await rows(sql`select distinct c.organisation_id::text, c.organisation_kind, p.organisation_id::text as person_organisation from current_topic_levels c join people p on p.id = c.person_id`);
    for (const r of kinds.rows) expect([r.organisation_id, r.organisation_kind]).toEqual([r.person_organisation, 'trust']);
    for (const person of people) {
      const mine = expected.filter((r) => r.person_id === person.id);
      const current = await repositories.assessments.listCurrentRatings(person.id, FRAMEWORK_ID);
      expect(current.map((r) => [r.topicId, r.level, r.id, r.organisationId])).toEqual(
        mine.filter((r) => r.self_level !== null).map((r) => [r.topic_id, r.self_level, r.self_rating_id, person.organisationId]),
      );
      const verified = mine.filter((r) => r.verified_level !== null).map((r) => ({ topicId: r.topic_id, level: r.verified_level }));
      expect(await repositories.verifications.listVerifiedLevels(person.id, FRAMEWORK_ID)).toEqual(verified);
      const levels = (await repositories.teamLevels.listLevelsOf([person.id], FRAMEWORK_ID)).get(person.id);
      expect(Object.fromEntries(levels?.verified ?? [])).toEqual(Object.fromEntries(verified.map((v) => [v.topicId, v.level])));
    }
  });
});
