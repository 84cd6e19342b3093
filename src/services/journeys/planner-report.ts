import type { TopicGap } from '../../domain/assessment/topic-gaps.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import type { LoweredTarget, Plan } from '../../domain/journey/index.ts';
import type { ClosedTopic, OpenGap, PlannerReport } from './journey.service.ts';
import { explainUnmetGaps, levelIdOfRank } from './open-gaps.ts';
import type { PlanInput } from './plan-input.ts';

export interface PlannerReportOptions {
  index: FrameworkIndex;
  input: PlanInput;
  plan: Plan;
  /** Gaps the plan was aimed lower than asked, because no usable resource teaches their target. */
  lowered: readonly LoweredTarget[];
  /** Where the learner's current level on a topic came from. */
  sourceOf: (topicId: string) => ClosedTopic['source'];
}

/** What the optimiser did, and why each gap it leaves open (or takes only part of the way) is so. */
export function plannerReport({ index, input, plan, lowered, sourceOf }: PlannerReportOptions): PlannerReport {
  const openGap = (gap: TopicGap): OpenGap => ({ topicId: gap.topic.id, tier: gap.tier, target: gap.target, current: gap.current ?? null, source: sourceOf(gap.topic.id) });
  const gapById = new Map(input.gaps.map((g) => [g.topic.id, g]));
  const closed = new Set(plan.closed);
  const partly = lowered.filter((l) => closed.has(l.gap) && gapById.has(l.gap));
  const unclosable = plan.unclosable.filter((id) => gapById.has(id));
  const why = explainUnmetGaps(index, input, [
    ...unclosable.map((id) => ({ gap: gapById.get(id)!, reachedRank: gapById.get(id)!.currentRank })),
    ...partly.map((l) => ({ gap: gapById.get(l.gap)!, reachedRank: l.planned })),
  ]);
  const withReason = (gap: TopicGap): OpenGap => {
    const reason = why.get(gap.topic.id);
    return { ...openGap(gap), ...(reason ? { reason } : {}) };
  };
  return {
    solver: plan.solver,
    optimal: plan.optimal,
    solveMs: Math.round(plan.solveMs),
    gapCount: input.gaps.length,
    closedCount: plan.closed.length - partly.length,
    unclosable: unclosable.map((id) => withReason(gapById.get(id)!)),
    outOfBudget: plan.outOfBudget.flatMap((id) => (gapById.has(id) ? [openGap(gapById.get(id)!)] : [])),
    partlyClosed: partly.map((l) => {
      const gap = gapById.get(l.gap)!;
      return { ...withReason(gap), reached: levelIdOfRank(index, gap, l.planned) };
    }),
  };
}
