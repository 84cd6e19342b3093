import type { ReducedModel } from './model-reduction.ts';
import type { PlanningProblem } from './planning-problem.ts';
import { EPSILON, SearchState } from './search-state.ts';

/**
 * Starts for HiGHS in the reduced model's columns. A start that an LP bound proves optimal (see
 * highs-solver.ts) spares the MILP altogether, and a near-optimal one makes the MILP short.
 * Moves are accepted only when lexicographically better: more weight, then fewer minutes.
 */

// Measured on the benchmark's instances: more candidates or passes found no better starts, and
// add-drop moves outside the LP's support found almost nothing for five times the time.
const ADD_DROP_PASSES = 4;
const SWAP_PASSES = 2;
/** Swap moves tried per pass: what the LP takes most of first, then best worth per minute. */
const SWAP_CANDIDATES = 20;

/**
 * From the greedy selection, cheaply: repaired (the reduction dropped resources it may have
 * used), filled under a budget, and trimmed. The LP rounding does the harder search.
 */
export function improveStart(problem: PlanningProblem, reduced: ReducedModel, start: ArrayLike<number>): Uint8Array {
  const state = new SearchState(problem, reduced);
  reduced.columns.forEach((_, c) => (start[c] ?? 0) > 0.5 && state.addClosure(c));
  if (state.budget === undefined) state.repairCover();
  else state.fill();
  state.dropRedundant();
  return state.x;
}

/**
 * From an LP relaxation solution: the columns it takes whole, completed greedily with a
 * preference for the columns it takes in part, then improved by local search.
 */
export function roundRelaxation(problem: PlanningProblem, reduced: ReducedModel, relaxed: ArrayLike<number>): Uint8Array {
  const state = new SearchState(problem, reduced);
  state.guide = relaxed;
  reduced.columns.forEach((_, c) => (relaxed[c] ?? 0) > 1 - 1e-6 && state.addClosure(c));
  if (state.budget === undefined) {
    state.repairCover();
    state.dropRedundant();
    for (let pass = 0; pass < ADD_DROP_PASSES && addDropPass(state); pass++);
  } else {
    if (state.spent > state.budget + EPSILON) state.dropUntilFits(new Set(), state.budget);
    improveWithinBudget(state);
  }
  return state.x;
}

function improveWithinBudget(state: SearchState): void {
  state.fill();
  state.dropRedundant();
  for (let pass = 0; pass < SWAP_PASSES && swapPass(state); pass++);
}

/** Without a budget: add each unselected column the LP uses and drop whatever it makes redundant; keep savings. */
function addDropPass(state: SearchState): boolean {
  let improved = false;
  for (let c = 0; c < state.x.length; c++) {
    if (state.x[c] || !((state.guide?.[c] ?? 1) > 1e-6)) continue;
    const [covered, spent] = [state.covered, state.spent];
    state.beginTrial();
    state.addClosure(c);
    state.dropRedundant(state.touchedBy(c));
    const better = state.isBetterThan(covered, spent);
    state.endTrial(better);
    improved ||= better;
  }
  return improved;
}

/** With a budget: add one column, drop the cheapest losses until it fits, refill; keep gains. */
function swapPass(state: SearchState): boolean {
  const budget = state.budget ?? Infinity;
  let improved = false;
  const candidates = [...state.x.keys()]
    .filter((c) => !state.x[c])
    .map((c) => ({ c, ...state.gain(c) }))
    .filter((g) => g.worth > 0 && g.extra <= budget + EPSILON)
    .sort((a, b) => (state.guide?.[b.c] ?? 0) - (state.guide?.[a.c] ?? 0) || b.worth / Math.max(b.extra, EPSILON) - a.worth / Math.max(a.extra, EPSILON))
    .slice(0, SWAP_CANDIDATES);
  for (const { c } of candidates) {
    if (state.x[c]) continue;
    const [covered, spent] = [state.covered, state.spent];
    state.beginTrial();
    state.addClosure(c);
    state.dropUntilFits(new Set(state.closure(c)), budget);
    if (state.spent <= budget + EPSILON) {
      state.dropRedundant(state.touchedBy(c));
      state.fill();
    }
    const better = state.spent <= budget + EPSILON && state.isBetterThan(covered, spent);
    state.endTrial(better);
    improved ||= better;
  }
  return improved;
}
