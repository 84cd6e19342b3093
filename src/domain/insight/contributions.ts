import type { AssessmentSummary } from '../assessment/assessment-summary.ts';
import type { TrainingCurrency } from '../products/currency.ts';

/**
 * A person's contribution to workforce insight (docs/scale.md §2.4), worked out from what the
 * domain already decides for them: their assessment summary, their training currency, their
 * journey. The rollups only add these up, so no rule is written twice.
 */

/** One (tier, archetype, factor) cell of a person's requirement standing. */
export interface StandingCell {
  tier: string;
  /** The archetype of an advanced requirement; '' for foundational and product-specific ones. */
  archetype: string;
  /** The requirement's own factor (top-level or sub-factor), as the summary's byFactor. */
  factor: string;
  applicable: number;
  metSelf: number;
  metVerified: number;
}

/**
 * The summary a learner sees, on both bases, cut into cells. The two summaries come from the same
 * applicable list (summariseAssessment keeps its order), so item i is the same requirement in both.
 */
export function standingCells(selfRated: AssessmentSummary, verified: AssessmentSummary): StandingCell[] {
  if (selfRated.items.length !== verified.items.length) throw new Error('the two summaries must cover the same requirements');
  const cells = new Map<string, StandingCell>();
  selfRated.items.forEach((item, i) => {
    const { requirement } = item.applicable;
    const archetype = requirement.tier === 'advanced' ? (requirement.archetype ?? '') : '';
    const key = `${requirement.tier}\u0000${archetype}\u0000${requirement.factor}`;
    const cell = cells.get(key) ?? { tier: requirement.tier, archetype, factor: requirement.factor, applicable: 0, metSelf: 0, metVerified: 0 };
    cell.applicable += 1;
    if (item.status === 'met') cell.metSelf += 1;
    if (verified.items[i]?.status === 'met') cell.metVerified += 1;
    cells.set(key, cell);
  });
  return [...cells.values()];
}

/** The parts of training currency that do not change with the clock (§2.4); due and overdue are told apart when read. */
export interface CurrencyContribution {
  state: 'current' | 'owed' | 'not-required';
  /** Whether the person has passed any version. */
  started: boolean;
  /** The UK date of the due instant, or 'infinity' when nothing is owed by a date. */
  dueOn: string;
}

const UK_DATE_PARTS = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** YYYY-MM-DD of the day in the UK on which an instant falls. */
export function ukDate(at: Date): string {
  const part = (type: string) => UK_DATE_PARTS.formatToParts(at).find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function currencyContribution(currency: TrainingCurrency): CurrencyContribution {
  const started = currency.lastPassedVersionId !== null;
  if (currency.status === 'current' || currency.status === 'not-required') return { state: currency.status, started, dueOn: 'infinity' };
  return { state: 'owed', started, dueOn: currency.dueBy ? ukDate(currency.dueBy) : 'infinity' };
}

export type JourneyItemStatus = 'planned' | 'started' | 'completed' | 'removed' | 'swapped';

export interface JourneyProgressItem {
  /** In the person's active journey (else an archived one, whose completed items still count). */
  active: boolean;
  status: JourneyItemStatus;
  durationMinutes: number;
}

export interface JourneyProgress {
  started: number;
  itemsPlanned: number;
  itemsCompleted: number;
  minutesPlanned: number;
  minutesDone: number;
}

/**
 * Journey progress as the journey page shows it: the plan is the active journey's planned and
 * started items plus everything completed in any journey (a new plan archives the old one, not the
 * learning); started once anything is under way or done.
 */
export function journeyProgress(items: readonly JourneyProgressItem[]): JourneyProgress {
  const upcoming = items.filter((i) => i.active && (i.status === 'planned' || i.status === 'started'));
  const completed = items.filter((i) => i.status === 'completed');
  const minutes = (list: readonly JourneyProgressItem[]) => list.reduce((sum, i) => sum + i.durationMinutes, 0);
  const minutesDone = minutes(completed);
  return {
    started: completed.length > 0 || upcoming.some((i) => i.status === 'started') ? 1 : 0,
    itemsPlanned: upcoming.length + completed.length,
    itemsCompleted: completed.length,
    minutesPlanned: minutes(upcoming) + minutesDone,
    minutesDone,
  };
}
