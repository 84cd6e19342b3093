import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import { rollupSpec } from '../src/db/insight/rollup-specs.ts';
import { people, profiles } from '../src/db/schema.ts';
import { listApplicableRequirements } from '../src/domain/applicability/applicability.ts';
import { monthStart, runningTotals, trendMonths, ukToday } from '../src/domain/insight/insight-calendar.ts';
import { assessmentSummaries } from '../src/services/assessment/assessment-summaries.ts';
import { applicabilityOf } from '../src/services/assessment/profile.service.ts';
import { createInsightTree } from './support/insight-fixtures.ts';
import { keptCells } from './support/insight-recount.ts';
import { requirementShareOf } from './support/insight-workforce.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { FRAMEWORK_ID } from './support/verification-fixtures.ts';

/**
 * The requirement trend rebuilt from rating history (issue 14 §1): five practice staff whose
 * back-dated ratings move their standing in known months. Each month's figure must equal a recount
 * from each person's own summary with the levels they held at that month's end.
 */

type Levels = Record<string, string>;
/** A person's joining month and self-ratings as offsets from this month (0 is this month, −6 six months ago). */
interface Plan { joined: number; ratings: Array<{ offset: number; levels: 'top' | 'low' }> }
const PLANS: Plan[] = [
  { joined: -13, ratings: [{ offset: -6, levels: 'top' }] },
  { joined: -13, ratings: [{ offset: -3, levels: 'top' }] },
  { joined: -13, ratings: [{ offset: -9, levels: 'top' }, { offset: -2, levels: 'low' }] },
  { joined: -13, ratings: [] },
  { joined: -2, ratings: [{ offset: 0, levels: 'top' }] },
];

/** UK noon on the fourth of the month `offset` months from today's (today itself for this month, so nothing is in the future). */
const dayIn = (today: string, offset: number) => (offset === 0 ? new Date() : new Date(`${monthStart(today, offset).slice(0, 8)}04T12:00:00Z`));

describe.each(databaseTargets())('the requirement trend rebuilt from history on $name', (target) => {
  let hub: TestHub;
  let practiceId: string;
  let ids: string[];
  const today = ukToday(new Date());

  const levelsFor = (kind: 'top' | 'low') => {
    const top = { knowledge: 'understanding', skill: 'proficiency' } as const;
    return Object.fromEntries((hub.services.assessmentFramework().index.doc.topics ?? []).map((t) => [t.id, kind === 'top' ? top[t.kind] : t.kind === 'knowledge' ? 'awareness' : top.skill]));
  };

  beforeAll(async () => {
    hub = await createTestHub(target);
    const tree = await createInsightTree(hub);
    practiceId = tree.practice.id;
    const rows = PLANS.map((plan, i) => ({ id: randomUUID(), organisationId: practiceId, email: `history.${i}.${randomUUID().slice(0, 8)}@example.nhs.uk`, displayName: `History ${i + 1}`, createdAt: dayIn(today, plan.joined) }));
    await hub.database.db.insert(people).values(rows);
    await hub.database.db.insert(profiles).values(rows.map((r) => ({ personId: r.id, organisationId: practiceId, archetypes: ['user'], professionalGroup: 'allied-health-professionals', setting: 'primary-care', clinicalDecisionMaking: true })));
    ids = rows.map((r) => r.id);
    const { version } = hub.services.assessmentFramework();
    const repositories = createRepositories(hub.database.db);
    for (const [i, plan] of PLANS.entries()) {
      for (const rating of plan.ratings) {
        await repositories.assessments.insertRatings(Object.entries(levelsFor(rating.levels)).map(([topicId, level]) => ({ organisationId: practiceId, personId: ids[i]!, frameworkId: FRAMEWORK_ID, frameworkVersion: version, topicId, level, ratedAt: dayIn(today, rating.offset) })));
      }
    }
    await hub.services.insightRefresh.refreshAllContributions();
  });
  afterAll(async () => hub?.close());

  /** The practice's self-rated met and applicable counts at each trend month's end, as insight reads them. */
  async function trend() {
    const months = trendMonths(today);
    const rows = await createRepositories(hub.database.db).insight.listRequirementsMonthly({ organisationIds: [practiceId], dimension: 'all', includeSynthetic: false, upToMonth: months[months.length - 1]!.month, frameworkId: FRAMEWORK_ID });
    const byMonth = runningTotals(rows, months, (r) => `${r.tier}/${r.archetype}/${r.factor}`, (total: (typeof rows)[number] | undefined, r) => (total ? { ...r, applicable: total.applicable + r.applicable, metSelf: total.metSelf + r.metSelf } : { ...r }));
    return months.map((m, i) => {
      const cells = byMonth[i]?.rows ?? [];
      return { month: m.month, applicable: cells.reduce((n, c) => n + c.applicable, 0), met: cells.reduce((n, c) => n + c.metSelf, 0) };
    });
  }

  /** The same, from each person's own summary over the levels they held at the month's end. */
  function recount() {
    const { index } = hub.services.assessmentFramework();
    const applicability = applicabilityOf({ archetypes: ['user'], clinicalDecisionMaking: true }, [], []);
    const applicable = listApplicableRequirements(index, applicability);
    return trendMonths(today).map(({ month }, i) => {
      const offset = i - 12;
      let met = 0;
      let total = 0;
      for (const plan of PLANS.filter((p) => p.joined <= offset)) {
        const last = plan.ratings.filter((r) => r.offset <= offset).at(-1);
        const levels: Levels = last ? levelsFor(last.levels) : {};
        const { selfRated } = assessmentSummaries(index, applicable, applicability, { self: (t) => levels[t], verified: () => undefined });
        met += selfRated.overall.met;
        total += selfRated.overall.total;
      }
      return { month, applicable: total, met };
    });
  }

  it('shows only this month before the rebuild, and every month after it, equal to the recount', async () => {
    const before = await trend();
    expect(before.slice(0, -1).every((m) => m.applicable === 0)).toBe(true);

    const result = await hub.services.requirementHistory.rebuildRequirementMonths();
    expect(result.people).toBeGreaterThanOrEqual(PLANS.length);

    const after = await trend();
    const expected = recount();
    expect(after).toEqual(expected);
    const share = (m: { met: number; applicable: number }) => m.met / m.applicable;
    // The share rises when people rate (−9, −6, −3), falls when one lowers their levels (−2).
    expect(share(after[12 - 9]!)).toBeGreaterThan(share(after[12 - 10]!));
    expect(share(after[12 - 6]!)).toBeGreaterThan(share(after[12 - 7]!));
    expect(share(after[12 - 3]!)).toBeGreaterThan(share(after[12 - 4]!));
    expect(share(after[12 - 2]!)).toBeLessThan(share(after[12 - 3]!));
    // This month agrees with what the people see on their own self-assessment pages.
    expect(Math.round(100 * share(after[12]!))).toBe(await requirementShareOf(hub, ids));
  });

  it('leaves the monthly twin summing to the rollup, and a second rebuild changes nothing', async () => {
    const spec = rollupSpec('insight_requirements');
    expect(Object.fromEntries(await keptCells(hub, spec, 'insight_requirements_monthly'))).toEqual(Object.fromEntries(await keptCells(hub, spec)));
    const snapshot = async () => (await hub.database.db.execute(sql`select * from insight_requirements_monthly order by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`) as unknown as { rows: unknown[] }).rows;
    const first = await snapshot();
    await hub.services.requirementHistory.rebuildRequirementMonths();
    expect(await snapshot()).toEqual(first);
  });
});
