import { requirementStatus } from '../../domain/assessment/requirement-status.ts';
import { levelRank } from '../../domain/assessment/topic-gaps.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { topicIdOf } from '../../domain/framework/topics.ts';
import type { CoverageBasis, TeamCoverage, TeamMemberLevels } from '../../domain/teams/team-coverage.ts';
import type { TeamAssignment, TeamPlanRequest } from '../../domain/teams/team-plan.ts';
import type { PlannableResource } from '../journeys/plan-input.ts';

/**
 * Turns a team's coverage, its members' levels and the published catalogue into the team
 * planner's request, and explains the planner's answer. Pure, so the rule "taking r makes m meet q"
 * is tested without a database.
 */

export interface PlanMember extends TeamMemberLevels {
  /** Most hours of learning the team may ask of this member; null: no limit. */
  hoursLimit: number | null;
}

/** The level a member would hold on a topic after taking a resource: the better of the two. */
function levelAfter(index: FrameworkIndex, topicId: string, current: string | undefined, resource: PlannableResource): string | undefined {
  const topic = index.topicById.get(topicId);
  const taught = resource.outcomes.filter((o) => o.topicId === topicId).map((o) => o.level);
  if (!topic || taught.length === 0) return current;
  const rank = (level: string) => {
    try {
      return levelRank(index, topic.kind, level);
    } catch {
      return -1; // a level the scale no longer has counts as nothing
    }
  };
  return [current, ...taught].filter((l): l is string => l !== undefined).reduce<string | undefined>((best, l) => (best === undefined || rank(l) > rank(best) ? l : best), undefined);
}

/**
 * Per resource and member, the short requirements taking it would make that member meet, by the
 * same rule as the summary: the member's level on the requirement's topic afterwards (their own
 * on `basis`, or the resource's outcome where higher) reaches the requirement's level.
 */
export function buildTeamPlanRequest(
  index: FrameworkIndex,
  coverage: TeamCoverage,
  members: readonly PlanMember[],
  basis: CoverageBasis,
  resources: readonly PlannableResource[],
): TeamPlanRequest {
  const memberById = new Map(members.map((m) => [m.personId, m]));
  const short = coverage.requirements.filter((r) => r.shortfall > 0);
  const requirements = short.map((r) => ({
    id: r.requirementId,
    archetype: r.archetype,
    shortfall: r.shortfall,
    candidates: members.filter((m) => m.archetypesInTeam.includes(r.archetype) && !r.holders.includes(m.personId)).map((m) => m.personId),
  }));
  const closesOf = (resource: PlannableResource): Record<string, string[]> => {
    const closes: Record<string, string[]> = {};
    for (const r of requirements) {
      const requirement = index.requirementById.get(r.id);
      const topicId = topicIdOf(index, r.id) ?? r.id;
      if (!requirement || !resource.outcomes.some((o) => o.topicId === topicId)) continue;
      for (const personId of r.candidates) {
        const current = memberById.get(personId)?.levelsByTopic[basis].get(topicId);
        if (requirementStatus(index, requirement, levelAfter(index, topicId, current, resource)) === 'met') (closes[personId] ??= []).push(r.id);
      }
    }
    return closes;
  };
  return {
    requirements,
    members: members.map((m) => ({ id: m.personId, name: m.name, ...(m.hoursLimit !== null ? { hoursLimit: m.hoursLimit } : {}) })),
    resources: resources.map((r) => ({ id: r.id, minutes: r.durationMinutes, prerequisites: r.prerequisiteIds, closes: closesOf(r) })),
  };
}

export interface ExplainedResource {
  resourceId: string;
  title: string;
  minutes: number;
  /** "covers 3 requirements nobody in the team meets", "needed before ‘X’". */
  reason: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const ORDINALS = ['', 'first', 'second', 'third', 'fourth', 'fifth'];

function reasonFor(firsts: number, extras: number[], neededBefore: string[]): string {
  const parts: string[] = [];
  if (firsts > 0) parts.push(`covers ${plural(firsts, 'requirement')} nobody in the team meets`);
  if (extras.length > 0) {
    const ordinal = extras.every((n) => n === extras[0]) ? ORDINALS[extras[0] ?? 0] : undefined;
    parts.push(`gives ${ordinal ? `a ${ordinal}` : 'another'} holder for ${plural(extras.length, 'requirement')}`);
  }
  if (parts.length === 0 && neededBefore.length > 0) parts.push(`needed before ${neededBefore.map((t) => `‘${t}’`).join(' and ')}`);
  return parts.length > 0 ? parts.join('; ') : 'part of the plan';
}

/**
 * Explains each resource of each assignment by what the member's taking it does: a requirement
 * it closes counts once (for the first of the member's resources that closes it), as a first
 * holder when nobody held it before, else as an extra one. Assignments are read in order, so two
 * members who both become holders count as first and second.
 */
export function explainAssignments(
  request: TeamPlanRequest,
  coverage: TeamCoverage,
  assignments: readonly TeamAssignment[],
  resourceById: ReadonlyMap<string, PlannableResource>,
): Map<string, ExplainedResource[]> {
  const holders = new Map(coverage.requirements.map((r) => [r.requirementId, r.holderCount]));
  const closesOf = new Map(request.resources.map((r) => [r.id, r.closes]));
  const explained = new Map<string, ExplainedResource[]>();
  for (const assignment of assignments) {
    const planned = new Set(assignment.closes);
    const counted = new Set<string>();
    const list = assignment.resourceIds.map((resourceId, position) => {
      const resource = resourceById.get(resourceId);
      let firsts = 0;
      const extras: number[] = [];
      for (const q of closesOf.get(resourceId)?.[assignment.memberId] ?? []) {
        if (!planned.has(q) || counted.has(q)) continue;
        counted.add(q);
        const before = holders.get(q) ?? 0;
        if (before === 0) firsts += 1;
        else extras.push(before + 1);
        holders.set(q, before + 1);
      }
      const later = assignment.resourceIds.slice(position + 1).map((id) => resourceById.get(id));
      const neededBefore = later.filter((r) => r?.prerequisiteIds.includes(resourceId)).map((r) => r?.title ?? '');
      return { resourceId, title: resource?.title ?? 'a resource', minutes: resource?.durationMinutes ?? 0, reason: reasonFor(firsts, extras, neededBefore) };
    });
    explained.set(assignment.memberId, list);
  }
  return explained;
}
