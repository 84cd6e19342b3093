import { fitsBudget, isBetter, removeRedundant, toCoverResult, valueOf, withPrerequisites } from './cover-selection.ts';
import type { Selection } from './cover-selection.ts';
import { greedySelection } from './greedy-cover.ts';
import { solveExactly } from './highs-solver.ts';
import { orderJourney } from './journey-order.ts';
import type { Plan, PlanRequest } from './journey-types.ts';
import { reduceModel } from './model-reduction.ts';
import { preparePlanningProblem } from './planning-problem.ts';
import type { PlanningProblem } from './planning-problem.ts';

/**
 * Chooses resources for a learner's gaps. Without a budget: the fewest minutes that close every
 * closable gap. With one: the most gap weight within it, then the fewest minutes. Prerequisites
 * come along with what needs them; `required` resources are always taken (with their
 * prerequisites, even beyond the budget; the rest must fit in what is left).
 *
 * The exact answer comes from HiGHS on a reduced model within `timeLimitMs`; a greedy cover is
 * always computed too and the better of the two is returned, so a slow or failing solver costs
 * optimality, never an answer. Throws PlanInputError for malformed input.
 */
export async function planJourney(request: PlanRequest): Promise<Plan> {
  const started = performance.now();
  const problem = preparePlanningProblem(request);
  const greedy = greedySelection(problem);
  const exact = await exactSelection(problem, greedy, started + problem.timeLimitMs);
  const useExact = exact !== undefined && !isBetter(problem, valueOf(problem, greedy), valueOf(problem, exact.selection));
  const selection = useExact ? exact.selection : greedy;
  return {
    ...describePlan(problem, selection),
    solver: useExact ? 'exact' : 'greedy',
    optimal: useExact && exact.proven,
    solveMs: performance.now() - started,
  };
}

async function exactSelection(problem: PlanningProblem, start: Selection, deadline: number): Promise<{ selection: Selection; proven: boolean } | undefined> {
  const reduced = reduceModel(problem);
  if (reduced.columns.length === 0) return { selection: reduced.fixed, proven: true };
  const solution = await solveExactly(problem, reduced, start, deadline);
  if (!solution) return undefined;
  const chosen = Uint8Array.from(reduced.fixed);
  for (const r of solution.chosen) chosen[r] = 1;
  const selection = removeRedundant(problem, withPrerequisites(problem, chosen));
  const value = valueOf(problem, selection);
  // Guards against solver tolerances: an answer that breaks a rule is not used.
  const valid = fitsBudget(problem, selection) && (problem.budget !== undefined || value.closesEveryClosable);
  return valid ? { selection, proven: solution.proven } : undefined;
}

function describePlan(problem: PlanningProblem, selection: Selection): Omit<Plan, 'solver' | 'optimal' | 'solveMs'> {
  const cover = toCoverResult(problem, selection);
  const closes: Record<string, string[]> = {};
  selection.forEach((on, r) => {
    if (on) closes[problem.resources[r]?.id as string] = (problem.closes[r] ?? []).map((g) => problem.gaps[g]?.id as string);
  });
  return { ...cover, order: orderJourney(problem, selection), closes };
}
