import { holdersFound } from './team-plan.ts';
import type { TeamProblem } from './team-plan.ts';

/**
 * Drops chosen resources the plan does not need: longest first, a column goes when no chosen
 * column needs it as a prerequisite and the holders found stay the same. A plan cut short by the
 * time limit (HiGHS's incumbent, or greedy's) often carries such resources; the result is never
 * worse, and is the start of the exact solver's minutes stage.
 */
export function trimPlan(problem: TeamProblem, chosen: ReadonlySet<number>): Set<number> {
  const kept = new Set(chosen);
  const total = (set: ReadonlySet<number>): number => holdersFound(problem, set).reduce((sum, n) => sum + n, 0);
  const holders = total(kept);
  const needed = (column: number): boolean => [...kept].some((c) => c !== column && problem.columns[c]?.closure.includes(column));
  // Again until nothing goes, as dropping a resource can free its prerequisite.
  for (let dropped = true; dropped; ) {
    dropped = false;
    const longestFirst = [...kept].sort((a, b) => (problem.columns[b]?.minutes ?? 0) - (problem.columns[a]?.minutes ?? 0));
    for (const column of longestFirst) {
      if (needed(column)) continue;
      kept.delete(column);
      if (total(kept) < holders) kept.add(column);
      else dropped = true;
    }
  }
  return kept;
}
