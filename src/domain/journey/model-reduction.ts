import type { Selection } from './cover-selection.ts';
import type { PlanningProblem } from './planning-problem.ts';
import { setDominated } from './set-dominance.ts';
import type { DominanceSpace } from './set-dominance.ts';

/**
 * The problem left for the MILP once everything decidable without it is decided. Every step keeps
 * at least one optimal selection in the reduced space, so the MILP optimum plus `fixed` is optimal:
 * - resources closing nothing still open (and no one's prerequisite) are dropped;
 * - under a budget, resources whose prerequisite closure alone overruns what is left are dropped;
 * - a "simple" resource (no open prerequisites, nobody's prerequisite) is dropped when another
 *   resource closes all its gaps, with its prerequisites, for no more minutes (identical coverage
 *   first, by hashing; then subset dominance). Ties go to the cheaper, then earlier, resource, so
 *   the relation is a strict order and one of each chain always survives;
 * - such a resource is also dropped when several others together close its gaps for strictly
 *   fewer minutes (set-dominance.ts);
 * - without a budget, a gap only one remaining resource closes forces that resource in.
 */
export interface ReducedModel {
  /** Required and forced resources, with their prerequisites. */
  fixed: Selection;
  /** Resource index of each 0/1 column. */
  columns: number[];
  /** Gap index of each cover row. */
  rows: number[];
  /** Per column: the row positions it closes. */
  columnRows: number[][];
  /** [column, its prerequisite's column]: x[column] <= x[prerequisite]. */
  prerequisiteEdges: Array<readonly [number, number]>;
  /** Minutes left once fixed resources are paid for (undefined without a budget). */
  budgetLeft: number | undefined;
}

interface Round {
  rows: number[];
  rowOf: Int32Array;
  /** Per resource: row positions it closes (only for usable, unfixed resources). */
  cover: number[][];
  cost: Float64Array;
  kept: Uint8Array;
}

export function reduceModel(problem: PlanningProblem): ReducedModel {
  const fixed = new Uint8Array(problem.resources.length);
  for (const r of problem.required) fixed[r] = 1;
  for (;;) {
    const round = startRound(problem, fixed);
    const simple = simpleResources(problem, round, fixed);
    dropIdenticalCoverage(problem, round, simple);
    const dominance = dropDominated(problem, round, simple, fixed);
    const survivors = [...simple.keys()].filter((r) => simple[r] && round.kept[r]);
    for (const r of setDominated(dominance, survivors)) round.kept[r] = 0;
    const forced = problem.budget === undefined ? forcedResources(round) : [];
    if (forced.length === 0) return finish(problem, round, fixed);
    for (const r of forced) for (const member of problem.closure(r)) fixed[member] = 1;
  }
}

function budgetLeft(problem: PlanningProblem, fixed: Selection): number | undefined {
  if (problem.budget === undefined) return undefined;
  let spent = 0;
  fixed.forEach((on, r) => (spent += on ? (problem.minutes[r] as number) : 0));
  return Math.max(0, problem.budget - spent);
}

function startRound(problem: PlanningProblem, fixed: Selection): Round {
  const covered = new Uint8Array(problem.gaps.length);
  fixed.forEach((on, r) => on && problem.closes[r]?.forEach((g) => (covered[g] = 1)));
  const rowOf = new Int32Array(problem.gaps.length).fill(-1);
  const rows: number[] = [];
  problem.gaps.forEach((_, g) => {
    if (!problem.closable[g] || covered[g] || (problem.budget !== undefined && !((problem.weight[g] as number) > 0))) return;
    rowOf[g] = rows.length;
    rows.push(g);
  });
  const left = budgetLeft(problem, fixed) ?? Infinity;
  const cover: number[][] = problem.resources.map(() => []);
  const cost = new Float64Array(problem.resources.length);
  const kept = new Uint8Array(problem.resources.length);
  problem.closes.forEach((gaps, r) => {
    if (fixed[r] || gaps.length === 0) return;
    const open = gaps.flatMap((g) => (rowOf[g] as number) >= 0 ? [rowOf[g] as number] : []);
    if (open.length === 0) return;
    const closure = problem.closure(r);
    const c = closure.reduce((sum, m) => sum + (fixed[m] ? 0 : (problem.minutes[m] as number)), 0);
    if (c > left) return;
    cover[r] = open;
    cost[r] = c;
    for (const m of closure) if (!fixed[m]) kept[m] = 1;
  });
  kept.forEach((on, r) => {
    if (on && cover[r]?.length === 0) cost[r] = problem.closure(r).reduce((sum, m) => sum + (fixed[m] ? 0 : (problem.minutes[m] as number)), 0);
  });
  return { rows, rowOf, cover, cost, kept };
}

/** Kept resources with no open prerequisite that no kept resource needs. */
function simpleResources(problem: PlanningProblem, round: Round, fixed: Selection): Uint8Array {
  const simple = Uint8Array.from(round.kept);
  round.kept.forEach((on, r) => {
    if (!on) return;
    for (const p of problem.prerequisites[r] ?? []) {
      if (p === r || fixed[p]) continue;
      simple[r] = 0;
      simple[p] = 0;
    }
  });
  return simple;
}

function dropIdenticalCoverage(problem: PlanningProblem, round: Round, simple: Uint8Array): void {
  const cheapest = new Map<string, number>();
  simple.forEach((on, r) => {
    if (!on) return;
    const key = (round.cover[r] as number[]).join(',');
    const holder = cheapest.get(key);
    if (holder === undefined) {
      cheapest.set(key, r);
      return;
    }
    const loser = (problem.minutes[r] as number) < (problem.minutes[holder] as number) ? holder : r;
    if (loser === holder) cheapest.set(key, r);
    round.kept[loser] = 0;
    simple[loser] = 0;
  });
}

/** Single-resource dominance; returns what set dominance (set-dominance.ts) needs to go further. */
function dropDominated(problem: PlanningProblem, round: Round, simple: Uint8Array, fixed: Selection): DominanceSpace {
  const words = Math.ceil(round.rows.length / 32);
  const own = new Uint32Array(problem.resources.length * words);
  const reach = new Uint32Array(problem.resources.length * words);
  const keptList = [...round.kept.keys()].filter((r) => round.kept[r]);
  for (const r of keptList) {
    for (const row of round.cover[r] as number[]) own[r * words + (row >>> 5)] = (own[r * words + (row >>> 5)] as number) | (1 << (row & 31));
  }
  const byRow: number[][] = round.rows.map(() => []);
  for (const r of keptList) {
    for (const m of problem.closure(r)) {
      if (fixed[m]) continue;
      for (let w = 0; w < words; w++) reach[r * words + w] = (reach[r * words + w] as number) | (own[m * words + w] as number);
    }
    for (let w = 0; w < words; w++) {
      for (let bits = reach[r * words + w] as number; bits !== 0; bits &= bits - 1) byRow[w * 32 + 31 - Math.clz32(bits & -bits)]?.push(r);
    }
  }
  for (const list of byRow) list.sort((a, b) => (round.cost[a] as number) - (round.cost[b] as number) || a - b);
  const precedes = (b: number, a: number): boolean => {
    const mb = problem.minutes[b] as number;
    const ma = problem.minutes[a] as number;
    return mb < ma || (mb === ma && b < a);
  };
  for (const a of keptList) {
    if (!simple[a]) continue;
    const rows = round.cover[a] as number[];
    let scan = byRow[rows[0] as number] as number[];
    for (const row of rows) if ((byRow[row] as number[]).length < scan.length) scan = byRow[row] as number[];
    for (const b of scan) {
      if ((round.cost[b] as number) > (problem.minutes[a] as number)) break;
      if (b === a || (simple[b] && !precedes(b, a)) || !isSubset(own, reach, a, b, words)) continue;
      round.kept[a] = 0;
      break;
    }
  }
  const reaches = (b: number, row: number): boolean => (((reach[b * words + (row >>> 5)] as number) >>> (row & 31)) & 1) === 1;
  return { cover: round.cover, byRow, cost: round.cost, minutes: problem.minutes, reaches };
}

function isSubset(own: Uint32Array, reach: Uint32Array, a: number, b: number, words: number): boolean {
  for (let w = 0; w < words; w++) {
    const need = own[a * words + w] as number;
    if ((need & (reach[b * words + w] as number)) >>> 0 !== need) return false;
  }
  return true;
}

function forcedResources(round: Round): number[] {
  const count = new Int32Array(round.rows.length);
  const closer = new Int32Array(round.rows.length);
  round.kept.forEach((on, r) => {
    if (!on) return;
    for (const row of round.cover[r] as number[]) {
      count[row] = (count[row] as number) + 1;
      closer[row] = r;
    }
  });
  const forced = new Set<number>();
  count.forEach((n, row) => n === 1 && forced.add(closer[row] as number));
  return [...forced];
}

function finish(problem: PlanningProblem, round: Round, fixed: Selection): ReducedModel {
  const columnOf = new Int32Array(problem.resources.length).fill(-1);
  const columns: number[] = [];
  round.kept.forEach((on, r) => {
    if (!on) return;
    columnOf[r] = columns.length;
    columns.push(r);
  });
  const rowUsed = new Int32Array(round.rows.length).fill(-1);
  const rows: number[] = [];
  const columnRows = columns.map((r) =>
    (round.cover[r] as number[]).map((row) => {
      if (rowUsed[row] === -1) {
        rowUsed[row] = rows.length;
        rows.push(round.rows[row] as number);
      }
      return rowUsed[row] as number;
    }),
  );
  const prerequisiteEdges: Array<readonly [number, number]> = [];
  columns.forEach((r, column) => {
    for (const p of problem.prerequisites[r] ?? []) {
      if (p !== r && !fixed[p]) prerequisiteEdges.push([column, columnOf[p] as number]);
    }
  });
  return { fixed, columns, rows, columnRows, prerequisiteEdges, budgetLeft: budgetLeft(problem, fixed) };
}
