import { isBetter, removeRedundant, toCoverResult, valueOf } from './cover-selection.ts';
import type { Selection } from './cover-selection.ts';
import type { CoverResult, PlanRequest } from './journey-types.ts';
import { PickHeap } from './pick-heap.ts';
import type { Pick } from './pick-heap.ts';
import { preparePlanningProblem } from './planning-problem.ts';
import type { PlanningProblem } from './planning-problem.ts';

/** The weighted set-cover greedy the planner always computes, as a baseline for the benchmark. */
export function greedyCover(request: PlanRequest): CoverResult {
  const problem = preparePlanningProblem(request);
  return toCoverResult(problem, greedySelection(problem));
}

/**
 * Signposting tools' approach: for each gap on its own, the cheapest resource that closes it
 * (counting its prerequisites' minutes), all taken together. Under a budget, gaps are taken by
 * weight while their cheapest resource still fits and only if not already closed.
 */
export function cheapestPerGap(request: PlanRequest): CoverResult {
  const problem = preparePlanningProblem(request);
  const selected = new Uint8Array(problem.resources.length);
  for (const r of problem.required) selected[r] = 1;
  const gapOrder = [...problem.gaps.keys()];
  if (problem.budget !== undefined) gapOrder.sort((a, b) => (problem.weight[b] as number) - (problem.weight[a] as number) || a - b);
  for (const g of gapOrder) {
    let best = -1;
    let bestCost = Infinity;
    for (const r of problem.closers[g] ?? []) {
      const cost = problem.closure(r).reduce((sum, m) => sum + (problem.minutes[m] as number), 0);
      if (cost < bestCost || (cost === bestCost && r < best)) [best, bestCost] = [r, cost];
    }
    if (best < 0) continue;
    if (problem.budget !== undefined) {
      const value = valueOf(problem, selected);
      const extra = problem.closure(best).reduce((sum, m) => sum + (selected[m] ? 0 : (problem.minutes[m] as number)), 0);
      if (value.closed[g] || value.minutes + extra > problem.budget) continue;
    }
    for (const m of problem.closure(best)) selected[m] = 1;
  }
  return toCoverResult(problem, selected);
}

/**
 * Greedy by newly closed worth per minute, where a resource's minutes include its unselected
 * prerequisites. Worth is the gap count without a budget (every gap must close) and the weight
 * with one. Under a budget the classic fix is applied: also start from the single best resource
 * that fits, and keep the better run. Redundant picks are removed at the end.
 */
export function greedySelection(problem: PlanningProblem): Selection {
  const index = candidateIndex(problem);
  const run = (seed: number | undefined): Selection => removeRedundant(problem, greedyFrom(problem, index, seed));
  const plain = run(undefined);
  if (problem.budget === undefined) return plain;
  const single = bestSingle(problem);
  if (single === undefined) return plain;
  const seeded = run(single);
  return isBetter(problem, valueOf(problem, seeded), valueOf(problem, plain)) ? seeded : plain;
}

interface GreedyState {
  selected: Selection;
  closed: Uint8Array;
  stamp: Int32Array;
  tick: number;
}

const worthOf = (problem: PlanningProblem, g: number): number => (problem.budget === undefined ? 1 : (problem.weight[g] as number));

/** Newly closed worth and added minutes of taking `r` with its prerequisites. */
function gainOf(problem: PlanningProblem, state: GreedyState, r: number): { worth: number; cost: number } {
  state.tick += 1;
  let worth = 0;
  let cost = 0;
  for (const m of problem.closure(r)) {
    if (state.selected[m]) continue;
    cost += problem.minutes[m] as number;
    for (const g of problem.closes[m] ?? []) {
      if (state.closed[g] || state.stamp[g] === state.tick) continue;
      state.stamp[g] = state.tick;
      worth += worthOf(problem, g);
    }
  }
  return { worth, cost };
}

/** Takes `r` with its prerequisites; returns the resources brought in and the gaps newly closed. */
function take(problem: PlanningProblem, state: GreedyState, r: number): { brought: number[]; closed: number[] } {
  const brought: number[] = [];
  const closed: number[] = [];
  for (const m of problem.closure(r)) {
    if (state.selected[m]) continue;
    state.selected[m] = 1;
    brought.push(m);
    for (const g of problem.closes[m] ?? []) {
      if (state.closed[g]) continue;
      state.closed[g] = 1;
      closed.push(g);
    }
  }
  return { brought, closed };
}

function pickOf(problem: PlanningProblem, state: GreedyState, r: number, version: number): Pick {
  const { worth, cost } = gainOf(problem, state, r);
  return { r, worth, cost, ratio: cost === 0 ? Infinity : worth / cost, version };
}

/**
 * Greedy with exact keys kept in a heap: taking a resource only changes the keys of candidates
 * that close one of the gaps it closed or that need one of the resources it brought in, so only
 * those are recomputed (a new heap entry; outdated entries are skipped when they surface).
 * Same picks as rescanning every candidate each round.
 */
function greedyFrom(problem: PlanningProblem, index: CandidateIndex, seed: number | undefined): Selection {
  const state: GreedyState = {
    selected: new Uint8Array(problem.resources.length),
    closed: new Uint8Array(problem.gaps.length),
    stamp: new Int32Array(problem.gaps.length),
    tick: 0,
  };
  for (const r of problem.required) take(problem, state, r);
  if (seed !== undefined) take(problem, state, seed);
  const budget = problem.budget ?? Infinity;
  let spent = valueOf(problem, state.selected).minutes;
  const version = new Int32Array(problem.resources.length);
  const heap = new PickHeap(index.candidates.flatMap((r) => (state.selected[r] ? [] : [pickOf(problem, state, r, 0)])).filter((p) => p.worth > 0));
  for (let top = heap.peek(); top !== undefined; top = heap.peek()) {
    heap.pop();
    // Outdated, taken, or too long for what is left (until a prerequisite is taken, which refreshes it).
    if (top.version !== version[top.r] || state.selected[top.r] || spent + top.cost > budget) continue;
    const { brought, closed } = take(problem, state, top.r);
    spent += top.cost;
    const stale: number[] = [];
    for (const m of brought) for (const r of index.byMember[m] ?? []) stale.push(r);
    for (const g of closed) for (const r of index.byGap[g] ?? []) stale.push(r);
    const round = (index.round += 1);
    for (const r of stale) {
      if (state.selected[r] || index.seen[r] === round) continue;
      index.seen[r] = round;
      version[r] = (version[r] as number) + 1;
      const pick = pickOf(problem, state, r, version[r] as number);
      if (pick.worth > 0) heap.push(pick);
    }
  }
  return state.selected;
}

/**
 * Candidates (usable resources closing something), and who to refresh when something changes:
 * per gap, the candidates whose prerequisite closure closes it; per resource, the candidates
 * needing it. `seen`/`round` deduplicate refreshes without allocating.
 */
interface CandidateIndex {
  candidates: number[];
  byGap: number[][];
  byMember: number[][];
  seen: Int32Array;
  round: number;
}

function candidateIndex(problem: PlanningProblem): CandidateIndex {
  const candidates = problem.closes.flatMap((gaps, r) => (gaps.length > 0 ? [r] : []));
  const byGap: number[][] = problem.gaps.map(() => []);
  const byMember: number[][] = problem.resources.map(() => []);
  const seen = new Int32Array(problem.gaps.length).fill(-1);
  for (const r of candidates) {
    for (const m of problem.closure(r)) {
      if (m !== r) byMember[m]?.push(r);
      for (const g of problem.closes[m] ?? []) {
        if (seen[g] === r) continue;
        seen[g] = r;
        byGap[g]?.push(r);
      }
    }
  }
  return { candidates, byGap, byMember, seen: new Int32Array(problem.resources.length), round: 0 };
}

/** The resource (with prerequisites) closing the most weight within the budget on its own. */
function bestSingle(problem: PlanningProblem): number | undefined {
  const state: GreedyState = {
    selected: new Uint8Array(problem.resources.length),
    closed: new Uint8Array(problem.gaps.length),
    stamp: new Int32Array(problem.gaps.length),
    tick: 0,
  };
  for (const r of problem.required) take(problem, state, r);
  const spent = valueOf(problem, state.selected).minutes;
  let best: number | undefined;
  let bestWorth = 0;
  let bestCost = Infinity;
  problem.closes.forEach((gaps, r) => {
    if (gaps.length === 0 || state.selected[r]) return;
    const { worth, cost } = gainOf(problem, state, r);
    if (spent + cost > (problem.budget ?? Infinity)) return;
    if (worth > bestWorth || (worth === bestWorth && worth > 0 && cost < bestCost)) [best, bestWorth, bestCost] = [r, worth, cost];
  });
  return best;
}
