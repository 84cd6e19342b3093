/**
 * Seeded, realistic AI MDTs over the real framework (frameworks/dart-ed-2022.json) for
 * `bench/teams.bench.ts`: members who play one to three archetypes, with levels skewed low and a
 * few experts, plus the hard shapes (everyone the same archetype; one person holding most).
 */
import type { Kind } from '../src/domain/framework/framework-document.ts';
import type { FrameworkIndex } from '../src/domain/framework/framework-index.ts';
import { NOT_YET } from '../src/domain/assessment/requirement-status.ts';
import type { Rating } from '../src/domain/assessment/requirement-status.ts';
import type { CoverageBasis, TeamMemberLevels } from '../src/domain/teams/team-coverage.ts';

export type Random = () => number;
export type TeamShape = 'mixed' | 'same-archetype' | 'one-holds-most';
/** How a member's levels lean: most staff are new to AI, a few are experts. */
export type Leaning = 'novice' | 'typical' | 'expert';

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
export function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
export const between = (random: Random, low: number, high: number): number => low + Math.floor(random() * (high - low + 1));

/** Users and Embedders are the most common in a trust; Shapers the rarest. */
const ARCHETYPE_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['shaper', 1],
  ['driver', 2],
  ['creator', 2],
  ['embedder', 3],
  ['user', 4],
];

function weightedArchetype(random: Random): string {
  const total = ARCHETYPE_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  let roll = random() * total;
  for (const [id, w] of ARCHETYPE_WEIGHTS) if ((roll -= w) < 0) return id;
  return 'user';
}

export function someArchetypes(random: Random, most = 3, least = 1): string[] {
  const count = between(random, least, most);
  const chosen = new Set<string>();
  while (chosen.size < count) chosen.add(weightedArchetype(random));
  return [...chosen];
}

/** Chance of each rank 0 (not yet) .. 3 for knowledge; skill uses the first three, renormalised. */
const RANK_ODDS: Record<Leaning, readonly number[]> = {
  novice: [0.45, 0.35, 0.15, 0.05],
  typical: [0.2, 0.35, 0.3, 0.15],
  expert: [0.02, 0.08, 0.3, 0.6],
};

export function levelOf(index: FrameworkIndex, kind: Kind, rank: number): Rating {
  if (rank <= 0) return NOT_YET;
  const scale = index.doc.taxonomy[kind];
  return (scale.find((l) => l.rank === rank) ?? scale[scale.length - 1])?.id ?? NOT_YET;
}

export function rankOf(index: FrameworkIndex, level: string): number {
  return index.levelById.get(level)?.rank ?? 0;
}

function pickRank(random: Random, kind: Kind, leaning: Leaning): number {
  const odds = kind === 'skill' ? RANK_ODDS[leaning].slice(0, 3) : RANK_ODDS[leaning];
  let roll = random() * odds.reduce((sum, p) => sum + p, 0);
  for (let rank = 0; rank < odds.length; rank++) if ((roll -= odds[rank] ?? 0) < 0) return rank;
  return odds.length - 1;
}

/** Topics a member with these archetypes rates: the foundational ones and their archetypes' advanced ones. */
export function topicsFor(index: FrameworkIndex, archetypes: readonly string[]): Array<{ id: string; kind: Kind }> {
  return [...index.topicById.values()]
    .filter((t) => t.requirements.some((r) => r.tier === 'foundational' || (r.tier === 'advanced' && archetypes.includes(r.archetype ?? ''))))
    .map((t) => ({ id: t.id, kind: t.kind }));
}

/** A member's levels: most topics rated, some skipped; a verified level for about a third, sometimes lower. */
export function generateMember(index: FrameworkIndex, random: Random, personId: string, archetypes: string[], leaning: Leaning): TeamMemberLevels {
  const self = new Map<string, Rating>();
  const verified = new Map<string, Rating>();
  for (const topic of topicsFor(index, archetypes)) {
    if (random() < 0.15) continue;
    const rank = pickRank(random, topic.kind, leaning);
    self.set(topic.id, levelOf(index, topic.kind, rank));
    if (rank > 0 && random() < 0.35) verified.set(topic.id, levelOf(index, topic.kind, random() < 0.8 ? rank : rank - 1));
  }
  const levelsByTopic: Record<CoverageBasis, Map<string, Rating>> = { self, verified };
  return { personId, name: `Member ${personId}`, archetypesInTeam: archetypes, levelsByTopic };
}

export function generateTeam(index: FrameworkIndex, random: Random, size: number, shape: TeamShape): TeamMemberLevels[] {
  const shared = [weightedArchetype(random)];
  const leaning = (): Leaning => (random() < 0.1 ? 'expert' : random() < 0.5 ? 'novice' : 'typical');
  return Array.from({ length: size }, (_, i) => {
    const id = `m${i + 1}`;
    if (shape === 'same-archetype') return generateMember(index, random, id, shared, leaning());
    if (shape === 'one-holds-most') {
      return i === 0 ? generateMember(index, random, id, index.doc.archetypes.map((a) => a.id), 'expert') : generateMember(index, random, id, someArchetypes(random, 1), 'novice');
    }
    return generateMember(index, random, id, someArchetypes(random), leaning());
  });
}

/** The coverage section's teams: 5-30 members; a tenth everyone-the-same-archetype and a tenth one-holds-most. */
export function coverageTeamSpec(random: Random): { size: number; shape: TeamShape; k: number; basis: CoverageBasis } {
  const roll = random();
  const shape: TeamShape = roll < 0.1 ? 'same-archetype' : roll < 0.2 ? 'one-holds-most' : 'mixed';
  return { size: between(random, 5, 30), shape, k: random() < 0.7 ? 1 : 2, basis: random() < 0.7 ? 'self' : 'verified' };
}
