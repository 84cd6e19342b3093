import type { InsightRepository } from '../../db/insight.repository.ts';

/** How many queued changes one drain transaction applies: large enough to fold, small enough to be brief. */
const BATCH_CHANGES = 5000;

export interface DrainResult {
  applied: number;
  /** The oldest change still queued when the drain stopped, or null when it emptied the queue. */
  pendingSince: Date | null;
}

/**
 * The background side of the rollup queue (docs/scale.md §2.10): writes only queue their changes,
 * and every hub process drains the queue on a timer. The database lets one drainer at a time apply
 * a batch; another finds the lock held and leaves the batch to it.
 */
export function createInsightQueue(deps: { repository: Pick<InsightRepository, 'applyPending'> }) {
  let draining: Promise<DrainResult> | null = null;

  async function drainFor(budgetMs: number): Promise<DrainResult> {
    const started = Date.now();
    let applied = 0;
    for (;;) {
      const state = await deps.repository.applyPending(BATCH_CHANGES);
      applied += state.applied;
      // A short batch emptied the queue; none applied means another drainer holds the lock.
      const more = state.applied === BATCH_CHANGES && state.pendingSince !== null;
      if (!more || Date.now() - started >= budgetMs) return { applied, pendingSince: state.pendingSince };
    }
  }

  return {
    /** Applies batches of queued changes until the queue is empty or `budgetMs` has passed; overlapping calls share one run. */
    drain(budgetMs = 1000): Promise<DrainResult> {
      draining ??= drainFor(budgetMs).finally(() => {
        draining = null;
      });
      return draining;
    },
    /** Waits for a drain in progress, so the database can be closed under none. */
    async idle(): Promise<void> {
      await draining?.catch(() => undefined);
    },
  };
}

export type InsightQueue = ReturnType<typeof createInsightQueue>;
