import { and, asc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { signInFailures, signInKnownSources } from './schema.ts';

export type FailureCounterRow = typeof signInFailures.$inferSelect;

const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/** The shared counters behind sign-in limits. Every write is one statement, safe under concurrent attempts. */
export function createSignInLimitRepository(db: Database) {
  return {
    /**
     * The counters for these keys, locked until the transaction ends, in key order (so two attempts
     * locking overlapping keys cannot deadlock).
     */
    async lockCounters(keyHashes: string[], tx: Database): Promise<FailureCounterRow[]> {
      if (keyHashes.length === 0) return [];
      return tx.select().from(signInFailures).where(inArray(signInFailures.keyHash, keyHashes)).orderBy(asc(signInFailures.keyHash)).for('update');
    },

    /**
     * Adds a failure to a key's count, or starts a new window at one when the current window began
     * at or before `windowStartsAfter`. Returns the count now.
     */
    async countFailure(keyHash: string, now: Date, windowStartsAfter: Date, tx: Database = db): Promise<number> {
      const isNewWindow = sql`${signInFailures.windowStartedAt} <= ${at(windowStartsAfter)}`;
      const [row] = await tx
        .insert(signInFailures)
        .values({ keyHash, failures: 1, windowStartedAt: now })
        .onConflictDoUpdate({
          target: signInFailures.keyHash,
          set: {
            failures: sql`case when ${isNewWindow} then 1 else ${signInFailures.failures} + 1 end`,
            holderToldAt: sql`case when ${isNewWindow} then null else ${signInFailures.holderToldAt} end`,
            windowStartedAt: sql`case when ${isNewWindow} then ${at(now)} else ${signInFailures.windowStartedAt} end`,
          },
        })
        .returning({ failures: signInFailures.failures });
      if (!row) throw new Error('sign-in failure count returned nothing');
      return row.failures;
    },

    async holdUntil(keyHash: string, heldUntil: Date | null, tx: Database = db): Promise<void> {
      await tx.update(signInFailures).set({ heldUntil }).where(eq(signInFailures.keyHash, keyHash));
    },

    /** Takes back an attempt counted while it was checked, which turned out right; lifts a hold it no longer earns. */
    async uncountFailure(keyHash: string, threshold: number, tx: Database = db): Promise<void> {
      await tx
        .update(signInFailures)
        .set({
          failures: sql`greatest(${signInFailures.failures} - 1, 0)`,
          heldUntil: sql`case when ${signInFailures.failures} - 1 >= ${threshold} then ${signInFailures.heldUntil} else null end`,
        })
        .where(eq(signInFailures.keyHash, keyHash));
    },

    async forgetCounter(keyHash: string, tx: Database = db): Promise<void> {
      await tx.delete(signInFailures).where(eq(signInFailures.keyHash, keyHash));
    },

    /** Marks this window's holder notice as sent; true only for the one caller that marked it. */
    async claimHolderNotice(keyHash: string, now: Date, tx: Database = db): Promise<boolean> {
      const claimed = await tx
        .update(signInFailures)
        .set({ holderToldAt: now })
        .where(and(eq(signInFailures.keyHash, keyHash), isNull(signInFailures.holderToldAt)))
        .returning({ keyHash: signInFailures.keyHash });
      return claimed.length > 0;
    },

    async rememberKnownSource(keyHash: string, now: Date, tx: Database = db): Promise<void> {
      await tx
        .insert(signInKnownSources)
        .values({ keyHash, lastSignedInAt: now })
        .onConflictDoUpdate({ target: signInKnownSources.keyHash, set: { lastSignedInAt: now } });
    },

    async isKnownSourceSince(keyHash: string, since: Date): Promise<boolean> {
      const rows = await db
        .select({ keyHash: signInKnownSources.keyHash })
        .from(signInKnownSources)
        .where(and(eq(signInKnownSources.keyHash, keyHash), gte(signInKnownSources.lastSignedInAt, since)));
      return rows.length > 0;
    },

    /** Deletes counters whose window began before `countersBefore` and hold nothing now, and sources unused since `sourcesBefore`. */
    async prune({ now, countersBefore, sourcesBefore }: { now: Date; countersBefore: Date; sourcesBefore: Date }): Promise<void> {
      await db
        .delete(signInFailures)
        .where(and(lt(signInFailures.windowStartedAt, countersBefore), or(isNull(signInFailures.heldUntil), lt(signInFailures.heldUntil, now))));
      await db.delete(signInKnownSources).where(lt(signInKnownSources.lastSignedInAt, sourcesBefore));
    },
  };
}

export type SignInLimitRepository = ReturnType<typeof createSignInLimitRepository>;
