import { desc, eq, inArray } from 'drizzle-orm';
import type { Database } from './client.ts';
import { outbox } from './schema.ts';

export type OutboxRow = typeof outbox.$inferSelect;

/** The reserved top-level domain no mail can be delivered to. */
export const isUndeliverable = (address: string): boolean => /\.invalid$/i.test(address.trim());

export function createOutboxRepository(db: Database) {
  return {
    /**
     * Pass the transaction of the change that causes the message, so it is "sent" only if that commits.
     * Nothing is queued for an address on the reserved `.invalid` domain (RFC 6761): the synthetic
     * workforce's (issue 14 §4) addresses are there, and no mail to one could ever arrive.
     */
    async insertMessage(row: typeof outbox.$inferInsert, tx: Database = db): Promise<OutboxRow | undefined> {
      if (isUndeliverable(row.toAddress)) return undefined;
      const [inserted] = await tx.insert(outbox).values(row).returning();
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
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
