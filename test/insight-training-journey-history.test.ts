import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import { rollupSpec } from '../src/db/insight/rollup-specs.ts';
import { aiDeployments, aiDeploymentUsers, aiProducts, auditEvents, aiProductVersions, journeyItems, journeys, learningResources, moduleAttempts, people, productModules, profiles } from '../src/db/schema.ts';
import { monthStart, runningTotals, trainingStatusOn, trendMonths, ukToday } from '../src/domain/insight/insight-calendar.ts';
import type { TrainingStatus } from '../src/domain/insight/insight-calendar.ts';
import { INSIGHT_PATHS } from '../src/web/insight/insight.paths.ts';
import { createInsightTree } from './support/insight-fixtures.ts';
import { keptCells } from './support/insight-recount.ts';
import { createTestPerson, signIn } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { FRAMEWORK_ID } from './support/verification-fixtures.ts';

/**
 * The training currency and journey trends rebuilt from history (issue 14 §1): five practice staff
 * whose back-dated links, passes, due dates and journey items change their standing in known
 * months. Each month's figure, read as the trends page reads it, must equal a recount of what each
 * person's facts say at that month's end, written out by hand below.
 */

const ITEM_MINUTES = 30;
/** UK noon on the fourth of the month `offset` months from today's (now itself for this month). */
const dayIn = (today: string, offset: number) => (offset === 0 ? new Date() : new Date(`${monthStart(today, offset).slice(0, 8)}04T12:00:00Z`));
const dueOnThe15th = (today: string, offset: number) => new Date(`${monthStart(today, offset).slice(0, 8)}15T12:00:00Z`);
const OFFSETS = Array.from({ length: 13 }, (_, i) => i - 12);

/**
 * Each person's training status at the end of the month `offset` months from this one (null: not
 * linked, or not counted yet). The deployment goes live on 1.0 in month −10, and moves to 2.0
 * (refresher required) in month −4, though 2.0 was released in −5: its recorded changes decide.
 */
const TRAINING: Array<(offset: number) => TrainingStatus | null> = [
  // Linked −10, due the 15th of −3, passes 1.0 in −8 and 2.0 in −1: current until 2.0 asks for a refresher.
  (k) => (k < -10 ? null : k < -8 ? 'not-started' : k < -4 ? 'current' : k === -4 ? 'due' : k < -1 ? 'overdue' : 'current'),
  // Linked −10, due the 15th of −6, never passes: overdue from the month the date passes.
  (k) => (k < -10 ? null : k < -6 ? 'not-started' : 'overdue'),
  // Linked −10, due ahead, passes 2.0 in −3: current from March if March is −3.
  (k) => (k < -10 ? null : k < -3 ? 'not-started' : 'current'),
  // Linked −6, unlinked −2, due ahead.
  (k) => (k < -6 || k >= -2 ? null : 'not-started'),
  // Joined and linked −2, due ahead.
  (k) => (k < -2 ? null : 'not-started'),
];

interface Progress { started: number; planned: number; completed: number }
/** Each person's journey at the end of the month `offset` months from this one (null: none active). */
const JOURNEYS: Array<(offset: number) => Progress | null> = [
  // Journey −8 of four items: one started −7 and completed −5, one removed −4, one completed −2.
  (k) => (k < -8 ? null : k === -8 ? { started: 0, planned: 4, completed: 0 } : k < -5 ? { started: 1, planned: 4, completed: 0 } : k === -5 ? { started: 1, planned: 4, completed: 1 } : k < -2 ? { started: 1, planned: 3, completed: 1 } : { started: 1, planned: 3, completed: 2 }),
  // Journey −10 of two items, one completed −9; re-planned −3 (archived) into two new items, one started −1.
  (k) => (k < -10 ? null : k === -10 ? { started: 0, planned: 2, completed: 0 } : k < -3 ? { started: 1, planned: 2, completed: 1 } : { started: 1, planned: 3, completed: 1 }),
  () => null,
  () => null,
  // Joined −2 with a journey of one planned item.
  (k) => (k < -2 ? null : { started: 0, planned: 1, completed: 0 }),
];
const JOINED = [-13, -13, -13, -13, -2];

describe.each(databaseTargets())('the training and journey trends rebuilt from history on $name', (target) => {
  let hub: TestHub;
  let practiceId: string;
  let nationalId: string;
  const today = ukToday(new Date());
  const at = (offset: number) => dayIn(today, offset);

  beforeAll(async () => {
    hub = await createTestHub(target);
    const tree = await createInsightTree(hub);
    practiceId = tree.practice.id;
    nationalId = tree.national.id;
    const db = hub.database.db;
    const rows = JOINED.map((joined, i) => ({ id: randomUUID(), organisationId: practiceId, email: `trend.${i}.${randomUUID().slice(0, 8)}@example.nhs.uk`, displayName: `Trend ${i + 1}`, createdAt: at(joined) }));
    await db.insert(people).values(rows);
    await db.insert(profiles).values(rows.map((r) => ({ personId: r.id, organisationId: practiceId, archetypes: ['user'], professionalGroup: 'allied-health-professionals', setting: 'primary-care', clinicalDecisionMaking: true })));
    const ids = rows.map((r) => r.id);
    await plantTraining(ids);
    await plantJourneys(ids);
    await hub.services.insightRefresh.refreshAllContributions();
  });
  afterAll(async () => hub?.close());

  async function plantTraining(ids: string[]) {
    const db = hub.database.db;
    const organisationId = practiceId;
    const createdBy = ids[0]!;
    const [product] = await db.insert(aiProducts).values({ organisationId, name: 'tri-X', manufacturer: 'Triadix', intendedUse: 'Prioritises chest X-rays.', clinicalDecisionMaking: true, autonomy: 'human-in-the-loop', createdBy }).returning();
    const version = (label: string, released: Date, trainingImpact: 'none' | 'refresher-required') => ({ organisationId, productId: product!.id, label, releasedOn: released.toISOString().slice(0, 10), releaseNotes: label, trainingImpact, createdBy });
    const [v1, v2] = await db.insert(aiProductVersions).values([version('1.0', new Date(Date.now() - 500 * 86_400_000), 'none'), version('2.0', at(-5), 'refresher-required')]).returning();
    const [m1, m2] = await db.insert(productModules).values([v1!, v2!].map((v) => ({ organisationId, productId: product!.id, productVersionId: v.id, status: 'published' as const, sections: {}, knowledgeCheck: { passMarkPercent: 100, questions: [] }, createdBy, publishedAt: at(-12) }))).returning();
    const [deployment] = await db.insert(aiDeployments).values({ organisationId, productId: product!.id, liveVersionId: v2!.id, status: 'live', startedOn: at(-12).toISOString().slice(0, 10), liveSince: at(-10).toISOString().slice(0, 10), createdBy }).returning();
    const change = (offset: number, from: { status: string; liveVersionId: string | null }, to: { status: string; liveVersionId?: string }) =>
      ({ organisationId, actorId: createdBy, subjectId: product!.id, action: 'deployment.changed', detail: { deploymentId: deployment!.id, from, to, refresher: false }, at: at(offset) });
    await db.insert(auditEvents).values([change(-10, { status: 'evaluating', liveVersionId: null }, { status: 'live', liveVersionId: v1!.id }), change(-4, { status: 'live', liveVersionId: v1!.id }, { status: 'live', liveVersionId: v2!.id })]);
    const ahead = new Date(Date.now() + 20 * 86_400_000);
    const link = (i: number, linked: number, dueBy: Date, unlinked: number | null = null) => ({ organisationId, deploymentId: deployment!.id, personId: ids[i]!, source: 'assigned' as const, linkedBy: createdBy, linkedAt: at(linked), dueBy, unlinkedAt: unlinked === null ? null : at(unlinked) });
    await db.insert(aiDeploymentUsers).values([link(0, -10, dueOnThe15th(today, -3)), link(1, -10, dueOnThe15th(today, -6)), link(2, -10, ahead), link(3, -6, ahead, -2), link(4, -2, ahead)]);
    const pass = (i: number, m: typeof m1, offset: number) => ({ organisationId, personId: ids[i]!, moduleId: m!.id, productVersionId: m!.productVersionId, answers: {}, correct: 1, total: 1, passed: true, attemptedAt: at(offset) });
    await db.insert(moduleAttempts).values([pass(0, m1, -8), pass(0, m2, -1), pass(2, m2, -3)]);
  }

  async function plantJourneys(ids: string[]) {
    const db = hub.database.db;
    const organisationId = practiceId;
    const { version } = hub.services.assessmentFramework();
    const [resource] = await db.insert(learningResources).values({
      organisationId, frameworkId: FRAMEWORK_ID, title: 'AI in practice', provider: 'Test provider', url: 'https://example.org/learning', description: 'For the trend tests.',
      format: 'e-learning', durationMinutes: ITEM_MINUTES, vendorNeutral: true, status: 'published', createdBy: ids[0]!, publishedAt: at(-12),
    }).returning();
    const journey = (i: number, created: number, archived: number | null) => ({ id: randomUUID(), organisationId, personId: ids[i]!, frameworkId: FRAMEWORK_ID, frameworkVersion: version, settings: {}, planner: {}, status: archived === null ? ('active' as const) : ('archived' as const), createdAt: at(created), archivedAt: archived === null ? null : at(archived) });
    const [a, b1, b2, d] = [journey(0, -8, null), journey(1, -10, -3), journey(1, -3, null), journey(4, -2, null)];
    await db.insert(journeys).values([a, b1, b2, d]);
    type Status = 'planned' | 'started' | 'completed' | 'removed';
    const item = (j: { id: string; createdAt: Date }, position: number, status: Status, times: { started?: number; completed?: number; removed?: number } = {}) => ({
      organisationId, journeyId: j.id, resourceId: resource!.id, position, closes: [], addedBecause: 'plan' as const, status, createdAt: j.createdAt,
      startedAt: times.started === undefined ? null : at(times.started), completedAt: times.completed === undefined ? null : at(times.completed), removedAt: times.removed === undefined ? null : at(times.removed),
    });
    await db.insert(journeyItems).values([
      item(a, 0, 'completed', { started: -7, completed: -5 }), item(a, 1, 'completed', { started: -2, completed: -2 }), item(a, 2, 'removed', { removed: -4 }), item(a, 3, 'planned'),
      item(b1, 0, 'completed', { started: -9, completed: -9 }), item(b1, 1, 'planned'),
      item(b2, 0, 'planned'), item(b2, 1, 'started', { started: -1 }),
      item(d, 0, 'planned'),
    ]);
  }

  const months = () => trendMonths(today);
  const base = () => ({ organisationIds: [practiceId], dimension: 'all' as const, includeSynthetic: false, upToMonth: months().at(-1)!.month });

  /** People per training status at each month's end, as the trends page reads them: each month judged on its own last day. */
  async function trainingTrend() {
    const rows = await createRepositories(hub.database.db).insight.listTrainingMonthly(base());
    const running = runningTotals(rows, months(), (r) => `${r.deploymentId}/${r.state}/${r.started}/${r.dueOn}`, (t: (typeof rows)[number] | undefined, r) => (t ? { ...r, people: t.people + r.people } : { ...r }));
    return months().map((m, i) => {
      const counts: Record<TrainingStatus, number> = { current: 0, due: 0, 'not-started': 0, overdue: 0 };
      for (const r of running[i]?.rows ?? []) {
        const status = trainingStatusOn(r, m.asOfDate);
        if (status) counts[status] += r.people;
      }
      return { month: m.month, ...counts };
    });
  }

  function trainingRecount() {
    return months().map(({ month }, i) => {
      const counts: Record<TrainingStatus, number> = { current: 0, due: 0, 'not-started': 0, overdue: 0 };
      for (const status of TRAINING.map((f, p) => (OFFSETS[i]! < JOINED[p]! ? null : f(OFFSETS[i]!)))) if (status) counts[status] += 1;
      return { month, ...counts };
    });
  }

  async function journeyTrend() {
    const rows = await createRepositories(hub.database.db).insight.listJourneysMonthly({ ...base(), frameworkId: FRAMEWORK_ID });
    type R = (typeof rows)[number];
    const add = (t: R | undefined, r: R): R => (t ? { ...r, peopleWithJourney: t.peopleWithJourney + r.peopleWithJourney, journeysStarted: t.journeysStarted + r.journeysStarted, itemsPlanned: t.itemsPlanned + r.itemsPlanned, itemsCompleted: t.itemsCompleted + r.itemsCompleted, minutesPlanned: t.minutesPlanned + r.minutesPlanned, minutesDone: t.minutesDone + r.minutesDone } : { ...r });
    return runningTotals(rows, months(), () => 'all', add).map(({ month, rows: [r] }) => ({
      month: month.month, people: r?.peopleWithJourney ?? 0, started: r?.journeysStarted ?? 0, planned: r?.itemsPlanned ?? 0, completed: r?.itemsCompleted ?? 0, minutesPlanned: r?.minutesPlanned ?? 0, minutesDone: r?.minutesDone ?? 0,
    }));
  }

  function journeyRecount() {
    return months().map(({ month }, i) => {
      const theirs = JOURNEYS.map((f) => f(OFFSETS[i]!)).filter((p): p is Progress => p !== null);
      const sum = (pick: (p: Progress) => number) => theirs.reduce((n, p) => n + pick(p), 0);
      return { month, people: theirs.length, started: sum((p) => p.started), planned: sum((p) => p.planned), completed: sum((p) => p.completed), minutesPlanned: ITEM_MINUTES * sum((p) => p.planned), minutesDone: ITEM_MINUTES * sum((p) => p.completed) };
    });
  }

  it('shows only this month before the rebuild, and every month after it equal to the recount', async () => {
    const empty = ({ month: _, ...figures }: { month: string } & Record<string, string | number>) => Object.values(figures).every((v) => v === 0);
    expect((await trainingTrend()).slice(0, -1).every(empty)).toBe(true);
    expect((await journeyTrend()).slice(0, -1).every(empty)).toBe(true);

    const result = await hub.services.historyTrends.rebuildAll();
    expect(result.training.people).toBeGreaterThanOrEqual(JOINED.length);

    expect(await trainingTrend()).toEqual(trainingRecount());
    expect(await journeyTrend()).toEqual(journeyRecount());
  });

  it('leaves each monthly twin summing to its rollup, and a second rebuild changes nothing', async () => {
    for (const rollup of ['insight_training', 'insight_journeys']) {
      const spec = rollupSpec(rollup);
      expect(Object.fromEntries(await keptCells(hub, spec, `${rollup}_monthly`))).toEqual(Object.fromEntries(await keptCells(hub, spec)));
    }
    const snapshot = async () =>
      Promise.all(['insight_training_monthly', 'insight_journeys_monthly'].map(async (table) => ((await hub.database.db.execute(sql.raw(`select * from ${table}`))) as unknown as { rows: unknown[] }).rows.map((r) => JSON.stringify(r)).sort()));
    const first = await snapshot();
    await hub.services.historyTrends.rebuildAll();
    expect(await snapshot()).toEqual(first);
  });

  it('draws the training and journey lines on the trends page from the rebuilt months, under disclosure control', async () => {
    await hub.services.historyTrends.rebuildAll();
    const admin = await createTestPerson(hub, { organisationId: nationalId, roles: ['platform-admin'] });
    const session = await signIn(hub.app, admin.email);
    const page = await session.get(INSIGHT_PATHS.view(nationalId, 'trends'));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Share of product training current by month');
    expect(page.body).toContain('Learning minutes done by month');
    type Figure = { suppressed: boolean; value: number | null };
    type Trends = { months: Array<{ training: Record<TrainingStatus, Figure>; journeys: Record<'peopleWithJourney' | 'itemsCompleted' | 'minutesDone', Figure> }> };
    // Nationally nothing is suppressed: the downloaded months are the recount.
    const national = (await session.get(INSIGHT_PATHS.download(nationalId, 'trends', 'json'))).json() as Trends;
    expect(national.months.map((m) => m.training.overdue.value)).toEqual(trainingRecount().map((m) => m.overdue));
    // Minutes are a measure over the people with a journey: over nobody there is no figure.
    expect(national.months.map((m) => m.journeys.minutesDone.value)).toEqual(journeyRecount().map((m) => (m.people === 0 ? null : m.minutesDone)));
    // In the practice every figure is over fewer than 8 people: suppressed (or 0, or none over nobody), never the number.
    const practice = (await session.get(INSIGHT_PATHS.download(practiceId, 'trends', 'json'))).json() as Trends;
    const figures = practice.months.flatMap((m) => [...Object.values(m.training), m.journeys.peopleWithJourney, m.journeys.minutesDone]);
    expect(figures.filter((f) => f.suppressed).length).toBeGreaterThan(0);
    expect(figures.filter((f) => f.value !== null && f.value !== 0)).toEqual([]);
  });
});
