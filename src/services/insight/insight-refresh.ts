import type { Database } from '../../db/client.ts';
import type { InsightContributionRepository } from '../../db/insight-contribution.repository.ts';
import type { InsightInputsRepository } from '../../db/insight-inputs.repository.ts';
import type { InsightRefreshRepository } from '../../db/insight-refresh.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { HubEntry } from '../framework-catalog.ts';
import type { InsightContributions } from './insight-contributions.ts';

/**
 * The bulk refresh of every person's insight contribution rows (docs/scale.md §2.8, §7 step 9):
 * for an existing install, after a bulk load (demo data, the benchmark) and when a new framework
 * version is loaded. One organisation per transaction, in id order, its progress recorded in the
 * same transaction, so a refresh that stops resumes where it stopped. When the walk is done, each
 * organisation's standing under other versions of the framework is removed (the delta triggers
 * take their counts out of the rollups) and the refresh is marked finished.
 */

export interface RefreshOptions {
  /** Start again from the first organisation even when an unfinished walk could be resumed. */
  restart?: boolean;
  /** Told after each organisation, for a progress line. */
  onProgress?: (progress: { organisationsDone: number; organisationsTotal: number }) => void;
}

export interface RefreshResult {
  frameworkId: string;
  frameworkVersion: string;
  organisations: number;
  people: number;
  resumed: boolean;
}

export function createInsightRefresh(deps: {
  db: Database;
  refreshRepository: InsightRefreshRepository;
  inputs: Pick<InsightInputsRepository, 'listPersonIdsIn'>;
  contributionRepository: Pick<InsightContributionRepository, 'deleteOtherVersionsIn'>;
  contributions: Pick<InsightContributions, 'refreshPeople'>;
  framework: () => HubEntry;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());
  const repo = deps.refreshRepository;

  async function refreshOrganisation(organisationId: string, frameworkId: string, frameworkVersion: string): Promise<number> {
    return inTransaction(deps.db, async (tx) => {
      const personIds = await deps.inputs.listPersonIdsIn(organisationId, tx);
      await deps.contributions.refreshPeople(tx, personIds);
      await repo.recordOrganisationDone(frameworkId, frameworkVersion, organisationId, tx);
      return personIds.length;
    });
  }

  return {
    /** Brings every person's contribution rows up to date under the framework version the hub shows. */
    async refreshAllContributions(options: RefreshOptions = {}): Promise<RefreshResult> {
      const { id: frameworkId, version: frameworkVersion } = deps.framework();
      const existing = await repo.findRefresh(frameworkId, frameworkVersion);
      const resumed = existing !== undefined && existing.finishedAt === null && !options.restart;
      const state = resumed ? existing : await repo.startRefresh(frameworkId, frameworkVersion, (await repo.listOrganisationIds(null)).length, now());
      let organisationsDone = state.organisationsDone;
      let people = 0;
      for (const organisationId of await repo.listOrganisationIds(state.lastOrganisationId)) {
        people += await refreshOrganisation(organisationId, frameworkId, frameworkVersion);
        organisationsDone += 1;
        options.onProgress?.({ organisationsDone, organisationsTotal: Math.max(state.organisationsTotal, organisationsDone) });
      }
      const all = await repo.listOrganisationIds(null);
      for (const organisationId of all) {
        await inTransaction(deps.db, (tx) => deps.contributionRepository.deleteOtherVersionsIn(organisationId, frameworkId, frameworkVersion, tx));
      }
      await repo.finishRefresh(frameworkId, frameworkVersion, now());
      return { frameworkId, frameworkVersion, organisations: organisationsDone, people, resumed };
    },

    /**
     * The same walk inside the caller's transaction, for a bulk load that has turned the contribution
     * tables' rollup triggers off and recounts the rollups after it (rebuildInsightAfterBulkLoad): one
     * transaction, so nothing is left half done to resume, and no delta is folded per statement.
     */
    async refreshAllInTransaction(tx: Database): Promise<RefreshResult> {
      const { id: frameworkId, version: frameworkVersion } = deps.framework();
      const organisationIds = await repo.listOrganisationIds(null, tx);
      await repo.startRefresh(frameworkId, frameworkVersion, organisationIds.length, now(), tx);
      let people = 0;
      for (const organisationId of organisationIds) {
        const personIds = await deps.inputs.listPersonIdsIn(organisationId, tx);
        await deps.contributions.refreshPeople(tx, personIds);
        await repo.recordOrganisationDone(frameworkId, frameworkVersion, organisationId, tx);
        await deps.contributionRepository.deleteOtherVersionsIn(organisationId, frameworkId, frameworkVersion, tx);
        people += personIds.length;
      }
      await repo.finishRefresh(frameworkId, frameworkVersion, now(), tx);
      return { frameworkId, frameworkVersion, organisations: organisationIds.length, people, resumed: false };
    },

    /** How far the refresh for the version the hub shows has got; undefined when none has run. */
    refreshProgress: () => {
      const { id, version } = deps.framework();
      return repo.findRefresh(id, version);
    },
  };
}

export type InsightRefresh = ReturnType<typeof createInsightRefresh>;
