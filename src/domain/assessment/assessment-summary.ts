import type { Archetype, Factor, Requirement, Tier } from '../framework/framework-document.ts';
import { TIERS } from '../framework/framework-document.ts';
import { topLevelFactor } from '../framework/framework-index.ts';
import type { FrameworkIndex } from '../framework/framework-index.ts';
import type { ApplicableRequirement } from '../applicability/applicability.ts';
import { requirementStatus } from './requirement-status.ts';
import type { Rating, RequirementStatus } from './requirement-status.ts';

/**
 * A person's standing against the requirements that apply to them, counted the ways the summary
 * page and its chart show it. Whether ratings are self-rated or verified is the caller's choice
 * of `ratingOf`; the hub reports both.
 */

/**
 * The rating for one applicable item. The item is passed too because a product-specific
 * statement applies once per product and may be rated differently for each.
 */
export type RatingLookup = (requirement: Requirement, applicable: ApplicableRequirement) => Rating | undefined;

export interface StatusCounts {
  met: number;
  notMet: number;
  notRated: number;
  total: number;
}

export interface AssessedRequirement {
  applicable: ApplicableRequirement;
  rating: Rating | undefined;
  status: RequirementStatus;
}

/** Groups hold at least one applicable item and follow document order; empty groups are left out. */
export interface AssessmentSummary {
  overall: StatusCounts;
  byTier: Array<{ tier: Tier; counts: StatusCounts }>;
  /** Advanced requirements only: the other tiers belong to no archetype. */
  byArchetype: Array<{ archetype: Archetype; counts: StatusCounts }>;
  byTopLevelFactor: Array<{ factor: Factor; counts: StatusCounts }>;
  /** By each requirement's own factor, top-level or sub-factor. */
  byFactor: Array<{ factor: Factor; counts: StatusCounts }>;
  /** Every applicable item with its rating and status, in applicability order. */
  items: AssessedRequirement[];
  /** The items not met (rated below target, or 'not yet'), in applicability order. */
  gaps: AssessedRequirement[];
  /** The items with no rating on this basis (on the verified basis: not yet verified), in applicability order. */
  unrated: AssessedRequirement[];
}

export function summariseAssessment(index: FrameworkIndex, applicable: readonly ApplicableRequirement[], ratingOf: RatingLookup): AssessmentSummary {
  const items = applicable.map((a): AssessedRequirement => {
    const rating = ratingOf(a.requirement, a);
    return { applicable: a, rating, status: requirementStatus(index, a.requirement, rating) };
  });
  const requirementOf = (item: AssessedRequirement) => item.applicable.requirement;
  return {
    overall: countStatuses(items),
    byTier: countByGroup(TIERS, (t) => t, items, (i) => requirementOf(i).tier).map(({ group, counts }) => ({ tier: group, counts })),
    byArchetype: countByGroup(index.doc.archetypes, (a) => a.id, items, (i) =>
      requirementOf(i).tier === 'advanced' ? requirementOf(i).archetype : null,
    ).map(({ group, counts }) => ({ archetype: group, counts })),
    byTopLevelFactor: countByGroup(index.doc.factors, (f) => f.id, items, (i) => topLevelFactor(index, requirementOf(i).factor)?.id ?? null).map(
      ({ group, counts }) => ({ factor: group, counts }),
    ),
    byFactor: countByGroup(index.doc.factors, (f) => f.id, items, (i) => requirementOf(i).factor).map(({ group, counts }) => ({ factor: group, counts })),
    items,
    gaps: items.filter((i) => i.status === 'not-met'),
    unrated: items.filter((i) => i.status === 'not-rated'),
  };
}

export function countStatuses(items: readonly AssessedRequirement[]): StatusCounts {
  const counts = { met: 0, notMet: 0, notRated: 0, total: 0 };
  for (const item of items) addStatus(counts, item.status);
  return counts;
}

function addStatus(counts: StatusCounts, status: RequirementStatus): void {
  if (status === 'met') counts.met += 1;
  else if (status === 'not-met') counts.notMet += 1;
  else counts.notRated += 1;
  counts.total += 1;
}

function countByGroup<G>(
  groups: readonly G[],
  groupId: (group: G) => string,
  items: readonly AssessedRequirement[],
  itemGroupId: (item: AssessedRequirement) => string | null,
): Array<{ group: G; counts: StatusCounts }> {
  const byId = new Map<string, StatusCounts>();
  for (const item of items) {
    const id = itemGroupId(item);
    if (id === null) continue;
    const counts = byId.get(id) ?? { met: 0, notMet: 0, notRated: 0, total: 0 };
    addStatus(counts, item.status);
    byId.set(id, counts);
  }
  return groups.flatMap((group) => {
    const counts = byId.get(groupId(group));
    return counts ? [{ group, counts }] : [];
  });
}
