import { MAX_RANK, PlanInputError, TIER_RANK } from './journey-types.ts';
import type { PlannerGap, PlannerResource, PlanRequest } from './journey-types.ts';

/**
 * A validated request indexed for the solvers: gaps and resources by position, what each usable
 * resource closes, and each resource's prerequisite closure (itself included).
 */
export interface PlanningProblem {
  gaps: readonly PlannerGap[];
  resources: readonly PlannerResource[];
  minutes: Float64Array;
  weight: Float64Array;
  /** Per resource: indices of the gaps it closes, ascending (empty when unusable). */
  closes: number[][];
  /** Per resource: direct prerequisites by index (usable resources only). */
  prerequisites: number[][];
  usable: Uint8Array;
  /** Per gap: usable resources that close it. */
  closers: number[][];
  closable: Uint8Array;
  /** Required resources and their prerequisites. */
  required: number[];
  budget: number | undefined;
  timeLimitMs: number;
  closure(resource: number): readonly number[];
}

export const DEFAULT_TIME_LIMIT_MS = 1000;

export function preparePlanningProblem(request: PlanRequest): PlanningProblem {
  const gapIndex = indexGaps(request.gaps);
  const resourceIndex = indexResources(request.resources, request.gaps, gapIndex);
  checkLimits(request);
  const excluded = new Set(request.excluded ?? []);
  const resources = request.resources;
  const usable = findUsable(resources, resourceIndex, excluded);
  const prerequisites = resources.map((r, i) => (usable[i] ? [...new Set(r.prerequisites)].map((p) => resourceIndex.get(p) as number) : []));
  const closes = resources.map((r, i) => (usable[i] ? gapsClosedBy(r, request.gaps, gapIndex) : []));
  const closers: number[][] = request.gaps.map(() => []);
  closes.forEach((gaps, r) => gaps.forEach((g) => closers[g]?.push(r)));
  const closureCache: Array<readonly number[] | undefined> = [];
  const closure = (resource: number): readonly number[] => {
    const cached = closureCache[resource];
    if (cached) return cached;
    const found = prerequisiteClosure(resource, prerequisites);
    closureCache[resource] = found;
    return found;
  };
  const required = requiredClosure(request, resourceIndex, usable, excluded, closure);
  return {
    gaps: request.gaps,
    resources,
    minutes: Float64Array.from(resources, (r) => r.minutes),
    weight: Float64Array.from(request.gaps, (g) => g.weight),
    closes,
    prerequisites,
    usable,
    closers,
    closable: Uint8Array.from(closers, (c) => (c.length > 0 ? 1 : 0)),
    required,
    budget: request.budgetMinutes,
    timeLimitMs: request.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS,
    closure,
  };
}

function indexGaps(gaps: readonly PlannerGap[]): Map<string, number> {
  const index = new Map<string, number>();
  gaps.forEach((gap, i) => {
    const name = describe('gap', gap?.id, i);
    if (typeof gap?.id !== 'string' || gap.id === '') throw new PlanInputError(`${name} needs a non-empty id`);
    if (index.has(gap.id)) throw new PlanInputError(`${name} appears twice`);
    if (!(gap.tier in TIER_RANK)) throw new PlanInputError(`${name} has unknown tier "${String(gap.tier)}"`);
    if (!(gap.kind in MAX_RANK)) throw new PlanInputError(`${name} has unknown kind "${String(gap.kind)}"`);
    const max = MAX_RANK[gap.kind];
    if (!Number.isInteger(gap.target) || gap.target < 1 || gap.target > max) {
      throw new PlanInputError(`${name} has target ${gap.target}; a ${gap.kind} target is a rank from 1 to ${max}`);
    }
    if (!Number.isInteger(gap.current) || gap.current < 0 || gap.current >= gap.target) {
      throw new PlanInputError(`${name} has current level ${gap.current}; it must be a rank from 0 to below its target ${gap.target}`);
    }
    if (!Number.isFinite(gap.weight) || gap.weight < 0) throw new PlanInputError(`${name} has weight ${gap.weight}; it must be a finite number >= 0`);
    if (gap.restsOn !== undefined && (!Array.isArray(gap.restsOn) || !gap.restsOn.every((id) => typeof id === 'string'))) {
      throw new PlanInputError(`${name} has a restsOn entry that is not a gap id`);
    }
    index.set(gap.id, i);
  });
  return index;
}

function indexResources(resources: readonly PlannerResource[], gaps: readonly PlannerGap[], gapIndex: Map<string, number>): Map<string, number> {
  const index = new Map<string, number>();
  resources.forEach((resource, i) => {
    const name = describe('resource', resource?.id, i);
    if (typeof resource?.id !== 'string' || resource.id === '') throw new PlanInputError(`${name} needs a non-empty id`);
    if (index.has(resource.id)) throw new PlanInputError(`${name} appears twice`);
    if (!Number.isFinite(resource.minutes) || resource.minutes < 0) {
      throw new PlanInputError(`${name} has ${resource.minutes} minutes; minutes must be a finite number >= 0`);
    }
    if (!Array.isArray(resource.outcomes)) throw new PlanInputError(`${name} needs an outcomes list`);
    for (const outcome of resource.outcomes) {
      const g = gapIndex.get(outcome?.gap);
      if (g === undefined) throw new PlanInputError(`${name} has an outcome on unknown gap "${String(outcome?.gap)}"`);
      const gap = gaps[g] as PlannerGap;
      const max = MAX_RANK[gap.kind];
      if (!Number.isInteger(outcome.level) || outcome.level < 1 || outcome.level > max) {
        throw new PlanInputError(`${name} brings gap "${gap.id}" to level ${outcome.level}; a ${gap.kind} level is a rank from 1 to ${max}`);
      }
    }
    if (!Array.isArray(resource.prerequisites) || !resource.prerequisites.every((p) => typeof p === 'string')) {
      throw new PlanInputError(`${name} needs a prerequisites list of resource ids`);
    }
    index.set(resource.id, i);
  });
  return index;
}

function checkLimits(request: PlanRequest): void {
  const budget = request.budgetMinutes;
  if (budget !== undefined && (!Number.isFinite(budget) || budget < 0)) {
    throw new PlanInputError(`budgetMinutes is ${budget}; it must be a finite number >= 0`);
  }
  const limit = request.timeLimitMs;
  if (limit !== undefined && (Number.isNaN(limit) || limit <= 0)) throw new PlanInputError(`timeLimitMs is ${limit}; it must be > 0`);
}

const describe = (what: string, id: unknown, position: number): string =>
  typeof id === 'string' && id !== '' ? `${what} "${id}"` : `${what} at position ${position}`;

/** Usable: not excluded, and every prerequisite (transitively) is in the list and not excluded. */
function findUsable(resources: readonly PlannerResource[], index: Map<string, number>, excluded: ReadonlySet<string>): Uint8Array {
  const usable = new Uint8Array(resources.length).fill(1);
  const dependents: number[][] = resources.map(() => []);
  const broken: number[] = [];
  resources.forEach((resource, i) => {
    let ok = !excluded.has(resource.id);
    for (const p of resource.prerequisites) {
      const j = index.get(p);
      if (j === undefined || excluded.has(p)) ok = false;
      else dependents[j]?.push(i);
    }
    if (!ok) broken.push(i);
  });
  for (const i of broken) usable[i] = 0;
  while (broken.length > 0) {
    const i = broken.pop() as number;
    for (const d of dependents[i] ?? []) {
      if (usable[d]) {
        usable[d] = 0;
        broken.push(d);
      }
    }
  }
  return usable;
}

/** Levels are progressive and do not add up: one outcome at or above the target closes a gap. */
function gapsClosedBy(resource: PlannerResource, gaps: readonly PlannerGap[], gapIndex: Map<string, number>): number[] {
  const closed = new Set<number>();
  for (const outcome of resource.outcomes) {
    const g = gapIndex.get(outcome.gap) as number;
    if (outcome.level >= (gaps[g] as PlannerGap).target) closed.add(g);
  }
  return [...closed].sort((a, b) => a - b);
}

function prerequisiteClosure(resource: number, prerequisites: readonly number[][]): number[] {
  const seen = new Set<number>([resource]);
  const stack = [resource];
  while (stack.length > 0) {
    for (const p of prerequisites[stack.pop() as number] ?? []) {
      if (!seen.has(p)) {
        seen.add(p);
        stack.push(p);
      }
    }
  }
  return [...seen];
}

function requiredClosure(
  request: PlanRequest,
  index: Map<string, number>,
  usable: Uint8Array,
  excluded: ReadonlySet<string>,
  closure: (resource: number) => readonly number[],
): number[] {
  const all = new Set<number>();
  for (const id of request.required ?? []) {
    const r = index.get(id);
    if (r === undefined) throw new PlanInputError(`required resource "${id}" is not in the resource list`);
    if (excluded.has(id)) throw new PlanInputError(`resource "${id}" is both required and excluded`);
    if (!usable[r]) {
      const blocker = closureOfIds(request, id).find((p) => !index.has(p) || excluded.has(p)) ?? 'unknown';
      throw new PlanInputError(`required resource "${id}" is unusable: prerequisite "${blocker}" is missing or excluded`);
    }
    for (const member of closure(r)) all.add(member);
  }
  return [...all].sort((a, b) => a - b);
}

/** Prerequisite ids reachable from `id`, by name (missing ones included), for error messages. */
function closureOfIds(request: PlanRequest, id: string): string[] {
  const byId = new Map(request.resources.map((r) => [r.id, r]));
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    for (const p of byId.get(stack.pop() as string)?.prerequisites ?? []) {
      if (seen.has(p)) continue;
      seen.add(p);
      stack.push(p);
    }
  }
  return [...seen];
}
