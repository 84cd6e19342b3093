import { randomUUID } from 'node:crypto';
import { link, mkdir, mkdtemp, open, opendir, rename, rm, stat, unlink, utimes } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { createDigestCounter, isSha256, stagedFile } from './file-store.ts';
import type { FileStore, StagedFile, StoredContent } from './file-store.ts';

/** Staged uploads sit beside the content, on the same file system, so committing is one atomic rename. */
const STAGING = '.staging';

/**
 * Content in a folder: `<root>/<first two hex digits>/<sha256>`. Every call is asynchronous (the
 * event loop never waits on the disk), and each file is fsynced before it is renamed into place,
 * so a crash leaves either the whole file or none of it.
 */
export async function openDirectoryFileStore(root: string): Promise<FileStore> {
  await mkdir(path.join(root, STAGING), { recursive: true });
  return createDirectoryFileStore(root, async () => {});
}

/** A store in a new temporary folder, removed on close: for in-memory hubs (tests, benchmarks). */
export async function openTemporaryFileStore(): Promise<FileStore> {
  const root = await mkdtemp(path.join(tmpdir(), 'hub-files-'));
  await mkdir(path.join(root, STAGING));
  return createDirectoryFileStore(root, () => rm(root, { recursive: true, force: true }));
}

function createDirectoryFileStore(root: string, close: () => Promise<void>): FileStore {
  const contentPath = (sha256: string) => {
    // Digests come from our own hashing or the database; checking keeps any other string off the file system.
    if (!isSha256(sha256)) throw new Error(`not a SHA-256 digest: ${sha256}`);
    return path.join(root, sha256.slice(0, 2), sha256);
  };

  return {
    kind: 'directory',

    async stage(content) {
      const stagedPath = path.join(root, STAGING, `${randomUUID()}.part`);
      const file = await open(stagedPath, 'wx', 0o640);
      const counter = createDigestCounter();
      try {
        for await (const chunk of content) {
          counter.add(chunk);
          await writeAll(file, chunk);
        }
        await file.sync();
      } catch (error) {
        await file.close().catch(() => {});
        await unlink(stagedPath).catch(() => {});
        throw error;
      }
      await file.close();
      return stagedOnDisk(stagedPath, counter.finish());
    },

    async open(sha256) {
      if (!isSha256(sha256)) return undefined;
      try {
        const file = await open(contentPath(sha256), 'r');
        return file.createReadStream() as Readable;
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },

    async removeIfStoredBefore(sha256, before) {
      // Moved aside first, then judged: an upload that reuses this content touches it before the
      // move (so it is put back) or finds it gone after (so it stores its own copy).
      const target = contentPath(sha256);
      const aside = path.join(root, STAGING, `${randomUUID()}.swept`);
      try {
        await rename(target, aside);
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
      const { mtime } = await stat(aside);
      if (mtime < before) {
        await unlink(aside);
        return true;
      }
      await link(aside, target).catch((error: unknown) => {
        if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
      });
      await unlink(aside);
      return false;
    },

    async *listContent(): AsyncIterable<StoredContent> {
      for await (const folder of await opendir(root)) {
        if (!folder.isDirectory() || !/^[0-9a-f]{2}$/.test(folder.name)) continue;
        for await (const entry of await opendir(path.join(root, folder.name))) {
          if (!entry.isFile() || !isSha256(entry.name)) continue;
          const info = await stat(path.join(root, folder.name, entry.name)).catch(() => undefined);
          if (info) yield { sha256: entry.name, storedAt: info.mtime };
        }
      }
    },

    async removeAbandonedStaging(before) {
      let removed = 0;
      for await (const entry of await opendir(path.join(root, STAGING))) {
        const entryPath = path.join(root, STAGING, entry.name);
        const info = await stat(entryPath).catch(() => undefined);
        if (info && info.mtime < before) {
          await unlink(entryPath).catch(() => {});
          removed++;
        }
      }
      return removed;
    },

    close,
  };

  function stagedOnDisk(stagedPath: string, digest: { sha256: string; sizeBytes: number }): StagedFile {
    return stagedFile(digest, {
      read: async () => (await open(stagedPath, 'r')).createReadStream() as Readable,
      async commit() {
        const target = contentPath(digest.sha256);
        await mkdir(path.dirname(target), { recursive: true });
        const now = new Date();
        try {
          // The same content is already stored: keep it, and restart its grace period so a sweep
          // cannot take it before the evidence row that now points at it is written.
          await utimes(target, now, now);
          await unlink(stagedPath);
        } catch (error) {
          if (!isMissing(error)) throw error;
          await rename(stagedPath, target);
          await syncFolder(path.dirname(target));
        }
      },
      remove: () => unlink(stagedPath),
    });
  }
}

async function writeAll(file: FileHandle, chunk: Buffer): Promise<void> {
  for (let offset = 0; offset < chunk.length; ) {
    const { bytesWritten } = await file.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

/** A rename is durable only once its folder is synced. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'ENOENT';
}
