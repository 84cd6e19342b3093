import { validate as isUuid } from 'uuid';
import type { Database } from '../../db/client.ts';
import type { MatchedPerson, PlatformCompletionQueueRepository, PlatformCompletionRepository, QueuedCompletion } from '../../db/platform-completion.repository.ts';
import type { JourneyService, PlatformCompletionResult } from '../journeys/journey.service.ts';
import type { LrsClient } from './lrs-key.service.ts';

/** The verbs that say a learner finished a resource (ADL's vocabulary, which platforms use). */
export const COMPLETION_VERBS: ReadonlySet<string> = new Set(['http://adlnet.gov/expapi/verbs/completed', 'http://adlnet.gov/expapi/verbs/passed']);
const PASSED = 'http://adlnet.gov/expapi/verbs/passed';

export type PlatformCompletionOutcome =
  | { kind: 'not-a-completion' }
  | { kind: 'person-not-found' }
  | { kind: 'person-ambiguous'; accounts: number }
  | { kind: 'no-resource'; activityId: string }
  | ({ kind: 'completed'; personId: string; resourceIds: string[] } & PlatformCompletionResult);

export interface PlatformCompletionsDeps {
  repository: PlatformCompletionRepository;
  queue: PlatformCompletionQueueRepository;
  journeys: Pick<JourneyService, 'completeFromPlatform'>;
  /** The hub's base URL: an actor's `account` on it names a hub person by id. */
  baseUrl: string;
}

interface StatementShape {
  id?: unknown;
  actor?: { objectType?: unknown; mbox?: unknown; account?: { homePage?: unknown; name?: unknown } };
  verb?: { id?: unknown };
  object?: { objectType?: unknown; id?: unknown };
  result?: { success?: unknown };
}

/** A completion that fails (the database was briefly away) is tried again after this long. */
const RETRY_AFTER_MS = 60_000;
const CLAIM_BATCH = 20;

const sameSite = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/**
 * Statements move journeys on (issue 16 §1): a completed or passed statement about a hub person
 * (by mbox, or an account on the hub naming their id) and a catalogue resource (by its activity
 * id) completes it for them, as the platform's word. Anything else is stored by the LRS and left.
 */
export function createPlatformCompletions(deps: PlatformCompletionsDeps) {
  async function personOf(client: LrsClient, actor: StatementShape['actor']): Promise<MatchedPerson | { ambiguous: number } | undefined> {
    if (!actor || (actor.objectType !== undefined && actor.objectType !== 'Agent')) return undefined;
    if (typeof actor.mbox === 'string' && actor.mbox.toLowerCase().startsWith('mailto:')) {
      const found = await deps.repository.findPeopleByEmailWithin(client.organisationId, actor.mbox.slice('mailto:'.length));
      // One address may hold accounts in several organisations beneath the key's: the key's own wins.
      const own = found.filter((p) => p.organisationId === client.organisationId);
      if (own.length === 1) return own[0];
      return found.length === 1 ? found[0] : found.length > 1 ? { ambiguous: found.length } : undefined;
    }
    const account = actor.account;
    if (account && typeof account.homePage === 'string' && typeof account.name === 'string' && sameSite(account.homePage, deps.baseUrl) && isUuid(account.name)) {
      return deps.repository.findPersonWithin(client.organisationId, account.name);
    }
    return undefined;
  }

  const service = {
    /**
     * Queues the completions among statements the LRS is storing, in its transaction: they are
     * applied after it commits (`drain`), because planning a journey reads outside transactions.
     */
    async enqueue(tx: Database, client: LrsClient, statements: readonly unknown[]): Promise<number> {
      const rows = statements.flatMap((raw) => {
        const s = (raw ?? {}) as StatementShape;
        if (typeof s.id !== 'string' || typeof s.verb?.id !== 'string' || !COMPLETION_VERBS.has(s.verb.id)) return [];
        const statement = { id: s.id, actor: s.actor, verb: s.verb, object: s.object, result: s.result };
        return [{ organisationId: client.organisationId, keyId: client.keyId, platform: client.platform, statementId: s.id, statement }];
      });
      await deps.queue.enqueue(rows, tx);
      return rows.length;
    },

    /** Applies queued completions until none are due or the time budget is spent. */
    async drain(budgetMs: number): Promise<{ applied: number; failed: number }> {
      const stopAt = Date.now() + budgetMs;
      let applied = 0;
      let failed = 0;
      while (Date.now() < stopAt) {
        const batch = await deps.queue.claimDue(CLAIM_BATCH, new Date(), RETRY_AFTER_MS);
        if (batch.length === 0) break;
        for (const row of batch) {
          if (await applyQueued(row)) applied++;
          else failed++;
        }
      }
      return { applied, failed };
    },

    async applyStatement(client: LrsClient, raw: unknown): Promise<PlatformCompletionOutcome> {
      const statement = (raw ?? {}) as StatementShape;
      const verb = statement.verb?.id;
      const object = statement.object;
      if (typeof statement.id !== 'string' || typeof verb !== 'string' || !COMPLETION_VERBS.has(verb)) return { kind: 'not-a-completion' };
      if (verb === PASSED && statement.result?.success === false) return { kind: 'not-a-completion' };
      if (!object || typeof object.id !== 'string' || (object.objectType !== undefined && object.objectType !== 'Activity')) return { kind: 'not-a-completion' };
      const person = await personOf(client, statement.actor);
      if (!person) return { kind: 'person-not-found' };
      if ('ambiguous' in person) return { kind: 'person-ambiguous', accounts: person.ambiguous };
      const resourceIds = await deps.repository.findResourceIdsByActivityId(object.id);
      if (resourceIds.length === 0) return { kind: 'no-resource', activityId: object.id };
      const result = await deps.journeys.completeFromPlatform({ personId: person.id, organisationId: person.organisationId, resourceIds, platform: client.platform, statementId: statement.id });
      return { kind: 'completed', personId: person.id, resourceIds, ...result };
    },
  };

  async function applyQueued(row: QueuedCompletion): Promise<boolean> {
    try {
      await service.applyStatement({ keyId: row.keyId, keyName: '', organisationId: row.organisationId, platform: row.platform }, row.statement);
      await deps.queue.remove(row.id);
      return true;
    } catch (error) {
      await deps.queue.recordFailure(row.id, error instanceof Error ? error.message : String(error));
      return false;
    }
  }

  return service;
}

export type PlatformCompletions = ReturnType<typeof createPlatformCompletions>;
