import type { PlanRequest } from './journey-types.ts';
import { preparePlanningProblem } from './planning-problem.ts';

/** A gap aimed lower than asked: `requested` is taught by no usable resource, `planned` is. */
export interface LoweredTarget {
  gap: string;
  requested: number;
  planned: number;
}

/**
 * The planner closes a gap only at its target, so a topic whose target no usable resource reaches
 * would get nothing, although the lower statements on it (a foundational awareness beside an
 * advanced familiarity) could still be met. This aims each such gap at the highest level a usable
 * resource brings it to, when that is above where the learner stands. "Usable" is the planner's
 * own rule (not excluded, every prerequisite present and usable), so a level only a resource with
 * a missing prerequisite teaches is not counted. Throws PlanInputError for a malformed request,
 * as the planner would.
 */
export function capTargetsAtReach(request: PlanRequest): { request: PlanRequest; lowered: LoweredTarget[] } {
  const { usable } = preparePlanningProblem(request);
  const reach = new Map<string, number>();
  request.resources.forEach((resource, r) => {
    if (!usable[r]) return;
    for (const outcome of resource.outcomes) reach.set(outcome.gap, Math.max(reach.get(outcome.gap) ?? 0, outcome.level));
  });
  const lowered: LoweredTarget[] = [];
  const gaps = request.gaps.map((gap) => {
    const best = reach.get(gap.id) ?? 0;
    if (best >= gap.target || best <= gap.current) return gap;
    lowered.push({ gap: gap.id, requested: gap.target, planned: best });
    return { ...gap, target: best };
  });
  return { request: lowered.length > 0 ? { ...request, gaps } : request, lowered };
}
