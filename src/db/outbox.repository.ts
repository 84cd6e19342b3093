import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { outbox, outboxDeliveryAttempts } from './schema.ts';

export type OutboxRow = typeof outbox.$inferSelect;
export type DeliveryAttemptRow = typeof outboxDeliveryAttempts.$inferSelect;
export type NewOutboxMessage = Pick<typeof outbox.$inferInsert, 'organisationId' | 'toAddress' | 'subject' | 'bodyText' | 'bodyHtml'>;
export type NewDeliveryAttempt = Omit<typeof outboxDeliveryAttempts.$inferInsert, 'id'>;

/** The reserved top-level domain no mail can be delivered to. */
export const isUndeliverable = (address: string): boolean => /\.invalid$/i.test(address.trim());

/** The right-hand side of Message-IDs when the hub's host is not known. */
const DEFAULT_MAIL_HOST = 'ai-confidence-hub';

export function createOutboxRepository(db: Database, options: { mailHost?: string } = {}) {
  const mailHost = options.mailHost || DEFAULT_MAIL_HOST;
  /** Mail the worker may try now: neither sent nor given up, due, and not held by another worker. */
  const isDue = (now: Date) =>
    and(isNull(outbox.sentAt), isNull(outbox.failedAt), lte(outbox.nextAttemptAt, now), or(isNull(outbox.lockedUntil), lte(outbox.lockedUntil, now)));

  return {
    /**
     * Pass the transaction of the change that causes the message, so it is sent only if that commits.
     * Nothing is queued for an address on the reserved `.invalid` domain (RFC 6761): the synthetic
     * workforce's (issue 14 §4) addresses are there, and no mail to one could ever arrive.
     * The Message-ID is fixed here, so every delivery attempt of this message carries the same one.
     */
    async insertMessage(row: NewOutboxMessage, tx: Database = db): Promise<OutboxRow | undefined> {
      if (isUndeliverable(row.toAddress)) return undefined;
      const id = randomUUID();
      const [inserted] = await tx.insert(outbox).values({ ...row, id, messageId: `<${id}@${mailHost}>` }).returning();
      if (!inserted) throw new Error('outbox insert returned nothing');
      return inserted;
    },

    async getMessage(id: string): Promise<OutboxRow | undefined> {
      const rows = await db.select().from(outbox).where(eq(outbox.id, id));
      return rows[0];
    },

    async listRecentMessages(organisationIds: string[], limit: number): Promise<OutboxRow[]> {
      if (organisationIds.length === 0) return [];
      return db
        .select()
        .from(outbox)
        .where(inArray(outbox.organisationId, organisationIds))
        .orderBy(desc(outbox.createdAt), desc(outbox.id))
        .limit(limit);
    },

    /**
     * Takes up to `limit` due messages for this worker until `lockedUntil`, counting the attempt.
     * SKIP LOCKED lets workers in other processes claim other messages at the same moment, and the
     * lease keeps a message from a second worker until this one has had time to finish or has died.
     */
    async claimDue({ now, lockedUntil, limit }: { now: Date; lockedUntil: Date; limit: number }): Promise<OutboxRow[]> {
      const due = db.select({ id: outbox.id }).from(outbox).where(isDue(now)).orderBy(asc(outbox.nextAttemptAt)).limit(limit).for('update', { skipLocked: true });
      return db
        .update(outbox)
        .set({ lockedUntil, attempts: sql`${outbox.attempts} + 1` })
        .where(and(inArray(outbox.id, due), isDue(now)))
        .returning();
    },

    /** The server accepted it (250): never before. */
    async markSent(id: string, at: Date): Promise<void> {
      await db.update(outbox).set({ sentAt: at, nextAttemptAt: null, lockedUntil: null, lastError: null }).where(eq(outbox.id, id));
    },

    async scheduleRetry(id: string, nextAttemptAt: Date, error: string): Promise<void> {
      await db.update(outbox).set({ nextAttemptAt, lockedUntil: null, lastError: error }).where(and(eq(outbox.id, id), isNull(outbox.sentAt)));
    },

    async markFailed(id: string, at: Date, error: string): Promise<void> {
      await db.update(outbox).set({ failedAt: at, nextAttemptAt: null, lockedUntil: null, lastError: error }).where(and(eq(outbox.id, id), isNull(outbox.sentAt)));
    },

    async recordAttempt(attempt: NewDeliveryAttempt): Promise<void> {
      await db.insert(outboxDeliveryAttempts).values(attempt);
    },

    async listAttempts(outboxId: string): Promise<DeliveryAttemptRow[]> {
      return db.select().from(outboxDeliveryAttempts).where(eq(outboxDeliveryAttempts.outboxId, outboxId)).orderBy(asc(outboxDeliveryAttempts.at));
    },

    /** How much mail is still to send (the CLI's summary). */
    async countUnsent(): Promise<number> {
      const [row] = await db.select({ n: count() }).from(outbox).where(and(isNull(outbox.sentAt), isNull(outbox.failedAt)));
      return row?.n ?? 0;
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
