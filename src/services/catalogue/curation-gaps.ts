import type { TopicGap } from '../../domain/assessment/topic-gaps.ts';
import type { Tier } from '../../domain/framework/framework-document.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { topicIdOf } from '../../domain/framework/topics.ts';
import type { CurationGap, CurationGapReport, UntaughtTopic } from './catalogue.types.ts';

const TIER_URGENCY: Record<Tier, number> = { foundational: 0, 'product-specific': 1, advanced: 2 };

function rankOf(index: FrameworkIndex, kind: 'knowledge' | 'skill', level: string): number {
  return index.doc.taxonomy[kind].find((l) => l.id === level)?.rank ?? 0;
}

/** topic id → the highest level a published resource brings it to. */
function bestLevels(index: FrameworkIndex, outcomes: Iterable<{ topicId: string; level: string }>): Map<string, { level: string; rank: number }> {
  const best = new Map<string, { level: string; rank: number }>();
  for (const { topicId, level } of outcomes) {
    const topic = index.topicById.get(topicId);
    if (!topic) continue;
    const rank = rankOf(index, topic.kind, level);
    if (rank > (best.get(topicId)?.rank ?? 0)) best.set(topicId, { level, rank });
  }
  return best;
}

/**
 * What educators should curate next: each topic, level and tier that people need (an unmet
 * statement in one of their topic gaps) but no published resource reaches, ranked by how many
 * people need it, then foundational first (R5). After them, topics nobody needs yet that no
 * resource teaches at all, one entry per level and tier their statements ask for.
 * `teams` are the requirement ids each AI MDT's latest plan found no resource for (issue 13 §3):
 * a team needs them even when no member's own profile asks for them, so they count as needed.
 */
export function rankCurationGaps(
  index: FrameworkIndex,
  people: Iterable<readonly TopicGap[]>,
  publishedOutcomes: Iterable<{ topicId: string; level: string }>,
  teams: Iterable<readonly string[]> = [],
): CurationGap[] {
  const best = bestLevels(index, publishedOutcomes);
  const topicOrder = new Map([...index.topicById.keys()].map((id, i) => [id, i]));
  const needed = new Map<string, CurationGap>();
  const entry = (topicId: string, level: string, tier: Tier): CurationGap => {
    const key = `${topicId}|${level}|${tier}`;
    const topic = index.topicById.get(topicId)!;
    const existing = needed.get(key) ?? { topicId, topicLabel: topic.label, kind: topic.kind, level, tier, archetypes: [], peopleNeeding: 0, bestAvailableLevel: best.get(topicId)?.level ?? null };
    needed.set(key, existing);
    return existing;
  };
  for (const gaps of people) {
    const counted = new Set<CurationGap>();
    for (const gap of gaps) {
      const reached = best.get(gap.topic.id)?.rank ?? 0;
      for (const requirementId of gap.requirementIds) {
        const requirement = index.requirementById.get(requirementId);
        if (!requirement || rankOf(index, gap.topic.kind, requirement.level) <= reached) continue;
        const item = entry(gap.topic.id, requirement.level, requirement.tier);
        if (requirement.tier === 'advanced' && requirement.archetype && !item.archetypes.includes(requirement.archetype)) item.archetypes.push(requirement.archetype);
        if (!counted.has(item)) item.peopleNeeding += 1;
        counted.add(item);
      }
    }
  }
  for (const requirementIds of teams) {
    const counted = new Set<CurationGap>();
    for (const requirementId of requirementIds) {
      const requirement = index.requirementById.get(requirementId);
      const topicId = requirement ? topicIdOf(index, requirementId) : undefined;
      const topic = topicId ? index.topicById.get(topicId) : undefined;
      if (!requirement || !topic || rankOf(index, topic.kind, requirement.level) <= (best.get(topic.id)?.rank ?? 0)) continue;
      const item = entry(topic.id, requirement.level, requirement.tier);
      if (requirement.archetype && !item.archetypes.includes(requirement.archetype)) item.archetypes.push(requirement.archetype);
      if (!counted.has(item)) item.teamsNeeding = (item.teamsNeeding ?? 0) + 1;
      counted.add(item);
    }
  }
  const order = (a: CurationGap, b: CurationGap) =>
    TIER_URGENCY[a.tier] - TIER_URGENCY[b.tier] ||
    (topicOrder.get(a.topicId) ?? 0) - (topicOrder.get(b.topicId) ?? 0) ||
    rankOf(index, a.kind, a.level) - rankOf(index, b.kind, b.level);
  const ranked = [...needed.values()].sort((a, b) => b.peopleNeeding - a.peopleNeeding || (b.teamsNeeding ?? 0) - (a.teamsNeeding ?? 0) || order(a, b));
  return [...ranked, ...untaughtTopics(index, new Set(ranked.map((g) => g.topicId)), best).sort(order)];
}

/** Topics no published resource teaches and nobody in scope needs yet. */
function untaughtTopics(index: FrameworkIndex, listed: ReadonlySet<string>, best: ReadonlyMap<string, unknown>): CurationGap[] {
  const gaps = new Map<string, CurationGap>();
  for (const topic of index.topicById.values()) {
    if (listed.has(topic.id) || best.has(topic.id)) continue;
    for (const requirement of topic.requirements) {
      const key = `${topic.id}|${requirement.level}|${requirement.tier}`;
      const gap = gaps.get(key) ?? { topicId: topic.id, topicLabel: topic.label, kind: topic.kind, level: requirement.level, tier: requirement.tier, archetypes: [], peopleNeeding: 0, bestAvailableLevel: null };
      if (requirement.tier === 'advanced' && requirement.archetype && !gap.archetypes.includes(requirement.archetype)) gap.archetypes.push(requirement.archetype);
      gaps.set(key, gap);
    }
  }
  return [...gaps.values()];
}

/**
 * The report's parts from one ranked list. A topic counts as untaught when no published resource
 * reaches any level of it (its gaps say "nothing published"), whether or not anyone needs it: the
 * page once counted only the topics nobody needed, so it could say "every topic is taught" above
 * a table of needed topics with nothing published.
 */
export function summariseCurationGaps(gaps: readonly CurationGap[]): CurationGapReport {
  const untaught = new Map<string, UntaughtTopic>();
  for (const gap of gaps) {
    if (gap.bestAvailableLevel !== null) continue;
    const topic = untaught.get(gap.topicId) ?? { topicId: gap.topicId, topicLabel: gap.topicLabel, kind: gap.kind, peopleNeeding: 0 };
    topic.peopleNeeding = Math.max(topic.peopleNeeding, gap.peopleNeeding);
    untaught.set(gap.topicId, topic);
  }
  return {
    gaps: [...gaps],
    needed: gaps.filter((g) => g.peopleNeeding > 0 || (g.teamsNeeding ?? 0) > 0),
    notYetNeeded: gaps.filter((g) => g.peopleNeeding === 0 && (g.teamsNeeding ?? 0) === 0),
    untaughtTopics: [...untaught.values()].sort((a, b) => b.peopleNeeding - a.peopleNeeding || a.topicLabel.localeCompare(b.topicLabel)),
  };
}
