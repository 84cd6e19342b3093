import type { TopicGap } from '../../domain/assessment/topic-gaps.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import type { PlannerGap, PlannerResource, PlanRequest } from '../../domain/journey/index.ts';
import type { ResourceFormat } from '../catalogue/catalogue.types.ts';

/**
 * Turns a learner's topic gaps, the published catalogue and their settings into the planner's
 * request. Kept apart from the service so the mapping (weights, preferences, levels) is tested
 * without a database.
 */

export interface LearnerPreferences {
  /** Formats the learner will take; empty means any. */
  formats: ResourceFormat[];
  freeOnly: boolean;
  vendorNeutralOnly: boolean;
  accreditedOnly: boolean;
}

export const NO_PREFERENCES: LearnerPreferences = { formats: [], freeOnly: false, vendorNeutralOnly: false, accreditedOnly: false };

/** A published resource as the planner and the journey pages need it. */
export interface PlannableResource {
  id: string;
  title: string;
  provider: string;
  status: 'draft' | 'published' | 'retired';
  sample: boolean;
  format: ResourceFormat;
  durationMinutes: number;
  costPence: number;
  cpdAccredited: boolean;
  vendorNeutral: boolean;
  outcomes: ReadonlyArray<{ topicId: string; level: string }>;
  prerequisiteIds: readonly string[];
}

/** A learner's setting that can leave a resource out of their plan, so an open gap can name it. */
export const PLAN_FILTERS = ['format', 'free', 'vendor-neutral', 'accredited', 'swapped-out', 'not-in-template', 'prerequisite'] as const;
export type PlanFilter = (typeof PLAN_FILTERS)[number];

/** The preferences a resource fails; [] when it matches them all. */
export function preferenceMisses(resource: PlannableResource, preferences: LearnerPreferences): PlanFilter[] {
  const misses: PlanFilter[] = [];
  if (preferences.formats.length > 0 && !preferences.formats.includes(resource.format)) misses.push('format');
  if (preferences.freeOnly && resource.costPence > 0) misses.push('free');
  if (preferences.vendorNeutralOnly && !resource.vendorNeutral) misses.push('vendor-neutral');
  if (preferences.accreditedOnly && !resource.cpdAccredited) misses.push('accredited');
  return misses;
}

export function matchesPreferences(resource: PlannableResource, preferences: LearnerPreferences): boolean {
  return preferenceMisses(resource, preferences).length === 0;
}

/**
 * Under a budget, foundational (R5) and product-specific (R8: needed before relying on a product)
 * gaps come first: each outweighs every advanced gap together, so the planner never trades one
 * for advanced ones. Without a budget every closable gap is closed and weights do not matter.
 */
export function gapWeights(gaps: readonly TopicGap[]): Map<string, number> {
  const advanced = gaps.filter((g) => g.tier === 'advanced').length;
  return new Map(gaps.map((g) => [g.topic.id, g.tier === 'advanced' ? 1 : advanced + 1]));
}

export interface PlanInput {
  gaps: readonly TopicGap[];
  resources: readonly PlannableResource[];
  preferences: LearnerPreferences;
  budgetMinutes: number | null;
  /** Taken whatever the preferences say (started items, a template the learner chose), with their prerequisites. */
  required: readonly string[];
  excluded: readonly string[];
  /** Resources the learner has completed: never planned again, and met as prerequisites. */
  completed?: ReadonlySet<string>;
  /** When set, only these resources (and the required ones) are candidates: following a template exactly. */
  onlyResources?: readonly string[];
}

export function buildPlanRequest(index: FrameworkIndex, input: PlanInput): PlanRequest {
  const weights = gapWeights(input.gaps);
  const gapIds = new Set(input.gaps.map((g) => g.topic.id));
  const gaps: PlannerGap[] = input.gaps.map((g) => ({
    id: g.topic.id,
    tier: g.tier,
    kind: g.topic.kind,
    current: g.currentRank,
    target: g.targetRank,
    weight: weights.get(g.topic.id) ?? 1,
    restsOn: g.topic.restsOn && gapIds.has(g.topic.restsOn) ? [g.topic.restsOn] : [],
  }));
  const completed = input.completed ?? new Set<string>();
  const excluded = new Set(input.excluded);
  const offered = new Map(input.resources.filter((r) => !completed.has(r.id)).map((r) => [r.id, r]));
  // What the learner chose comes with the prerequisites it needs, whatever the preferences say.
  const required = prerequisiteClosure(
    input.required.filter((id) => offered.has(id)),
    offered,
    completed,
  );
  const only = input.onlyResources ? new Set(input.onlyResources) : undefined;
  const candidates = [...offered.values()].filter((r) => required.has(r.id) || (!excluded.has(r.id) && (only ? only.has(r.id) : true) && matchesPreferences(r, input.preferences)));
  const candidateIds = new Set(candidates.map((r) => r.id));
  const resources: PlannerResource[] = candidates.map((r) => ({
    id: r.id,
    minutes: r.durationMinutes,
    outcomes: r.outcomes
      .filter((o) => gapIds.has(o.topicId))
      .map((o) => ({ gap: o.topicId, level: rankIn(index, o.topicId, o.level) }))
      .filter((o) => o.level > 0),
    // Completed prerequisites are met. A required resource's prerequisite that is no longer on
    // offer (retired since) is waived: the learner already chose or started it.
    prerequisites: r.prerequisiteIds.filter((id) => !completed.has(id) && (candidateIds.has(id) || !required.has(r.id))),
  }));
  return {
    gaps,
    resources,
    ...(input.budgetMinutes !== null ? { budgetMinutes: input.budgetMinutes } : {}),
    required: [...required],
    excluded: [...excluded].filter((id) => !required.has(id) && candidateIds.has(id)),
  };
}

/**
 * Why the learner's own settings leave each resource out of a plan built from `input`: its
 * preferences, a swap, a template followed exactly, or a prerequisite those leave out. Resources
 * on offer map to []; completed ones are not listed (they are learning done, not left out).
 */
export function filtersLeavingOut(input: PlanInput): Map<string, PlanFilter[]> {
  const completed = input.completed ?? new Set<string>();
  const offered = new Map(input.resources.filter((r) => !completed.has(r.id)).map((r) => [r.id, r]));
  const required = prerequisiteClosure(input.required.filter((id) => offered.has(id)), offered, completed);
  const excluded = new Set(input.excluded);
  const only = input.onlyResources ? new Set(input.onlyResources) : undefined;
  const own = (r: PlannableResource): PlanFilter[] => [
    ...preferenceMisses(r, input.preferences),
    ...(excluded.has(r.id) ? (['swapped-out'] as const) : []),
    ...(only && !only.has(r.id) ? (['not-in-template'] as const) : []),
  ];
  const found = new Map<string, PlanFilter[]>();
  const visit = (id: string, seen: ReadonlySet<string>): PlanFilter[] => {
    const known = found.get(id);
    const resource = offered.get(id);
    if (known || !resource || seen.has(id)) return known ?? [];
    const filters = required.has(id) ? [] : own(resource);
    const prerequisiteLeftOut = resource.prerequisiteIds.some((p) => !completed.has(p) && visit(p, new Set([...seen, id])).length > 0);
    const all = !required.has(id) && prerequisiteLeftOut ? [...filters, 'prerequisite' as const] : filters;
    found.set(id, all);
    return all;
  };
  for (const id of offered.keys()) visit(id, new Set());
  return found;
}

/** The resources and, transitively, the prerequisites they need that are on offer and not yet done. */
function prerequisiteClosure(ids: readonly string[], offered: ReadonlyMap<string, PlannableResource>, completed: ReadonlySet<string>): Set<string> {
  const closure = new Set<string>();
  const queue = [...ids];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (closure.has(id) || completed.has(id)) continue;
    const resource = offered.get(id);
    if (!resource) continue;
    closure.add(id);
    queue.push(...resource.prerequisiteIds);
  }
  return closure;
}

/** The rank a resource's outcome level has on its topic's scale; 0 when it names no such level. */
export function rankIn(index: FrameworkIndex, topicId: string, levelId: string): number {
  const topic = index.topicById.get(topicId);
  if (!topic) return 0;
  return index.doc.taxonomy[topic.kind].find((l) => l.id === levelId)?.rank ?? 0;
}
