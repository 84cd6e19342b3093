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
 * version is loaded. Organisations are walked in id order, a chunk of them (about a thousand people)
 * per transaction, with the chunk's progress recorded in the same transaction, so a refresh that
 * stops resumes after the last chunk it finished. A chunk's inputs are read in a handful of queries
 * and its rows written in a few statements: most organisations of a national tree hold a person or
 * two, and one transaction (and one rollup delta per statement) each cost ~20 times the people.
 * When the walk is done, each organisation's standing under other versions of the framework is
 * removed (the delta triggers take their counts out of the rollups), chunk by chunk, and the
 * refresh is marked finished.
 */

/** About this many people a transaction: large enough to pay for its overheads, small enough to keep locks and memory modest. */
export const PEOPLE_PER_TRANSACTION = 1000;
/** At most this many organisations a transaction, so a run of empty ones does not make one huge list. */
const ORGANISATIONS_PER_TRANSACTION = 4000;

export interface RefreshOptions {
  /** Start again from the first organisation even when an unfinished walk could be resumed. */
  restart?: boolean;
  /** Told after each chunk of organisations is committed, for a progress line. */
  onProgress?: (progress: { organisationsDone: number; organisationsTotal: number }) => void;
  /** People per transaction (default PEOPLE_PER_TRANSACTION); an organisation is never split. */
  peoplePerTransaction?: number;
}

export interface RefreshResult {
  frameworkId: string;
  frameworkVersion: string;
  organisations: number;
  people: number;
  resumed: boolean;
}

/**
 * Organisations (in walk order) cut into runs of about `people` people and at most `organisations`
 * organisations. An organisation larger than `people` is a run of its own.
 */
export function chunkOrganisations(sizes: ReadonlyArray<{ id: string; people: number }>, limits: { people: number; organisations: number }): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let people = 0;
  for (const organisation of sizes) {
    if (current.length > 0 && (people + organisation.people > limits.people || current.length >= limits.organisations)) {
      chunks.push(current);
      current = [];
      people = 0;
    }
    current.push(organisation.id);
    people += organisation.people;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
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

  async function chunksAfter(lastOrganisationId: string | null, peoplePerTransaction = PEOPLE_PER_TRANSACTION, tx: Database = deps.db): Promise<string[][]> {
    return chunkOrganisations(await repo.listOrganisationSizes(lastOrganisationId, tx), { people: peoplePerTransaction, organisations: ORGANISATIONS_PER_TRANSACTION });
  }

  /** Refreshes everyone in these organisations and records them done, in the caller's transaction; returns how many people. */
  async function refreshChunk(tx: Database, organisationIds: readonly string[], frameworkId: string, frameworkVersion: string): Promise<number> {
    const personIds = await deps.inputs.listPersonIdsIn(organisationIds, tx);
    await deps.contributions.refreshPeople(tx, personIds);
    await repo.recordOrganisationsDone(frameworkId, frameworkVersion, organisationIds.length, organisationIds[organisationIds.length - 1]!, tx);
    return personIds.length;
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
      for (const chunk of await chunksAfter(state.lastOrganisationId, options.peoplePerTransaction)) {
        people += await inTransaction(deps.db, (tx) => refreshChunk(tx, chunk, frameworkId, frameworkVersion));
        organisationsDone += chunk.length;
        options.onProgress?.({ organisationsDone, organisationsTotal: Math.max(state.organisationsTotal, organisationsDone) });
      }
      for (const chunk of await chunksAfter(null, options.peoplePerTransaction)) {
        await inTransaction(deps.db, (tx) => deps.contributionRepository.deleteOtherVersionsIn(chunk, frameworkId, frameworkVersion, tx));
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
      const chunks = await chunksAfter(null, PEOPLE_PER_TRANSACTION, tx);
      const organisations = chunks.reduce((n, chunk) => n + chunk.length, 0);
      await repo.startRefresh(frameworkId, frameworkVersion, organisations, now(), tx);
      let people = 0;
      for (const chunk of chunks) {
        people += await refreshChunk(tx, chunk, frameworkId, frameworkVersion);
        await deps.contributionRepository.deleteOtherVersionsIn(chunk, frameworkId, frameworkVersion, tx);
      }
      await repo.finishRefresh(frameworkId, frameworkVersion, now(), tx);
      return { frameworkId, frameworkVersion, organisations, people, resumed: false };
    },

    /** How far the refresh for the version the hub shows has got; undefined when none has run. */
    refreshProgress: () => {
      const { id, version } = deps.framework();
      return repo.findRefresh(id, version);
    },
  };
}

export type InsightRefresh = ReturnType<typeof createInsightRefresh>;
