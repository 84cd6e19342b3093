import type { TopicGap } from '../../domain/assessment/topic-gaps.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { explainOpenGaps } from '../../domain/journey/index.ts';
import type { FilteredResource } from '../../domain/journey/index.ts';
import { filtersLeavingOut, rankIn } from './plan-input.ts';
import type { PlanFilter, PlanInput } from './plan-input.ts';

/** Why a gap is left open or only partly closed, in level ids, as stored with the journey. */
export interface OpenGapWhy {
  /** The highest level any published resource teaches, whatever the filters; null when none does. */
  taughtUpTo: string | null;
  /** Resources the learner's settings left out that would have taken the gap further. */
  leftOut?: { level: string; resources: number; byFilter: Array<{ filter: PlanFilter; resources: number }> };
}

/** A gap the plan does not close at its target, and the level it does reach (its current rank when none). */
export interface UnmetGap {
  gap: TopicGap;
  reachedRank: number;
}

/** Explains each unmet gap against the whole published catalogue and the learner's settings. */
export function explainUnmetGaps(index: FrameworkIndex, input: PlanInput, unmet: readonly UnmetGap[]): Map<string, OpenGapWhy> {
  const topics = new Set(unmet.map((u) => u.gap.topic.id));
  const filters = filtersLeavingOut(input);
  // Completed resources count for what the catalogue teaches, but no setting left them out.
  const resources: FilteredResource<PlanFilter>[] = input.resources.flatMap((resource) => {
    const outcomes = resource.outcomes.filter((o) => topics.has(o.topicId)).map((o) => ({ gap: o.topicId, level: rankIn(index, o.topicId, o.level) }));
    return outcomes.length > 0 ? [{ id: resource.id, outcomes, leftOutBy: filters.get(resource.id) ?? [] }] : [];
  });
  const questions = unmet.map((u) => ({ gap: u.gap.topic.id, current: u.gap.currentRank, target: u.gap.targetRank, reached: u.reachedRank }));
  const kindOf = new Map(unmet.map((u) => [u.gap.topic.id, u.gap.topic.kind]));
  const levelId = (topicId: string, rank: number): string | null => {
    const kind = kindOf.get(topicId);
    return (kind && index.doc.taxonomy[kind].find((l) => l.rank === rank)?.id) || null;
  };
  return new Map(
    explainOpenGaps(questions, resources).map((reason) => {
      const why: OpenGapWhy = { taughtUpTo: levelId(reason.gap, reason.taughtUpTo) };
      const left = reason.leftOut;
      if (left) why.leftOut = { level: levelId(reason.gap, left.level) ?? String(left.level), resources: left.resources, byFilter: left.byFilter };
      return [reason.gap, why];
    }),
  );
}

/** The level id of a rank on a topic's scale, for gaps the plan aims lower than asked. */
export function levelIdOfRank(index: FrameworkIndex, gap: TopicGap, rank: number): string {
  return index.doc.taxonomy[gap.topic.kind].find((l) => l.rank === rank)?.id ?? gap.target;
}
