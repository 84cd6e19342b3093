import { randomUUID } from 'node:crypto';
import { aiDeployments, aiDeploymentUsers, aiProducts, aiProductVersions, journeyItems, journeys, learningResources, moduleAttempts, productModules } from '../../src/db/schema.ts';
import { wholePercent } from '../../src/domain/insight/disclosure.ts';
import { monthStart } from '../../src/domain/insight/insight-calendar.ts';
import type { TestHub } from './test-hub.ts';
import { FRAMEWORK_ID } from './verification-fixtures.ts';

/**
 * The training and journey facts of the insight workforce (test/support/insight-fixtures.ts),
 * inserted into the base tables as a bulk load would: the contribution writers work out what they
 * mean (currency from `trainingCurrency`, progress as the journey page counts it).
 */

const dayFrom = (today: string, days: number) => new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * A live deployment in the trust of a clinical product whose second version asks for a refresher.
 * Of `staff` (39): 20 passed the second version (current), 5 only the first (due, by a date ahead),
 * 4 have passed nothing and are due ahead (not started), and 10 passed nothing by a due date on
 * the 15th six months ago (overdue).
 */
export async function plantTraining(hub: TestHub, organisationId: string, createdBy: string, staff: readonly string[], today: string) {
  const db = hub.database.db;
  const [product] = await db.insert(aiProducts).values({ organisationId, name: 'tri-X', manufacturer: 'Triadix', intendedUse: 'Prioritises chest X-rays for review.', clinicalDecisionMaking: true, autonomy: 'human-in-the-loop', createdBy }).returning();
  const version = (label: string, daysAgo: number, trainingImpact: 'none' | 'refresher-required') =>
    ({ organisationId, productId: product!.id, label, releasedOn: isoDay(dayFrom(today, -daysAgo)), releaseNotes: `Release ${label}`, trainingImpact, createdBy });
  const [v1, v2] = await db.insert(aiProductVersions).values([version('1.0', 400, 'none'), version('2.0', 60, 'refresher-required')]).returning();
  const modules = await db.insert(productModules).values([v1!, v2!].map((v) => ({
    organisationId, productId: product!.id, productVersionId: v.id, status: 'published' as const, sections: {}, knowledgeCheck: { passMarkPercent: 100, questions: [] }, createdBy, publishedAt: dayFrom(today, -300),
  }))).returning();
  const [deployment] = await db.insert(aiDeployments).values({ organisationId, productId: product!.id, liveVersionId: v2!.id, status: 'live', startedOn: isoDay(dayFrom(today, -400)), liveSince: isoDay(dayFrom(today, -60)), createdBy }).returning();
  const dueOn = `${monthStart(today, -6).slice(0, 8)}15`;
  const ahead = dayFrom(today, 20);
  const dueBy = (i: number) => (i < 29 ? ahead : new Date(`${dueOn}T12:00:00Z`));
  await db.insert(aiDeploymentUsers).values(staff.map((personId, i) => ({ organisationId, deploymentId: deployment!.id, personId, source: 'assigned' as const, linkedBy: createdBy, linkedAt: dayFrom(today, -200), dueBy: dueBy(i) })));
  const pass = (personId: string, m: (typeof modules)[number]) => ({ organisationId, personId, moduleId: m.id, productVersionId: m.productVersionId, answers: {}, correct: 1, total: 1, passed: true, attemptedAt: dayFrom(today, -30) });
  await db.insert(moduleAttempts).values([...staff.slice(0, 20).map((p) => pass(p, modules[1]!)), ...staff.slice(20, 25).map((p) => pass(p, modules[0]!))]);
  return { productId: product!.id, deploymentId: deployment!.id, dueOn };
}

/** 25-minute items, 8 to a journey: 20 of the 30 people have completed 5 of theirs, 10 none. */
export const JOURNEY_ITEM_MINUTES = 25;

export async function plantJourneys(hub: TestHub, organisationId: string, createdBy: string, learners: readonly string[]) {
  const db = hub.database.db;
  const { version } = hub.services.assessmentFramework();
  const [resource] = await db.insert(learningResources).values({
    organisationId, frameworkId: FRAMEWORK_ID, title: 'AI in practice', provider: 'Test provider', url: 'https://example.org/learning', description: 'A resource for the insight tests.',
    format: 'e-learning', durationMinutes: JOURNEY_ITEM_MINUTES, vendorNeutral: true, status: 'published', createdBy, publishedAt: new Date(),
  }).returning();
  const rows = learners.map((personId) => ({ id: randomUUID(), organisationId, personId, frameworkId: FRAMEWORK_ID, frameworkVersion: version, settings: {}, planner: {} }));
  await db.insert(journeys).values(rows);
  await db.insert(journeyItems).values(rows.flatMap((j, n) => Array.from({ length: 8 }, (_, position) => ({
    organisationId, journeyId: j.id, resourceId: resource!.id, position, closes: [], addedBecause: 'plan' as const,
    status: n < 20 && position < 5 ? ('completed' as const) : ('planned' as const), completedAt: n < 20 && position < 5 ? new Date() : null,
  }))));
  return { people: learners.length, started: 20, itemsPlanned: learners.length * 8, itemsCompleted: 100, minutesPlanned: learners.length * 8 * JOURNEY_ITEM_MINUTES, minutesDone: 100 * JOURNEY_ITEM_MINUTES };
}

/**
 * The share of applicable requirements these people meet, self-rated, summed from the summaries
 * each of them sees on their own self-assessment page: what an insight figure must agree with.
 */
export async function requirementShareOf(hub: TestHub, personIds: readonly string[], cut: { tier?: string; topLevelFactor?: string } = {}): Promise<number> {
  let met = 0;
  let total = 0;
  for (const personId of personIds) {
    const person = (await hub.services.accounts.getPerson(personId))!;
    const viewer = { personId, organisationId: person.organisationId, displayName: person.displayName, email: person.email, roles: person.roles as never };
    const { summary } = await hub.services.selfAssessment.getSelfAssessment({ viewer, personId });
    const { selfRated } = summary;
    const counts = cut.tier !== undefined ? selfRated.byTier.find((t) => t.tier === cut.tier)?.counts
      : cut.topLevelFactor !== undefined ? selfRated.byTopLevelFactor.find((f) => f.factor.id === cut.topLevelFactor)?.counts
      : selfRated.overall;
    met += counts?.met ?? 0;
    total += counts?.total ?? 0;
  }
  return wholePercent(met, total);
}
