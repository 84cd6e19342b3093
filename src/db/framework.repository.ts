import { and, eq, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { frameworks } from './schema.ts';

export type FrameworkRow = typeof frameworks.$inferSelect;
export type NewFrameworkRow = typeof frameworks.$inferInsert;

export function createFrameworkRepository(db: Database) {
  return {
    async listFrameworks(): Promise<FrameworkRow[]> {
      return db.select().from(frameworks).orderBy(frameworks.frameworkId, frameworks.loadedAt);
    },

    async findFramework(frameworkId: string, version: string, tx: Database = db): Promise<FrameworkRow | undefined> {
      const rows = await tx
        .select()
        .from(frameworks)
        .where(and(eq(frameworks.frameworkId, frameworkId), eq(frameworks.version, version)));
      return rows[0];
    },

    /** Inserts unless (id, version) exists; returns the row now stored under that key. */
    async insertFrameworkIfAbsent(row: NewFrameworkRow): Promise<{ stored: FrameworkRow; inserted: boolean }> {
      return db.transaction(async (tx) => {
        const inserted = await tx.insert(frameworks).values(row).onConflictDoNothing().returning();
        if (inserted[0]) return { stored: inserted[0], inserted: true };
        const existing = await this.findFramework(row.frameworkId, row.version, tx as unknown as Database);
        if (!existing) throw new Error('framework row vanished inside its transaction');
        return { stored: existing, inserted: false };
      });
    },

    /** A cheap fingerprint of the table, so a long-running server notices frameworks loaded by the CLI. */
    async getFrameworksFingerprint(): Promise<string> {
      const rows = await db.execute<{ n: number; latest: string | null }>(
        sql`select count(*)::int as n, max(loaded_at)::text as latest from ${frameworks}`,
      );
      const first = (rows as unknown as { rows: Array<{ n: number; latest: string | null }> }).rows[0];
      return `${first?.n ?? 0}:${first?.latest ?? ''}`;
    },
  };
}

export type FrameworkRepository = ReturnType<typeof createFrameworkRepository>;
