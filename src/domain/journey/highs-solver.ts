import highsModule from 'highs';
import type { Highs, Model } from 'highs';
import { sameWeight } from './cover-selection.ts';
import type { Selection } from './cover-selection.ts';
import {
  absoluteGap,
  buildModel,
  chosenColumns,
  closedWeight,
  holdWeightMinimiseMinutes,
  minutesOf,
  objectiveGrain,
  withCoverage,
} from './highs-model.ts';
import { improveCover } from './cover-neighbourhood.ts';
import { improveStart, roundRelaxation } from './local-search.ts';
import type { ReducedModel } from './model-reduction.ts';
import type { PlanningProblem } from './planning-problem.ts';

/**
 * Solves the reduced model exactly with HiGHS. Without a budget: one stage, least minutes. With a
 * budget, two stages on one model: most weight within the budget, then least minutes holding that
 * weight, so the tie-break is exact for any weights (no blended objective with an epsilon).
 *
 * Each stage tries the cheap proofs first. When objective values come in a grain (whole weights,
 * minutes in fives), an LP bound less than one grain from a solution proves it optimal: first the
 * start, then a rounding of the LP solution. Only when neither is proven does the MILP run, from
 * the better of the two, told it may stop once the gap is under one grain (exact for the same
 * reason). Without a grain the MILP always runs, to HiGHS's own tolerances.
 *
 * The answer is the best the exact path found: proven, or, when the deadline stops the MILP,
 * its incumbent (at least as good as the start it was given).
 */
export interface ExactSolution {
  /** Resources chosen among the model's columns (fixed ones not included). */
  chosen: number[];
  proven: boolean;
}

// The package is CommonJS-typed with an ESM build: under Node's ESM loader the default import is
// the loader itself, while TypeScript sees the CommonJS exports object holding it.
type HighsLoader = typeof highsModule.default;
const loadHighs: HighsLoader = typeof highsModule === 'function' ? (highsModule as HighsLoader) : highsModule.default;

let runtime: Promise<Highs> | undefined;

const loadRuntime = (): Promise<Highs> => (runtime ??= loadHighs());

/**
 * highs-js can leave its Wasm module unusable after many solves; a throw reloads the module once
 * and retries. Undefined when HiGHS still fails, so the caller falls back to greedy.
 */
export async function solveExactly(problem: PlanningProblem, reduced: ReducedModel, start: Selection, deadline: number): Promise<ExactSolution | undefined> {
  return withHighs((highs) => solveWith(highs, problem, reduced, start, deadline));
}

/**
 * Runs `use` on the shared HiGHS runtime, reloading the module once if it throws; undefined when
 * it still fails. Exported so other exact planners (team-plan.ts) share one runtime and its repair.
 */
export async function withHighs<T>(use: (highs: Highs) => T | undefined): Promise<T | undefined> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      return use(await loadRuntime());
    } catch {
      runtime = undefined;
    }
  }
  return undefined;
}

interface Stage {
  highs: Highs;
  model: Model;
  deadline: number;
}

interface StageResult {
  x: ArrayLike<number>;
  proven: boolean;
}

/** What one optimisation stage needs to know about its objective. */
interface Objective {
  sense: 'max' | 'min';
  /** 0 when values have no common grain (then only the MILP can prove optimality). */
  grain: number;
  value(x: ArrayLike<number>): number;
  /** Whether a selection found by rounding satisfies the stage (phase two keeps the weight). */
  admissible(x: ArrayLike<number>): boolean;
  round(relaxed: Float64Array): ArrayLike<number>;
  /** Cover stage only: improves an unproven incumbent by neighbourhood search (cover-neighbourhood.ts). */
  improve?: (incumbent: ArrayLike<number>, relaxed: Relaxation, deadline: number, untilDeadline: boolean) => ArrayLike<number>;
}

interface Relaxation {
  bound: number;
  values: Float64Array;
  reducedCost: Float64Array;
}

function solveWith(highs: Highs, problem: PlanningProblem, reduced: ReducedModel, start: Selection, deadline: number): ExactSolution | undefined {
  const model = highs.createModel(buildModel(highs, problem, reduced));
  try {
    // Presolve costs more than it saves on these models (the budget row makes it slow); with a
    // good start, feasibility jump and symmetry detection only add root time.
    model.options.set({ output_flag: false, presolve: 'off', mip_rel_gap: 0, mip_detect_symmetry: false, mip_heuristic_run_feasibility_jump: false });
    const stage: Stage = { highs, model, deadline };
    const x = improveStart(problem, reduced, reduced.columns.map((r) => start[r] ?? 0));
    const cover = { ...minutesObjective(problem, reduced, 'cover'), improve: coverSearch(problem, reduced) };
    const result = reduced.budgetLeft === undefined ? solveStage(stage, reduced, cover, x) : solveBudgeted(stage, problem, reduced, x);
    return { chosen: chosenColumns(reduced, result.x), proven: result.proven };
  } finally {
    model.dispose();
  }
}

function minutesObjective(problem: PlanningProblem, reduced: ReducedModel, admissible: 'cover' | ((x: ArrayLike<number>) => boolean)): Objective {
  return {
    sense: 'min',
    grain: objectiveGrain(reduced.columns.map((r) => problem.minutes[r] as number)),
    value: (x) => minutesOf(problem, reduced, x),
    admissible: admissible === 'cover' ? () => true : admissible,
    round: (relaxed) => roundRelaxation(problem, reduced, relaxed),
  };
}

function coverSearch(problem: PlanningProblem, reduced: ReducedModel): Objective['improve'] {
  return (incumbent, relaxed, deadline, untilDeadline) =>
    improveCover({ problem, reduced, relaxed: relaxed.values, reducedCost: relaxed.reducedCost, deadline, untilDeadline }, incumbent);
}

function solveBudgeted(stage: Stage, problem: PlanningProblem, reduced: ReducedModel, start: ArrayLike<number>): StageResult {
  const weightOf = (x: ArrayLike<number>): number => closedWeight(problem, reduced, x);
  const first = solveStage(stage, reduced, {
    sense: 'max',
    grain: objectiveGrain(reduced.rows.map((g) => problem.weight[g] as number)),
    value: weightOf,
    admissible: () => true,
    round: (relaxed) => roundRelaxation(problem, reduced, relaxed),
  }, start);
  if (!first.proven) return first;
  const best = weightOf(first.x);
  const polished = first.x === start ? start : improveStart(problem, reduced, first.x);
  const secondStart = weightOf(polished) >= best ? polished : first.x;
  holdWeightMinimiseMinutes(stage.highs, stage.model, problem, reduced, best);
  const holds = (x: ArrayLike<number>): boolean => weightOf(x) >= best || sameWeight(problem, weightOf(x), best);
  const second = solveStage(stage, reduced, minutesObjective(problem, reduced, holds), secondStart);
  // Within solver tolerance the weight row could admit a hair less weight; never trade it away.
  return holds(second.x) ? second : { x: first.x, proven: false };
}

/**
 * One stage: the start; if an LP bound does not prove it, a rounding of the LP solution; if
 * that is not proven either, the MILP from the better of the two. In the cover stage the MILP
 * first gets a short slice (enough for what it proves quickly); if that does not prove its
 * answer, neighbourhood search improves it until a sweep finds nothing more, and the MILP gets
 * what time is left. On models too big for the MILP to close in time, the MILP gets only a slice
 * after the search (enough when reduced-cost fixing leaves little), and the search the rest.
 */
function solveStage(stage: Stage, reduced: ReducedModel, objective: Objective, start: ArrayLike<number>): StageResult {
  let incumbent = start;
  const relaxed = objective.grain > 0 ? relax(stage) : undefined;
  if (relaxed) {
    if (proves(objective, relaxed.bound, objective.value(incumbent))) return { x: incumbent, proven: true };
    const rounded = objective.round(relaxed.values);
    if (objective.admissible(rounded) && isGain(objective, rounded, incumbent)) incumbent = rounded;
    if (proves(objective, relaxed.bound, objective.value(incumbent))) return { x: incumbent, proven: true };
  }
  const { improve } = objective;
  if (!relaxed || !improve) return runMip(stage, reduced, incumbent, objective.grain);
  const small = reduced.columns.length <= FIRST_MIP_COLUMNS;
  const better = (candidate: ArrayLike<number>): void => {
    if (isGain(objective, candidate, incumbent)) incumbent = candidate;
  };
  const slice = (): number => Math.min(FIRST_MIP_SECONDS, FIRST_MIP_SHARE * ((stage.deadline - performance.now()) / 1000));
  const proven = (): boolean => proves(objective, relaxed.bound, objective.value(incumbent));
  if (small) {
    const first = runMip(stage, reduced, incumbent, objective.grain, slice());
    if (first.proven) return first;
    better(first.x);
  }
  better(improve(incumbent, relaxed, stage.deadline, false));
  if (proven()) return { x: incumbent, proven: true };
  fixByReducedCost(stage, relaxed, objective.value(incumbent) - relaxed.bound);
  if (small) return runMip(stage, reduced, incumbent, objective.grain);
  const fixed = runMip(stage, reduced, incumbent, objective.grain, slice());
  if (fixed.proven) return fixed;
  better(fixed.x);
  better(improve(incumbent, relaxed, stage.deadline, true));
  return { x: incumbent, proven: proven() };
}

/**
 * Reduced-cost fixing for a minimising stage: a column whose LP reduced cost exceeds the gap
 * between the incumbent and the LP bound is in no cheaper solution (any solution taking it costs
 * at least bound + reduced cost), so it is fixed out and the MILP searches a smaller space. A
 * proof on the smaller model still proves the incumbent optimal.
 */
function fixByReducedCost(stage: Stage, relaxed: Relaxation, gap: number): void {
  const { model } = stage;
  const columns = model.getDimensions().numCols;
  const margin = gap + 1e-6 * Math.max(1, Math.abs(relaxed.bound));
  const upper = Float64Array.from({ length: columns }, (_, c) => ((relaxed.reducedCost[c] ?? 0) > margin ? 0 : 1));
  model.changeColsBounds({ kind: 'range', from: 0, to: columns - 1 }, new Float64Array(columns), upper);
}

/** The cover stage's first MILP slice: at most this long, and this share of the time left. */
const FIRST_MIP_SECONDS = 0.1;
const FIRST_MIP_SHARE = 0.2;
/** Beyond this many columns the MILP's root alone outlasts the slice, so it is skipped. */
const FIRST_MIP_COLUMNS = 4000;

function isGain(objective: Objective, candidate: ArrayLike<number>, incumbent: ArrayLike<number>): boolean {
  const gain = objective.value(candidate) - objective.value(incumbent);
  return objective.sense === 'max' ? gain > 0 : gain < 0;
}

/** No value one grain better than the incumbent fits under the LP bound. */
function proves(objective: Objective, bound: number, incumbent: number): boolean {
  const slack = 1e-6 * Math.max(1, Math.abs(bound));
  const gap = objective.sense === 'max' ? bound - incumbent : incumbent - bound;
  return objective.grain > 0 && gap < objective.grain - slack;
}

function secondsLeft(stage: Stage): number | undefined {
  const seconds = (stage.deadline - performance.now()) / 1000;
  if (!(seconds > 0)) return undefined;
  return Number.isFinite(seconds) ? seconds : stage.highs.infinity;
}

/**
 * The LP relaxation. Integrality is cleared for it and restored after: HiGHS's MIP path is far
 * slower at solving the same relaxation.
 */
function relax(stage: Stage): Relaxation | undefined {
  const seconds = secondsLeft(stage);
  if (seconds === undefined) return undefined;
  const { highs, model } = stage;
  const columns = model.getDimensions().numCols;
  model.zeroAllClocks();
  model.options.set({ time_limit: seconds });
  model.clearIntegrality();
  try {
    if (model.run().modelStatus !== highs.constants.modelStatus.optimal) return undefined;
    const solution = model.getSolution();
    return { bound: model.getObjectiveValue(), values: solution.colValue, reducedCost: solution.colDual };
  } finally {
    model.changeColsIntegrality({ kind: 'range', from: 0, to: columns - 1 }, new Int32Array(columns).fill(highs.constants.variableType.integer));
  }
}

/**
 * The MILP from `start`, for at most `cap` seconds; when it cannot run or finds nothing better,
 * the start stands unproven. HiGHS's time limit counts every run of a model, so clocks are reset.
 */
function runMip(stage: Stage, reduced: ReducedModel, start: ArrayLike<number>, grain: number, cap = Infinity): StageResult {
  const left = secondsLeft(stage);
  if (left === undefined) return { x: start, proven: false };
  const seconds = Math.min(left, cap);
  const { highs, model } = stage;
  model.zeroAllClocks();
  model.options.set({ time_limit: seconds, mip_abs_gap: absoluteGap(grain) });
  model.setSolution({ colValue: withCoverage(reduced, start) });
  const { modelStatus } = model.run();
  if (Number(model.info.get('primal_solution_status')) !== 2) return { x: start, proven: false };
  return { x: model.getSolution().colValue, proven: modelStatus === highs.constants.modelStatus.optimal };
}
