import { describe, expect, it } from 'vitest';
import { buildTeamProblem } from './team-plan.ts';
import type { TeamPlanRequest } from './team-plan.ts';
import { trimPlan } from './team-plan-trim.ts';

const need = (id: string) => ({ id, archetype: 'Embedder', shortfall: 1, candidates: ['ana'] });

/** Trims the plan taking every resource, and names what is left. */
function trimAll(request: TeamPlanRequest): string[] {
  const problem = buildTeamProblem(request);
  const kept = trimPlan(problem, new Set(problem.columns.map((_, c) => c)));
  return [...kept].map((c) => request.resources[problem.columns[c]?.resource ?? -1]?.id ?? '').sort();
}

describe('trimPlan', () => {
  it('drops a resource that adds no holder, and keeps the one that does', () => {
    const kept = trimAll({
      requirements: [need('q1'), need('q2')],
      members: [{ id: 'ana', name: 'Ana' }],
      resources: [
        { id: 'broad', minutes: 50, prerequisites: [], closes: { ana: ['q1', 'q2'] } },
        { id: 'narrow', minutes: 30, prerequisites: [], closes: { ana: ['q1'] } },
      ],
    });
    expect(kept).toEqual(['broad']);
  });

  it('keeps a prerequisite while what needs it stays, and drops it once that has gone', () => {
    const request = (otherMinutes: number): TeamPlanRequest => ({
      requirements: [need('q')],
      members: [{ id: 'ana', name: 'Ana' }],
      resources: [
        { id: 'basics', minutes: 30, prerequisites: [], closes: {} },
        { id: 'advanced', minutes: 20, prerequisites: ['basics'], closes: { ana: ['q'] } },
        { id: 'other', minutes: otherMinutes, prerequisites: [], closes: { ana: ['q'] } },
      ],
    });
    // Longest first: 'other' (60) goes, and 'advanced' keeps 'basics'.
    expect(trimAll(request(60))).toEqual(['advanced', 'basics']);
    // 'advanced' (20) goes before 'other' (10), and then 'basics' is needed by nothing.
    expect(trimAll(request(10))).toEqual(['other']);
  });

  it('never loses a holder', () => {
    const kept = trimAll({
      requirements: [need('q1'), need('q2')],
      members: [{ id: 'ana', name: 'Ana' }],
      resources: [
        { id: 'a', minutes: 40, prerequisites: [], closes: { ana: ['q1'] } },
        { id: 'b', minutes: 40, prerequisites: [], closes: { ana: ['q2'] } },
      ],
    });
    expect(kept).toEqual(['a', 'b']);
  });
});
