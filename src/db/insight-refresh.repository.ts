import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { insightRefresh, organisations } from './schema.ts';

export type InsightRefreshRow = typeof insightRefresh.$inferSelect;

/** Progress of the bulk refresh of insight contribution rows (docs/scale.md §2.8). */
export function createInsightRefreshRepository(db: Database) {
  const key = (frameworkId: string, frameworkVersion: string) => and(eq(insightRefresh.frameworkId, frameworkId), eq(insightRefresh.frameworkVersion, frameworkVersion));
  return {
    async findRefresh(frameworkId: string, frameworkVersion: string, tx: Database = db): Promise<InsightRefreshRow | undefined> {
      return (await tx.select().from(insightRefresh).where(key(frameworkId, frameworkVersion)))[0];
    },

    /** Starts (or starts again) a walk over `total` organisations. */
    async startRefresh(frameworkId: string, frameworkVersion: string, total: number, at: Date, tx: Database = db): Promise<InsightRefreshRow> {
      const values = { organisationsDone: 0, organisationsTotal: total, lastOrganisationId: null, startedAt: at, finishedAt: null };
      const [row] = await tx
        .insert(insightRefresh)
        .values({ frameworkId, frameworkVersion, ...values })
        .onConflictDoUpdate({ target: [insightRefresh.frameworkId, insightRefresh.frameworkVersion], set: values })
        .returning();
      if (!row) throw new Error('insight refresh start returned nothing');
      return row;
    },

    async recordOrganisationDone(frameworkId: string, frameworkVersion: string, organisationId: string, tx: Database = db): Promise<void> {
      await tx
        .update(insightRefresh)
        .set({ organisationsDone: sql`${insightRefresh.organisationsDone} + 1`, lastOrganisationId: organisationId })
        .where(key(frameworkId, frameworkVersion));
    },

    async finishRefresh(frameworkId: string, frameworkVersion: string, at: Date, tx: Database = db): Promise<void> {
      await tx.update(insightRefresh).set({ finishedAt: at }).where(key(frameworkId, frameworkVersion));
    },

    /** Every organisation's id in id order, after `afterId` when given: the walk's fixed order. */
    async listOrganisationIds(afterId: string | null, tx: Database = db): Promise<string[]> {
      const rows = await tx
        .select({ id: organisations.id })
        .from(organisations)
        .where(afterId === null ? undefined : gt(organisations.id, afterId))
        .orderBy(asc(organisations.id));
      return rows.map((r) => r.id);
    },
  };
}

export type InsightRefreshRepository = ReturnType<typeof createInsightRefreshRepository>;
