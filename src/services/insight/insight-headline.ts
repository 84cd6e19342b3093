import type { InsightRepository, JourneyRow, PeopleRow, RequirementRow, RollupQuery, TrainingRow } from '../../db/insight.repository.ts';
import { discloseMeasure, discloseRequirementShare, discloseShare } from '../../domain/insight/disclosure.ts';
import type { DisclosedMeasure, DisclosedPercent, DisclosureScope } from '../../domain/insight/disclosure.ts';
import { trainingStatusOn } from '../../domain/insight/insight-calendar.ts';
import type { TrainingStatus } from '../../domain/insight/insight-calendar.ts';

/** One group's exact figures: an organisation's subtree, or one value of a breakdown. Never leaves the service. */
export interface ExactHeadline {
  people: number;
  /** The most people in any one requirement cell: a floor on how many people the shares describe. */
  requirementPeople: number;
  applicable: number;
  metSelf: number;
  metVerified: number;
  training: Record<TrainingStatus, number>;
  journeyPeople: number;
  journeysStarted: number;
  itemsPlanned: number;
  itemsCompleted: number;
  minutesPlanned: number;
  minutesDone: number;
}

/** The figures beside a group's count of people, each already under disclosure control. */
export interface DisclosedHeadline {
  requirementsSelf: DisclosedPercent;
  requirementsVerified: DisclosedPercent;
  trainingCurrent: DisclosedPercent;
  trainingOverdue: DisclosedPercent;
  journeysStarted: DisclosedPercent;
  minutesDone: DisclosedMeasure;
}

export const emptyHeadline = (): ExactHeadline => ({
  people: 0, requirementPeople: 0, applicable: 0, metSelf: 0, metVerified: 0,
  training: { current: 0, due: 0, 'not-started': 0, overdue: 0 },
  journeyPeople: 0, journeysStarted: 0, itemsPlanned: 0, itemsCompleted: 0, minutesPlanned: 0, minutesDone: 0,
});

type Keyed = { organisationId: string; value: string };

export interface HeadlineRows {
  people: PeopleRow[];
  requirements: RequirementRow[];
  training: TrainingRow[];
  journeys: JourneyRow[];
}

/** The four reads a headline needs, for a set of organisations and one breakdown, judged on `today`. */
export async function readHeadlineRows(repo: InsightRepository, q: RollupQuery, context: { framework: { id: string; version: string }; today: string }): Promise<HeadlineRows> {
  const { framework, today } = context;
  const [people, requirements, training, journeys] = await Promise.all([
    repo.listPeople(q),
    repo.listRequirements({ ...q, frameworkId: framework.id }),
    repo.listTraining({ ...q, today }),
    repo.listJourneys({ ...q, frameworkId: framework.id }),
  ]);
  return { people, requirements: requirements.filter((r) => r.frameworkVersion === framework.version), training, journeys };
}

/** Exact headlines per group, keyed by `keyOf` (the organisation, or the breakdown's value), judged on `today`. */
export function headlinesBy(rows: HeadlineRows, keyOf: (row: Keyed) => string, today: string): Map<string, ExactHeadline> {
  const out = new Map<string, ExactHeadline>();
  const at = (row: Keyed) => {
    const key = keyOf(row);
    let h = out.get(key);
    if (!h) out.set(key, (h = emptyHeadline()));
    return h;
  };
  for (const r of rows.people) at(r).people += r.people;
  for (const r of rows.requirements) {
    const h = at(r);
    h.requirementPeople = Math.max(h.requirementPeople, r.people);
    h.applicable += r.applicable;
    h.metSelf += r.metSelf;
    h.metVerified += r.metVerified;
  }
  for (const r of rows.training) {
    const status = trainingStatusOn(r, today);
    if (status) at(r).training[status] += r.people;
  }
  for (const r of rows.journeys) {
    const h = at(r);
    h.journeyPeople += r.peopleWithJourney;
    h.journeysStarted += r.journeysStarted;
    h.itemsPlanned += r.itemsPlanned;
    h.itemsCompleted += r.itemsCompleted;
    h.minutesPlanned += r.minutesPlanned;
    h.minutesDone += r.minutesDone;
  }
  return out;
}

export const trainingTotal = (h: ExactHeadline): number => h.training.current + h.training.due + h.training['not-started'] + h.training.overdue;

/** Shares are worked out from the exact figures, then controlled (docs/disclosure-control.md). */
export function discloseHeadline(h: ExactHeadline, scope: DisclosureScope): DisclosedHeadline {
  const total = trainingTotal(h);
  // Figures from different rollups may disagree for a moment while a backfill runs; a share over 100% would throw.
  const started = Math.min(h.journeysStarted, h.people);
  return {
    requirementsSelf: discloseRequirementShare(Math.min(h.metSelf, h.applicable), h.applicable, h.requirementPeople, scope),
    requirementsVerified: discloseRequirementShare(Math.min(h.metVerified, h.applicable), h.applicable, h.requirementPeople, scope),
    trainingCurrent: discloseShare(h.training.current, total, scope),
    trainingOverdue: discloseShare(h.training.overdue, total, scope),
    journeysStarted: discloseShare(started, h.people, scope),
    minutesDone: discloseMeasure({ value: h.minutesDone, people: h.journeyPeople }, scope),
  };
}
