import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random.ts';
import { solveSmallCover } from './small-cover.ts';
import type { SmallCoverProblem } from './small-cover.ts';

/** Least cost by trying every subset (prerequisites included), Infinity when nothing covers. */
function bruteForce(problem: SmallCoverProblem): number {
  let least = Infinity;
  const columns = problem.cost.length;
  for (let mask = 0; mask < 1 << columns; mask++) {
    const on = (c: number): boolean => ((mask >> c) & 1) === 1;
    let valid = true;
    let cost = 0;
    const covered = new Set<number>();
    for (let c = 0; c < columns && valid; c++) {
      if (!on(c)) continue;
      valid = (problem.prerequisites[c] ?? []).every(on);
      cost += problem.cost[c] as number;
      problem.columnRows[c]?.forEach((row) => covered.add(row));
    }
    if (valid && covered.size === problem.rows) least = Math.min(least, cost);
  }
  return least;
}

function costOf(problem: SmallCoverProblem, chosen: Uint8Array): number {
  return chosen.reduce((sum, on, c) => sum + (on ? (problem.cost[c] as number) : 0), 0);
}

function isCover(problem: SmallCoverProblem, chosen: Uint8Array): boolean {
  const covered = new Set<number>();
  let prerequisitesTaken = true;
  chosen.forEach((on, c) => {
    if (!on) return;
    problem.columnRows[c]?.forEach((row) => covered.add(row));
    prerequisitesTaken &&= (problem.prerequisites[c] ?? []).every((p) => chosen[p] === 1);
  });
  return prerequisitesTaken && covered.size === problem.rows;
}

function randomProblem(seed: number): SmallCoverProblem {
  const random = seededRandom(seed);
  const rows = 3 + Math.floor(random() * 6);
  const columns = 4 + Math.floor(random() * 10);
  const columnRows = Array.from({ length: columns }, () => {
    const rowsOf = new Set<number>();
    const span = 1 + Math.floor(random() * 3);
    while (rowsOf.size < span) rowsOf.add(Math.floor(random() * rows));
    return [...rowsOf];
  });
  // Prerequisites point to earlier columns, as in catalogues (no cycles).
  const prerequisites = Array.from({ length: columns }, (_, c) => (c > 0 && random() < 0.25 ? [Math.floor(random() * c)] : []));
  const cost = Float64Array.from({ length: columns }, () => 10 + Math.floor(random() * 90));
  return { rows, cost, columnRows, prerequisites };
}

describe('small exact cover', () => {
  it('finds the least-cost cover with prerequisites taken along, on many random problems', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const problem = randomProblem(seed);
      const optimum = bruteForce(problem);
      const outcome = solveSmallCover(problem, { beat: Infinity, grain: 0, nodes: 100_000 });
      expect(outcome.proven).toBe(true);
      if (optimum === Infinity) {
        expect(outcome.chosen).toBeUndefined();
        continue;
      }
      const chosen = outcome.chosen as Uint8Array;
      expect(isCover(problem, chosen)).toBe(true);
      expect(costOf(problem, chosen)).toBe(optimum);
    }
  });

  it('finds nothing, proven, when asked to beat the optimum; with a grain, a cover a hair cheaper does not count', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const problem = randomProblem(seed);
      const optimum = bruteForce(problem);
      if (optimum === Infinity) continue;
      expect(solveSmallCover(problem, { beat: optimum, grain: 0, nodes: 100_000 })).toEqual({ chosen: undefined, proven: true });
      expect(solveSmallCover(problem, { beat: optimum + 0.5, grain: 1, nodes: 100_000 })).toEqual({ chosen: undefined, proven: true });
      expect(costOf(problem, solveSmallCover(problem, { beat: optimum + 1, grain: 1, nodes: 100_000 }).chosen as Uint8Array)).toBe(optimum);
    }
  });

  it('stops unproven at its node limit, keeping the best cover it found', () => {
    const random = seededRandom(7);
    const rows = 40;
    const columnRows = Array.from({ length: 300 }, (_, c) => [c % rows, (c * 7 + 3) % rows, Math.floor(random() * rows)]);
    const problem = { rows, cost: Float64Array.from(columnRows, () => 10 + Math.floor(random() * 500)), columnRows, prerequisites: columnRows.map(() => []) };
    const outcome = solveSmallCover(problem, { beat: Infinity, grain: 1, nodes: 3 });
    expect(outcome.proven).toBe(false);
    if (outcome.chosen) expect(isCover(problem, outcome.chosen)).toBe(true);
  });
});
