import { describe, expect, it } from 'vitest';
import { buildTeamProblem, greedyTeamPlan, holdersFound, minutesOfChoice } from './team-plan.ts';
import type { TeamPlanRequest } from './team-plan.ts';
import { ruinAndRecreate } from './team-plan-search.ts';

// Ana has an hour. Greedy takes her cheap 'a1' first (30 min a holder, shorter than 'a2'), and then
// 'a2' no longer fits: one holder. Ana on 'a2' and Ben on 'b1' find all three.
const HOURS_TRAP: TeamPlanRequest = {
  requirements: [
    { id: 'q1', archetype: 'Embedder', shortfall: 1, candidates: ['ana', 'ben'] },
    { id: 'q2', archetype: 'Embedder', shortfall: 1, candidates: ['ana'] },
    { id: 'q3', archetype: 'Embedder', shortfall: 1, candidates: ['ana'] },
  ],
  members: [
    { id: 'ana', name: 'Ana', hoursLimit: 1 },
    { id: 'ben', name: 'Ben' },
  ],
  resources: [
    { id: 'a1', minutes: 30, prerequisites: [], closes: { ana: ['q1'] } },
    { id: 'a2', minutes: 60, prerequisites: [], closes: { ana: ['q2', 'q3'] } },
    { id: 'b1', minutes: 40, prerequisites: [], closes: { ben: ['q1'] } },
  ],
};

const holders = (problem: ReturnType<typeof buildTeamProblem>, chosen: ReadonlySet<number>): number => holdersFound(problem, chosen).reduce((sum, n) => sum + n, 0);

describe('ruinAndRecreate', () => {
  it('moves work between members to find the holders greedy misses when hours bind', () => {
    const problem = buildTeamProblem(HOURS_TRAP);
    const greedy = greedyTeamPlan(problem);
    expect(holders(problem, greedy)).toBe(1);
    const improved = ruinAndRecreate(problem, greedy, performance.now() + 200);
    expect(holders(problem, improved)).toBe(3);
    expect(minutesOfChoice(problem, improved)).toBe(100);
  });

  it('returns the start when it has no time', () => {
    const problem = buildTeamProblem(HOURS_TRAP);
    const greedy = greedyTeamPlan(problem);
    expect(ruinAndRecreate(problem, greedy, performance.now() - 1)).toEqual(greedy);
  });
});
