import type { Database } from '../../db/client.ts';
import type { CountedPerson, InsightHistoryRepository, JourneyStep } from '../../db/insight-history.repository.ts';
import { journeyProgressAt } from '../../domain/insight/history-replay.ts';
import { monthStart, ukToday } from '../../domain/insight/insight-calendar.ts';
import { groupBy, momentsOf, replayMonths, rowSteps } from './history-moments.ts';
import type { Moment } from './history-moments.ts';

/**
 * The journey trend rebuilt from history (issue 14 §1, docs/scale.md §2.7): each counted person's
 * journey progress at each UK month end, counted as `journeyProgress` counts it today from the
 * journeys and items as their timestamps say they stood then, staged as month-on-month changes
 * and expanded into insight_journeys_monthly.
 */


export interface JourneyHistoryDeps {
  db: Database;
  history: InsightHistoryRepository;
  now?: () => Date;
}

type Progress = NonNullable<ReturnType<typeof journeyProgressAt>>;

const sameProgress = (a: Progress, b: Progress) =>
  a.started === b.started && a.itemsPlanned === b.itemsPlanned && a.itemsCompleted === b.itemsCompleted && a.minutesPlanned === b.minutesPlanned && a.minutesDone === b.minutesDone;

export function createJourneyHistory(deps: JourneyHistoryDeps) {
  const now = deps.now ?? (() => new Date());

  async function stepsOfSlice(tx: Database, slice: readonly CountedPerson[], moments: readonly Moment[]): Promise<JourneyStep[]> {
    const ids = slice.map((p) => p.personId);
    const [journeys, items] = await Promise.all([deps.history.listJourneysOf(ids, tx), deps.history.listJourneyItemHistoryOf(ids, tx)]);
    const personOf = new Map(journeys.map((j) => [j.id, j.personId]));
    const journeysOf = groupBy(journeys, (j) => j.personId);
    const itemsOf = groupBy(items, (i) => personOf.get(i.journeyId) ?? '');
    return slice.flatMap(({ personId, createdAt }) => {
      const joined = monthStart(ukToday(createdAt));
      const theirs = journeysOf.get(personId) ?? [];
      if (theirs.length === 0) return [];
      const states = moments.map((moment) => {
        const progress = moment.month < joined ? null : journeyProgressAt(theirs, itemsOf.get(personId) ?? [], moment.at);
        return progress ? [progress] : [];
      });
      return rowSteps(states, moments, (r) => r.frameworkId, sameProgress).map(({ sign, month, row }) => ({ sign, month, personId, hasJourney: 1, ...row }));
    });
  }

  return {
    /**
     * Replaces insight_journeys_monthly with month-on-month changes worked out from history over the
     * last `months` UK months and this one (the earliest month opens with everyone's progress then),
     * in one transaction; the twin then sums to insight_journeys.
     */
    async rebuildJourneyMonths(options: { months?: number } = {}): Promise<{ people: number; steps: number }> {
      const history = deps.history;
      return replayMonths(
        deps.db,
        (tx) => history.listCountedPeople(tx),
        { start: (tx) => history.startJourneyStaging(tx), stepsOf: stepsOfSlice, stage: (steps, tx) => history.stageJourneySteps(steps, tx), replace: (tx) => history.replaceJourneyMonths(tx) },
        momentsOf(now(), options.months ?? 12),
      );
    },
  };
}

export type JourneyHistory = ReturnType<typeof createJourneyHistory>;
