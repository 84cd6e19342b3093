import { eq, lt } from 'drizzle-orm';
import type { Database } from './client.ts';
import { staffImportFiles } from './schema.ts';

/** Uploaded extracts waiting between their dry run and "Apply" (see the table). */
export function createStaffImportFileRepository(db: Database) {
  return {
    async keepFile(row: typeof staffImportFiles.$inferInsert, tx: Database = db): Promise<void> {
      await tx.insert(staffImportFiles).values(row);
    },

    /** The kept bytes of a run, unless they have expired. */
    async getFile(runId: string, now: Date, tx: Database = db): Promise<Buffer | undefined> {
      const [row] = await tx.select({ content: staffImportFiles.content, expiresAt: staffImportFiles.expiresAt }).from(staffImportFiles).where(eq(staffImportFiles.runId, runId));
      return row && row.expiresAt > now ? row.content : undefined;
    },

    async hasFile(runId: string, now: Date): Promise<boolean> {
      const [row] = await db.select({ expiresAt: staffImportFiles.expiresAt }).from(staffImportFiles).where(eq(staffImportFiles.runId, runId));
      return row !== undefined && row.expiresAt > now;
    },

    async dropFile(runId: string, tx: Database = db): Promise<void> {
      await tx.delete(staffImportFiles).where(eq(staffImportFiles.runId, runId));
    },

    /** Removes every expired file: staff data is kept no longer than the wait for "Apply". */
    async dropExpiredFiles(now: Date, tx: Database = db): Promise<number> {
      const dropped = await tx.delete(staffImportFiles).where(lt(staffImportFiles.expiresAt, now)).returning({ runId: staffImportFiles.runId });
      return dropped.length;
    },
  };
}

export type StaffImportFileRepository = ReturnType<typeof createStaffImportFileRepository>;
