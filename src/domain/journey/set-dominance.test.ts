import { describe, expect, it } from 'vitest';
import { planJourney } from './index.ts';
import { overlapping } from './journey.fixture.ts';
import { setDominated } from './set-dominance.ts';
import type { DominanceSpace } from './set-dominance.ts';

/**
 * A space from resources given as [minutes of the resource alone, minutes with its prerequisites,
 * rows it closes itself, rows its prerequisite closure closes].
 */
function space(resources: Array<[number, number, number[], number[]?]>, rowCount: number): DominanceSpace {
  const reach = resources.map(([, , own, closure]) => new Set(closure ?? own));
  const byRow = Array.from({ length: rowCount }, (_, row) =>
    resources.flatMap((_, r) => (reach[r]?.has(row) ? [r] : [])).sort((a, b) => (resources[a]?.[1] as number) - (resources[b]?.[1] as number) || a - b),
  );
  return {
    cover: resources.map(([, , own]) => own),
    byRow,
    cost: Float64Array.from(resources, ([, withPrerequisites]) => withPrerequisites),
    minutes: Float64Array.from(resources, ([alone]) => alone),
    reaches: (b, row) => reach[b]?.has(row) ?? false,
  };
}

describe('set dominance', () => {
  it('condemns a resource that two others together replace for fewer minutes', () => {
    expect(setDominated(space([[100, 100, [0, 1]], [40, 40, [0, 2]], [50, 50, [1]]], 3), [0])).toEqual([0]);
  });

  it('spares it when the others together cost as much: only a strictly cheaper replacement is safe', () => {
    expect(setDominated(space([[90, 90, [0, 1]], [40, 40, [0, 2]], [50, 50, [1]]], 3), [0])).toEqual([]);
  });

  it("counts a replacement's prerequisites in its minutes, and the rows they close", () => {
    // With its 30-minute prerequisite the first replacement costs 70: 70 + 50 > 100.
    expect(setDominated(space([[100, 100, [0, 1]], [40, 70, [0]], [50, 50, [1]]], 2), [0])).toEqual([]);
    // Its prerequisite closes row 1 too, so it replaces the resource alone for 70.
    expect(setDominated(space([[100, 100, [0, 1]], [40, 70, [0], [0, 1]]], 2), [0])).toEqual([0]);
  });

  it('needs every row covered, and finds the cheapest of several ways (three pieces here)', () => {
    const resources: Array<[number, number, number[]]> = [[100, 100, [0, 1, 2]], [30, 30, [0]], [30, 30, [1]], [30, 30, [2]], [80, 80, [0, 1]]];
    expect(setDominated(space(resources, 3), [0])).toEqual([0]);
    expect(setDominated(space(resources.slice(0, 3), 3), [0])).toEqual([]);
  });
});

describe('planning with set dominance on overlapping catalogues', () => {
  it('proves the same optimum whatever the catalogue order (dominance ties go by order)', async () => {
    for (const seed of [1, 2, 3, 4]) {
      const request = overlapping(seed, 60, 10);
      const plan = await planJourney({ ...request, timeLimitMs: 5000 });
      const reversed = await planJourney({ ...request, resources: [...request.resources].reverse(), timeLimitMs: 5000 });
      expect(plan.optimal && reversed.optimal, `seed ${seed}`).toBe(true);
      expect(plan.totalMinutes, `seed ${seed}`).toBe(reversed.totalMinutes);
    }
  }, 30_000);
});
