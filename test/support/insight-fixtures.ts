import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createRepositories } from '../../src/db/index.ts';
import { people, profiles } from '../../src/db/schema.ts';
import { monthStart, ukToday } from '../../src/domain/insight/insight-calendar.ts';
import { viewerOf } from './product-fixtures.ts';
import { createTestPerson, signIn } from './people-fixtures.ts';
import type { TestSession } from './people-fixtures.ts';
import type { TestHub } from './test-hub.ts';
import { FRAMEWORK_ID, knowledgeTopics } from './verification-fixtures.ts';
import { plantJourneys, plantTraining } from './insight-workforce.ts';

/**
 * A small workforce built from real data for the workforce insight tests: people and profiles,
 * back-dated self-ratings, a deployed product with passes and due dates, and learning journeys,
 * written to the base tables (in bulk, for speed) or through the services. Nothing here writes a
 * contribution or rollup row: the triggers and `refreshAllContributions` do, as they would after
 * a bulk load, so the tests prove the whole chain from a person's data to a disclosed figure.
 *
 * The tree: national ─ region ─ ics ─ trust (42 people: 37 real, 5 synthetic)
 *                                   ├ otherTrust (6: a small count)
 *                                   └ pcn ─ practice (12)
 * with one viewer account each in the ICS, the region and the nation, so the ICS holds 61, the
 * region 62 and the nation 63. Small counts are planted throughout: 5 doctors, 3 Drivers, 5 training
 * due, 4 not started, 2 with no setting, 6 people in the other trust. Ten expert nurses have their
 * understanding of the trend topic confirmed by their supervisor (the trust admin).
 */
export async function createInsightTree(hub: Pick<TestHub, 'services'>) {
  const add = (kind: Parameters<TestHub['services']['organisations']['createOrganisation']>[0]['kind'], name: string, parentId: string | null) =>
    hub.services.organisations.createOrganisation({ kind, name, parentId });
  const national = await add('national', `NHS England ${randomUUID().slice(0, 6)}`, null);
  const region = await add('region', 'North region', national.id);
  const ics = await add('integrated-care-system', 'Riverside ICS', region.id);
  const trust = await add('trust', 'Riverside Trust', ics.id);
  const otherTrust = await add('trust', 'Hillside Trust', ics.id);
  const pcn = await add('primary-care-network', 'Riverside PCN', ics.id);
  const practice = await add('practice', 'Riverside Surgery', pcn.id);
  return { national, region, ics, trust, otherTrust, pcn, practice };
}
export type InsightTree = Awaited<ReturnType<typeof createInsightTree>>;

/** A named member of the trust's staff: no insight view may ever show it. */
export const INDIVIDUAL = 'Zephyrine Individual';

interface Cohort {
  org: keyof InsightTree;
  count: number;
  group: string | null;
  setting: string | null;
  archetypes: (i: number) => string[];
  clinical: boolean;
  synthetic?: (i: number) => boolean;
}

/** The bulk-loaded staff; the trust's three viewer accounts (management, acute) make its 42. */
const COHORTS: Record<'nurses' | 'doctors' | 'managers' | 'otherTrust' | 'practice', Cohort> = {
  // 23 nurses, the last 5 synthetic; the first 12 rate every topic at the top of its scale.
  nurses: { org: 'trust', count: 23, group: 'nursing-midwifery-and-health-visiting', setting: 'acute', archetypes: () => ['user'], clinical: true, synthetic: (i) => i >= 18 },
  doctors: { org: 'trust', count: 5, group: 'medical-and-dental', setting: 'acute', archetypes: (i) => (i < 3 ? ['user', 'driver'] : ['user', 'embedder']), clinical: true },
  managers: { org: 'trust', count: 11, group: 'management-and-administration', setting: null, archetypes: () => ['user', 'embedder'], clinical: false },
  otherTrust: { org: 'otherTrust', count: 6, group: 'nursing-midwifery-and-health-visiting', setting: 'acute', archetypes: () => ['user'], clinical: true },
  practice: { org: 'practice', count: 12, group: 'allied-health-professionals', setting: 'primary-care', archetypes: () => ['user'], clinical: true },
};
export const EXPERT_NURSES = 12;

export type Workforce = Record<keyof typeof COHORTS, string[]>;

/** The cohorts' people and profiles, inserted in bulk; the triggers count them. */
async function insertCohorts(hub: TestHub, tree: InsightTree, joinedAt: (cohort: keyof Workforce, i: number) => Date): Promise<Workforce> {
  const out = {} as Workforce;
  for (const [name, c] of Object.entries(COHORTS) as Array<[keyof Workforce, Cohort]>) {
    const organisationId = tree[c.org].id;
    const rows = Array.from({ length: c.count }, (_, i) => {
      const displayName = name === 'managers' && i === 0 ? INDIVIDUAL : `${name} ${i + 1}`;
      return { id: randomUUID(), organisationId, email: `${name}.${i}.${randomUUID().slice(0, 8)}@example.nhs.uk`, displayName, synthetic: c.synthetic?.(i) ?? false, createdAt: joinedAt(name, i) };
    });
    await hub.database.db.insert(people).values(rows);
    // The first two managers have said nothing about their setting; the rest of them are acute.
    await hub.database.db.insert(profiles).values(rows.map((r, i) => ({
      personId: r.id, organisationId, archetypes: c.archetypes(i), professionalGroup: c.group,
      setting: name === 'managers' ? (i < 2 ? null : 'acute') : c.setting, clinicalDecisionMaking: c.clinical,
    })));
    out[name] = rows.map((r) => r.id);
  }
  return out;
}

/** The signed-in cast: three in the trust (counted there), one each in the ICS, the region and the nation. */
async function createCast(hub: TestHub, tree: InsightTree) {
  const cast = {
    trustAdmin: await createTestPerson(hub, { organisationId: tree.trust.id, roles: ['learner', 'organisation-admin', 'supervisor'], name: 'Tomas Trust' }),
    platformAdmin: await createTestPerson(hub, { organisationId: tree.trust.id, roles: ['learner', 'platform-admin'] }),
    learner: await createTestPerson(hub, { organisationId: tree.trust.id, roles: ['learner'], name: 'Lena Learner' }),
    icsAdmin: await createTestPerson(hub, { organisationId: tree.ics.id, roles: ['learner', 'organisation-admin'] }),
    lead: await createTestPerson(hub, { organisationId: tree.region.id, roles: ['learner', 'workforce-lead'] }),
    nationalLead: await createTestPerson(hub, { organisationId: tree.national.id, roles: ['learner', 'workforce-lead'], name: 'Nadia National' }),
  };
  for (const person of [cast.trustAdmin, cast.platformAdmin, cast.learner]) {
    await hub.services.profiles.updateProfile({ viewer: viewerOf(person), archetypes: ['user'], professionalGroup: 'management-and-administration', setting: 'acute', clinicalDecisionMaking: false });
  }
  return cast;
}

/** UK noon on a day `days` from today: clear of any midnight. */
const dayFrom = (today: string, days: number) => new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000);

/**
 * Everyone's self-ratings. 20 people (the managers, doctors and four of the other trust) were aware
 * of the trend topic over a year ago; this month three managers move on to familiarity. The expert
 * nurses rate every topic at the top of its scale today.
 */
async function rateTopics(hub: TestHub, workforce: Workforce, yearAgo: Date) {
  const repositories = createRepositories(hub.database.db);
  const { version, index } = hub.services.assessmentFramework();
  const organisationOf = new Map((await hub.database.db.select({ id: people.id, organisationId: people.organisationId }).from(people)).map((p) => [p.id, p.organisationId]));
  const rating = (personId: string, topicId: string, level: string, ratedAt = new Date()) => ({ organisationId: organisationOf.get(personId)!, personId, frameworkId: FRAMEWORK_ID, frameworkVersion: version, topicId, level, ratedAt });
  const [trendTopic] = knowledgeTopics(hub as TestHub, 1);
  const aware = [...workforce.managers, ...workforce.doctors, ...workforce.otherTrust.slice(0, 4)];
  await repositories.assessments.insertRatings(aware.map((p) => rating(p, trendTopic!, 'awareness', yearAgo)));
  await repositories.assessments.insertRatings(workforce.managers.slice(0, 3).map((p) => rating(p, trendTopic!, 'familiarity')));
  const top = { knowledge: 'understanding', skill: 'proficiency' } as const;
  for (const nurse of workforce.nurses.slice(0, EXPERT_NURSES)) {
    await repositories.assessments.insertRatings((index.doc.topics ?? []).map((t) => rating(nurse, t.id, top[t.kind])));
  }
  return trendTopic!;
}

export const VERIFIED_NURSES = 10;

/** The trust admin supervises the first expert nurses and confirms their rating of one topic, through the service. */
async function verifyNurses(hub: TestHub, supervisor: Awaited<ReturnType<typeof createTestPerson>>, nurses: readonly string[], topicId: string) {
  const repositories = createRepositories(hub.database.db);
  for (const learnerId of nurses) {
    await repositories.supervisions.insertSupervision({ organisationId: supervisor.organisationId, supervisorId: supervisor.id, learnerId, assignedBy: supervisor.id });
    await hub.services.supervisorVerification.verifyRating({ viewer: viewerOf(supervisor), learnerId, topicId, decision: { outcome: 'confirmed' } });
  }
}

/**
 * Builds the workforce, then lets the hub count it: the bulk refresh writes everyone's
 * contribution rows (their triggers fill the rollups), and the month rebuilds turn back-dated
 * joining dates and ratings into the monthly trend (docs/scale.md §2.10).
 */
export async function createInsightWorkforce(hub: TestHub, now = new Date()) {
  const tree = await createInsightTree(hub);
  const today = ukToday(now);
  const yearAgo = dayFrom(monthStart(today, -13), 3);
  const twoMonthsAgo = dayFrom(monthStart(today, -2), 3);
  // 30 of the trust's bulk-loaded staff joined over a year ago, 8 two months ago, the rest this month.
  const workforce = await insertCohorts(hub, tree, (cohort, i) => {
    const order = cohort === 'nurses' ? i : cohort === 'doctors' ? 23 + i : cohort === 'managers' ? 28 + i : 99;
    return order < 30 ? yearAgo : order < 38 ? twoMonthsAgo : now;
  });
  const cast = await createCast(hub, tree);
  const trendTopic = await rateTopics(hub, workforce, yearAgo);
  await verifyNurses(hub, cast.trustAdmin, workforce.nurses.slice(0, VERIFIED_NURSES), trendTopic);
  const trustStaff = [...workforce.nurses, ...workforce.doctors, ...workforce.managers];
  const training = await plantTraining(hub, tree.trust.id, cast.trustAdmin.id, trustStaff, today);
  const journeys = await plantJourneys(hub, tree.trust.id, cast.trustAdmin.id, trustStaff.slice(0, 30));
  await hub.services.insightRefresh.refreshAllContributions();
  await hub.database.db.execute(sql`select insight_rebuild_topic_level_months()`);
  await hub.database.db.execute(sql`select insight_rebuild_people_months()`);
  return { tree, cast, workforce, trendTopic, ...training, journeys };
}
export type InsightWorkforce = Awaited<ReturnType<typeof createInsightWorkforce>>;

export type InsightViewer = 'trustAdmin' | 'icsAdmin' | 'lead' | 'platformAdmin' | 'learner';

/** Signs in each member of the workforce's cast, for the page and API tests. */
export async function signInInsightCast(hub: TestHub, cast: Awaited<ReturnType<typeof createInsightWorkforce>>['cast']): Promise<Record<InsightViewer, TestSession>> {
  return {
    trustAdmin: await signIn(hub.app, cast.trustAdmin.email),
    icsAdmin: await signIn(hub.app, cast.icsAdmin.email),
    lead: await signIn(hub.app, cast.lead.email),
    platformAdmin: await signIn(hub.app, cast.platformAdmin.email),
    learner: await signIn(hub.app, cast.learner.email),
  };
}
