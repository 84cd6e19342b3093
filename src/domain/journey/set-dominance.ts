/**
 * Set dominance for model reduction (model-reduction.ts): a "simple" resource (no open
 * prerequisites, nobody's prerequisite) is dropped when SEVERAL other kept resources together
 * close all its open gaps, prerequisites included, for strictly fewer minutes than it costs.
 *
 * Why it is safe: any selection taking it can swap it for those resources (with their
 * prerequisites), closing at least the same gaps for strictly fewer minutes, so no optimal
 * selection takes it (under a budget: at least the same weight, fewer minutes, still within
 * budget). The argument is about the space as it stands before this step, so every resource it
 * condemns can be dropped at once and the dominators need not survive.
 *
 * On overlapping catalogues (each resource closes a few neighbouring topics) single-resource
 * dominance leaves most resources in; pairs and triples of cheap neighbours knock out far more.
 */

/** Resources closing more open gaps than this are not tested (2^k subset table per resource). */
const MAX_ROWS = 8;

export interface DominanceSpace {
  /** Per resource: row positions it closes itself (the candidate for dropping). */
  cover: readonly (readonly number[])[];
  /** Per row: kept resources whose prerequisite closure closes it, cheapest closure first. */
  byRow: readonly (readonly number[])[];
  /** Per resource: minutes of its closure not already fixed (what taking it adds). */
  cost: Float64Array;
  /** Minutes of the resource alone (simple resources: the same as cost). */
  minutes: Float64Array;
  /** Whether `b`'s closure closes row `row`. */
  reaches(b: number, row: number): boolean;
}

/** The simple resources set dominance condemns, among `candidates`. */
export function setDominated(space: DominanceSpace, candidates: readonly number[]): number[] {
  const condemned: number[] = [];
  const scratch = { best: new Float64Array(1 << MAX_ROWS), dp: new Float64Array(1 << MAX_ROWS), seen: new Int32Array(space.cost.length).fill(-1) };
  for (const a of candidates) {
    const rows = space.cover[a] ?? [];
    if (rows.length < 2 || rows.length > MAX_ROWS) continue;
    if (cheapestCover(space, a, rows, scratch) < (space.minutes[a] as number) - 1e-9) condemned.push(a);
  }
  return condemned;
}

/**
 * Least summed closure minutes of other resources covering all of `a`'s rows, by a DP over the
 * 2^k subsets of its rows; stops looking at resources once they alone cost what `a` does.
 */
interface Scratch {
  best: Float64Array;
  dp: Float64Array;
  seen: Int32Array;
}

function cheapestCover(space: DominanceSpace, a: number, rows: readonly number[], scratch: Scratch): number {
  const { best, dp, seen } = scratch;
  const full = (1 << rows.length) - 1;
  const limit = space.minutes[a] as number;
  best.fill(Infinity, 0, full + 1);
  for (const row of rows) {
    for (const b of space.byRow[row] ?? []) {
      const cost = space.cost[b] as number;
      if (cost >= limit) break;
      if (b === a || seen[b] === a) continue;
      seen[b] = a;
      let mask = 0;
      for (let i = 0; i < rows.length; i++) if (space.reaches(b, rows[i] as number)) mask |= 1 << i;
      // A resource covering a superset of a mask also serves every subset of it.
      if (cost < (best[mask] as number)) best[mask] = cost;
    }
  }
  // best[m]: cheapest single resource covering at least m; dp over subsets: cover m as s + rest.
  for (let bit = 0; bit < rows.length; bit++) {
    for (let m = full; m >= 0; m--) if (!(m & (1 << bit)) && (best[m | (1 << bit)] as number) < (best[m] as number)) best[m] = best[m | (1 << bit)] as number;
  }
  dp.fill(Infinity, 0, full + 1);
  dp[0] = 0;
  for (let m = 1; m <= full; m++) {
    const low = m & -m;
    // The part covering the lowest missing row, then the rest (every split is some such part).
    for (let s = m; s > 0; s = (s - 1) & m) {
      if (!(s & low)) continue;
      const total = (best[s] as number) + (dp[m & ~s] as number);
      if (total < (dp[m] as number)) dp[m] = total;
    }
  }
  return dp[full] as number;
}
