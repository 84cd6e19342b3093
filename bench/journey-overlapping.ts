/**
 * Seeded generator of the "overlapping" catalogue shape for `bench/journey.bench.ts` (issue 11):
 * the learner's topics lie on a ring and every resource covers 2–5 topics from a window of 8
 * neighbouring ones, at various levels, so each topic is closed by many resources that each also
 * close some of its neighbours. Minutes are whole numbers from 10 to 600 (no common grain, so an LP bound proves
 * little), and about a tenth of resources have a prerequisite, mostly a nearby resource.
 * This is where the exact solver's one-second limit used to bite: heavy overlap makes the LP
 * relaxation fractional and the branch-and-bound tree wide.
 */
import type { GapKind, PlannerGap, PlannerResource, PlanRequest } from '../src/domain/journey/index.ts';
import { seededRandom } from '../src/domain/journey/seeded-random.ts';

export interface OverlappingSpec {
  resources: number;
  topics: number;
  seed: number;
}

/** Minutes per level per topic taught, before noise. */
const RATE = 40;
/** A resource's topics lie within this many neighbouring topics. */
const WINDOW = 8;
const MAX_RANK: Record<GapKind, number> = { knowledge: 3, skill: 2 };

const between = (random: () => number, low: number, high: number): number => low + Math.floor(random() * (high - low + 1));

function makeTopics(random: () => number, count: number): PlannerGap[] {
  return Array.from({ length: count }, (_, i) => {
    const kind: GapKind = random() < 0.6 ? 'knowledge' : 'skill';
    const target = between(random, 1, MAX_RANK[kind]);
    const current = between(random, 0, target - 1);
    return { id: `topic${i}`, tier: random() < 0.2 ? 'foundational' : 'advanced', kind, current, target, weight: 1 + target - current };
  });
}

/**
 * A run of neighbouring topics at random levels. Minutes grow with the levels taught (about 40 a
 * level a topic, give or take 30%), so no resource is simply cheaper than its neighbours.
 */
function makeResource(random: () => number, topics: readonly PlannerGap[], i: number): PlannerResource {
  const span = between(random, 2, 5);
  const start = between(random, 0, topics.length - 1);
  const outcomes: { gap: string; level: number }[] = [];
  let effort = 0;
  const picked = new Set<number>();
  while (picked.size < span) picked.add((start + between(random, 0, WINDOW - 1)) % topics.length);
  for (const t of [...picked].sort((a, b) => a - b)) {
    const topic = topics[t] as PlannerGap;
    const level = between(random, 1, MAX_RANK[topic.kind]);
    outcomes.push({ gap: topic.id, level });
    effort += level;
  }
  const minutes = Math.max(10, Math.min(600, Math.round(effort * RATE * (0.7 + 0.6 * random()))));
  return { id: `o${i}`, minutes, outcomes, prerequisites: [] };
}

/** One deterministic instance, no budget: the planner must close every topic in the fewest minutes. */
export function generateOverlapping(spec: OverlappingSpec): PlanRequest {
  const random = seededRandom(spec.seed * 104_729 + spec.resources * 17 + spec.topics);
  const gaps = makeTopics(random, spec.topics);
  const resources = Array.from({ length: spec.resources }, (_, i) => makeResource(random, gaps, i));
  resources.forEach((resource, i) => {
    if (random() >= 0.1 || i === 0) return;
    // An earlier resource (so no cycles): mostly a nearby one, the foundation of a series.
    const earlier = random() < 0.8 ? Math.max(0, i - between(random, 1, 50)) : between(random, 0, i - 1);
    resource.prerequisites = [(resources[earlier] as PlannerResource).id];
  });
  return { gaps, resources };
}

/** The bench's overlapping instances: 13 seeds at each of the two sizes, scaled by `scale`. */
export function overlappingSpecs(scale: number): OverlappingSpec[] {
  const seeds = Math.max(1, Math.round(13 * scale));
  return [
    { resources: 2_000, topics: 100 },
    { resources: 20_000, topics: 242 },
  ].flatMap((size) => Array.from({ length: seeds }, (_, i) => ({ ...size, seed: i + 1 })));
}
