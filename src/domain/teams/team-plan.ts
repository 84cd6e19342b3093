import { solveTeamExactly } from './team-plan-exact.ts';
import { ruinAndRecreate } from './team-plan-search.ts';
import { trimPlan } from './team-plan-trim.ts';

/** Share of the time limit kept for ruin and recreate (team-plan-search.ts) when HiGHS has not proven its plan. */
const SEARCH_SHARE = 0.2;

/**
 * The team's least learning (issue 13 §3): which member takes which catalogue resources so that
 * every advanced requirement short of k holders (team-coverage.ts `shortfall`) gains the holders
 * it lacks, with the least total minutes, prerequisites taken along and optional hours per member.
 *
 * Lexicographic on purpose: first as many missing holders as can be found (hour limits may make
 * full coverage impossible), then the least minutes for that. Pure: the caller precomputes, per
 * resource and member, which requirements taking it would make that member meet (`closes`), from
 * the resource's outcomes and the member's current levels, so no DB or catalogue lookup is here.
 */

export interface TeamPlanRequirement {
  id: string;
  archetype: string;
  /** How many more holders it needs to reach k. */
  shortfall: number;
  /** Member ids who play the archetype in the team and do not yet meet the requirement. */
  candidates: readonly string[];
}

export interface TeamPlanMember {
  id: string;
  name: string;
  /** Most hours of learning this member may be asked for; none means no limit. */
  hoursLimit?: number;
}

export interface TeamPlanResource {
  id: string;
  minutes: number;
  /** Resource ids to take first. Ids not in the catalogue are taken as already done. */
  prerequisites: readonly string[];
  /** Per member id: requirement ids taking this resource would make that member meet. */
  closes: Readonly<Record<string, readonly string[]>>;
}

export interface TeamPlanRequest {
  requirements: readonly TeamPlanRequirement[];
  members: readonly TeamPlanMember[];
  resources: readonly TeamPlanResource[];
  /** Time for the exact solver before its best answer (or greedy's) is returned. Default 2000. */
  timeLimitMs?: number;
}

export interface TeamAssignment {
  memberId: string;
  /** Prerequisites before the resources that need them. */
  resourceIds: string[];
  /** Requirements this member will meet once done (only those the plan is about). */
  closes: string[];
}

export interface TeamPlan {
  assignments: TeamAssignment[];
  totalMinutes: number;
  /** Requirements no resource closes for any candidate: for the curation-gap report. */
  unclosable: string[];
  /** Closable requirements still short of holders after the plan (too few candidates, or hours). */
  shortfallLeft: Array<{ requirementId: string; missing: number }>;
  solver: 'exact' | 'greedy';
  optimal: boolean;
}

/** One x column: member m takes resource r. */
export interface TakeColumn {
  member: number;
  resource: number;
  minutes: number;
  /** This column plus the columns of its prerequisites (transitively), for this member. */
  closure: number[];
}

/** One y column: member becomes a holder of requirement when any closer column is taken. */
export interface HolderPair {
  member: number;
  requirement: number;
  closers: number[];
}

/** The instance in index form, shared by the greedy and the exact solver. */
export interface TeamProblem {
  columns: TakeColumn[];
  prerequisiteEdges: Array<readonly [number, number]>;
  pairs: HolderPair[];
  /** Per requirement index: holders to find (0 for unclosable or satisfied ones). */
  target: number[];
  /** Per member index: minutes limit, Infinity when none. */
  limit: number[];
}

export async function planTeamLearning(request: TeamPlanRequest): Promise<TeamPlan> {
  // The limit covers the whole call, building the problem and greedy included.
  const started = performance.now();
  const deadline = started + (request.timeLimitMs ?? 2000);
  const problem = buildTeamProblem(request);
  const greedy = trimPlan(problem, greedyTeamPlan(problem));
  // HiGHS first, as it proves most instances well within the limit; the last part of the time
  // goes to ruin and recreate on its unproven plan (team-plan-search.ts).
  const exactUntil = deadline - SEARCH_SHARE * (deadline - started);
  const exact = problem.columns.length === 0 ? { chosen: greedy, optimal: true } : await solveTeamExactly(problem, greedy, exactUntil);
  if (exact?.optimal) return describePlan(request, problem, exact.chosen, 'exact', true);
  // HiGHS may drop the start it was given when stopped early; never return worse than greedy.
  const found = exact && !isWorse(problem, exact.chosen, greedy) ? exact.chosen : greedy;
  return describePlan(request, problem, ruinAndRecreate(problem, found, deadline), exact ? 'exact' : 'greedy', false);
}

/** Fewer holders found, or as many for more minutes. */
function isWorse(problem: TeamProblem, a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  const found = (chosen: ReadonlySet<number>): number => holdersFound(problem, chosen).reduce((sum, n) => sum + n, 0);
  const [foundA, foundB] = [found(a), found(b)];
  return foundA < foundB || (foundA === foundB && minutesOfChoice(problem, a) > minutesOfChoice(problem, b));
}

export function buildTeamProblem(request: TeamPlanRequest): TeamProblem {
  const memberIndex = new Map(request.members.map((m, i) => [m.id, i]));
  const resourceIndex = new Map(request.resources.map((r, i) => [r.id, i]));
  const columns: TakeColumn[] = [];
  const columnOf = new Map<string, number>();
  const prerequisiteEdges: Array<readonly [number, number]> = [];
  // Created depth-first so a column's prerequisites exist first; `seen` stops prerequisite cycles.
  const take = (member: number, resource: number, seen: ReadonlySet<number>): number => {
    const key = `${member}:${resource}`;
    const known = columnOf.get(key);
    if (known !== undefined) return known;
    const spec = request.resources[resource] as TeamPlanResource;
    const before = spec.prerequisites.map((id) => resourceIndex.get(id)).filter((p): p is number => p !== undefined && !seen.has(p));
    const prerequisites = before.map((p) => take(member, p, new Set([...seen, resource])));
    const column = columns.length;
    const closure = [column, ...prerequisites.flatMap((p) => (columns[p] as TakeColumn).closure)];
    columns.push({ member, resource, minutes: spec.minutes, closure: [...new Set(closure)] });
    columnOf.set(key, column);
    prerequisites.forEach((p) => prerequisiteEdges.push([column, p]));
    return column;
  };
  const pairs: HolderPair[] = [];
  request.requirements.forEach((q, requirement) => {
    for (const memberId of q.candidates) {
      const member = memberIndex.get(memberId);
      if (member === undefined) continue;
      const closers = request.resources.flatMap((r, resource) => (r.closes[memberId]?.includes(q.id) ? [take(member, resource, new Set())] : []));
      if (closers.length > 0) pairs.push({ member, requirement, closers });
    }
  });
  const target = request.requirements.map((q, i) => Math.max(0, Math.min(q.shortfall, pairs.filter((p) => p.requirement === i).length)));
  const limit = request.members.map((m) => (m.hoursLimit === undefined ? Infinity : m.hoursLimit * 60));
  return { columns, prerequisiteEdges, pairs, target, limit };
}

/** Holders found per requirement index for the chosen columns, capped at each target. */
export function holdersFound(problem: TeamProblem, chosen: ReadonlySet<number>): number[] {
  const found = problem.target.map(() => 0);
  for (const pair of problem.pairs) if (pair.closers.some((c) => chosen.has(c))) found[pair.requirement] = (found[pair.requirement] ?? 0) + 1;
  return found.map((n, q) => Math.min(n, problem.target[q] ?? 0));
}

export const minutesOfChoice = (problem: TeamProblem, chosen: ReadonlySet<number>): number =>
  [...chosen].reduce((sum, c) => sum + (problem.columns[c]?.minutes ?? 0), 0);

/**
 * Greedy: repeatedly take the (member, resource) move, prerequisites included, with the fewest
 * minutes per newly found holder, within the member's hours. Also the exact solver's start.
 * `from` is kept and added to; `jitter` scales each rate (ruin and recreate varies the order).
 */
export function greedyTeamPlan(problem: TeamProblem, from: ReadonlySet<number> = new Set(), jitter?: () => number): Set<number> {
  const chosen = new Set(from);
  const used = problem.limit.map(() => 0);
  chosen.forEach((c) => {
    const column = problem.columns[c] as TakeColumn;
    used[column.member] = (used[column.member] ?? 0) + column.minutes;
  });
  const held = problem.pairs.map((pair) => pair.closers.some((c) => chosen.has(c)));
  const found = problem.target.map(() => 0);
  problem.pairs.forEach((pair, p) => held[p] && (found[pair.requirement] = (found[pair.requirement] ?? 0) + 1));
  // Pairs each column's closure reaches, once, so a move's gain looks only at its own pairs.
  const pairsOf: number[][] = problem.columns.map(() => []);
  problem.pairs.forEach((pair, p) => pair.closers.forEach((c) => pairsOf[c]?.push(p)));
  const reach = problem.columns.map((column) => [...new Set(column.closure.flatMap((c) => pairsOf[c] ?? []))]);
  for (;;) {
    let best: { column: number; ratio: number; cost: number } | undefined;
    problem.columns.forEach((column, c) => {
      if (chosen.has(c)) return;
      const cost = column.closure.reduce((sum, d) => sum + (chosen.has(d) ? 0 : (problem.columns[d]?.minutes ?? 0)), 0);
      if ((used[column.member] ?? 0) + cost > (problem.limit[column.member] ?? 0)) return;
      const gain = newHolders(problem, held, found, reach[c] ?? []);
      const ratio = (cost / gain) * (jitter?.() ?? 1);
      if (gain > 0 && (!best || ratio < best.ratio || (ratio === best.ratio && cost < best.cost))) best = { column: c, ratio, cost };
    });
    if (!best) return chosen;
    const column = problem.columns[best.column] as TakeColumn;
    column.closure.forEach((c) => chosen.add(c));
    used[column.member] = (used[column.member] ?? 0) + best.cost;
    for (const p of reach[best.column] ?? []) {
      if (held[p]) continue;
      held[p] = true;
      const q = (problem.pairs[p] as HolderPair).requirement;
      found[q] = (found[q] ?? 0) + 1;
    }
  }
}

/** Holders a move adds: its pairs not yet held, per requirement capped at what is still missing. */
function newHolders(problem: TeamProblem, held: readonly boolean[], found: readonly number[], reach: readonly number[]): number {
  const extra = new Map<number, number>();
  for (const p of reach) {
    if (held[p]) continue;
    const q = (problem.pairs[p] as HolderPair).requirement;
    extra.set(q, (extra.get(q) ?? 0) + 1);
  }
  let gain = 0;
  extra.forEach((n, q) => (gain += Math.max(0, Math.min(n, (problem.target[q] ?? 0) - (found[q] ?? 0)))));
  return gain;
}

function describePlan(request: TeamPlanRequest, problem: TeamProblem, chosen: ReadonlySet<number>, solver: TeamPlan['solver'], optimal: boolean): TeamPlan {
  const held = holdersFound(problem, chosen);
  const assignments = request.members.flatMap((member, m): TeamAssignment[] => {
    // Column indices grow with creation, and prerequisites are created first: a safe order.
    const mine = [...chosen].filter((c) => problem.columns[c]?.member === m).sort((a, b) => a - b);
    if (mine.length === 0) return [];
    const closes = problem.pairs.filter((p) => p.member === m && p.closers.some((c) => chosen.has(c))).map((p) => request.requirements[p.requirement]?.id ?? '');
    return [{ memberId: member.id, resourceIds: mine.map((c) => request.resources[problem.columns[c]?.resource ?? -1]?.id ?? ''), closes }];
  });
  const closable = new Set(problem.pairs.map((p) => p.requirement));
  const unclosable = request.requirements.filter((q, i) => q.shortfall > 0 && !closable.has(i)).map((q) => q.id);
  const shortfallLeft = request.requirements.flatMap((q, i) =>
    closable.has(i) && q.shortfall > (held[i] ?? 0) ? [{ requirementId: q.id, missing: q.shortfall - (held[i] ?? 0) }] : [],
  );
  return { assignments, totalMinutes: minutesOfChoice(problem, chosen), unclosable, shortfallLeft, solver, optimal };
}
