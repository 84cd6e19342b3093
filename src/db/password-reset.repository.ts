import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from './client.ts';
import { passwordResets } from './schema.ts';

export type PasswordResetRow = typeof passwordResets.$inferSelect;

export function createPasswordResetRepository(db: Database) {
  return {
    async insertPasswordReset(row: typeof passwordResets.$inferInsert, tx: Database = db): Promise<PasswordResetRow> {
      const [inserted] = await tx.insert(passwordResets).values(row).returning();
      if (!inserted) throw new Error('password reset insert returned nothing');
      return inserted;
    },

    async findByTokenHash(tokenHash: string): Promise<PasswordResetRow | undefined> {
      const rows = await db.select().from(passwordResets).where(eq(passwordResets.tokenHash, tokenHash));
      return rows[0];
    },

    /**
     * Uses an open link in one statement, so two people racing with the same link cannot both set
     * a password: only one update finds it still unused and unexpired.
     */
    async claimPasswordReset(tokenHash: string, now: Date, tx: Database = db): Promise<PasswordResetRow | undefined> {
      const rows = await tx
        .update(passwordResets)
        .set({ usedAt: now })
        .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
        .returning();
      return rows[0];
    },

    /** Voids every link of the person's still open: their password has just changed. */
    async voidOpenResetsOf(personId: string, now: Date, tx: Database = db): Promise<void> {
      await tx
        .update(passwordResets)
        .set({ usedAt: now })
        .where(and(eq(passwordResets.personId, personId), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)));
    },
  };
}

export type PasswordResetRepository = ReturnType<typeof createPasswordResetRepository>;
