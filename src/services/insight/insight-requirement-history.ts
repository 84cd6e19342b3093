import type { Database } from '../../db/client.ts';
import type { InsightHistoryRepository, StandingStep } from '../../db/insight-history.repository.ts';
import type { InsightInputsRepository } from '../../db/insight-inputs.repository.ts';
import type { TeamHistoryRepository } from '../../db/team-history.repository.ts';
import { listApplicableRequirements } from '../../domain/applicability/applicability.ts';
import { monthStart, ukToday } from '../../domain/insight/insight-calendar.ts';
import { standingCells } from '../../domain/insight/contributions.ts';
import type { StandingCell } from '../../domain/insight/contributions.ts';
import { levelsAtMoments } from '../../domain/teams/levels-as-of.ts';
import type { LevelsThen } from '../../domain/teams/levels-as-of.ts';
import { assessmentSummaries } from '../assessment/assessment-summaries.ts';
import type { PersonApplicability } from '../assessment/profile.service.ts';
import type { HubEntry } from '../framework-catalog.ts';
import { momentsOf, replayMonths } from './history-moments.ts';
import type { Moment } from './history-moments.ts';
import type { InsightContributions } from './insight-contributions.ts';

/**
 * The requirement trend rebuilt from the rating history (issue 14 §1, docs/scale.md §2.7): each
 * counted person's standing cells at each UK month end, from their self-ratings and verified levels
 * as they stood then, staged as month-on-month changes and expanded into
 * insight_requirements_monthly in one statement. What applies to someone (profile, focus, products
 * used and their training) is taken as it is now: the breakdowns are current dimensions anyway.
 */


export interface RequirementHistoryDeps {
  db: Database;
  inputs: Pick<InsightInputsRepository, 'listPeopleFacts'>;
  history: InsightHistoryRepository;
  levels: Pick<TeamHistoryRepository, 'listLevelHistory'>;
  contributions: Pick<InsightContributions, 'applicabilityOfPeople'>;
  framework: () => HubEntry;
  now?: () => Date;
}

const cellKey = (c: StandingCell) => `${c.tier}\u0000${c.archetype}\u0000${c.factor}`;
const sameLevels = (a: LevelsThen, b: LevelsThen) => equalMaps(a.self, b.self) && equalMaps(a.verified, b.verified);

function equalMaps(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/** −before + after for the cells that differ between two states of one person. */
function cellSteps(before: readonly StandingCell[], after: readonly StandingCell[]): Array<{ sign: 1 | -1; cell: StandingCell }> {
  const was = new Map(before.map((c) => [cellKey(c), c]));
  const is = new Map(after.map((c) => [cellKey(c), c]));
  const same = (a: StandingCell | undefined, b: StandingCell | undefined) => !!a && !!b && a.applicable === b.applicable && a.metSelf === b.metSelf && a.metVerified === b.metVerified;
  return [
    ...before.filter((c) => !same(c, is.get(cellKey(c)))).map((cell) => ({ sign: -1 as const, cell })),
    ...after.filter((c) => !same(was.get(cellKey(c)), c)).map((cell) => ({ sign: 1 as const, cell })),
  ];
}

export function createRequirementHistory(deps: RequirementHistoryDeps) {
  const now = deps.now ?? (() => new Date());

  /** One person's standing cells at each moment, empty before the month they joined. */
  function cellsOverTime(applicability: PersonApplicability, joined: string, moments: readonly Moment[], levels: ReadonlyArray<LevelsThen | undefined>): StandingCell[][] {
    const { index } = deps.framework();
    const applicable = listApplicableRequirements(index, applicability);
    let previous: { levels: LevelsThen; cells: StandingCell[] } | undefined;
    return moments.map((moment, i) => {
      const then = levels[i];
      if (moment.month < joined || !then) return [];
      if (previous && sameLevels(previous.levels, then)) return previous.cells;
      const summaries = assessmentSummaries(index, applicable, applicability, { self: (t) => then.self.get(t), verified: (t) => then.verified.get(t) });
      previous = { levels: then, cells: standingCells(summaries.selfRated, summaries.verified) };
      return previous.cells;
    });
  }

  async function stepsOfSlice(tx: Database, slice: ReadonlyArray<{ personId: string; createdAt: Date }>, moments: readonly Moment[]): Promise<StandingStep[]> {
    const { id: frameworkId, version: frameworkVersion } = deps.framework();
    const ids = slice.map((p) => p.personId);
    const people = await deps.inputs.listPeopleFacts(ids, tx);
    const [applicable, history] = await Promise.all([deps.contributions.applicabilityOfPeople(tx, people), deps.levels.listLevelHistory(ids, frameworkId, moments[moments.length - 1]!.at, tx)]);
    const levels = levelsAtMoments(history, moments.map((m) => m.at), () => ids);
    return slice.flatMap(({ personId, createdAt }) => {
      const applicability = applicable.get(personId);
      if (!applicability) return [];
      const cells = cellsOverTime(applicability, monthStart(ukToday(createdAt)), moments, levels.map((l) => l.get(personId)));
      return moments.flatMap((moment, i) =>
        cellSteps(i === 0 ? [] : cells[i - 1]!, cells[i]!).map(({ sign, cell }) => ({ sign, month: moment.month, personId, frameworkId, frameworkVersion, ...cell })),
      );
    });
  }

  return {
    /**
     * Replaces insight_requirements_monthly with month-on-month changes worked out from history
     * over the last `months` UK months and this one (the earliest month opens with everyone's
     * standing then), in one transaction; the twin then sums to insight_requirements.
     */
    async rebuildRequirementMonths(options: { months?: number } = {}): Promise<{ people: number; steps: number }> {
      const history = deps.history;
      return replayMonths(
        deps.db,
        (tx) => history.listCountedPeople(tx),
        { start: (tx) => history.startStaging(tx), stepsOf: stepsOfSlice, stage: (steps, tx) => history.stageSteps(steps, tx), replace: (tx) => history.replaceRequirementMonths(tx) },
        momentsOf(now(), options.months ?? 12),
      );
    },
  };
}

export type RequirementHistory = ReturnType<typeof createRequirementHistory>;
