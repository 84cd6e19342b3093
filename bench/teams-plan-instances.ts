/**
 * Team planning instances for `bench/teams.bench.ts`: a team of 20 (bench/teams-instances.ts) over
 * every advanced requirement of the real framework, and a catalogue of 200 resources, each
 * teaching 1-6 neighbouring topics (document order) at realistic levels, 15-240 minutes, a sixth
 * with a prerequisite; a quarter of members with an hours limit. The 'overlapping' shape is the
 * hard one: members play two or three archetypes and resources cover 3-6 of 8 neighbouring topics
 * with minutes unrelated to their reach, so many plans cost nearly the same, for a team mostly new
 * to AI, so most requirements are short of holders.
 */
import type { FrameworkIndex } from '../src/domain/framework/framework-index.ts';
import { seededRandom } from '../src/domain/journey/seeded-random.ts';
import { computeTeamCoverage } from '../src/domain/teams/team-coverage.ts';
import type { TeamMemberLevels } from '../src/domain/teams/team-coverage.ts';
import type { TeamPlanRequest, TeamPlanResource } from '../src/domain/teams/team-plan.ts';
import { between, generateMember, rankOf, shuffled, someArchetypes } from './teams-instances.ts';
import type { Leaning, Random } from './teams-instances.ts';

export type PlanShape = 'realistic' | 'overlapping';

export interface PlanSpec {
  shape: PlanShape;
  k: number;
  seed: number;
}

export const MEMBERS = 20;
export const RESOURCES = 200;

export const planSpecLabel = (spec: PlanSpec): string => `${spec.shape}-k${spec.k}-seed${spec.seed}`;

export function planSpecs(seeds: number): PlanSpec[] {
  return (['realistic', 'overlapping'] as const).flatMap((shape) => [1, 2].flatMap((k) => Array.from({ length: seeds }, (_, s) => ({ shape, k, seed: s + 1 }))));
}

interface TaughtTopic {
  topic: string;
  rank: number;
}

export function generatePlanInstance(index: FrameworkIndex, spec: PlanSpec): TeamPlanRequest {
  const random = seededRandom(1_000 * spec.seed + 10 * spec.k + (spec.shape === 'overlapping' ? 7 : 3));
  const team = Array.from({ length: MEMBERS }, (_, i) => {
    // The overlapping team is new to AI (mostly novices), so most requirements are short of holders.
    const novices = spec.shape === 'overlapping' ? 0.85 : 0.5;
    const leaning: Leaning = random() < 0.1 ? 'expert' : random() < novices ? 'novice' : 'typical';
    return generateMember(index, random, `m${i + 1}`, someArchetypes(random, 3, spec.shape === 'overlapping' ? 2 : 1), leaning);
  });
  const coverage = computeTeamCoverage(index, { members: team, basis: 'self', k: spec.k, coveredArchetypes: index.doc.archetypes.map((a) => a.id) });
  const requirements = coverage.requirements.map((r) => ({
    id: r.requirementId,
    archetype: r.archetype,
    shortfall: r.shortfall,
    candidates: team.filter((m) => m.archetypesInTeam.includes(r.archetype) && !r.holders.includes(m.personId)).map((m) => m.personId),
  }));
  const catalogue = generateCatalogue(index, random, spec.shape);
  const resources = catalogue.map((r) => ({ id: r.id, minutes: r.minutes, prerequisites: r.prerequisites, closes: closesFor(index, team, requirements, r.teaches) }));
  const members = team.map((m) => (random() < 0.25 ? { id: m.personId, name: m.name, hoursLimit: between(random, 2, 12) } : { id: m.personId, name: m.name }));
  return { requirements, members, resources };
}

/** Topics with advanced requirements, in document order, so "neighbouring" means related. */
function advancedTopics(index: FrameworkIndex): Array<{ id: string; maxRank: number }> {
  return [...index.topicById.values()]
    .filter((t) => t.requirements.some((r) => r.tier === 'advanced'))
    .map((t) => ({ id: t.id, maxRank: t.kind === 'skill' ? 2 : 3 }));
}

function generateCatalogue(index: FrameworkIndex, random: Random, shape: PlanShape): Array<Omit<TeamPlanResource, 'closes'> & { teaches: TaughtTopic[] }> {
  const topics = advancedTopics(index);
  const overlapping = shape === 'overlapping';
  return Array.from({ length: RESOURCES }, (_, i) => {
    const width = overlapping ? between(random, 3, 6) : Math.min(between(random, 1, 6), between(random, 1, 6));
    const start = between(random, 0, topics.length - 1);
    const window = overlapping ? 8 : width;
    const reach = Array.from({ length: window }, (_, j) => topics[(start + j) % topics.length]).filter((t) => t !== undefined);
    const chosen = overlapping ? shuffled(random, reach).slice(0, width) : reach;
    const teaches = chosen.map((t) => ({ topic: t.id, rank: Math.min(t.maxRank, between(random, 1, t.maxRank + 1)) }));
    const depth = teaches.reduce((sum, t) => sum + t.rank, 0);
    const minutes = overlapping ? 5 * between(random, 3, 48) : 5 * Math.min(48, Math.max(3, Math.round((10 + 12 * depth) * (0.6 + 0.8 * random()) / 5)));
    const prerequisites = i > 10 && random() < 1 / 6 ? [`r${between(random, 1, i)}`] : [];
    return { id: `r${i + 1}`, minutes, prerequisites, teaches };
  });
}

/** Per candidate, the requirements of the taught topics whose target the resource's level reaches. */
function closesFor(index: FrameworkIndex, team: readonly TeamMemberLevels[], requirements: TeamPlanRequest['requirements'], teaches: readonly TaughtTopic[]): Record<string, string[]> {
  const closes: Record<string, string[]> = {};
  for (const { topic, rank } of teaches) {
    for (const requirement of index.topicById.get(topic)?.requirements ?? []) {
      const need = requirements.find((q) => q.id === requirement.id);
      if (!need || need.shortfall === 0 || rankOf(index, requirement.level) > rank) continue;
      for (const member of need.candidates) (closes[member] ??= []).push(need.id);
    }
  }
  for (const member of team) if (closes[member.personId]?.length === 0) delete closes[member.personId];
  return closes;
}
