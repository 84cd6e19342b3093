import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import {
  insightJourneys,
  insightJourneysMonthly,
  insightPeople,
  insightPeopleMonthly,
  insightRequirements,
  insightTopicLevels,
  insightTopicLevelsMonthly,
  insightTraining,
  insightTrainingMonthly,
} from '../../src/db/schema.ts';
import { monthStart, ukToday } from '../../src/domain/insight/insight-calendar.ts';
import type { TestHub } from './test-hub.ts';

/**
 * Workforce insight rollup rows written directly, as the rollup triggers (issue 14 step 4–7) would
 * leave them, so the insight repository, service, pages and API can be tested before those land.
 * Every helper first removes what it is about to write for its organisations, so the fixture is
 * exact whatever triggers fill in as accounts are created.
 *
 * The tree: national ─ region ─ ics ─ trust (42 people: 37 real, 5 synthetic)
 *                                   ├ otherTrust (6: a small count)
 *                                   └ pcn ─ practice (12)
 * The ICS, region and nation hold 60. Small counts are planted throughout (5 doctors, 3 Drivers,
 * 3 at familiarity, 5 training due, 4 not started, 6 people in the other trust).
 */
export async function createInsightTree(hub: TestHub) {
  const add = (kind: Parameters<TestHub['services']['organisations']['createOrganisation']>[0]['kind'], name: string, parentId: string | null) =>
    hub.services.organisations.createOrganisation({ kind, name, parentId });
  const suffix = randomUUID().slice(0, 6);
  const national = await add('national', `NHS England ${suffix}`, null);
  const region = await add('region', 'North region', national.id);
  const ics = await add('integrated-care-system', 'Riverside ICS', region.id);
  const trust = await add('trust', 'Riverside Trust', ics.id);
  const otherTrust = await add('trust', 'Hillside Trust', ics.id);
  const pcn = await add('primary-care-network', 'Riverside PCN', ics.id);
  const practice = await add('practice', 'Riverside Surgery', pcn.id);
  return { national, region, ics, trust, otherTrust, pcn, practice };
}
export type InsightTree = Awaited<ReturnType<typeof createInsightTree>>;

export const DEPLOYMENT_ID = '00000000-0000-4000-8000-0000000000d1';
const PRODUCT_ID = '00000000-0000-4000-8000-0000000000a1';

type Cell = { dimension: string; value: string };
const ALL: Cell = { dimension: 'all', value: '*' };

/** The trust's people by every breakdown. */
const TRUST_PEOPLE: Array<Cell & { people: number; synthetic?: boolean }> = [
  { ...ALL, people: 37 },
  { ...ALL, people: 5, synthetic: true },
  { dimension: 'professional_group', value: 'nursing-midwifery-and-health-visiting', people: 23 },
  { dimension: 'professional_group', value: 'medical-and-dental', people: 5 },
  { dimension: 'professional_group', value: 'management-and-administration', people: 14 },
  { dimension: 'setting', value: 'acute', people: 40 },
  { dimension: 'setting', value: '', people: 2 },
  { dimension: 'archetype', value: 'user', people: 42 },
  { dimension: 'archetype', value: 'embedder', people: 9 },
  { dimension: 'archetype', value: 'driver', people: 3 },
  { dimension: 'clinical', value: 'true', people: 30 },
  { dimension: 'clinical', value: 'false', people: 12 },
  { dimension: 'organisation_kind', value: 'trust', people: 42 },
];

/** Removes, then writes, the rollups of one organisation: the same figures in every table the views read. */
async function writeRollups(hub: TestHub, organisationId: string, scale: (n: number) => number, everyone: number) {
  const db = hub.database.db;
  const { id: frameworkId, version: frameworkVersion } = hub.services.assessmentFramework();
  const org = { organisationId, synthetic: false };
  const people = TRUST_PEOPLE.map((p) => ({ ...org, dimension: p.dimension, value: p.value, synthetic: p.synthetic ?? false, people: p.dimension === 'all' && !p.synthetic ? everyone - scale(5) : scale(p.people) }));
  const byGroup = [
    { ...ALL, people: everyone, applicable: everyone * 10, metSelf: everyone * 5, metVerified: everyone },
    { dimension: 'professional_group', value: 'nursing-midwifery-and-health-visiting', people: 23, applicable: 230, metSelf: 115, metVerified: 40 },
    { dimension: 'professional_group', value: 'medical-and-dental', people: 5, applicable: 50, metSelf: 10, metVerified: 5 },
  ];
  await db.insert(insightPeople).values(people);
  await db.insert(insightRequirements).values([
    ...byGroup.map((g) => ({ ...org, ...g, frameworkId, frameworkVersion, tier: 'foundational', archetype: '', factor: 'ai-literacy' })),
    { ...org, ...ALL, frameworkId, frameworkVersion, tier: 'advanced', archetype: 'driver', factor: 'governance', people: 3, applicable: 30, metSelf: 20, metVerified: 5 },
  ]);
  await db.insert(insightTopicLevels).values(
    [['awareness', 20], ['familiarity', 3], ['understanding', scale(10)]].map(([level, n]) => ({ ...org, ...ALL, frameworkId, topicId: 'ai-applications-in-health', basis: 'self' as const, level: String(level), people: Number(n) })),
  );
  const far = '2999-01-01';
  await db.insert(insightTraining).values([
    { state: 'current' as const, started: true, dueOn: 'infinity', people: 20 },
    { state: 'owed' as const, started: true, dueOn: far, people: 5 },
    { state: 'owed' as const, started: false, dueOn: '2020-01-01', people: 10 },
    { state: 'owed' as const, started: false, dueOn: 'infinity', people: 4 },
    { state: 'not-required' as const, started: false, dueOn: 'infinity', people: 3 },
  ].map((t) => ({ ...org, ...ALL, productId: PRODUCT_ID, deploymentId: DEPLOYMENT_ID, ...t })));
  await db.insert(insightJourneys).values([
    { ...org, ...ALL, frameworkId, peopleWithJourney: 30, journeysStarted: 20, itemsPlanned: 240, itemsCompleted: 100, minutesPlanned: 3000, minutesDone: 1200 },
    { ...org, dimension: 'professional_group', value: 'medical-and-dental', frameworkId, peopleWithJourney: 4, journeysStarted: 2, itemsPlanned: 32, itemsCompleted: 9, minutesPlanned: 400, minutesDone: 90 },
  ]);
}

/**
 * Monthly net changes for trends: 30 people before the window (an opening balance), 8 joining two
 * months ago and the rest this month; 10 people owing training due on the 15th six months ago,
 * so they are not started until that month and overdue from then on.
 */
async function writeMonthly(hub: TestHub, organisationId: string, everyone: number, now = new Date()) {
  const db = hub.database.db;
  const { id: frameworkId } = hub.services.assessmentFramework();
  const current = monthStart(ukToday(now));
  const key = { organisationId, ...ALL, synthetic: false };
  await db.insert(insightPeopleMonthly).values([
    { ...key, month: '0001-01-01', people: 30 },
    { ...key, month: monthStart(current, -2), people: 8 },
    { ...key, month: current, people: everyone - 38 },
  ]);
  const dueOn = `${monthStart(current, -6).slice(0, 8)}15`;
  await db.insert(insightTrainingMonthly).values({ ...key, productId: PRODUCT_ID, deploymentId: DEPLOYMENT_ID, state: 'owed', started: false, dueOn, month: '0001-01-01', people: 10 });
  // 20 aware of one topic before the window; this month 3 of them move on to familiarity.
  const topic = { ...key, frameworkId, topicId: 'ai-applications-in-health', basis: 'self' as const };
  await db.insert(insightTopicLevelsMonthly).values([
    { ...topic, level: 'awareness', month: '0001-01-01', people: 20 },
    { ...topic, level: 'awareness', month: current, people: -3 },
    { ...topic, level: 'familiarity', month: current, people: 3 },
  ]);
  await db.insert(insightJourneysMonthly).values({ ...key, frameworkId, month: monthStart(current, -1), peopleWithJourney: 30, journeysStarted: 20, itemsPlanned: 240, itemsCompleted: 100, minutesPlanned: 3000, minutesDone: 1200 });
  return { dueOn };
}

const ROLLUP_TABLES = [insightPeople, insightPeopleMonthly, insightRequirements, insightTopicLevels, insightTopicLevelsMonthly, insightTraining, insightTrainingMonthly, insightJourneys, insightJourneysMonthly] as const;

/** Fills the tree's rollups: the trust as above, the other trust 6 people, the practice and PCN 12, the ICS and above 60. */
export async function seedInsightRollups(hub: TestHub, tree: InsightTree) {
  const ids = Object.values(tree).map((o) => o.id);
  for (const table of ROLLUP_TABLES) await hub.database.db.delete(table).where(inArray(table.organisationId, ids));
  const same = (n: number) => n;
  await writeRollups(hub, tree.trust.id, same, 42);
  await hub.database.db.insert(insightPeople).values({ organisationId: tree.otherTrust.id, ...ALL, synthetic: false, people: 6 });
  for (const o of [tree.pcn, tree.practice]) await hub.database.db.insert(insightPeople).values({ organisationId: o.id, ...ALL, synthetic: false, people: 12 });
  for (const o of [tree.ics, tree.region, tree.national]) await writeRollups(hub, o.id, same, 60);
  const monthly = await writeMonthly(hub, tree.national.id, 60);
  await writeMonthly(hub, tree.trust.id, 42);
  return monthly;
}
