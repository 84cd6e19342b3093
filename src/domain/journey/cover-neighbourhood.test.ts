import { describe, expect, it } from 'vitest';
import { improveCover } from './cover-neighbourhood.ts';
import { overlapping } from './journey.fixture.ts';
import { reduceModel } from './model-reduction.ts';
import type { ReducedModel } from './model-reduction.ts';
import { preparePlanningProblem } from './planning-problem.ts';

function minutes(reduced: ReducedModel, cost: (r: number) => number, x: ArrayLike<number>): number {
  return reduced.columns.reduce((sum, r, c) => sum + ((x[c] ?? 0) ? cost(r) : 0), 0);
}

describe('improving a cover by re-solving small pieces of it', () => {
  it('keeps every row covered and prerequisites taken, and never costs more than the start', () => {
    for (const seed of [1, 2, 3]) {
      const problem = preparePlanningProblem(overlapping(seed, 160, 24));
      const reduced = reduceModel(problem);
      const everything = new Uint8Array(reduced.columns.length).fill(1);
      const zeros = new Float64Array(reduced.columns.length);
      const x = improveCover({ problem, reduced, relaxed: zeros, reducedCost: zeros, deadline: performance.now() + 1500, untilDeadline: false }, everything);
      const label = `seed ${seed}`;
      reduced.rows.forEach((_, row) => expect(reduced.columnRows.some((rows, c) => x[c] && rows.includes(row)), `${label}, row ${row}`).toBe(true));
      for (const [c, p] of reduced.prerequisiteEdges) if (x[c]) expect(x[p], `${label}, column ${c} needs ${p}`).toBe(1);
      const cost = (r: number): number => problem.minutes[r] as number;
      expect(minutes(reduced, cost, x), label).toBeLessThan(minutes(reduced, cost, everything));
    }
  }, 30_000);

  it('returns the start unchanged once the deadline has passed', () => {
    const problem = preparePlanningProblem(overlapping(9, 80, 12));
    const reduced = reduceModel(problem);
    const start = new Uint8Array(reduced.columns.length).fill(1);
    const zeros = new Float64Array(reduced.columns.length);
    const x = improveCover({ problem, reduced, relaxed: zeros, reducedCost: zeros, deadline: performance.now() - 1, untilDeadline: true }, start);
    expect([...x]).toEqual([...start]);
  });
});
