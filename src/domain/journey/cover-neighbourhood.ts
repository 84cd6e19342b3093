import type { Highs } from 'highs';
import type { ReducedModel } from './model-reduction.ts';
import type { PlanningProblem } from './planning-problem.ts';
import { seededRandom } from './seeded-random.ts';

/**
 * Large-neighbourhood search for the cover stage (no budget). On catalogues where resources
 * overlap heavily the MILP on the whole model cannot close its gap within the time limit, and
 * greedy or LP rounding leave plans several percent long. Here a cover is improved by re-solving,
 * exactly and quickly, small pieces of it: pick a few neighbouring rows, free the chosen columns
 * touching them, and let HiGHS find the least minutes re-covering what those columns covered,
 * from the columns the LP prices best there. A piece never gets worse (the freed columns are a
 * solution of it), so every accepted move keeps a valid cover that closes every row and takes
 * prerequisites along.
 */

/** Per row, candidate columns: those with the least reduced cost (CFT's "core"), plus the LP's support. */
const CORE_PER_ROW = 5;
const FIRST_ROWS = 16;
const MIN_ROWS = 6;
const MAX_ROWS = 80;
/** Seconds a piece may take; most prove optimal in a fraction of it. */
const PIECE_SECONDS = 0.15;

export interface NeighbourhoodSearch {
  highs: Highs;
  problem: PlanningProblem;
  reduced: ReducedModel;
  /** LP relaxation column values and reduced costs, in the reduced model's columns. */
  relaxed: ArrayLike<number>;
  reducedCost: ArrayLike<number>;
  deadline: number;
}

interface Space {
  cost: Float64Array;
  rowColumns: number[][];
  prerequisites: number[][];
  core: Uint8Array;
}

/** Improves cover `start` (reduced columns, 0/1) until the deadline or a sweep finds nothing; returns the best. */
export function improveCover(search: NeighbourhoodSearch, start: ArrayLike<number>): Uint8Array {
  const x = Uint8Array.from({ length: search.reduced.columns.length }, (_, c) => ((start[c] ?? 0) > 0.5 ? 1 : 0));
  if (!(performance.now() < search.deadline)) return x;
  const space = spaceOf(search);
  const rows = search.reduced.rows.length;
  let size = Math.min(FIRST_ROWS, rows);
  let sinceImproved = 0;
  const random = seededRandom(rows * 7919 + x.length);
  // Stops after about one sweep of the rows without a gain: the MILP gets the time left.
  while (performance.now() < search.deadline && sinceImproved < Math.max(4, rows / size)) {
    const piece = pieceAround(search, space, x, Math.floor(random() * rows), size);
    const outcome = solvePiece(search, space, x, piece);
    sinceImproved = outcome === 'improved' ? 0 : sinceImproved + 1;
    // Grow pieces while they solve to optimality, shrink them when they run out of time.
    if (outcome === 'timed-out') size = Math.max(MIN_ROWS, Math.floor(size * 0.7));
    else if (size < rows) size = Math.min(MAX_ROWS, rows, Math.ceil(size * 1.15));
  }
  return x;
}

function spaceOf(search: NeighbourhoodSearch): Space {
  const { problem, reduced, relaxed, reducedCost } = search;
  const columns = reduced.columns.length;
  const rowColumns: number[][] = reduced.rows.map(() => []);
  reduced.columnRows.forEach((rows, c) => rows.forEach((row) => rowColumns[row]?.push(c)));
  const prerequisites: number[][] = reduced.columns.map(() => []);
  for (const [c, p] of reduced.prerequisiteEdges) prerequisites[c]?.push(p);
  const core = new Uint8Array(columns);
  for (const list of rowColumns) {
    const ranked = [...list].sort((a, b) => (reducedCost[a] ?? 0) - (reducedCost[b] ?? 0) || a - b);
    for (const c of ranked.slice(0, CORE_PER_ROW)) core[c] = 1;
  }
  for (let c = 0; c < columns; c++) if ((relaxed[c] ?? 0) > 1e-6) core[c] = 1;
  const cost = Float64Array.from(reduced.columns, (r) => problem.minutes[r] as number);
  return { cost, rowColumns, prerequisites, core };
}

interface Piece {
  /** Chosen columns set free (their prerequisite-dependents among the chosen are free too). */
  freed: number[];
  /** Rows only freed columns covered: the piece must cover them again. */
  rows: number[];
  /** Columns the piece may choose (freed ones included), closed under prerequisites not kept. */
  candidates: number[];
}

/** Rows near `seed` (sharing a candidate or chosen column), the chosen columns touching them, and what to re-cover. */
function pieceAround(search: NeighbourhoodSearch, space: Space, x: Uint8Array, seed: number, size: number): Piece {
  const { reduced } = search;
  const near = new Set([seed]);
  const queue = [seed];
  for (let i = 0; i < queue.length && near.size < size; i++) {
    for (const c of space.rowColumns[queue[i] as number] ?? []) {
      if (!space.core[c] && !x[c]) continue;
      for (const row of reduced.columnRows[c] ?? []) {
        if (near.size >= size || near.has(row)) continue;
        near.add(row);
        queue.push(row);
      }
    }
  }
  const free = new Uint8Array(x.length);
  for (const row of near) for (const c of space.rowColumns[row] ?? []) if (x[c]) free[c] = 1;
  // A chosen column stays when a kept chosen column needs it.
  for (let changed = true; changed; ) {
    changed = false;
    for (let c = 0; c < x.length; c++) {
      if (!x[c] || free[c]) continue;
      for (const p of space.prerequisites[c] ?? []) if (free[p]) [free[p], changed] = [0, true];
    }
  }
  const coveredByKept = new Uint8Array(reduced.rows.length);
  x.forEach((on, c) => on && !free[c] && reduced.columnRows[c]?.forEach((row) => (coveredByKept[row] = 1)));
  const rows: number[] = [];
  const freed: number[] = [];
  free.forEach((on, c) => on && freed.push(c));
  const isRow = new Uint8Array(reduced.rows.length);
  for (const c of freed) {
    for (const row of reduced.columnRows[c] ?? []) {
      if (coveredByKept[row] || isRow[row]) continue;
      isRow[row] = 1;
      rows.push(row);
    }
  }
  return { freed, rows, candidates: candidatesFor(space, x, free, rows) };
}

function candidatesFor(space: Space, x: Uint8Array, free: Uint8Array, rows: readonly number[]): number[] {
  const take = new Uint8Array(x.length);
  const stack: number[] = [];
  const add = (c: number): void => {
    if (take[c] || (x[c] && !free[c])) return;
    take[c] = 1;
    stack.push(c);
  };
  free.forEach((on, c) => on && add(c));
  for (const row of rows) for (const c of space.rowColumns[row] ?? []) if (space.core[c]) add(c);
  while (stack.length > 0) for (const p of space.prerequisites[stack.pop() as number] ?? []) add(p);
  const candidates: number[] = [];
  take.forEach((on, c) => on && candidates.push(c));
  return candidates;
}

/** Solves one piece as its own small MILP; applies the answer to `x` when it saves minutes. */
function solvePiece(search: NeighbourhoodSearch, space: Space, x: Uint8Array, piece: Piece): 'improved' | 'same' | 'timed-out' {
  const { highs, reduced } = search;
  if (piece.rows.length === 0) return 'same';
  const position = new Map(piece.candidates.map((c, i) => [c, i]));
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const isRow = new Set(piece.rows);
  const byRow = new Map<number, number[]>(piece.rows.map((row) => [row, []]));
  piece.candidates.forEach((c, i) => reduced.columnRows[c]?.forEach((row) => isRow.has(row) && byRow.get(row)?.push(i)));
  for (const row of piece.rows) {
    for (const i of byRow.get(row) ?? []) {
      indices.push(i);
      values.push(1);
    }
    starts.push(indices.length);
    rowLower.push(1);
  }
  piece.candidates.forEach((c, i) => {
    for (const p of space.prerequisites[c] ?? []) {
      const j = position.get(p);
      if (j === undefined) continue; // a kept chosen column: already taken
      indices.push(j, i);
      values.push(1, -1);
      starts.push(indices.length);
      rowLower.push(0);
    }
  });
  const numCols = piece.candidates.length;
  const numRows = rowLower.length;
  const model = highs.createModel({
    numCols,
    numRows,
    sense: highs.constants.objectiveSense.minimize,
    colCost: piece.candidates.map((c) => space.cost[c] as number),
    colLower: new Float64Array(numCols),
    colUpper: new Float64Array(numCols).fill(1),
    rowLower,
    rowUpper: new Float64Array(numRows).fill(highs.infinity),
    matrix: { format: 'csr', numRows, numCols, starts, indices, values },
    integrality: new Int32Array(numCols).fill(highs.constants.variableType.integer),
  });
  try {
    const seconds = Math.min(PIECE_SECONDS, (search.deadline - performance.now()) / 1000);
    if (!(seconds > 0)) return 'timed-out';
    const before = piece.freed.reduce((sum, c) => sum + (space.cost[c] as number), 0);
    model.options.set({ output_flag: false, time_limit: seconds, mip_rel_gap: 0, mip_abs_gap: 1e-6, mip_detect_symmetry: false });
    const start = new Float64Array(numCols);
    for (const c of piece.freed) start[position.get(c) as number] = 1;
    model.setSolution({ colValue: start });
    const { modelStatus } = model.run();
    const timedOut = modelStatus !== highs.constants.modelStatus.optimal;
    if (Number(model.info.get('primal_solution_status')) !== 2) return timedOut ? 'timed-out' : 'same';
    const chosen = model.getSolution().colValue;
    const after = piece.candidates.reduce((sum, c, i) => sum + ((chosen[i] ?? 0) > 0.5 ? (space.cost[c] as number) : 0), 0);
    if (!(after < before - 1e-9)) return timedOut ? 'timed-out' : 'same';
    for (const c of piece.freed) x[c] = 0;
    piece.candidates.forEach((c, i) => (x[c] = (chosen[i] ?? 0) > 0.5 ? 1 : x[c] ?? 0));
    return 'improved';
  } finally {
    model.dispose();
  }
}

