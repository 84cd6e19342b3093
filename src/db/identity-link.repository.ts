import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from './client.ts';
import { identityLinks, invitations, people } from './schema.ts';
import type { PersonRow } from './people.repository.ts';

export type IdentityLinkRow = typeof identityLinks.$inferSelect;
export type InvitationRowForLink = typeof invitations.$inferSelect;

/** OpenID Connect identities linked to hub accounts: one per (issuer, subject, organisation). */
export function createIdentityLinkRepository(db: Database) {
  return {
    /** The account this identity signs in to at this organisation, with the link, or nothing. */
    async findLinkedPerson(key: { issuer: string; subject: string; organisationId: string }, tx: Database = db): Promise<{ link: IdentityLinkRow; person: PersonRow } | undefined> {
      const rows = await tx
        .select({ link: identityLinks, person: people })
        .from(identityLinks)
        .innerJoin(people, eq(people.id, identityLinks.personId))
        .where(and(eq(identityLinks.issuer, key.issuer), eq(identityLinks.subject, key.subject), eq(identityLinks.organisationId, key.organisationId)));
      return rows[0];
    },

    async getLink(id: string, tx: Database = db): Promise<IdentityLinkRow | undefined> {
      const rows = await tx.select().from(identityLinks).where(eq(identityLinks.id, id));
      return rows[0];
    },

    /** Links the identity to an account; a second link for the same identity and organisation loses (unique index). */
    async insertLink(row: typeof identityLinks.$inferInsert, tx: Database = db): Promise<IdentityLinkRow> {
      const [inserted] = await tx.insert(identityLinks).values(row).returning();
      if (!inserted) throw new Error('identity link insert returned nothing');
      return inserted;
    },

    async markSignedIn(id: string, at: Date, tx: Database = db): Promise<void> {
      await tx.update(identityLinks).set({ lastSignedInAt: at }).where(eq(identityLinks.id, id));
    },

    /** An invitation still open at `now`, by id (an OIDC sign-in started from its page carries the id). */
    async findOpenInvitation(id: string, now: Date, tx: Database = db): Promise<InvitationRowForLink | undefined> {
      const rows = await tx.select().from(invitations).where(and(eq(invitations.id, id), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)));
      return rows[0];
    },

    /** Marks an open invitation accepted in one statement: of two racing acceptances only one finds it open. */
    async claimInvitationById(id: string, now: Date, tx: Database = db): Promise<InvitationRowForLink | undefined> {
      const rows = await tx
        .update(invitations)
        .set({ acceptedAt: now })
        .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
        .returning();
      return rows[0];
    },

    async setInvitationAcceptedPerson(invitationId: string, personId: string, tx: Database = db): Promise<void> {
      await tx.update(invitations).set({ acceptedPersonId: personId }).where(eq(invitations.id, invitationId));
    },

    /** The account at this address in this organisation, if any (one per organisation). */
    async findPersonInOrganisationByEmail(organisationId: string, email: string, tx: Database = db): Promise<PersonRow | undefined> {
      const rows = await tx.select().from(people).where(and(eq(people.organisationId, organisationId), eq(people.email, email.toLowerCase())));
      return rows[0];
    },
  };
}

export type IdentityLinkRepository = ReturnType<typeof createIdentityLinkRepository>;
