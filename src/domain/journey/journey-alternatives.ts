import { PlanInputError } from './journey-types.ts';
import type { Plan, PlanRequest } from './journey-types.ts';
import { preparePlanningProblem } from './planning-problem.ts';

/**
 * Ids of usable resources outside the plan that close every gap `resourceId` closes on its own in
 * the plan (gaps no other selected resource closes), fewest minutes first (then id). Resources
 * needing `resourceId` as a prerequisite are left out, since swapping excludes it. Empty when the
 * item closes nothing uniquely (a prerequisite, say). The caller swaps by re-planning with
 * `required: [alt]`, `excluded: [resourceId]`.
 */
export function alternativesFor(request: PlanRequest, plan: Pick<Plan, 'selected' | 'closes'>, resourceId: string): string[] {
  if (!plan.selected.includes(resourceId)) throw new PlanInputError(`resource "${resourceId}" is not in the plan`);
  const problem = preparePlanningProblem({ ...request, required: [], excluded: [...(request.excluded ?? []), resourceId] });
  const closedByOthers = new Set(plan.selected.flatMap((id) => (id === resourceId ? [] : (plan.closes[id] ?? []))));
  const unique = (plan.closes[resourceId] ?? []).filter((gap) => !closedByOthers.has(gap));
  if (unique.length === 0) return [];
  const inPlan = new Set(plan.selected);
  const candidates = problem.resources.filter((resource, r) => {
    if (!problem.usable[r] || inPlan.has(resource.id)) return false;
    const closing = new Set((problem.closes[r] ?? []).map((g) => problem.gaps[g]?.id));
    return unique.every((gap) => closing.has(gap));
  });
  return candidates.sort((a, b) => a.minutes - b.minutes || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((resource) => resource.id);
}
