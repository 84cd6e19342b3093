import type { ReducedModel } from './model-reduction.ts';
import type { PlanningProblem } from './planning-problem.ts';

export const EPSILON = 1e-9;

/**
 * A selection of the reduced model's columns kept closed under prerequisites, with per-row cover
 * counts so moves are evaluated incrementally. A trial records its changes so it can be undone.
 * `covered` is the weight covered (the row count without a budget).
 */
/** What does not change while searching one reduced model; built once per model. */
interface SearchSpace {
  cost: Float64Array;
  weight: Float64Array;
  prerequisites: number[][];
  rowColumns: number[][];
  closures: Array<number[] | undefined>;
  byCost: number[];
}

const spaces = new WeakMap<ReducedModel, SearchSpace>();

function searchSpace(problem: PlanningProblem, reduced: ReducedModel): SearchSpace {
  const known = spaces.get(reduced);
  if (known) return known;
  const cost = Float64Array.from(reduced.columns, (r) => problem.minutes[r] as number);
  const prerequisites: number[][] = reduced.columns.map(() => []);
  for (const [column, prerequisite] of reduced.prerequisiteEdges) prerequisites[column]?.push(prerequisite);
  const rowColumns: number[][] = reduced.rows.map(() => []);
  reduced.columnRows.forEach((rows, c) => rows.forEach((row) => rowColumns[row]?.push(c)));
  const space: SearchSpace = {
    cost,
    weight: Float64Array.from(reduced.rows, (g) => (reduced.budgetLeft === undefined ? 1 : (problem.weight[g] as number))),
    prerequisites,
    rowColumns,
    closures: [],
    byCost: [...reduced.columns.keys()].sort((a, b) => (cost[a] as number) - (cost[b] as number) || a - b),
  };
  spaces.set(reduced, space);
  return space;
}

export class SearchState {
  readonly x: Uint8Array;
  readonly budget: number | undefined;
  private readonly count: Int32Array;
  private readonly dependents: Int32Array;
  private readonly cost: Float64Array;
  private readonly weight: Float64Array;
  private readonly prerequisites: number[][];
  private readonly rowColumns: number[][];
  private readonly closures: Array<number[] | undefined>;
  private readonly byCost: number[];
  /** Relaxation values steering repair and fill towards the LP's choices, when given. */
  guide: ArrayLike<number> | undefined;
  private readonly stamp: Int32Array;
  private readonly selected = new Set<number>();
  /** Changes made by the current trial: c + 1 for an addition, -(c + 1) for a removal. */
  private trial: number[] | undefined;
  private tick = 0;
  spent = 0;
  covered = 0;

  constructor(problem: PlanningProblem, private readonly reduced: ReducedModel) {
    const columns = reduced.columns.length;
    this.x = new Uint8Array(columns);
    this.budget = reduced.budgetLeft;
    this.count = new Int32Array(reduced.rows.length);
    this.stamp = new Int32Array(reduced.rows.length);
    this.dependents = new Int32Array(columns);
    ({ cost: this.cost, weight: this.weight, prerequisites: this.prerequisites, rowColumns: this.rowColumns, closures: this.closures, byCost: this.byCost } = searchSpace(problem, reduced));
  }

  closure(c: number): number[] {
    const cached = this.closures[c];
    if (cached) return cached;
    const seen = new Set([c]);
    const stack = [c];
    while (stack.length > 0) {
      for (const p of this.prerequisites[stack.pop() as number] ?? []) {
        if (seen.has(p)) continue;
        seen.add(p);
        stack.push(p);
      }
    }
    const found = [...seen];
    this.closures[c] = found;
    return found;
  }

  add(c: number): void {
    if (this.x[c]) return;
    this.x[c] = 1;
    this.selected.add(c);
    this.trial?.push(c + 1);
    this.spent += this.cost[c] as number;
    for (const row of this.reduced.columnRows[c] ?? []) if ((this.count[row] = (this.count[row] as number) + 1) === 1) this.covered += this.weight[row] as number;
    for (const p of this.prerequisites[c] ?? []) this.dependents[p] = (this.dependents[p] as number) + 1;
  }

  addClosure(c: number): void {
    for (const m of this.closure(c)) this.add(m);
  }

  remove(c: number): void {
    if (!this.x[c]) return;
    this.x[c] = 0;
    this.selected.delete(c);
    this.trial?.push(-(c + 1));
    this.spent -= this.cost[c] as number;
    for (const row of this.reduced.columnRows[c] ?? []) if ((this.count[row] = (this.count[row] as number) - 1) === 0) this.covered -= this.weight[row] as number;
    for (const p of this.prerequisites[c] ?? []) this.dependents[p] = (this.dependents[p] as number) - 1;
  }

  beginTrial(): void {
    this.trial = [];
  }

  /** Keeps the trial's changes, or undoes them in reverse. */
  endTrial(keep: boolean): void {
    const changes = this.trial ?? [];
    this.trial = undefined;
    if (keep) return;
    for (let i = changes.length - 1; i >= 0; i--) {
      const change = changes[i] as number;
      if (change > 0) this.remove(change - 1);
      else this.add(-change - 1);
    }
  }

  /** Weight (or row count) newly covered by taking `c` with its prerequisites, and the minutes added. */
  gain(c: number): { worth: number; extra: number } {
    this.tick += 1;
    let worth = 0;
    let extra = 0;
    for (const m of this.closure(c)) {
      if (this.x[m]) continue;
      extra += this.cost[m] as number;
      for (const row of this.reduced.columnRows[m] ?? []) {
        if (this.count[row] || this.stamp[row] === this.tick) continue;
        this.stamp[row] = this.tick;
        worth += this.weight[row] as number;
      }
    }
    return { worth, extra };
  }

  /** Weight lost if selected leaf `c` were dropped (rows only it covers). */
  loss(c: number): number {
    let lost = 0;
    for (const row of this.reduced.columnRows[c] ?? []) if (this.count[row] === 1) lost += this.weight[row] as number;
    return lost;
  }

  isLeaf(c: number): boolean {
    return this.x[c] === 1 && this.dependents[c] === 0;
  }

  repairCover(): void {
    for (let row = this.count.indexOf(0); row >= 0; row = this.count.indexOf(0)) {
      let best = -1;
      let bestRatio = -1;
      for (const c of this.rowColumns[row] ?? []) {
        const { worth, extra } = this.gain(c);
        const ratio = this.score(c, worth, extra);
        if (ratio > bestRatio) [best, bestRatio] = [c, ratio];
      }
      if (best < 0) return;
      this.addClosure(best);
    }
  }

  private score(c: number, worth: number, extra: number): number {
    const ratio = extra === 0 ? Infinity : worth / extra;
    return this.guide === undefined ? ratio : ratio * (1 + (this.guide[c] ?? 0));
  }

  /** Drops selected leaves whose loss is nothing, longest first. */
  dropRedundant(candidates: Iterable<number> = this.selected): void {
    const leaves = [...candidates].filter((c) => this.isLeaf(c)).sort((a, b) => (this.cost[b] as number) - (this.cost[a] as number) || b - a);
    for (const c of leaves) if (this.isLeaf(c) && this.loss(c) === 0) this.remove(c);
  }

  /** Selected columns sharing a row with `c` or its prerequisites: the only ones it can make redundant. */
  touchedBy(c: number): Set<number> {
    const touched = new Set<number>();
    for (const m of this.closure(c)) for (const row of this.reduced.columnRows[m] ?? []) for (const other of this.rowColumns[row] ?? []) if (this.x[other]) touched.add(other);
    return touched;
  }

  isBetterThan(covered: number, spent: number): boolean {
    if (this.covered > covered + EPSILON) return true;
    return this.covered > covered - EPSILON && this.spent < spent - EPSILON;
  }

  /** Greedy by worth per minute among what still fits. */
  fill(): void {
    const budget = this.budget ?? Infinity;
    for (;;) {
      let best = -1;
      let bestRatio = -1;
      for (const c of this.byCost) {
        if ((this.cost[c] as number) > budget - this.spent + EPSILON) break;
        if (this.x[c]) continue;
        const { worth, extra } = this.gain(c);
        if (worth <= 0 || extra > budget - this.spent + EPSILON) continue;
        const ratio = this.score(c, worth, extra);
        if (ratio > bestRatio) [best, bestRatio] = [c, ratio];
      }
      if (best < 0) return;
      this.addClosure(best);
    }
  }

  /** Drops selected leaves (other than `kept`), least weight lost per minute first, until within budget. */
  dropUntilFits(kept: ReadonlySet<number>, budget: number): void {
    const leaves = [...this.selected]
      .filter((c) => !kept.has(c) && this.dependents[c] === 0)
      .map((c) => ({ c, rate: this.loss(c) / Math.max(this.cost[c] as number, EPSILON) }))
      .sort((a, b) => a.rate - b.rate || (this.cost[b.c] as number) - (this.cost[a.c] as number));
    for (const { c } of leaves) {
      if (this.spent <= budget + EPSILON) return;
      this.remove(c);
    }
  }
}
