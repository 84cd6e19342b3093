import { describe, expect, it } from 'vitest';
import { absoluteGap, objectiveGrain } from './highs-model.ts';

describe('objectiveGrain', () => {
  it.each<[number[], number]>([
    [[5, 10, 30, 2400], 5],
    [[3, 7], 1],
    [[0.1, 0.2, 0.3], 0.1],
    [[1, 2.5], 0.5],
    [[0.25, 0.75], 0.25],
    [[Math.PI, 1], 0],
    [[1e-7], 0],
    [[], 0],
  ])('%j → %d', (coefficients, grain) => {
    expect(objectiveGrain(coefficients)).toBeCloseTo(grain, 12);
  });

  it('stops HiGHS just short of a grain, or at its own tolerance without one', () => {
    expect(absoluteGap(5)).toBeLessThan(5);
    expect(absoluteGap(5)).toBeGreaterThan(4.9);
    expect(absoluteGap(0)).toBe(1e-6);
  });
});
