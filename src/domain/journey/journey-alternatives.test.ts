import { describe, expect, it } from 'vitest';
import { GREEDY_TRAP, gap, resource } from './journey.fixture.ts';
import { PlanInputError, alternativesFor, planJourney } from './index.ts';
import type { PlanRequest } from './index.ts';

const request: PlanRequest = {
  gaps: GREEDY_TRAP.gaps,
  resources: [
    ...GREEDY_TRAP.resources,
    resource('a-long', 70, ['g1', 'g4', 'g2']),
    resource('a-alt', 50, ['g1', 'g4']),
    resource('a-needs-a', 5, ['g1', 'g4'], ['a']),
    resource('a-broken', 5, ['g1', 'g4'], ['retired']),
    resource('a-excluded', 1, ['g1', 'g4']),
    resource('half', 50, ['g1']),
  ],
  excluded: ['a-excluded'],
};

describe('alternativesFor', () => {
  it('lists usable unselected resources closing what the item alone closes, fewest minutes first', async () => {
    const plan = await planJourney(request);
    expect(plan.selected.sort()).toEqual(['a', 'b']);
    expect(alternativesFor(request, plan, 'a')).toEqual(['a-alt', 'a-long']);
    expect(alternativesFor(request, plan, 'b')).toEqual(['big']);
  });

  it('swaps by re-planning with the alternative required and the item excluded', async () => {
    const plan = await planJourney(request);
    const [alternative] = alternativesFor(request, plan, 'a');
    const swapped = await planJourney({ ...request, required: [alternative as string], excluded: [...(request.excluded ?? []), 'a'] });
    expect(swapped.selected.sort()).toEqual(['a-alt', 'b']);
  });

  it('has nothing to offer for an item that closes nothing on its own', async () => {
    const plan = { selected: ['x1', 'x2'], closes: { x1: ['g1'], x2: ['g1'] } };
    const small: PlanRequest = { gaps: [gap('g1')], resources: [resource('x1', 5, ['g1']), resource('x2', 5, ['g1']), resource('x3', 1, ['g1'])] };
    expect(alternativesFor(small, plan, 'x1')).toEqual([]);
  });

  it('rejects an item that is not in the plan', async () => {
    const plan = await planJourney(request);
    expect(() => alternativesFor(request, plan, 'big')).toThrow(PlanInputError);
  });
});
