/**
 * Seeded generator of realistic journey-planning instances for `bench/journey.bench.ts`.
 *
 * The universe mirrors the framework's shape: 121 topics in 11 factors (about 60% knowledge),
 * each topic carrying two requirement slots (so 242 possible gaps, mostly advanced, some
 * foundational and product-specific). A catalogue's resources each cover 1–5 slots, mostly within
 * one factor, at various levels; minutes run from 5 (videos) to about 2,400 (long courses, a long
 * tail); about 10% have one or two prerequisites, and a few name a retired resource.
 */
import type { GapKind, GapTier, PlannerGap, PlannerResource, PlanRequest } from '../src/domain/journey/index.ts';
import { seededRandom } from '../src/domain/journey/seeded-random.ts';

export interface InstanceSpec {
  resources: number;
  gaps: number;
  budgeted: boolean;
  seed: number;
}

const FACTORS = 11;
const TOPICS = 121;
const SLOTS_PER_TOPIC = 2;
const MAX_RANK: Record<GapKind, number> = { knowledge: 3, skill: 2 };
const TIER_WEIGHT: Record<GapTier, number> = { foundational: 3, 'product-specific': 2, advanced: 1 };

interface Slot {
  id: string;
  factor: number;
  topic: number;
  kind: GapKind;
  tier: GapTier;
}

function universe(random: () => number): Slot[] {
  const slots: Slot[] = [];
  for (let topic = 0; topic < TOPICS; topic++) {
    const factor = topic % FACTORS;
    const kind: GapKind = random() < 0.61 ? 'knowledge' : 'skill';
    for (let s = 0; s < SLOTS_PER_TOPIC; s++) {
      const draw = random();
      const tier: GapTier = draw < 0.13 ? 'foundational' : draw < 0.21 ? 'product-specific' : 'advanced';
      slots.push({ id: `t${topic}-${s}`, factor, topic, kind, tier });
    }
  }
  return slots;
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (random: () => number, low: number, high: number): number => low + Math.floor(random() * (high - low + 1));

function makeGaps(random: () => number, slots: readonly Slot[], count: number): PlannerGap[] {
  const chosen = [...slots].map((slot) => ({ slot, key: random() })).sort((a, b) => a.key - b.key).slice(0, count).map((c) => c.slot);
  chosen.sort((a, b) => a.topic - b.topic || a.id.localeCompare(b.id));
  const knowledgeByFactor = new Map<number, string[]>();
  for (const slot of chosen) {
    if (slot.kind !== 'knowledge') continue;
    knowledgeByFactor.set(slot.factor, [...(knowledgeByFactor.get(slot.factor) ?? []), slot.id]);
  }
  return chosen.map((slot) => {
    const target = between(random, 1, MAX_RANK[slot.kind]);
    const current = between(random, 0, target - 1);
    const weight = TIER_WEIGHT[slot.tier] * (target - current);
    const knowledge = knowledgeByFactor.get(slot.factor) ?? [];
    const restsOn = slot.kind === 'skill' && knowledge.length > 0 && random() < 0.5 ? [pick(random, knowledge)] : undefined;
    return { id: slot.id, tier: slot.tier, kind: slot.kind, current, target, weight, ...(restsOn ? { restsOn } : {}) };
  });
}

type Format = 'video' | 'e-learning' | 'module' | 'course';

/** Formats and their minutes: many short videos, fewer long courses (a long tail to ~2,400). */
function makeFormat(random: () => number): { format: Format; minutes: number; coverage: number } {
  const draw = random();
  if (draw < 0.35) return { format: 'video', minutes: between(random, 1, 4) * 5, coverage: between(random, 1, 2) };
  if (draw < 0.7) return { format: 'e-learning', minutes: between(random, 4, 18) * 5, coverage: between(random, 1, 3) };
  if (draw < 0.9) return { format: 'module', minutes: between(random, 2, 16) * 30, coverage: between(random, 2, 4) };
  const longTail = Math.min(2400, Math.round((480 * Math.exp(random() * random() * 1.7)) / 60) * 60);
  return { format: 'course', minutes: longTail, coverage: between(random, 3, 5) };
}

/** Cumulative level probabilities per format: short formats raise awareness, long ones build skill. */
const LEVELS: Record<Format, Record<GapKind, number[]>> = {
  video: { knowledge: [0.65, 0.95, 1], skill: [1, 1] },
  'e-learning': { knowledge: [0.3, 0.75, 1], skill: [0.8, 1] },
  module: { knowledge: [0.1, 0.5, 1], skill: [0.5, 1] },
  course: { knowledge: [0, 0.3, 1], skill: [0.3, 1] },
};

function outcomeLevel(random: () => number, kind: GapKind, format: Format): number {
  const draw = random();
  return LEVELS[format][kind].findIndex((p) => draw < p) + 1;
}

function makeResources(random: () => number, slots: readonly Slot[], count: number): Array<PlannerResource & { slotOutcomes: { gap: string; level: number }[] }> {
  const byFactor = Array.from({ length: FACTORS }, (_, f) => slots.filter((s) => s.factor === f));
  const resources: Array<PlannerResource & { slotOutcomes: { gap: string; level: number }[] }> = [];
  for (let i = 0; i < count; i++) {
    const format = makeFormat(random);
    const home = between(random, 0, FACTORS - 1);
    const covered = new Map<string, number>();
    for (let tries = 0; covered.size < format.coverage && tries < 50; tries++) {
      const pool = random() < 0.85 ? (byFactor[home] ?? slots) : slots;
      const slot = pick(random, pool);
      // Videos raise awareness of knowledge; they do not build skills.
      if (format.format === 'video' && slot.kind === 'skill') continue;
      covered.set(slot.id, outcomeLevel(random, slot.kind, format.format));
    }
    resources.push({
      id: `r${i}`,
      minutes: format.minutes,
      outcomes: [],
      slotOutcomes: [...covered].map(([gap, level]) => ({ gap, level })),
      prerequisites: [],
    });
  }
  for (const resource of resources) {
    const draw = random();
    if (draw >= 0.1) continue;
    const prerequisites = new Set<string>();
    const wanted = random() < 0.7 ? 1 : 2;
    while (prerequisites.size < wanted) {
      const other = pick(random, resources);
      if (other.id !== resource.id) prerequisites.add(other.id);
    }
    // A few name a resource that has been retired from the catalogue.
    if (draw < 0.004) prerequisites.add(`retired-${resource.id}`);
    resource.prerequisites = [...prerequisites];
  }
  return resources;
}

/** One deterministic instance; outcomes are kept only for the learner's gaps, as the service does. */
export function generateInstance(spec: InstanceSpec): PlanRequest {
  const random = seededRandom(spec.seed * 7919 + spec.resources * 31 + spec.gaps);
  const slots = universe(seededRandom(20_220_101));
  const gaps = makeGaps(random, slots, spec.gaps);
  const gapIds = new Set(gaps.map((g) => g.id));
  const resources = makeResources(random, slots, spec.resources).map(({ slotOutcomes, ...resource }) => ({
    ...resource,
    outcomes: slotOutcomes.filter((o) => gapIds.has(o.gap)),
  }));
  const budgetMinutes = spec.budgeted ? between(random, 4, 40) * 30 : undefined;
  return { gaps, resources, ...(budgetMinutes === undefined ? {} : { budgetMinutes }) };
}
