import { LRUCache } from 'lru-cache';

export interface PersonalViewCacheOptions {
  /** People whose view is kept; the least recently used go first. */
  maxEntries: number;
  /**
   * How long a view is trusted even with its stamp unchanged: views that depend on the clock
   * (a refresher falling due) are recomputed at least this often.
   */
  ttlMs: number;
  /** The person's current view stamp (one indexed lookup; the database keeps it, by trigger). */
  stampOf(personId: string): Promise<string>;
}

/**
 * Per-person derived views (a self-assessment with its pages and summaries, say), computed once
 * and reused while the person's view stamp is unchanged. Stamps live in the database and are
 * bumped in the same transaction as any change, so a view is never served after its data changed,
 * in this process or another. Concurrent misses for one person share one computation.
 * Cached values are shared between requests: callers must not mutate them.
 */
export function createPersonalViewCache<T extends object>(options: PersonalViewCacheOptions) {
  const entries = new LRUCache<string, { stamp: string; value: Promise<T> }>({ max: options.maxEntries, ttl: options.ttlMs });
  return {
    /** `variant` names anything else the view depends on (the framework version it was computed against). */
    async get(personId: string, variant: string, compute: () => Promise<T>): Promise<T> {
      const stamp = `${await options.stampOf(personId)}|${variant}`;
      const hit = entries.get(personId);
      if (hit?.stamp === stamp) return hit.value;
      const value = compute();
      const entry = { stamp, value };
      entries.set(personId, entry);
      // A failed computation is not remembered: the next request tries again.
      value.catch(() => {
        if (entries.get(personId) === entry) entries.delete(personId);
      });
      return value;
    },
  };
}

export type PersonalViewCache<T extends object> = ReturnType<typeof createPersonalViewCache<T>>;
