import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { aiProductVersions, issuedCredentials, issuerKeys, journeyItems, journeys, journeyTemplateItems, journeyTemplates, organisations } from './schema.ts';

export type IssuerKeyRow = typeof issuerKeys.$inferSelect;
export type NewIssuerKey = Omit<typeof issuerKeys.$inferInsert, 'id' | 'status' | 'retiredAt'>;
export type IssuedCredentialRow = typeof issuedCredentials.$inferSelect;
export type NewIssuedCredential = Omit<typeof issuedCredentials.$inferInsert, 'id' | 'revokedAt'>;

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

    async findCredentialFor(personId: string, achievementId: string, tx: Database = db): Promise<IssuedCredentialRow | undefined> {
      return (await tx.select().from(issuedCredentials).where(and(eq(issuedCredentials.personId, personId), eq(issuedCredentials.achievementId, achievementId))))[0];
    },

    /** Undefined when the learner already holds a credential for this achievement. */
    async insertCredential(row: NewIssuedCredential, tx: Database = db): Promise<IssuedCredentialRow | undefined> {
      const [inserted] = await tx.insert(issuedCredentials).values(row).onConflictDoNothing().returning();
      return inserted;
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
