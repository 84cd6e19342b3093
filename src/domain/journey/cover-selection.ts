import type { CoverResult } from './journey-types.ts';
import type { PlanningProblem } from './planning-problem.ts';

/** A selection as a 0/1 mask over the problem's resources. */
export type Selection = Uint8Array;

export interface SelectionValue {
  minutes: number;
  weight: number;
  /** Per gap: 1 when a selected resource closes it. */
  closed: Uint8Array;
  closesEveryClosable: boolean;
}

/** Sums run in index order so equal selections always give bit-identical totals. */
export function valueOf(problem: PlanningProblem, selected: Selection): SelectionValue {
  let minutes = 0;
  const closed = new Uint8Array(problem.gaps.length);
  selected.forEach((on, r) => {
    if (!on) return;
    minutes += problem.minutes[r] as number;
    for (const g of problem.closes[r] ?? []) closed[g] = 1;
  });
  let weight = 0;
  let closesEveryClosable = true;
  closed.forEach((on, g) => {
    if (on) weight += problem.weight[g] as number;
    else if (problem.closable[g]) closesEveryClosable = false;
  });
  return { minutes, weight, closed, closesEveryClosable };
}

/**
 * Weights are the caller's arbitrary numbers, so two different gap sets of equal true weight can
 * sum a few ulps apart; only that summation noise is treated as a tie.
 */
export function sameWeight(problem: PlanningProblem, a: number, b: number): boolean {
  let total = 0;
  for (const w of problem.weight) total += w;
  return Math.abs(a - b) <= 1e-10 * Math.max(1, total);
}

/** Without a budget: closes every closable gap, then fewer minutes. With one: more weight, then fewer minutes. */
export function isBetter(problem: PlanningProblem, a: SelectionValue, b: SelectionValue): boolean {
  if (problem.budget === undefined) {
    if (a.closesEveryClosable !== b.closesEveryClosable) return a.closesEveryClosable;
    return a.minutes < b.minutes;
  }
  if (!sameWeight(problem, a.weight, b.weight)) return a.weight > b.weight;
  return a.minutes < b.minutes;
}

export function fitsBudget(problem: PlanningProblem, selected: Selection): boolean {
  if (problem.budget === undefined) return true;
  const requiredMinutes = problem.required.reduce((sum, r) => sum + (problem.minutes[r] as number), 0);
  // Required resources are taken even beyond the budget; nothing else may be added then.
  return valueOf(problem, selected).minutes <= Math.max(problem.budget, requiredMinutes) + 1e-9;
}

export function withPrerequisites(problem: PlanningProblem, selected: Selection): Selection {
  const complete = Uint8Array.from(selected);
  for (const r of problem.required) complete[r] = 1;
  selected.forEach((on, r) => {
    if (on) for (const member of problem.closure(r)) complete[member] = 1;
  });
  return complete;
}

/**
 * Drops selected resources that are not required, not a prerequisite of another selected one, and
 * whose gaps stay closed without them (under a budget: whose loss costs no weight), longest first.
 */
export function removeRedundant(problem: PlanningProblem, selected: Selection): Selection {
  const kept = Uint8Array.from(selected);
  const required = new Set(problem.required);
  const closedBy = new Int32Array(problem.gaps.length);
  const dependents = new Int32Array(problem.resources.length);
  kept.forEach((on, r) => {
    if (!on) return;
    for (const g of problem.closes[r] ?? []) closedBy[g] = (closedBy[g] as number) + 1;
    for (const p of problem.prerequisites[r] ?? []) if (p !== r) dependents[p] = (dependents[p] as number) + 1;
  });
  const candidates = [...kept.keys()].filter((r) => kept[r] && !required.has(r));
  candidates.sort((a, b) => (problem.minutes[b] as number) - (problem.minutes[a] as number) || b - a);
  const isNeeded = (g: number): boolean => closedBy[g] === 1 && (problem.budget === undefined || (problem.weight[g] as number) > 0);
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of candidates) {
      if (!kept[r] || dependents[r] || (problem.closes[r] ?? []).some(isNeeded)) continue;
      kept[r] = 0;
      changed = true;
      for (const g of problem.closes[r] ?? []) closedBy[g] = (closedBy[g] as number) - 1;
      for (const p of problem.prerequisites[r] ?? []) if (p !== r) dependents[p] = (dependents[p] as number) - 1;
    }
  }
  return kept;
}

export function toCoverResult(problem: PlanningProblem, selected: Selection): CoverResult {
  const value = valueOf(problem, selected);
  const gapIds = (test: (g: number) => boolean): string[] => problem.gaps.flatMap((gap, g) => (test(g) ? [gap.id] : []));
  return {
    selected: problem.resources.flatMap((resource, r) => (selected[r] ? [resource.id] : [])),
    totalMinutes: value.minutes,
    closed: gapIds((g) => value.closed[g] === 1),
    unclosable: gapIds((g) => !problem.closable[g]),
    outOfBudget: problem.budget === undefined ? [] : gapIds((g) => problem.closable[g] === 1 && !value.closed[g]),
    closedWeight: value.weight,
  };
}
