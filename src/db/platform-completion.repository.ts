import { and, asc, count, eq, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { learningResources, organisationClosure, people, platformCompletionQueue } from './schema.ts';

export interface MatchedPerson {
  id: string;
  organisationId: string;
}

/** What an xAPI statement names, found in the hub: people within a key's organisation, resources by activity id (issue 16 §1). */
export function createPlatformCompletionRepository(db: Database) {
  const inSubtree = (rootId: string) =>
    sql`exists (select 1 from ${organisationClosure} where ${organisationClosure.ancestorId} = ${rootId} and ${organisationClosure.descendantId} = ${people.organisationId})`;

  return {
    /** Active accounts with this e-mail in the organisation or beneath it (one person may hold several). */
    async findPeopleByEmailWithin(rootId: string, email: string): Promise<MatchedPerson[]> {
      return db
        .select({ id: people.id, organisationId: people.organisationId })
        .from(people)
        .where(and(eq(people.email, email.toLowerCase()), eq(people.status, 'active'), inSubtree(rootId)));
    },

    async findPersonWithin(rootId: string, personId: string): Promise<MatchedPerson | undefined> {
      const rows = await db
        .select({ id: people.id, organisationId: people.organisationId })
        .from(people)
        .where(and(eq(people.id, personId), eq(people.status, 'active'), inSubtree(rootId)));
      return rows[0];
    },

    /** Resources a platform can complete: any but drafts (a journey keeps a resource retired after it was planned). */
    async findResourceIdsByActivityId(activityId: string): Promise<string[]> {
      const rows = await db
        .select({ id: learningResources.id })
        .from(learningResources)
        .where(and(eq(learningResources.activityId, activityId), ne(learningResources.status, 'draft')));
      return rows.map((r) => r.id);
    },
  };
}

export type PlatformCompletionRepository = ReturnType<typeof createPlatformCompletionRepository>;

export type QueuedCompletion = typeof platformCompletionQueue.$inferSelect;

/** The queue of completions waiting to be applied (tables/xapi.ts); several processes may drain it. */
export function createPlatformCompletionQueueRepository(db: Database) {
  return {
    async enqueue(rows: ReadonlyArray<typeof platformCompletionQueue.$inferInsert>, tx: Database = db): Promise<void> {
      if (rows.length > 0) await tx.insert(platformCompletionQueue).values([...rows]).onConflictDoNothing();
    },

    /** Takes up to `limit` due rows, pushing their next attempt back so no other process takes them meanwhile. */
    async claimDue(limit: number, now: Date, retryAfterMs: number): Promise<QueuedCompletion[]> {
      const due = db
        .select({ id: platformCompletionQueue.id })
        .from(platformCompletionQueue)
        .where(lte(platformCompletionQueue.nextAttemptAt, now))
        .orderBy(asc(platformCompletionQueue.enqueuedAt))
        .limit(limit)
        .for('update', { skipLocked: true });
      return db
        .update(platformCompletionQueue)
        .set({ attempts: sql`${platformCompletionQueue.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + retryAfterMs) })
        .where(inArray(platformCompletionQueue.id, due))
        .returning();
    },

    async remove(id: string): Promise<void> {
      await db.delete(platformCompletionQueue).where(eq(platformCompletionQueue.id, id));
    },

    async recordFailure(id: string, error: string): Promise<void> {
      await db.update(platformCompletionQueue).set({ lastError: error.slice(0, 1000) }).where(eq(platformCompletionQueue.id, id));
    },

    async countWaiting(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(platformCompletionQueue);
      return Number(row?.n ?? 0);
    },
  };
}

export type PlatformCompletionQueueRepository = ReturnType<typeof createPlatformCompletionQueueRepository>;
