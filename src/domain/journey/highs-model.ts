import type { Highs, Model, ModelData } from 'highs';
import type { ReducedModel } from './model-reduction.ts';
import type { PlanningProblem } from './planning-problem.ts';

/**
 * The reduced model as a HiGHS 0/1 MILP (CSR arrays for the persistent API, no LP text to parse).
 * Columns: x per resource column, then under a budget y per gap row (1 = closed).
 * Without a budget: min minutes·x, every row covered (sum x >= 1).
 * With one: max weight·y, y <= sum x over the row's closers, minutes·x <= budget left.
 * Prerequisites: x[resource] <= x[prerequisite].
 */
export function buildModel(highs: Highs, problem: PlanningProblem, reduced: ReducedModel): ModelData {
  const budgeted = reduced.budgetLeft !== undefined;
  const xCount = reduced.columns.length;
  const numCols = xCount + (budgeted ? reduced.rows.length : 0);
  const rowColumns: number[][] = reduced.rows.map(() => []);
  reduced.columnRows.forEach((rows, column) => rows.forEach((row) => rowColumns[row]?.push(column)));
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  const addRow = (lower: number, upper: number, entries: Array<readonly [number, number]>): void => {
    for (const [column, value] of entries) {
      indices.push(column);
      values.push(value);
    }
    starts.push(indices.length);
    rowLower.push(lower);
    rowUpper.push(upper);
  };
  rowColumns.forEach((columns, row) => {
    const entries = columns.map((c) => [c, 1] as const);
    addRow(budgeted ? 0 : 1, highs.infinity, budgeted ? [...entries, [xCount + row, -1] as const] : entries);
  });
  for (const [column, prerequisite] of reduced.prerequisiteEdges) addRow(0, highs.infinity, [[prerequisite, 1], [column, -1]]);
  if (budgeted) addRow(-highs.infinity, reduced.budgetLeft as number, reduced.columns.map((r, c) => [c, problem.minutes[r] as number] as const));
  const colCost = budgeted
    ? [...reduced.columns.map(() => 0), ...reduced.rows.map((g) => problem.weight[g] as number)]
    : reduced.columns.map((r) => problem.minutes[r] as number);
  return {
    numCols,
    numRows: rowLower.length,
    sense: budgeted ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
    colCost,
    colLower: new Float64Array(numCols),
    colUpper: new Float64Array(numCols).fill(1),
    rowLower,
    rowUpper,
    matrix: { format: 'csr', numRows: rowLower.length, numCols, starts, indices, values },
    integrality: new Int32Array(numCols).fill(highs.constants.variableType.integer),
  };
}

/**
 * When every objective coefficient is a multiple of one grain (whole minutes: 5; integer
 * weights: 1), objective values differ by at least that grain, so a bound within less than it of
 * the incumbent proves optimality; HiGHS can then stop at the root. Zero when there is no grain.
 */
export function objectiveGrain(coefficients: readonly number[]): number {
  for (const scale of [1, 2, 4, 10, 100, 1000]) {
    let grain = 0;
    let exact = true;
    for (const c of coefficients) {
      const scaled = c * scale;
      const whole = Math.round(scaled);
      if (Math.abs(scaled - whole) > 1e-9 * Math.max(1, Math.abs(scaled)) || Math.abs(whole) > 2 ** 40) {
        exact = false;
        break;
      }
      grain = greatestCommonDivisor(grain, Math.abs(whole));
    }
    if (exact) return grain / scale;
  }
  return 0;
}

function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

export const absoluteGap = (grain: number): number => (grain > 0 ? grain * 0.99 : 1e-6);

/** Column values for a start: x as given, and under a budget y = 1 where a chosen column covers the row. */
export function withCoverage(reduced: ReducedModel, x: ArrayLike<number>): Float64Array {
  const budgeted = reduced.budgetLeft !== undefined;
  const values = new Float64Array(reduced.columns.length + (budgeted ? reduced.rows.length : 0));
  reduced.columns.forEach((_, c) => (values[c] = (x[c] ?? 0) > 0.5 ? 1 : 0));
  if (budgeted) reduced.columnRows.forEach((rows, c) => values[c] && rows.forEach((row) => (values[reduced.columns.length + row] = 1)));
  return values;
}

export function chosenColumns(reduced: ReducedModel, values: ArrayLike<number>): number[] {
  return reduced.columns.filter((_, c) => (values[c] ?? 0) > 0.5);
}

export function closedWeight(problem: PlanningProblem, reduced: ReducedModel, x: ArrayLike<number>): number {
  const closedRows = new Uint8Array(reduced.rows.length);
  reduced.columnRows.forEach((rows, c) => (x[c] ?? 0) > 0.5 && rows.forEach((row) => (closedRows[row] = 1)));
  return reduced.rows.reduce((sum, g, row) => sum + (closedRows[row] ? (problem.weight[g] as number) : 0), 0);
}

/** Phase two under a budget: keep the best weight found, now minimise minutes. */
export function holdWeightMinimiseMinutes(highs: Highs, model: Model, problem: PlanningProblem, reduced: ReducedModel, weight: number): void {
  const xCount = reduced.columns.length;
  const yColumns = reduced.rows.map((_, row) => xCount + row);
  model.addRow(weight, highs.infinity, { indices: yColumns, values: reduced.rows.map((g) => problem.weight[g] as number) });
  const costs = [...reduced.columns.map((r) => problem.minutes[r] as number), ...reduced.rows.map(() => 0)];
  model.changeColsCost({ kind: 'range', from: 0, to: costs.length - 1 }, costs);
  model.changeObjectiveSense(highs.constants.objectiveSense.minimize);
}

export function minutesOf(problem: PlanningProblem, reduced: ReducedModel, x: ArrayLike<number>): number {
  return reduced.columns.reduce((sum, r, c) => sum + ((x[c] ?? 0) > 0.5 ? (problem.minutes[r] as number) : 0), 0);
}
