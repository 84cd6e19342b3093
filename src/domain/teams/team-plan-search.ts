import { seededRandom } from '../journey/seeded-random.ts';
import { greedyTeamPlan, holdersFound, minutesOfChoice } from './team-plan.ts';
import type { TeamProblem } from './team-plan.ts';
import { trimPlan } from './team-plan-trim.ts';

/**
 * Ruin and recreate, for a plan HiGHS could not prove in time (mostly where hours bind): drop
 * everything one to three members take, refill greedily with slightly jittered rates, trim, and
 * keep the result when it finds more holders, or as many for no more minutes. Greedy alone spends
 * scarce hours on the cheapest rate first; this moves work between members, which is where the
 * holders it misses are (the bench's tight-hours shape: greedy 169-178 holders where the best known
 * plans find 181-191; 500 ms of this alone reach 181-183). Seeded, so a plan depends only on the
 * instance and the time given.
 */
export function ruinAndRecreate(problem: TeamProblem, start: ReadonlySet<number>, until: number): Set<number> {
  const random = seededRandom(13);
  const members = problem.limit.length;
  const score = (chosen: ReadonlySet<number>): readonly [number, number] => [holdersFound(problem, chosen).reduce((sum, n) => sum + n, 0), minutesOfChoice(problem, chosen)];
  let best = new Set(start);
  let [holders, minutes] = score(best);
  // Stops when one more round, as long as the longest so far, would run past `until`.
  let longest = 0;
  for (let now = performance.now(); members > 0 && now + longest < until; ) {
    const out = new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => Math.floor(random() * members)));
    const kept = new Set([...best].filter((c) => !out.has(problem.columns[c]?.member ?? -1)));
    const tried = trimPlan(problem, greedyTeamPlan(problem, kept, () => 0.9 + 0.2 * random()));
    const [triedHolders, triedMinutes] = score(tried);
    if (triedHolders > holders || (triedHolders === holders && triedMinutes <= minutes)) [best, holders, minutes] = [tried, triedHolders, triedMinutes];
    const finished = performance.now();
    longest = Math.max(longest, finished - now);
    now = finished;
  }
  return best;
}
