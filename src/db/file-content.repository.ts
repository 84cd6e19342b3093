import { and, asc, eq, gt, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { fileBlobs, fileChunks } from './schema.ts';
import { isUniqueViolation } from './unique-violation.ts';

/**
 * File content kept in the database (files/database-file-store.ts): blobs written chunk by chunk
 * and committed under their SHA-256. Each call is one short statement, so an upload never holds a
 * transaction (or a connection) open while the bytes arrive.
 */
export function createFileContentRepository(db: Database) {
  return {
    async startBlob(): Promise<string> {
      const [row] = await db.insert(fileBlobs).values({}).returning({ id: fileBlobs.id });
      if (!row) throw new Error('file blob insert returned nothing');
      return row.id;
    },

    async appendChunk(blobId: string, seq: number, bytes: Buffer): Promise<void> {
      await db.insert(fileChunks).values({ blobId, seq, bytes });
    },

    /**
     * Gives a staged blob its digest. When that content is already stored the staged copy is
     * deleted and the stored one's `stored_at` renewed; the unique index settles a race between two
     * identical uploads the same way.
     */
    async commitBlob(blobId: string, sha256: string, sizeBytes: number): Promise<void> {
      try {
        await db.update(fileBlobs).set({ sha256, sizeBytes, storedAt: sql`now()` }).where(and(eq(fileBlobs.id, blobId), isNull(fileBlobs.sha256)));
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        await db.update(fileBlobs).set({ storedAt: sql`now()` }).where(eq(fileBlobs.sha256, sha256));
        await db.delete(fileBlobs).where(eq(fileBlobs.id, blobId));
      }
    },

    async deleteBlob(blobId: string): Promise<void> {
      await db.delete(fileBlobs).where(eq(fileBlobs.id, blobId));
    },

    async findCommittedBlobId(sha256: string): Promise<string | undefined> {
      const [row] = await db.select({ id: fileBlobs.id }).from(fileBlobs).where(eq(fileBlobs.sha256, sha256));
      return row?.id;
    },

    /** One chunk of a blob, or undefined past its end. */
    async getChunk(blobId: string, seq: number): Promise<Buffer | undefined> {
      const [row] = await db.select({ bytes: fileChunks.bytes }).from(fileChunks).where(and(eq(fileChunks.blobId, blobId), eq(fileChunks.seq, seq)));
      return row?.bytes;
    },

    async deleteCommittedBlobStoredBefore(sha256: string, before: Date): Promise<boolean> {
      const rows = await db
        .delete(fileBlobs)
        .where(and(eq(fileBlobs.sha256, sha256), lt(fileBlobs.storedAt, before)))
        .returning({ id: fileBlobs.id });
      return rows.length > 0;
    },

    /** Committed blobs in digest order, a page at a time, after `afterSha256`. */
    async listCommittedBlobs(afterSha256: string, limit: number): Promise<Array<{ sha256: string; storedAt: Date }>> {
      const rows = await db
        .select({ sha256: fileBlobs.sha256, storedAt: fileBlobs.storedAt })
        .from(fileBlobs)
        .where(and(isNotNull(fileBlobs.sha256), gt(fileBlobs.sha256, afterSha256)))
        .orderBy(asc(fileBlobs.sha256))
        .limit(limit);
      return rows.map((r) => ({ sha256: r.sha256 ?? '', storedAt: r.storedAt ?? new Date(0) }));
    },

    async deleteStagedBlobsStartedBefore(before: Date): Promise<number> {
      const rows = await db
        .delete(fileBlobs)
        .where(and(isNull(fileBlobs.sha256), lt(fileBlobs.startedAt, before)))
        .returning({ id: fileBlobs.id });
      return rows.length;
    },
  };
}

export type FileContentRepository = ReturnType<typeof createFileContentRepository>;
