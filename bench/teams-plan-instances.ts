/**
 * Team planning instances for `bench/teams.bench.ts`: a team of 20 (bench/teams-instances.ts) over
 * every advanced requirement of the real framework, and a catalogue of 200 resources, each
 * teaching 1-6 neighbouring topics (document order) at realistic levels, 15-240 minutes, a sixth
 * with a prerequisite; a quarter of members with an hours limit. The 'overlapping' shape is the
 * hard one: members play two or three archetypes and resources cover 3-6 of 8 neighbouring topics
 * with minutes unrelated to their reach, so many plans cost nearly the same, for a team mostly new
 * to AI, so most requirements are short of holders.
 *
 * Harder shapes, reported as their own rows (our generator must not flatter the planner):
 * - 'scattered': each resource teaches 2-5 topics drawn from all advanced topics, no locality
 *   (real catalogues mix broad courses and narrow ones).
 * - 'tight-hours': the realistic catalogue for a team new to AI, nine in ten members may give only
 *   2-8 hours, so full coverage is impossible and the first level of the objective (most holders)
 *   decides; k = 2 and 3, as at k = 1 a few members close the little that is missing.
 * - 'big': 30 members, k = 2 and 3, 400 resources, with prerequisite chains three deep.
 * - 'many-equal': overlapping outcomes and every resource 30 or 60 minutes: many tied plans,
 *   the hard case for branch and bound.
 */
import type { FrameworkIndex } from '../src/domain/framework/framework-index.ts';
import { seededRandom } from '../src/domain/journey/seeded-random.ts';
import { computeTeamCoverage } from '../src/domain/teams/team-coverage.ts';
import type { TeamMemberLevels } from '../src/domain/teams/team-coverage.ts';
import type { TeamPlanRequest, TeamPlanResource } from '../src/domain/teams/team-plan.ts';
import { between, generateMember, pick, rankOf, shuffled, someArchetypes } from './teams-instances.ts';
import type { Leaning, Random } from './teams-instances.ts';

export type PlanShape = 'realistic' | 'overlapping' | 'scattered' | 'tight-hours' | 'big' | 'many-equal';

export interface PlanSpec {
  shape: PlanShape;
  k: number;
  seed: number;
}

export const MEMBERS = 20;
export const RESOURCES = 200;

export const planSpecLabel = (spec: PlanSpec): string => `${spec.shape}-k${spec.k}-seed${spec.seed}`;

/** The headline shape of the issue (20 x all advanced x 200) first, then the harder ones. */
export const PLAN_SHAPES: readonly PlanShape[] = ['realistic', 'overlapping', 'scattered', 'tight-hours', 'big', 'many-equal'];
export const HEADLINE_SHAPES: readonly PlanShape[] = ['realistic', 'overlapping'];

const SHAPE_SALT: Record<PlanShape, number> = { realistic: 3, overlapping: 7, scattered: 11, 'tight-hours': 13, big: 17, 'many-equal': 19 };
const teamSize = (shape: PlanShape): number => (shape === 'big' ? 30 : MEMBERS);
const catalogueSize = (shape: PlanShape): number => (shape === 'big' ? 400 : RESOURCES);
const resilience = (shape: PlanShape): number[] => (shape === 'big' || shape === 'tight-hours' ? [2, 3] : [1, 2]);

export function planSpecs(seeds: number, shapes: readonly PlanShape[] = PLAN_SHAPES): PlanSpec[] {
  return shapes.flatMap((shape) => resilience(shape).flatMap((k) => Array.from({ length: seeds }, (_, s) => ({ shape, k, seed: s + 1 }))));
}

interface TaughtTopic {
  topic: string;
  rank: number;
}

export function generatePlanInstance(index: FrameworkIndex, spec: PlanSpec): TeamPlanRequest {
  const random = seededRandom(1_000 * spec.seed + 10 * spec.k + SHAPE_SALT[spec.shape]);
  const newToAi = spec.shape !== 'realistic';
  const team = Array.from({ length: teamSize(spec.shape) }, (_, i) => {
    // A team new to AI (mostly novices) leaves most requirements short of holders.
    const novices = newToAi ? 0.85 : 0.5;
    const leaning: Leaning = random() < 0.1 ? 'expert' : random() < novices ? 'novice' : 'typical';
    return generateMember(index, random, `m${i + 1}`, someArchetypes(random, 3, newToAi ? 2 : 1), leaning);
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
  const members = team.map((m) => {
    if (spec.shape === 'tight-hours') return random() < 0.9 ? { id: m.personId, name: m.name, hoursLimit: between(random, 2, 8) } : { id: m.personId, name: m.name };
    return random() < 0.25 ? { id: m.personId, name: m.name, hoursLimit: between(random, 2, 12) } : { id: m.personId, name: m.name };
  });
  return { requirements, members, resources };
}

/** Topics with advanced requirements, in document order, so "neighbouring" means related. */
function advancedTopics(index: FrameworkIndex): Array<{ id: string; maxRank: number }> {
  return [...index.topicById.values()]
    .filter((t) => t.requirements.some((r) => r.tier === 'advanced'))
    .map((t) => ({ id: t.id, maxRank: t.kind === 'skill' ? 2 : 3 }));
}

type CatalogueEntry = Omit<TeamPlanResource, 'closes'> & { teaches: TaughtTopic[] };
type Topic = { id: string; maxRank: number };

const teach = (random: Random, chosen: readonly Topic[]): TaughtTopic[] => chosen.map((t) => ({ topic: t.id, rank: Math.min(t.maxRank, between(random, 1, t.maxRank + 1)) }));
const realisticMinutes = (random: Random, teaches: readonly TaughtTopic[]): number =>
  5 * Math.min(48, Math.max(3, Math.round(((10 + 12 * teaches.reduce((sum, t) => sum + t.rank, 0)) * (0.6 + 0.8 * random())) / 5)));

/** Topics one resource teaches: a window of neighbours, or (scattered) any topics at all. */
function taughtTopics(random: Random, topics: readonly Topic[], shape: PlanShape): Topic[] {
  if (shape === 'scattered') return shuffled(random, topics).slice(0, between(random, 2, 5));
  const wide = shape === 'overlapping' || shape === 'many-equal';
  const width = wide ? between(random, 3, 6) : Math.min(between(random, 1, 6), between(random, 1, 6));
  const start = between(random, 0, topics.length - 1);
  const reach = Array.from({ length: wide ? 8 : width }, (_, j) => topics[(start + j) % topics.length]).filter((t) => t !== undefined);
  return wide ? shuffled(random, reach).slice(0, width) : reach;
}

function minutesFor(random: Random, shape: PlanShape, teaches: readonly TaughtTopic[]): number {
  if (shape === 'many-equal') return random() < 0.5 ? 30 : 60;
  if (shape === 'overlapping') return 5 * between(random, 3, 48);
  return realisticMinutes(random, teaches);
}

/** A sixth of resources need an earlier one; in 'big', chains three deep (r needs p needs pp). */
function prerequisitesFor(random: Random, shape: PlanShape, i: number, catalogue: readonly CatalogueEntry[]): string[] {
  if (i <= 10 || random() >= (shape === 'big' ? 1 / 4 : 1 / 6)) return [];
  if (shape !== 'big') return [`r${between(random, 1, i)}`];
  const roots = catalogue.filter((r) => r.prerequisites.length === 0);
  const depthOne = catalogue.filter((r) => r.prerequisites.length > 0 && catalogue.find((p) => p.id === r.prerequisites[0])?.prerequisites.length === 0);
  const pool = random() < 0.6 && depthOne.length > 0 ? depthOne : roots;
  return [pick(random, pool).id];
}

function generateCatalogue(index: FrameworkIndex, random: Random, shape: PlanShape): CatalogueEntry[] {
  const topics = advancedTopics(index);
  const catalogue: CatalogueEntry[] = [];
  for (let i = 0; i < catalogueSize(shape); i++) {
    const teaches = teach(random, taughtTopics(random, topics, shape));
    const minutes = minutesFor(random, shape, teaches);
    catalogue.push({ id: `r${i + 1}`, minutes, prerequisites: prerequisitesFor(random, shape, i, catalogue), teaches });
  }
  return catalogue;
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
