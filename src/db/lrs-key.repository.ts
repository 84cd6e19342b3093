import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from './client.ts';
import { lrsKeys } from './schema.ts';

export type LrsKeyRow = typeof lrsKeys.$inferSelect;

/** Learning record store keys (issue 16 §1): issued and revoked by organisation admins, read on every xAPI request. */
export function createLrsKeyRepository(db: Database) {
  return {
    async insertKey(row: typeof lrsKeys.$inferInsert, tx: Database = db): Promise<LrsKeyRow> {
      const [inserted] = await tx.insert(lrsKeys).values(row).returning();
      if (!inserted) throw new Error('lrs key insert returned nothing');
      return inserted;
    },

    /** A key that still works, by its Basic user name. */
    async findActiveKey(keyName: string): Promise<LrsKeyRow | undefined> {
      const rows = await db.select().from(lrsKeys).where(and(eq(lrsKeys.keyName, keyName), isNull(lrsKeys.revokedAt)));
      return rows[0];
    },

    async findKey(id: string, tx: Database = db): Promise<LrsKeyRow | undefined> {
      const rows = await tx.select().from(lrsKeys).where(eq(lrsKeys.id, id));
      return rows[0];
    },

    async listKeys(organisationId: string, tx: Database = db): Promise<LrsKeyRow[]> {
      return tx.select().from(lrsKeys).where(eq(lrsKeys.organisationId, organisationId)).orderBy(desc(lrsKeys.createdAt));
    },

    /** Revokes once; a second revoke finds nothing and changes nothing. */
    async revokeKey(id: string, revokedBy: string | null, now: Date, tx: Database = db): Promise<LrsKeyRow | undefined> {
      const rows = await tx
        .update(lrsKeys)
        .set({ revokedAt: now, revokedBy })
        .where(and(eq(lrsKeys.id, id), isNull(lrsKeys.revokedAt)))
        .returning();
      return rows[0];
    },

    async touchKey(id: string, now: Date): Promise<void> {
      await db.update(lrsKeys).set({ lastUsedAt: now }).where(eq(lrsKeys.id, id));
    },
  };
}

export type LrsKeyRepository = ReturnType<typeof createLrsKeyRepository>;
