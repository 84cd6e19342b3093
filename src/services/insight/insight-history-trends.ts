import type { JourneyHistory } from './insight-journey-history.ts';
import type { RequirementHistory } from './insight-requirement-history.ts';
import type { TrainingHistory } from './insight-training-history.ts';

/**
 * Every trend that is rebuilt from history rather than kept from when rows were first written
 * (issue 14 §1, docs/scale.md §2.7): requirements from rating history, training currency from
 * links, passes and versions, journeys from item timestamps. Each rebuild is its own transaction,
 * so a long one holds the rollup lock for one trend at a time.
 */
export function createHistoryTrends(deps: { requirements: RequirementHistory; training: TrainingHistory; journeys: JourneyHistory }) {
  return {
    /** After a bulk load, an import or a full contribution refresh: the monthly twins of all three. */
    async rebuildAll(options: { months?: number } = {}) {
      const requirements = await deps.requirements.rebuildRequirementMonths(options);
      const training = await deps.training.rebuildTrainingMonths(options);
      const journeys = await deps.journeys.rebuildJourneyMonths(options);
      return { people: requirements.people, requirements, training, journeys };
    },
  };
}

export type HistoryTrends = ReturnType<typeof createHistoryTrends>;
