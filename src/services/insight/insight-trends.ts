import type { InsightRepository, JourneyRow, Monthly, PeopleRow, RequirementRow, TopicLevelRow, TrainingRow } from '../../db/insight.repository.ts';
import { NOT_YET } from '../../domain/assessment/requirement-status.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { discloseCount, discloseParts } from '../../domain/insight/disclosure.ts';
import type { DisclosedCount, DisclosedMeasure, DisclosedParts, DisclosedPercent, DisclosureScope } from '../../domain/insight/disclosure.ts';
import { runningTotals, TRAINING_STATUSES, trendMonths } from '../../domain/insight/insight-calendar.ts';
import type { TrainingStatus, TrendMonth } from '../../domain/insight/insight-calendar.ts';
import { discloseHeadline, emptyHeadline, headlinesBy } from './insight-headline.ts';
import { journeySummary } from './insight-views.ts';
import type { JourneySummary } from './insight-views.ts';

/** One month of an organisation's trend: the figures as they stood at its end (or today, for this month). */
export interface TrendPoint {
  month: string;
  isSoFar: boolean;
  people: DisclosedCount;
  requirementsSelf: DisclosedPercent;
  requirementsVerified: DisclosedPercent;
  training: Record<TrainingStatus, DisclosedCount>;
  trainingCurrent: DisclosedPercent;
  journeysStarted: DisclosedCount;
  minutesDone: DisclosedMeasure;
  /** Journeys as they stood at the month's end: people, started, items and minutes planned and done. */
  journeys: JourneySummary;
  /** Self-rated ratings at each level, summed over the topics of each kind (a person counts once per topic). */
  topicLevels: Array<{ kind: 'knowledge' | 'skill'; levels: DisclosedParts }>;
}

const sumRows = <R extends { month: string }>(fields: ReadonlyArray<keyof R>) => (total: R | undefined, row: R): R => {
  if (!total) return { ...row };
  const next = { ...total, month: row.month };
  for (const f of fields) (next[f] as number) = (total[f] as number) + (row[f] as number);
  return next;
};

const keyed = (...parts: Array<string | boolean>) => parts.join('\u0000');

/**
 * Figures by month from the monthly net changes (docs/scale.md §2.7): each month's state is the
 * running sum up to it, worked out exactly, and only then put under disclosure control, month by month.
 */
export async function trendOf(
  repo: InsightRepository,
  q: { organisationId: string; includeSynthetic: boolean; framework: { id: string; version: string }; today: string; scope: DisclosureScope; index: FrameworkIndex },
): Promise<TrendPoint[]> {
  const months = trendMonths(q.today);
  const base = { organisationIds: [q.organisationId], dimension: 'all' as const, includeSynthetic: q.includeSynthetic, upToMonth: months[months.length - 1]?.month ?? q.today };
  const [people, requirements, training, journeys, topics] = await Promise.all([
    repo.listPeopleMonthly(base),
    repo.listRequirementsMonthly({ ...base, frameworkId: q.framework.id }),
    repo.listTrainingMonthly(base),
    repo.listJourneysMonthly({ ...base, frameworkId: q.framework.id }),
    repo.listTopicLevelsMonthly({ ...base, frameworkId: q.framework.id, basis: 'self' }),
  ]);
  const running = {
    people: runningTotals<Monthly<PeopleRow>>(people, months, (r) => r.value, sumRows(['people'])),
    requirements: runningTotals<Monthly<RequirementRow>>(
      requirements.filter((r) => r.frameworkVersion === q.framework.version), months, (r) => keyed(r.tier, r.archetype, r.factor), sumRows(['people', 'applicable', 'metSelf', 'metVerified']),
    ),
    training: runningTotals<Monthly<TrainingRow>>(training, months, (r) => keyed(r.deploymentId, r.state, r.started, r.dueOn), sumRows(['people'])),
    journeys: runningTotals<Monthly<JourneyRow>>(journeys, months, () => 'all', sumRows(['peopleWithJourney', 'journeysStarted', 'itemsPlanned', 'itemsCompleted', 'minutesPlanned', 'minutesDone'])),
    topics: runningTotals<Monthly<TopicLevelRow>>(topics, months, (r) => keyed(r.topicId, r.level), sumRows(['people'])),
  };
  return months.map((month, i) => ({
    ...pointOf(month, { people: running.people[i]?.rows ?? [], requirements: running.requirements[i]?.rows ?? [], training: running.training[i]?.rows ?? [], journeys: running.journeys[i]?.rows ?? [] }, q.scope),
    topicLevels: topicLevelsOf(q.index, running.topics[i]?.rows ?? [], q.scope),
  }));
}

function pointOf(month: TrendMonth, rows: { people: PeopleRow[]; requirements: RequirementRow[]; training: TrainingRow[]; journeys: JourneyRow[] }, scope: DisclosureScope): Omit<TrendPoint, 'topicLevels'> {
  // A training row's status is judged on the day the month is shown at: its last day, or today.
  const exact = headlinesBy(rows, () => 'all', month.asOfDate).get('all') ?? emptyHeadline();
  const h = { ...exact, people: Math.max(0, exact.people) };
  const d = discloseHeadline(h, scope);
  const statusCounts = TRAINING_STATUSES.map((s) => ({ label: s, count: Math.max(0, h.training[s]) }));
  const parts = discloseParts(statusCounts, statusCounts.reduce((a, p) => a + p.count, 0), scope);
  return {
    month: month.month,
    isSoFar: month.isSoFar,
    people: discloseCount(h.people, scope),
    requirementsSelf: d.requirementsSelf,
    requirementsVerified: d.requirementsVerified,
    training: Object.fromEntries(parts.parts.map((p) => [p.label, p.count])) as Record<TrainingStatus, DisclosedCount>,
    trainingCurrent: d.trainingCurrent,
    journeysStarted: discloseCount(Math.max(0, Math.min(h.journeysStarted, h.journeyPeople)), scope),
    minutesDone: d.minutesDone,
    journeys: journeySummary(h, scope),
  };
}

/** Levels reached across each kind's topics at one month's end, controlled as parts of all those ratings. */
function topicLevelsOf(index: FrameworkIndex, rows: readonly TopicLevelRow[], scope: DisclosureScope): TrendPoint['topicLevels'] {
  const kindOf = new Map((index.doc.topics ?? []).map((t) => [t.id, t.kind]));
  return (['knowledge', 'skill'] as const).map((kind) => {
    const levels = [NOT_YET, ...[...index.doc.taxonomy[kind]].sort((a, b) => a.rank - b.rank).map((l) => l.id)];
    const parts = levels.map((level) => ({
      label: level,
      count: Math.max(0, rows.filter((r) => r.level === level && kindOf.get(r.topicId) === kind).reduce((a, r) => a + r.people, 0)),
    }));
    return { kind, levels: discloseParts(parts, parts.reduce((a, p) => a + p.count, 0), scope) };
  });
}
