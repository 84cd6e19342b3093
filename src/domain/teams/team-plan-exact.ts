import type { Highs, ModelData } from 'highs';
import { withHighs } from '../journey/highs-solver.ts';
import { absoluteGap, objectiveGrain } from '../journey/highs-model.ts';
import type { TeamProblem } from './team-plan.ts';
import { trimPlan } from './team-plan-trim.ts';

/**
 * The team plan as a HiGHS 0/1 MILP. Columns: x per (member, resource), y per (member,
 * requirement) candidate pair, s per requirement (holders still missing).
 *   y <= sum of x that close the requirement for that member
 *   x[member][resource] <= x[member][prerequisite]
 *   sum y + s >= target            per requirement
 *   minutes·x <= hours limit × 60  per member with a limit
 * Minimise minutes·x + BIG·s. BIG exceeds the minutes of any plan, so one more holder
 * always beats any saving in minutes: the two-level objective of team-plan.ts, in one stage.
 * (Tried for the tight-hours bench shape and dropped: solving holders first, then minutes with
 * holders fixed; on these models it was slower to prove and no better when stopped early.)
 */
export interface TeamExactSolution {
  chosen: Set<number>;
  optimal: boolean;
}

export async function solveTeamExactly(problem: TeamProblem, start: ReadonlySet<number>, deadline: number): Promise<TeamExactSolution | undefined> {
  return withHighs((highs) => solveTrimmed(highs, problem, start, deadline));
}

/**
 * When the time limit stops HiGHS, its incumbent often carries resources that no longer add a
 * holder: trimmed away (team-plan-trim.ts).
 */
function solveTrimmed(highs: Highs, problem: TeamProblem, start: ReadonlySet<number>, deadline: number): TeamExactSolution | undefined {
  const solved = solveStage(highs, problem, start, deadline);
  return solved && !solved.optimal ? { chosen: trimPlan(problem, solved.chosen), optimal: false } : solved;
}

function solveStage(highs: Highs, problem: TeamProblem, start: ReadonlySet<number>, deadline: number): TeamExactSolution | undefined {
  const data = buildTeamModel(highs, problem);
  const model = highs.createModel(data);
  try {
    // HiGHS overruns its limit a little, and the plan must still be described: stop early.
    const seconds = (deadline - performance.now()) / 1000 - STOP_EARLY;
    if (!(seconds > 0)) return undefined;
    const grain = objectiveGrain(Array.from(data.colCost ?? []));
    model.options.set({ output_flag: false, time_limit: seconds, mip_rel_gap: 0, mip_abs_gap: absoluteGap(grain) });
    model.setSolution({ colValue: startValues(problem, start) });
    const { modelStatus } = model.run();
    // 2 = feasible: without any solution (not even the start) the start stands.
    if (Number(model.info.get('primal_solution_status')) !== 2) return undefined;
    const values = model.getSolution().colValue;
    const chosen = new Set(problem.columns.flatMap((_, c) => ((values[c] ?? 0) > 0.5 ? [c] : [])));
    return { chosen, optimal: modelStatus === highs.constants.modelStatus.optimal };
  } finally {
    model.dispose();
  }
}

/** Seconds kept back from HiGHS's time limit. */
const STOP_EARLY = 0.15;

type Entry = readonly [column: number, value: number];

interface Row {
  lower: number;
  upper: number;
  entries: readonly Entry[];
}

export function buildTeamModel(highs: Highs, problem: TeamProblem): ModelData {
  const sStart = problem.columns.length + problem.pairs.length;
  const numCols = sStart + problem.target.length;
  const rows = teamRows(highs.infinity, problem);
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (const row of rows) {
    row.entries.forEach(([column, value]) => (indices.push(column), values.push(value)));
    starts.push(indices.length);
  }
  const big = mostMinutes(problem) + 1;
  return {
    numCols,
    numRows: rows.length,
    sense: highs.constants.objectiveSense.minimize,
    colCost: [...problem.columns.map((col) => col.minutes), ...problem.pairs.map(() => 0), ...problem.target.map(() => big)],
    colLower: new Float64Array(numCols),
    colUpper: Float64Array.from({ length: numCols }, (_, c) => (c < sStart ? 1 : (problem.target[c - sStart] ?? 0))),
    rowLower: rows.map((row) => row.lower),
    rowUpper: rows.map((row) => row.upper),
    matrix: { format: 'csr', numRows: rows.length, numCols, starts, indices, values },
    integrality: new Int32Array(numCols).fill(highs.constants.variableType.integer),
  };
}

/**
 * The most minutes any plan can take: per member, their hours limit or all their columns. BIG
 * above it keeps holders first; as small as that, it keeps HiGHS's numbers close in scale
 * (where hours bind, a tenth of the sum over all columns, and proofs come sooner).
 */
function mostMinutes(problem: TeamProblem): number {
  const own = problem.limit.map(() => 0);
  problem.columns.forEach((col) => (own[col.member] = (own[col.member] ?? 0) + col.minutes));
  return own.reduce((sum, minutes, m) => sum + Math.min(minutes, problem.limit[m] ?? Infinity), 0);
}

/** The rows in the order of the comment above: holder links, prerequisites, targets, hours. */
function teamRows(infinity: number, problem: TeamProblem): Row[] {
  const yStart = problem.columns.length;
  const sStart = yStart + problem.pairs.length;
  const rows: Row[] = problem.pairs.map((pair, p) => ({ lower: -infinity, upper: 0, entries: [[yStart + p, 1], ...pair.closers.map((c): Entry => [c, -1])] }));
  for (const [column, prerequisite] of problem.prerequisiteEdges) rows.push({ lower: -infinity, upper: 0, entries: [[column, 1], [prerequisite, -1]] });
  problem.target.forEach((target, q) => {
    if (target <= 0) return;
    const ys = problem.pairs.flatMap((pair, p): Entry[] => (pair.requirement === q ? [[yStart + p, 1]] : []));
    rows.push({ lower: target, upper: infinity, entries: [...ys, [sStart + q, 1]] });
  });
  problem.limit.forEach((limit, m) => {
    if (!Number.isFinite(limit)) return;
    rows.push({ lower: -infinity, upper: limit, entries: problem.columns.flatMap((col, c): Entry[] => (col.member === m ? [[c, col.minutes]] : [])) });
  });
  return rows;
}

/** The greedy plan as a full column vector: x as chosen, y where covered, s for what is missing. */
function startValues(problem: TeamProblem, chosen: ReadonlySet<number>): Float64Array {
  const values = new Float64Array(problem.columns.length + problem.pairs.length + problem.target.length);
  chosen.forEach((c) => (values[c] = 1));
  const found = problem.target.map(() => 0);
  problem.pairs.forEach((pair, p) => {
    if (!pair.closers.some((c) => chosen.has(c))) return;
    values[problem.columns.length + p] = 1;
    found[pair.requirement] = (found[pair.requirement] ?? 0) + 1;
  });
  // Only the missing holders count as slack, so the start's objective is the greedy plan's.
  problem.target.forEach((target, q) => (values[problem.columns.length + problem.pairs.length + q] = Math.max(0, target - (found[q] ?? 0))));
  return values;
}
