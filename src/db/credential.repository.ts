import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { aiProductVersions, issuedCredentials, issuerKeys, journeyItems, journeys, journeyTemplateItems, journeyTemplates, organisations, people } from './schema.ts';

export type IssuerKeyRow = typeof issuerKeys.$inferSelect;
export type NewIssuerKey = Omit<typeof issuerKeys.$inferInsert, 'id' | 'status' | 'retiredAt'>;
export type IssuedCredentialRow = typeof issuedCredentials.$inferSelect;
export type NewIssuedCredential = Omit<typeof issuedCredentials.$inferInsert, 'id' | 'revokedAt' | 'revokedBy' | 'revocationReason'>;

/** Issuers' signing keys and the Open Badges credentials signed with them (issue 16 §2). */
export function createCredentialRepository(db: Database) {
  return {
    async findActiveKey(organisationId: string, tx: Database = db): Promise<IssuerKeyRow | undefined> {
      return (await tx.select().from(issuerKeys).where(and(eq(issuerKeys.organisationId, organisationId), eq(issuerKeys.status, 'active'))))[0];
    },

    /** Undefined when the organisation already has an active key (another first issue won the race). */
    async insertActiveKey(row: NewIssuerKey, tx: Database = db): Promise<IssuerKeyRow | undefined> {
      const [inserted] = await tx.insert(issuerKeys).values(row).onConflictDoNothing().returning();
      return inserted;
    },

    /** Every key the organisation has had, oldest first: all stay published. */
    async listKeys(organisationId: string, tx: Database = db): Promise<IssuerKeyRow[]> {
      return tx.select().from(issuerKeys).where(eq(issuerKeys.organisationId, organisationId)).orderBy(asc(issuerKeys.createdAt), asc(issuerKeys.id));
    },

    async setKeyStatus(keyId: string, status: 'retired' | 'compromised', at: Date, tx: Database = db): Promise<void> {
      await tx
        .update(issuerKeys)
        .set({ status, retiredAt: sql`coalesce(${issuerKeys.retiredAt}, ${at})` })
        .where(eq(issuerKeys.id, keyId));
    },

    async findIssuerOrganisation(organisationId: string, tx: Database = db): Promise<{ id: string; name: string } | undefined> {
      return (await tx.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId)))[0];
    },

    /** The label a product version is known by ("5.2"), for the credential that names it. */
    async findProductVersionLabel(productVersionId: string, tx: Database = db): Promise<string | undefined> {
      return (await tx.select({ label: aiProductVersions.label }).from(aiProductVersions).where(eq(aiProductVersions.id, productVersionId)))[0]?.label;
    },

    /**
     * A journey template and how many of its resources the person has not completed in any
     * journey; undefined when there is no such template.
     */
    async findTemplateCompletion(personId: string, templateId: string, tx: Database = db): Promise<{ title: string; description: string; remaining: number } | undefined> {
      const template = (await tx.select({ title: journeyTemplates.title, description: journeyTemplates.description }).from(journeyTemplates).where(eq(journeyTemplates.id, templateId)))[0];
      if (!template) return undefined;
      const wanted = (await tx.select({ resourceId: journeyTemplateItems.resourceId }).from(journeyTemplateItems).where(eq(journeyTemplateItems.templateId, templateId))).map((r) => r.resourceId);
      if (wanted.length === 0) return { ...template, remaining: Number.POSITIVE_INFINITY };
      const done = await tx
        .selectDistinct({ resourceId: journeyItems.resourceId })
        .from(journeyItems)
        .innerJoin(journeys, eq(journeys.id, journeyItems.journeyId))
        .where(and(eq(journeys.personId, personId), eq(journeyItems.status, 'completed'), inArray(journeyItems.resourceId, wanted)));
      return { ...template, remaining: new Set(wanted).size - done.length };
    },

    /** The most recent credential for an achievement, whoever holds it: the achievement's published definition. */
    async findLatestDocumentFor(achievementId: string, tx: Database = db): Promise<string | undefined> {
      return (await tx.select({ document: issuedCredentials.document }).from(issuedCredentials).where(eq(issuedCredentials.achievementId, achievementId)).orderBy(desc(issuedCredentials.issuedAt)).limit(1))[0]?.document;
    },

    async findCredentialFor(personId: string, achievementId: string, tx: Database = db): Promise<IssuedCredentialRow | undefined> {
      return (await tx.select().from(issuedCredentials).where(and(eq(issuedCredentials.personId, personId), eq(issuedCredentials.achievementId, achievementId))))[0];
    },

    /** Undefined when the learner already holds a credential for this achievement. */
    async insertCredential(row: NewIssuedCredential, tx: Database = db): Promise<IssuedCredentialRow | undefined> {
      // Only a second credential for the achievement is skipped; a clash of status entries is an error.
      const [inserted] = await tx.insert(issuedCredentials).values(row).onConflictDoNothing({ target: [issuedCredentials.personId, issuedCredentials.achievementId] }).returning();
      return inserted;
    },

    /** How many credentials the organisation has issued: fills its status lists in turn. */
    async countIssuedBy(organisationId: string, tx: Database = db): Promise<number> {
      const [row] = await tx.select({ n: count() }).from(issuedCredentials).where(eq(issuedCredentials.organisationId, organisationId));
      return row?.n ?? 0;
    },

    /** The positions taken in one status list, and which of them are revoked. */
    async listStatusEntries(organisationId: string, statusList: number, tx: Database = db): Promise<Array<{ statusIndex: number; revoked: boolean }>> {
      const rows = await tx
        .select({ statusIndex: issuedCredentials.statusIndex, revokedAt: issuedCredentials.revokedAt })
        .from(issuedCredentials)
        .where(and(eq(issuedCredentials.organisationId, organisationId), eq(issuedCredentials.statusList, statusList)));
      return rows.map((r) => ({ statusIndex: r.statusIndex, revoked: r.revokedAt !== null }));
    },

    async findCredential(credentialId: string, tx: Database = db): Promise<IssuedCredentialRow | undefined> {
      return (await tx.select().from(issuedCredentials).where(eq(issuedCredentials.id, credentialId)))[0];
    },

    /** False when it was already revoked (the first revocation stands). */
    async revokeCredential(credentialId: string, revoke: { at: Date; by: string; reason: string }, tx: Database = db): Promise<boolean> {
      const rows = await tx
        .update(issuedCredentials)
        .set({ revokedAt: revoke.at, revokedBy: revoke.by, revocationReason: revoke.reason })
        .where(and(eq(issuedCredentials.id, credentialId), isNull(issuedCredentials.revokedAt)))
        .returning({ id: issuedCredentials.id });
      return rows.length > 0;
    },

    /** The organisation's most recent credentials, with whom each was issued to, for its admins. */
    async listIssuedBy(organisationId: string, limit: number, tx: Database = db): Promise<Array<IssuedCredentialRow & { holderName: string }>> {
      const rows = await tx
        .select({ credential: issuedCredentials, holderName: people.displayName })
        .from(issuedCredentials)
        .innerJoin(people, eq(people.id, issuedCredentials.personId))
        .where(eq(issuedCredentials.organisationId, organisationId))
        .orderBy(desc(issuedCredentials.issuedAt), desc(issuedCredentials.id))
        .limit(limit);
      return rows.map((r) => ({ ...r.credential, holderName: r.holderName }));
    },

    async listCredentialsOf(personId: string, tx: Database = db): Promise<IssuedCredentialRow[]> {
      return tx.select().from(issuedCredentials).where(eq(issuedCredentials.personId, personId)).orderBy(desc(issuedCredentials.issuedAt), desc(issuedCredentials.id));
    },

    /** One credential of one person: nobody reads another's by guessing its id. */
    async findCredentialOf(personId: string, credentialId: string, tx: Database = db): Promise<IssuedCredentialRow | undefined> {
      return (await tx.select().from(issuedCredentials).where(and(eq(issuedCredentials.id, credentialId), eq(issuedCredentials.personId, personId))))[0];
    },
  };
}

export type CredentialRepository = ReturnType<typeof createCredentialRepository>;
