import { KIND_RANK, TIER_RANK } from './journey-types.ts';
import type { Selection } from './cover-selection.ts';
import type { PlanningProblem } from './planning-problem.ts';

/**
 * The order to take the selected resources in: a Kahn topological sort over hard edges with a
 * priority among what is ready.
 * Hard edges: prerequisites first; R6, a resource closing knowledge gap K before one closing a
 * gap whose `restsOn` names K (unless it is the same resource).
 * Priority: the most urgent (tier, kind) a resource closes (R5: foundational, product-specific,
 * advanced; knowledge before skill), inherited from what depends on it so a prerequisite is taken
 * as early as the resource needing it; then fewer minutes; then id.
 * Cycles (prerequisite cycles, or R6 edges crossing) are broken deterministically: first by
 * releasing a resource held only by R6 edges, else the remaining one with the best priority.
 */
export function orderJourney(problem: PlanningProblem, selected: Selection): string[] {
  const nodes = [...selected.keys()].filter((r) => selected[r]);
  const position = new Map(nodes.map((r, i) => [r, i]));
  const { successors, prerequisiteIn, softIn } = hardEdges(problem, nodes, position);
  const urgency = inheritedUrgency(problem, nodes, successors);
  const before = (a: number, b: number): boolean => {
    const [ra, rb] = [nodes[a] as number, nodes[b] as number];
    if (urgency[a] !== urgency[b]) return (urgency[a] as number) < (urgency[b] as number);
    if (problem.minutes[ra] !== problem.minutes[rb]) return (problem.minutes[ra] as number) < (problem.minutes[rb] as number);
    return (problem.resources[ra]?.id as string) < (problem.resources[rb]?.id as string);
  };
  const done = new Uint8Array(nodes.length);
  const order: string[] = [];
  for (let step = 0; step < nodes.length; step++) {
    const next = pickBest(nodes.length, done, before, (i) => prerequisiteIn[i] === 0 && softIn[i] === 0)
      ?? pickBest(nodes.length, done, before, (i) => prerequisiteIn[i] === 0)
      ?? (pickBest(nodes.length, done, before, () => true) as number);
    done[next] = 1;
    order.push(problem.resources[nodes[next] as number]?.id as string);
    for (const [to, hard] of successors[next] ?? []) {
      if (hard) prerequisiteIn[to] = (prerequisiteIn[to] as number) - 1;
      else softIn[to] = (softIn[to] as number) - 1;
    }
  }
  return order;
}

function pickBest(count: number, done: Uint8Array, before: (a: number, b: number) => boolean, ready: (i: number) => boolean): number | undefined {
  let best: number | undefined;
  for (let i = 0; i < count; i++) {
    if (done[i] || !ready(i)) continue;
    if (best === undefined || before(i, best)) best = i;
  }
  return best;
}

/** successors[i] = [j, isPrerequisiteEdge]; in-degrees counted per edge kind. */
function hardEdges(problem: PlanningProblem, nodes: readonly number[], position: ReadonlyMap<number, number>) {
  const successors: Array<Array<readonly [number, boolean]>> = nodes.map(() => []);
  const prerequisiteIn = new Int32Array(nodes.length);
  const softIn = new Int32Array(nodes.length);
  const seen = new Set<string>();
  const add = (from: number, to: number, prerequisite: boolean): void => {
    const key = `${from}>${to}`;
    if (from === to || seen.has(key)) return;
    seen.add(key);
    successors[from]?.push([to, prerequisite]);
    if (prerequisite) prerequisiteIn[to] = (prerequisiteIn[to] as number) + 1;
    else softIn[to] = (softIn[to] as number) + 1;
  };
  nodes.forEach((r, i) => {
    for (const p of problem.prerequisites[r] ?? []) {
      const from = position.get(p);
      if (from !== undefined) add(from, i, true);
    }
  });
  const closersOf = problem.gaps.map(() => [] as number[]);
  nodes.forEach((r, i) => problem.closes[r]?.forEach((g) => closersOf[g]?.push(i)));
  const gapIndex = new Map(problem.gaps.map((gap, g) => [gap.id, g]));
  problem.gaps.forEach((gap, s) => {
    for (const knowledge of gap.restsOn ?? []) {
      const k = gapIndex.get(knowledge);
      if (k === undefined || problem.gaps[k]?.kind !== 'knowledge') continue;
      for (const from of closersOf[k] ?? []) for (const to of closersOf[s] ?? []) add(from, to, false);
    }
  });
  return { successors, prerequisiteIn, softIn };
}

/** Most urgent (tier, kind) a resource closes, or that anything depending on it closes. */
function inheritedUrgency(problem: PlanningProblem, nodes: readonly number[], successors: ReadonlyArray<ReadonlyArray<readonly [number, boolean]>>): Int32Array {
  const NONE = 2 * (Math.max(...Object.values(TIER_RANK)) + 1);
  const urgency = Int32Array.from(nodes, (r) =>
    Math.min(NONE, ...(problem.closes[r] ?? []).map((g) => {
      const gap = problem.gaps[g];
      return gap ? TIER_RANK[gap.tier] * 2 + KIND_RANK[gap.kind] : NONE;
    })),
  );
  for (let changed = true, rounds = 0; changed && rounds <= nodes.length; rounds++) {
    changed = false;
    successors.forEach((edges, i) => {
      for (const [to] of edges) {
        if ((urgency[to] as number) < (urgency[i] as number)) {
          urgency[i] = urgency[to] as number;
          changed = true;
        }
      }
    });
  }
  return urgency;
}
