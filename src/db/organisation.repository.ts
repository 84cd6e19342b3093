import { asc, eq, sql } from 'drizzle-orm';
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

    /** The organisation and its ancestors, nearest first. */
    async listAncestry(id: string, tx: Database = db): Promise<OrganisationRow[]> {
      const chain: OrganisationRow[] = [];
      let current = await this.getOrganisation(id, tx);
      while (current) {
        chain.push(current);
        current = current.parentId ? await this.getOrganisation(current.parentId, tx) : undefined;
      }
      return chain;
    },
  };
}

export type OrganisationRepository = ReturnType<typeof createOrganisationRepository>;
