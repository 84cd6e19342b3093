/**
 * Exact branch-and-bound for the small covering problems the neighbourhood search cuts out of a
 * plan (cover-neighbourhood.ts): cover every row at least once, least cost, and a column taken
 * takes its prerequisites. Pieces have tens of rows and a few hundred columns; building a HiGHS
 * model for each costs milliseconds of root work, while this proves most of them in a fraction
 * of one, so the search can try many more pieces within the planner's second.
 *
 * Bounds are Lagrangian: relax the cover rows with multipliers u >= 0, and any u gives
 *   cost >= taken + sum(u over open rows) + sum over free columns of min(0, c_j - u(rows of j)).
 * Subgradient steps tune u at the root and, warm-started from the parent, at every node. The same
 * reduced costs fix columns out (taking one would cost more than the incumbent) and order the
 * branches: a node branches on the open row with fewest free columns, one child per column
 * covering it, each child banning the columns tried before it, so no cover is searched twice.
 */
export interface SmallCoverProblem {
  rows: number;
  cost: ArrayLike<number>;
  /** Per column: the rows it covers. */
  columnRows: ReadonlyArray<readonly number[]>;
  /** Per column: the columns it needs taken with it. */
  prerequisites: ReadonlyArray<readonly number[]>;
}

export interface SmallCoverOutcome {
  /** A cover cheaper than the bound asked to beat, when one was found. */
  chosen: Uint8Array | undefined;
  /** True when the search finished: nothing cheaper exists than `chosen` (or than the bound). */
  proven: boolean;
}

export interface SmallCoverLimits {
  /** Find a cover costing less than this (at least `grain` less when costs share a grain). */
  beat: number;
  /** Common divisor of every cost (0 when none): lets a bound within one grain prune. */
  grain: number;
  /** The search stops, unproven, after this many nodes or at this `performance.now()` time. */
  nodes: number;
  deadline?: number;
}

const ROOT_STEPS = 150;
const NODE_STEPS = 12;

interface Node {
  taken: Uint8Array;
  banned: Uint8Array;
  covered: Uint8Array;
  cost: number;
  u: Float64Array;
}

export function solveSmallCover(problem: SmallCoverProblem, limits: SmallCoverLimits): SmallCoverOutcome {
  return new Search(problem, limits).run();
}

class Search {
  private readonly columns: number;
  private readonly rowColumns: number[][];
  private readonly dependents: number[][];
  private readonly closure: number[][];
  private best: number;
  private chosen: Uint8Array | undefined;
  private nodesLeft: number;
  /** Scratch per column: Lagrangian reduced cost at the last bound. */
  private readonly reduced: Float64Array;

  constructor(
    private readonly problem: SmallCoverProblem,
    private readonly limits: SmallCoverLimits,
  ) {
    this.columns = problem.cost.length;
    this.rowColumns = Array.from({ length: problem.rows }, () => []);
    this.dependents = Array.from({ length: this.columns }, () => []);
    problem.columnRows.forEach((rows, c) => rows.forEach((row) => this.rowColumns[row]?.push(c)));
    problem.prerequisites.forEach((list, c) => list.forEach((p) => this.dependents[p]?.push(c)));
    this.closure = Array.from({ length: this.columns }, (_, c) => this.closureOf(c));
    this.best = limits.beat;
    this.nodesLeft = limits.nodes;
    this.reduced = new Float64Array(this.columns);
  }

  run(): SmallCoverOutcome {
    const root: Node = {
      taken: new Uint8Array(this.columns),
      banned: new Uint8Array(this.columns),
      covered: new Uint8Array(this.problem.rows),
      cost: 0,
      u: this.startingMultipliers(),
    };
    const finished = this.explore(root, ROOT_STEPS);
    return { chosen: this.chosen, proven: finished };
  }

  /** The cutoff a node's bound must stay under to hold a better cover. */
  private cutoff(): number {
    const { grain } = this.limits;
    if (!Number.isFinite(this.best)) return Infinity;
    return grain > 0 ? this.best - grain + 1e-6 * Math.max(1, grain) : this.best - 1e-9 * Math.max(1, Math.abs(this.best));
  }

  /** Returns false when the node limit stopped the search below this node. */
  private explore(node: Node, steps: number): boolean {
    if (this.nodesLeft-- <= 0 || performance.now() > (this.limits.deadline ?? Infinity)) return false;
    if (node.cost > this.cutoff()) return true;
    if (this.isCover(node)) {
      this.record(node);
      return true;
    }
    const bound = this.lagrangian(node, steps);
    if (bound > this.cutoff()) return true;
    this.fixByReducedCost(node, bound);
    const row = this.branchingRow(node);
    if (row < 0) return true; // an open row no free column covers
    const options = (this.rowColumns[row] ?? []).filter((c) => !node.banned[c]);
    options.sort((a, b) => (this.reduced[a] as number) - (this.reduced[b] as number) || a - b);
    const banned = Uint8Array.from(node.banned);
    let complete = true;
    for (const column of options) {
      const child = this.take({ ...node, banned: Uint8Array.from(banned) }, column);
      if (child) complete = this.explore(child, NODE_STEPS) && complete;
      if (!complete) return false;
      this.ban(banned, column);
    }
    return complete;
  }

  private isCover(node: Node): boolean {
    for (let row = 0; row < this.problem.rows; row++) if (!node.covered[row]) return false;
    return true;
  }

  private record(node: Node): void {
    if (!(node.cost <= this.cutoff())) return;
    this.best = node.cost;
    this.chosen = Uint8Array.from(node.taken);
  }

  /** Starts from each row's cheapest share of a column covering it: a good first u. */
  private startingMultipliers(): Float64Array {
    const u = new Float64Array(this.problem.rows);
    this.rowColumns.forEach((columns, row) => {
      let least = Infinity;
      for (const c of columns) least = Math.min(least, (this.problem.cost[c] as number) / (this.problem.columnRows[c]?.length ?? 1));
      u[row] = Number.isFinite(least) ? least : 0;
    });
    return u;
  }

  /**
   * Best Lagrangian bound over `steps` subgradient steps from the node's u; leaves the node's u
   * and `reduced` at the best multipliers found.
   */
  private lagrangian(node: Node, steps: number): number {
    const { rows } = this.problem;
    const u = Float64Array.from(node.u);
    const bestU = Float64Array.from(node.u);
    const count = new Int32Array(rows);
    let bestBound = -Infinity;
    let scale = 1;
    let sinceGain = 0;
    for (let step = 0; step < steps; step++) {
      const bound = this.boundAt(node, u, count);
      if (bound > bestBound + 1e-9) {
        bestBound = bound;
        bestU.set(u);
        sinceGain = 0;
      } else if (++sinceGain >= 4) {
        scale /= 2;
        sinceGain = 0;
      }
      if (bestBound > this.cutoff()) break;
      let norm = 0;
      for (let row = 0; row < rows; row++) if (!node.covered[row]) norm += (1 - (count[row] as number)) ** 2;
      if (norm === 0) break; // the relaxed answer covers every open row exactly once: u is optimal
      const target = Number.isFinite(this.best) ? this.best : bound * 1.05 + 1;
      const length = (scale * Math.max(target - bound, 1e-6 * Math.abs(target))) / norm;
      for (let row = 0; row < rows; row++) {
        if (!node.covered[row]) u[row] = Math.max(0, (u[row] as number) + length * (1 - (count[row] as number)));
      }
    }
    node.u = bestU;
    return this.boundAt(node, bestU, count);
  }

  /** The Lagrangian bound at `u`; fills `reduced` and, per open row, how many relaxed-chosen columns cover it. */
  private boundAt(node: Node, u: Float64Array, count: Int32Array): number {
    let bound = node.cost;
    count.fill(0);
    for (let row = 0; row < this.problem.rows; row++) if (!node.covered[row]) bound += u[row] as number;
    for (let c = 0; c < this.columns; c++) {
      if (node.taken[c] || node.banned[c]) continue;
      let value = this.problem.cost[c] as number;
      const rows = this.problem.columnRows[c] ?? [];
      for (const row of rows) if (!node.covered[row]) value -= u[row] as number;
      this.reduced[c] = value;
      if (value < 0) {
        bound += value;
        for (const row of rows) if (!node.covered[row]) count[row] = (count[row] as number) + 1;
      }
    }
    return bound;
  }

  /** A free column whose reduced cost alone lifts the bound past the cutoff is in no better cover. */
  private fixByReducedCost(node: Node, bound: number): void {
    const cutoff = this.cutoff();
    for (let c = 0; c < this.columns; c++) {
      if (node.taken[c] || node.banned[c]) continue;
      if (bound + Math.max(0, this.reduced[c] as number) > cutoff) this.ban(node.banned, c);
    }
  }

  /** The open row with fewest free columns covering it; -1 when one has none. */
  private branchingRow(node: Node): number {
    let chosen = -1;
    let fewest = Infinity;
    for (let row = 0; row < this.problem.rows; row++) {
      if (node.covered[row]) continue;
      let free = 0;
      for (const c of this.rowColumns[row] ?? []) if (!node.banned[c]) free++;
      if (free === 0) return -1;
      if (free < fewest || (free === fewest && (node.u[row] as number) > (node.u[chosen] as number))) [chosen, fewest] = [row, free];
    }
    return chosen;
  }

  /** The node with `column` and its prerequisites taken; undefined when one of them is banned. */
  private take(node: Node, column: number): Node | undefined {
    const taken = Uint8Array.from(node.taken);
    const covered = Uint8Array.from(node.covered);
    let cost = node.cost;
    for (const c of this.closure[column] ?? []) {
      if (taken[c]) continue;
      if (node.banned[c]) return undefined;
      taken[c] = 1;
      cost += this.problem.cost[c] as number;
      for (const row of this.problem.columnRows[c] ?? []) covered[row] = 1;
    }
    return { taken, banned: node.banned, covered, cost, u: Float64Array.from(node.u) };
  }

  /** Bans a column and every column that needs it. */
  private ban(banned: Uint8Array, column: number): void {
    const stack = [column];
    while (stack.length > 0) {
      const c = stack.pop() as number;
      if (banned[c]) continue;
      banned[c] = 1;
      stack.push(...(this.dependents[c] ?? []));
    }
  }

  private closureOf(column: number): number[] {
    const seen = new Set([column]);
    const stack = [column];
    while (stack.length > 0) {
      for (const p of this.problem.prerequisites[stack.pop() as number] ?? []) {
        if (seen.has(p)) continue;
        seen.add(p);
        stack.push(p);
      }
    }
    return [...seen];
  }
}
