import { asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { organisations } from './schema.ts';

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
    async listRootOrganisations(tx: Database = db): Promise<OrganisationRow[]> {
      return tx.select().from(organisations).where(isNull(organisations.parentId)).orderBy(asc(organisations.name));
    },

    async countOrganisations(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(organisations);
      return row?.n ?? 0;
    },

    /** The organisation and everything beneath it, as ids. */
    async listSubtreeIds(rootId: string, tx: Database = db): Promise<string[]> {
      const result = await tx.execute<{ id: string }>(sql`
        with recursive subtree(id) as (
          select id from organisations where id = ${rootId}
          union all
          select o.id from organisations o join subtree s on o.parent_id = s.id
        )
        select id from subtree`);
      return (result as unknown as { rows: Array<{ id: string }> }).rows.map((r) => r.id);
    },

    /** Whether `organisationId` is `rootId` or sits somewhere beneath it (walks up, so it costs the tree's depth). */
    async isWithinSubtree(rootId: string, organisationId: string, tx: Database = db): Promise<boolean> {
      const result = await tx.execute<{ inside: boolean }>(sql`
        with recursive chain(id, parent_id) as (
          select id, parent_id from organisations where id = ${organisationId}
          union all
          select o.id, o.parent_id from organisations o join chain c on o.id = c.parent_id
        )
        select exists(select 1 from chain where id = ${rootId}) as inside`);
      return (result as unknown as { rows: Array<{ inside: boolean }> }).rows[0]?.inside === true;
    },

    /** The organisation and everything beneath it, depth first (siblings by name), with each one's depth. */
    async listSubtree(rootId: string): Promise<Array<OrganisationRow & { depth: number }>> {
      const result = await db.execute<{ id: string; parent_id: string | null; kind: OrganisationRow['kind']; name: string; ods_code: string | null; created_at: string | Date; depth: number }>(sql`
        with recursive subtree(id, depth, path) as (
          select id, 0, array[name] from organisations where id = ${rootId}
          union all
          select o.id, s.depth + 1, s.path || o.name from organisations o join subtree s on o.parent_id = s.id
        )
        select o.id, o.parent_id, o.kind, o.name, o.ods_code, o.created_at, s.depth from subtree s join organisations o on o.id = s.id
        order by s.path`);
      return (result as unknown as { rows: Array<Record<string, unknown>> }).rows.map((r) => ({
        id: r.id as string,
        parentId: (r.parent_id as string | null) ?? null,
        kind: r.kind as OrganisationRow['kind'],
        name: r.name as string,
        odsCode: (r.ods_code as string | null) ?? null,
        createdAt: new Date(r.created_at as string),
        depth: Number(r.depth),
      }));
    },

    /** The organisation and its ancestors, nearest first: the chain in one query, then its rows. */
    async listAncestry(id: string, tx: Database = db): Promise<OrganisationRow[]> {
      const result = await tx.execute<{ id: string; depth: number }>(sql`
        with recursive chain(id, parent_id, depth) as (
          select id, parent_id, 0 from organisations where id = ${id}
          union all
          select o.id, o.parent_id, c.depth + 1 from organisations o join chain c on o.id = c.parent_id
        )
        select id, depth from chain`);
      const depthOf = new Map((result as unknown as { rows: Array<{ id: string; depth: number }> }).rows.map((r) => [r.id, Number(r.depth)]));
      if (depthOf.size === 0) return [];
      const rows = await tx.select().from(organisations).where(inArray(organisations.id, [...depthOf.keys()]));
      return rows.sort((a, b) => (depthOf.get(a.id) ?? 0) - (depthOf.get(b.id) ?? 0));
    },
  };
}

export type OrganisationRepository = ReturnType<typeof createOrganisationRepository>;
