import { Readable } from 'node:stream';
import type { FileContentRepository } from '../db/file-content.repository.ts';
import { createDigestCounter, isSha256, stagedFile } from './file-store.ts';
import type { FileStore, StagedFile, StoredContent } from './file-store.ts';

/** Rows of about this size: big enough that a 10 MB file is 40 inserts, small enough to hold one at a time. */
export const CHUNK_BYTES = 256 * 1024;
const LIST_PAGE = 500;

/**
 * Content in PostgreSQL (tables file_blobs and file_chunks), for hubs that run as several
 * processes without a shared folder: every process reads what any other wrote. Bytes go in chunk
 * by chunk as they arrive and come out chunk by chunk as the reader takes them.
 */
export function createDatabaseFileStore(files: FileContentRepository): FileStore {
  return {
    kind: 'database',

    async stage(content) {
      const blobId = await files.startBlob();
      const counter = createDigestCounter();
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      let seq = 0;
      const flush = async () => {
        if (pendingBytes === 0) return;
        const chunk = Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
        await files.appendChunk(blobId, seq++, chunk);
      };
      try {
        for await (const piece of content) {
          counter.add(piece);
          for (let offset = 0; offset < piece.length; ) {
            const take = Math.min(CHUNK_BYTES - pendingBytes, piece.length - offset);
            pending.push(piece.subarray(offset, offset + take));
            pendingBytes += take;
            offset += take;
            if (pendingBytes === CHUNK_BYTES) await flush();
          }
        }
        await flush();
      } catch (error) {
        await files.deleteBlob(blobId).catch(() => {});
        throw error;
      }
      return stagedBlob(blobId, counter.finish());
    },

    async open(sha256) {
      if (!isSha256(sha256)) return undefined;
      const blobId = await files.findCommittedBlobId(sha256);
      return blobId ? readBlob(blobId) : undefined;
    },

    removeIfStoredBefore: (sha256, before) => files.deleteCommittedBlobStoredBefore(sha256, before),

    async *listContent(): AsyncIterable<StoredContent> {
      for (let after = ''; ; ) {
        const page = await files.listCommittedBlobs(after, LIST_PAGE);
        yield* page;
        if (page.length < LIST_PAGE) return;
        after = page[page.length - 1]?.sha256 ?? '';
      }
    },

    removeAbandonedStaging: (before) => files.deleteStagedBlobsStartedBefore(before),
    close: async () => {},
  };

  function readBlob(blobId: string): Readable {
    async function* chunks() {
      for (let seq = 0; ; seq++) {
        const chunk = await files.getChunk(blobId, seq);
        if (!chunk) return;
        yield chunk;
      }
    }
    return Readable.from(chunks(), { objectMode: false });
  }

  function stagedBlob(blobId: string, digest: { sha256: string; sizeBytes: number }): StagedFile {
    return stagedFile(digest, {
      read: async () => readBlob(blobId),
      commit: () => files.commitBlob(blobId, digest.sha256, digest.sizeBytes),
      remove: () => files.deleteBlob(blobId),
    });
  }

}
