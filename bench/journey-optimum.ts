/**
 * The benchmark's reference optimum for journey plans: an independent model of the whole catalogue
 * (no reductions, nothing shared with the planner's model), written as CPLEX LP text and solved by
 * HiGHS's one-shot API (with a budget: most weight, then least minutes at that weight). A MIP gap
 * under one grain (the minutes' common divisor; whole weights) proves optimality.
 */
import type { Highs } from 'highs';
import type { CoverResult, PlanRequest } from '../src/domain/journey/index.ts';

export interface Outcome {
  minutes: number;
  weight: number;
}

function usableResources(request: PlanRequest): boolean[] {
  const index = new Map(request.resources.map((r, i) => [r.id, i]));
  const excluded = new Set(request.excluded ?? []);
  const usable = request.resources.map((r) => !excluded.has(r.id));
  for (let changed = true; changed; ) {
    changed = false;
    request.resources.forEach((r, i) => {
      if (usable[i] && r.prerequisites.some((p) => !index.has(p) || !usable[index.get(p) as number])) [usable[i], changed] = [false, true];
    });
  }
  return usable;
}

/** The whole catalogue as LP text: no reductions, nothing shared with the planner's model. */
export function lpText(request: PlanRequest, holdWeight?: number): string {
  const usable = usableResources(request);
  const gapIndex = new Map(request.gaps.map((g, i) => [g.id, i]));
  const closers: number[][] = request.gaps.map(() => []);
  request.resources.forEach((r, i) => {
    if (!usable[i]) return;
    const closed = new Set(r.outcomes.filter((o) => o.level >= (request.gaps[gapIndex.get(o.gap) as number]?.target ?? Infinity)).map((o) => gapIndex.get(o.gap) as number));
    for (const g of closed) closers[g]?.push(i);
  });
  const columns = request.resources.flatMap((_, i) => (usable[i] ? [i] : []));
  const rows = request.gaps.flatMap((_, g) => ((closers[g]?.length ?? 0) > 0 ? [g] : []));
  const budgeted = request.budgetMinutes !== undefined;
  const minutes = columns.map((i) => `${request.resources[i]?.minutes} x${i}`).join(' + ') || '0 zero';
  const weight = rows.map((g) => `${request.gaps[g]?.weight} y${g}`).join(' + ') || '0 zero';
  const lines = [budgeted && holdWeight === undefined ? 'Maximize' : 'Minimize', ` obj: ${budgeted && holdWeight === undefined ? weight : minutes}`, 'Subject To'];
  for (const g of rows) lines.push(` c${g}: ${(closers[g] ?? []).map((i) => `x${i}`).join(' + ')}${budgeted ? ` - y${g} >= 0` : ' >= 1'}`);
  let edge = 0;
  const index = new Map(request.resources.map((r, i) => [r.id, i]));
  for (const i of columns) for (const p of new Set(request.resources[i]?.prerequisites)) if (index.get(p) !== i) lines.push(` p${edge++}: x${index.get(p)} - x${i} >= 0`);
  if (budgeted) lines.push(` budget: ${minutes} <= ${request.budgetMinutes}`);
  if (holdWeight !== undefined) lines.push(` hold: ${weight} >= ${holdWeight}`);
  lines.push('Bounds', ' zero = 0', 'Binary', ` ${[...columns.map((i) => `x${i}`), ...(budgeted ? rows.map((g) => `y${g}`) : [])].join(' ')}`, 'End');
  return lines.join('\n');
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * Proven optimum, or undefined if HiGHS did not prove one within `seconds`. Presolve is off by
 * default (fastest on the realistic shape); the overlapping shape proves faster with it on.
 */
export function referenceOptimum(highs: Highs, request: PlanRequest, settings: { presolve?: 'on' | 'off'; seconds?: number } = {}): Outcome | undefined {
  const minutesGrain = request.resources.reduce((g, r) => gcd(g, r.minutes), 0) || 1;
  const options = { presolve: settings.presolve ?? 'off', mip_rel_gap: 0, ...(settings.seconds === undefined ? {} : { time_limit: settings.seconds }) } as const;
  if (request.budgetMinutes === undefined) {
    const result = highs.solve(lpText(request), { ...options, mip_abs_gap: minutesGrain * 0.99 });
    return result.Status === 'Optimal' ? { minutes: Math.round(result.ObjectiveValue), weight: NaN } : undefined;
  }
  const first = highs.solve(lpText(request), { ...options, mip_abs_gap: 0.99 });
  if (first.Status !== 'Optimal') return undefined;
  const weight = Math.round(first.ObjectiveValue);
  const second = highs.solve(lpText(request, weight - 0.5), { ...options, mip_abs_gap: minutesGrain * 0.99 });
  return second.Status === 'Optimal' ? { minutes: Math.round(second.ObjectiveValue), weight } : undefined;
}


/** Prerequisites included, nothing excluded, within the budget; without one, every closable gap closed. */
export function isValid(request: PlanRequest, result: CoverResult): boolean {
  const chosen = new Set(result.selected);
  const byId = new Map(request.resources.map((r) => [r.id, r]));
  const minutes = result.selected.reduce((sum, id) => sum + (byId.get(id)?.minutes ?? NaN), 0);
  const prerequisites = result.selected.every((id) => byId.get(id)?.prerequisites.every((p) => chosen.has(p)));
  const budget = request.budgetMinutes === undefined ? result.outOfBudget.length === 0 : minutes <= request.budgetMinutes;
  return prerequisites && budget && minutes === result.totalMinutes;
}
