import type { Requirement } from '../framework/framework-document.ts';
import type { FrameworkIndex } from '../framework/framework-index.ts';
import { topicIdOf } from '../framework/topics.ts';
import { listApplicableRequirements } from '../applicability/applicability.ts';
import { requirementStatus } from '../assessment/requirement-status.ts';
import type { Rating } from '../assessment/requirement-status.ts';

/**
 * What an AI MDT covers together (issue 13 §2; R7: "an individual will not always meet all the
 * requirements themselves, but work within a team where others bring advanced knowledge and
 * skills", Appendix A).
 *
 * Only advanced requirements are judged collectively. Foundational requirements apply to every
 * worker in their own right (R2): one member's AI literacy does not make a colleague safe, so they
 * stay on each member's own summary and are left out here. Product-specific requirements live
 * with the product and are judged per user of it (R8), so they are left out too.
 *
 * Pure and recomputed on every call from current levels, so no stale copy can exist.
 */

/** Whether a member counts on the levels they rated themselves, or only on the verified ones. */
export type CoverageBasis = 'self' | 'verified';

export interface TeamMemberLevels {
  personId: string;
  name: string;
  /** The archetypes this member plays in this team: they count only for these (issue 13 §2). */
  archetypesInTeam: readonly string[];
  /** Current levels per topic id on each basis (level id or NOT_YET); a topic left out is not rated. */
  levelsByTopic: Readonly<Record<CoverageBasis, ReadonlyMap<string, Rating>>>;
}

export interface TeamCoverageInput {
  members: readonly TeamMemberLevels[];
  basis: CoverageBasis;
  /** Archetypes the team must cover; default: every archetype a member plays in the team. */
  coveredArchetypes?: readonly string[];
  /** Resilience target: holders each requirement needs (default 1; 2 means none rests on one person). */
  k?: number;
  /**
   * Whether the team's AI is used in clinical decision making (default true, as for the report's
   * tri-X team). When false the clinical-use layer and the User's advanced requirements drop out,
   * by the same rules as for a person (R3, R4).
   */
  clinicalDecisionMaking?: boolean;
}

/**
 * 'uncovered': fewer than k holders. 'single-holder': exactly one holder and that meets k (so
 * only when k = 1), resting on one person. 'covered': at least k holders and more than one.
 * The three partition the requirements, so a chart's bars add up to the total.
 */
export type CoverageState = 'covered' | 'single-holder' | 'uncovered';

export interface RequirementCoverage {
  requirementId: string;
  archetype: string;
  /** The requirement's own factor (top-level or sub-factor), as in Figure A1. */
  factor: string;
  /** personIds of members who play the archetype in the team and meet the requirement, in member order. */
  holders: string[];
  holderCount: number;
  /** Holders still needed to reach k; 0 unless uncovered. */
  shortfall: number;
  state: CoverageState;
}

export interface CoverageCounts {
  covered: number;
  singleHolder: number;
  uncovered: number;
  total: number;
}

export interface SinglePointOfFailure {
  personId: string;
  name: string;
  /** Requirements this member alone holds: if they leave, these lose their only holder. */
  requirementIds: string[];
}

export interface TeamCoverage {
  basis: CoverageBasis;
  k: number;
  /** The archetypes judged, in document order. */
  archetypes: string[];
  /** In the order applicability lists them: by archetype in document order, then document order. */
  requirements: RequirementCoverage[];
  overall: CoverageCounts;
  /** Archetypes then factors in document order; pairs with no requirement are left out. */
  byArchetypeFactor: Array<{ archetype: string; factor: string; counts: CoverageCounts }>;
  /**
   * Members who are the only holder of at least one requirement, most first (then by name).
   * Counted whatever k is: with k = 2 a lone holder is already uncovered, and losing them still
   * takes the requirement to no holder at all.
   */
  singlePointsOfFailure: SinglePointOfFailure[];
}

export function computeTeamCoverage(index: FrameworkIndex, input: TeamCoverageInput): TeamCoverage {
  const k = input.k ?? 1;
  if (!Number.isInteger(k) || k < 1) throw new Error(`The resilience target k must be a whole number of at least 1, not ${k}`);
  const archetypes = resolveCoveredArchetypes(index, input);
  const requirements = listApplicableRequirements(index, { archetypes, clinicalDecisionMaking: input.clinicalDecisionMaking ?? true })
    .filter((a) => a.requirement.tier === 'advanced')
    .map((a) => coverRequirement(index, a.requirement, input, k));
  return {
    basis: input.basis,
    k,
    archetypes,
    requirements,
    overall: countStates(requirements),
    byArchetypeFactor: countByArchetypeFactor(index, archetypes, requirements),
    singlePointsOfFailure: singlePointsOfFailure(input.members, requirements),
  };
}

/** The counts of each state; exported so a view can total any selection the same way. */
export function countStates(requirements: readonly RequirementCoverage[]): CoverageCounts {
  const counts: CoverageCounts = { covered: 0, singleHolder: 0, uncovered: 0, total: 0 };
  for (const r of requirements) {
    if (r.state === 'covered') counts.covered += 1;
    else if (r.state === 'single-holder') counts.singleHolder += 1;
    else counts.uncovered += 1;
    counts.total += 1;
  }
  return counts;
}

// Unknown archetype ids are programming errors (callers validate input first), as in applicability.
function resolveCoveredArchetypes(index: FrameworkIndex, input: TeamCoverageInput): string[] {
  // A member listed twice would count twice towards k.
  if (new Set(input.members.map((m) => m.personId)).size !== input.members.length) throw new Error('A member appears more than once in the team');
  for (const member of input.members) {
    for (const a of member.archetypesInTeam) requireArchetype(index, a, `member ${member.personId}`);
  }
  for (const a of input.coveredArchetypes ?? []) requireArchetype(index, a, 'the covered archetypes');
  const wanted = new Set(input.coveredArchetypes ?? input.members.flatMap((m) => m.archetypesInTeam));
  return index.doc.archetypes.filter((a) => wanted.has(a.id)).map((a) => a.id);
}

function requireArchetype(index: FrameworkIndex, archetype: string, where: string): void {
  if (!index.archetypeById.has(archetype)) throw new Error(`Unknown archetype "${archetype}" in ${where}`);
}

function coverRequirement(index: FrameworkIndex, requirement: Requirement, input: TeamCoverageInput, k: number): RequirementCoverage {
  // Advanced requirements always carry an archetype (findReferenceProblems refuses documents otherwise).
  const archetype = requirement.archetype ?? '';
  const topicId = topicIdOf(index, requirement.id) ?? requirement.id;
  const holders = input.members
    .filter((m) => m.archetypesInTeam.includes(archetype))
    .filter((m) => requirementStatus(index, requirement, m.levelsByTopic[input.basis].get(topicId)) === 'met')
    .map((m) => m.personId);
  const holderCount = holders.length;
  const state: CoverageState = holderCount < k ? 'uncovered' : holderCount === 1 ? 'single-holder' : 'covered';
  return { requirementId: requirement.id, archetype, factor: requirement.factor, holders, holderCount, shortfall: Math.max(0, k - holderCount), state };
}

function countByArchetypeFactor(
  index: FrameworkIndex,
  archetypes: readonly string[],
  requirements: readonly RequirementCoverage[],
): TeamCoverage['byArchetypeFactor'] {
  return archetypes.flatMap((archetype) =>
    index.doc.factors.flatMap((factor) => {
      const group = requirements.filter((r) => r.archetype === archetype && r.factor === factor.id);
      return group.length > 0 ? [{ archetype, factor: factor.id, counts: countStates(group) }] : [];
    }),
  );
}

function singlePointsOfFailure(members: readonly TeamMemberLevels[], requirements: readonly RequirementCoverage[]): SinglePointOfFailure[] {
  const alone = new Map<string, string[]>();
  for (const r of requirements) {
    const only = r.holders.length === 1 ? r.holders[0] : undefined;
    if (only !== undefined) alone.set(only, [...(alone.get(only) ?? []), r.requirementId]);
  }
  return members
    .flatMap((m) => {
      const requirementIds = alone.get(m.personId);
      return requirementIds ? [{ personId: m.personId, name: m.name, requirementIds }] : [];
    })
    .sort((a, b) => b.requirementIds.length - a.requirementIds.length || a.name.localeCompare(b.name));
}
