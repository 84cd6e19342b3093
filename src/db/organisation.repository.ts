import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { organisationClosure, organisations } from './schema.ts';

export type OrganisationRow = typeof organisations.$inferSelect;

export function createOrganisationRepository(db: Database) {
  return {
    async insertOrganisation(row: typeof organisations.$inferInsert, tx: Database = db): Promise<OrganisationRow> {
      const [inserted] = await tx.insert(organisations).values(row).returning();
      if (!inserted) throw new Error('organisation insert returned nothing');
      return inserted;
    },

    async getOrganisation(id: string, tx: Database = db): Promise<OrganisationRow | undefined> {
      const rows = await tx.select().from(organisations).where(eq(organisations.id, id));
      return rows[0];
    },

    async listOrganisations(): Promise<OrganisationRow[]> {
      return db.select().from(organisations).orderBy(asc(organisations.name));
    },

    /** The tops of the organisation trees (usually one: the nation), by name. */
    /** The organisations holding these ODS codes (CIS2 roles name them), matched without regard to case. */
    async findOrganisationsByOdsCodes(codes: readonly string[], tx: Database = db): Promise<OrganisationRow[]> {
      const wanted = [...new Set(codes.map((c) => c.trim().toUpperCase()).filter((c) => c !== ''))];
      if (wanted.length === 0) return [];
      return tx.select().from(organisations).where(inArray(sql`upper(${organisations.odsCode})`, wanted));
    },

    /** Sets how CIS2 sign-in finds the organisation (its ODS code) and whether it may create accounts. */
    async updateSignInSettings(id: string, settings: { odsCode: string | null; cis2CreateAccounts: boolean }, tx: Database = db): Promise<OrganisationRow> {
      const [updated] = await tx.update(organisations).set(settings).where(eq(organisations.id, id)).returning();
      if (!updated) throw new Error('organisation update returned nothing');
      return updated;
    },

    async listRootOrganisations(tx: Database = db): Promise<OrganisationRow[]> {
      return tx.select().from(organisations).where(isNull(organisations.parentId)).orderBy(asc(organisations.name));
    },

    async countOrganisations(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(organisations);
      return row?.n ?? 0;
    },

    /** The organisation and everything beneath it, as ids: one index read of the closure table. */
    async listSubtreeIds(rootId: string, tx: Database = db): Promise<string[]> {
      const rows = await tx.select({ id: organisationClosure.descendantId }).from(organisationClosure).where(eq(organisationClosure.ancestorId, rootId));
      return rows.map((r) => r.id);
    },

    /** Whether `organisationId` is `rootId` or sits somewhere beneath it: one probe of the closure's key. */
    async isWithinSubtree(rootId: string, organisationId: string, tx: Database = db): Promise<boolean> {
      const rows = await tx
        .select({ depth: organisationClosure.depth })
        .from(organisationClosure)
        .where(and(eq(organisationClosure.ancestorId, rootId), eq(organisationClosure.descendantId, organisationId)));
      return rows.length > 0;
    },

    /** The organisation and everything beneath it, depth first (siblings by name), with each one's depth. */
    async listSubtree(rootId: string): Promise<Array<OrganisationRow & { depth: number }>> {
      const result = await db.execute<{ id: string; parent_id: string | null; kind: OrganisationRow['kind']; name: string; ods_code: string | null; cis2_create_accounts: boolean; created_at: string | Date; depth: number }>(sql`
        with recursive subtree(id, depth, path) as (
          select id, 0, array[name] from organisations where id = ${rootId}
          union all
          select o.id, s.depth + 1, s.path || o.name from organisations o join subtree s on o.parent_id = s.id
        )
        select o.id, o.parent_id, o.kind, o.name, o.ods_code, o.cis2_create_accounts, o.created_at, s.depth from subtree s join organisations o on o.id = s.id
        order by s.path`);
      return (result as unknown as { rows: Array<Record<string, unknown>> }).rows.map((r) => ({
        id: r.id as string,
        parentId: (r.parent_id as string | null) ?? null,
        kind: r.kind as OrganisationRow['kind'],
        name: r.name as string,
        odsCode: (r.ods_code as string | null) ?? null,
        cis2CreateAccounts: r.cis2_create_accounts === true,
        createdAt: new Date(r.created_at as string),
        depth: Number(r.depth),
      }));
    },

    /** The organisation and its ancestors, nearest first, from the closure table. */
    async listAncestry(id: string, tx: Database = db): Promise<OrganisationRow[]> {
      const rows = await tx
        .select({ organisation: organisations })
        .from(organisationClosure)
        .innerJoin(organisations, eq(organisations.id, organisationClosure.ancestorId))
        .where(eq(organisationClosure.descendantId, id))
        .orderBy(asc(organisationClosure.depth));
      return rows.map((r) => r.organisation);
    },
  };
}

export type OrganisationRepository = ReturnType<typeof createOrganisationRepository>;
