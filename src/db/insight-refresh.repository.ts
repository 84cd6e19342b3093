import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { insightRefresh, organisations, people } from './schema.ts';

export type InsightRefreshRow = typeof insightRefresh.$inferSelect;

/** Progress of the bulk refresh of insight contribution rows (docs/scale.md §2.8). */
export function createInsightRefreshRepository(db: Database) {
  const key = (frameworkId: string, frameworkVersion: string) => and(eq(insightRefresh.frameworkId, frameworkId), eq(insightRefresh.frameworkVersion, frameworkVersion));
  /** `count` more organisations done, the last of them (in walk order) `lastOrganisationId`. */
  async function recordOrganisationsDone(frameworkId: string, frameworkVersion: string, count: number, lastOrganisationId: string, tx: Database = db): Promise<void> {
    await tx
      .update(insightRefresh)
      .set({ organisationsDone: sql`${insightRefresh.organisationsDone} + ${count}`, lastOrganisationId })
      .where(key(frameworkId, frameworkVersion));
  }

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

    recordOrganisationDone: (frameworkId: string, frameworkVersion: string, organisationId: string, tx: Database = db): Promise<void> =>
      recordOrganisationsDone(frameworkId, frameworkVersion, 1, organisationId, tx),

    recordOrganisationsDone,

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

    /** Every organisation in id order, after `afterId` when given, with how many people it holds (not beneath it). */
    async listOrganisationSizes(afterId: string | null, tx: Database = db): Promise<Array<{ id: string; people: number }>> {
      return tx
        .select({ id: organisations.id, people: sql<number>`count(${people.id})::int` })
        .from(organisations)
        .leftJoin(people, eq(people.organisationId, organisations.id))
        .where(afterId === null ? undefined : gt(organisations.id, afterId))
        .groupBy(organisations.id)
        .orderBy(asc(organisations.id));
    },
  };
}

export type InsightRefreshRepository = ReturnType<typeof createInsightRefreshRepository>;
