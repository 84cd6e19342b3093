import type { Kind, Tier } from '../framework/framework-document.ts';
import type { FrameworkIndex } from '../framework/framework-index.ts';
import type { AssessmentSummary } from './assessment-summary.ts';
import { NOT_YET } from './requirement-status.ts';
import type { Rating } from './requirement-status.ts';
import type { TopicInfo } from './topic-questions.ts';

/**
 * A person's gaps as learning sees them: one per topic (the unit a resource teaches and a learner
 * rates), aimed at the highest level any unmet statement on it asks for (R1: that level meets
 * them all). Unrated topics are gaps from nothing, flagged so the learner is asked to rate them.
 */
export interface TopicGap {
  topic: TopicInfo;
  /** The most urgent tier among the unmet statements: foundational, then product-specific, then advanced. */
  tier: Tier;
  /** For advanced statements, the archetypes they come from. */
  archetypes: string[];
  /** The level held (self-rated, or better if claimed), NOT_YET, or undefined when never rated. */
  current: Rating | undefined;
  /** 0 for not yet or not rated; otherwise the taxonomy rank. */
  currentRank: number;
  target: string;
  targetRank: number;
  /** The unmet statements (requirement ids) this gap closes. */
  requirementIds: string[];
}

const TIER_URGENCY: Record<Tier, number> = { foundational: 0, 'product-specific': 1, advanced: 2 };

export function topicGaps(index: FrameworkIndex, summary: AssessmentSummary, topicOf: (requirementId: string) => TopicInfo): TopicGap[] {
  const gaps = new Map<string, TopicGap>();
  for (const item of summary.items) {
    if (item.status === 'met') continue;
    const { requirement } = item.applicable;
    const topic = topicOf(requirement.id);
    const targetRank = rankOf(index, topic.kind, requirement.level);
    const gap = gaps.get(topic.id) ?? {
      topic,
      tier: requirement.tier,
      archetypes: [],
      current: item.rating,
      currentRank: item.rating === undefined || item.rating === NOT_YET ? 0 : rankOf(index, topic.kind, item.rating),
      target: requirement.level,
      targetRank,
      requirementIds: [],
    };
    if (TIER_URGENCY[requirement.tier] < TIER_URGENCY[gap.tier]) gap.tier = requirement.tier;
    if (requirement.tier === 'advanced' && requirement.archetype && !gap.archetypes.includes(requirement.archetype)) gap.archetypes.push(requirement.archetype);
    if (targetRank > gap.targetRank) {
      gap.target = requirement.level;
      gap.targetRank = targetRank;
    }
    if (!gap.requirementIds.includes(requirement.id)) gap.requirementIds.push(requirement.id);
    gaps.set(topic.id, gap);
  }
  return [...gaps.values()];
}

/** The rank of a level id within a kind; 0 for NOT_YET. */
export function levelRank(index: FrameworkIndex, kind: Kind, level: string): number {
  return level === NOT_YET ? 0 : rankOf(index, kind, level);
}

function rankOf(index: FrameworkIndex, kind: Kind, levelId: string): number {
  const level = index.doc.taxonomy[kind].find((l) => l.id === levelId);
  if (!level) throw new Error(`"${levelId}" is not a ${kind} level`);
  return level.rank;
}
