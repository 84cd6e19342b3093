import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from './client.ts';
import { invitations } from './schema.ts';

export type InvitationRow = typeof invitations.$inferSelect;

export function createInvitationRepository(db: Database) {
  return {
    async insertInvitation(row: typeof invitations.$inferInsert, tx: Database = db): Promise<InvitationRow> {
      const [inserted] = await tx.insert(invitations).values(row).returning();
      if (!inserted) throw new Error('invitation insert returned nothing');
      return inserted;
    },

    async findInvitationByTokenHash(tokenHash: string, tx: Database = db): Promise<InvitationRow | undefined> {
      const rows = await tx.select().from(invitations).where(eq(invitations.tokenHash, tokenHash));
      return rows[0];
    },

    /**
     * Marks an open invitation accepted in one statement, so two people racing with the same link
     * cannot both create an account: only one update finds the row still unaccepted.
     */
    async claimInvitation(tokenHash: string, now: Date, tx: Database = db): Promise<InvitationRow | undefined> {
      const rows = await tx
        .update(invitations)
        .set({ acceptedAt: now })
        .where(and(eq(invitations.tokenHash, tokenHash), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
        .returning();
      return rows[0];
    },

    async setAcceptedPerson(invitationId: string, personId: string, tx: Database = db): Promise<void> {
      await tx.update(invitations).set({ acceptedPersonId: personId }).where(eq(invitations.id, invitationId));
    },
  };
}

export type InvitationRepository = ReturnType<typeof createInvitationRepository>;
