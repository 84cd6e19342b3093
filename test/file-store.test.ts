import { randomBytes } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.ts';
import type { DatabaseHandle } from '../src/db/client.ts';
import { createFileContentRepository } from '../src/db/file-content.repository.ts';
import { CHUNK_BYTES, createDatabaseFileStore } from '../src/files/database-file-store.ts';
import { openDirectoryFileStore } from '../src/files/directory-file-store.ts';
import { digestOf } from '../src/files/file-store.ts';
import type { FileStore } from '../src/files/file-store.ts';
import { databaseTargets, storedContent } from './support/test-hub.ts';

/** Content arriving in uneven pieces, as a request body does. */
function* piecesOf(content: Buffer, size = 70_001): Generator<Buffer> {
  for (let offset = 0; offset < content.length; offset += size) yield content.subarray(offset, offset + size);
}

async function readAll(store: FileStore, sha256: string): Promise<Buffer | undefined> {
  const stream = await store.open(sha256);
  return stream ? bytesOf(stream) : undefined;
}

async function bytesOf(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function isStored(store: FileStore, sha256: string): Promise<boolean> {
  const stream = await store.open(sha256);
  stream?.destroy();
  return stream !== undefined;
}

const inAMinute = () => new Date(Date.now() + 60_000);

/** The behaviour every file store shares, run against each implementation. */
function describeFileStore(name: string, open: () => Promise<{ store: FileStore; close(): Promise<void> }>) {
  describe(name, () => {
    let store: FileStore;
    let close: () => Promise<void>;
    beforeAll(async () => ({ store, close } = await open()));
    afterAll(() => close());

    it('stages content while hashing it, shows nothing until commit, then reads it back whole', async () => {
      const content = randomBytes(3 * CHUNK_BYTES + 12_345);
      const staged = await store.stage(piecesOf(content));
      expect({ sha256: staged.sha256, sizeBytes: staged.sizeBytes }).toEqual(await digestOf([content]));
      expect(await isStored(store, staged.sha256)).toBe(false);
      expect((await bytesOf(await staged.read())).equals(content)).toBe(true);
      await staged.commit();
      expect((await readAll(store, staged.sha256))?.equals(content)).toBe(true);
      expect(await storedContent(store)).toContain(staged.sha256);
    });

    it('keeps one copy of identical content, and an empty file is content too', async () => {
      const content = randomBytes(5000);
      for (let i = 0; i < 2; i++) await (await store.stage([content])).commit();
      const { sha256 } = await digestOf([content]);
      expect((await storedContent(store)).filter((s) => s === sha256)).toHaveLength(1);
      const empty = await store.stage([]);
      await empty.commit();
      expect((await readAll(store, empty.sha256))?.length).toBe(0);
      expect(await store.removeAbandonedStaging(inAMinute())).toBe(0);
    });

    it('leaves nothing behind when staged content is discarded, or its stream fails half way', async () => {
      const before = await storedContent(store);
      const staged = await store.stage([randomBytes(1000)]);
      await staged.discard();
      await staged.discard();
      async function* failing() {
        yield randomBytes(CHUNK_BYTES + 1);
        throw new Error('the client went away');
      }
      await expect(store.stage(failing())).rejects.toThrow('the client went away');
      expect(await storedContent(store)).toEqual(before);
      expect(await store.removeAbandonedStaging(inAMinute())).toBe(0);
      expect(await isStored(store, staged.sha256)).toBe(false);
    });

    it('answers undefined for content it does not have, and for strings that are not digests', async () => {
      expect(await isStored(store, '0'.repeat(64))).toBe(false);
      expect(await isStored(store, '../../etc/passwd')).toBe(false);
    });

    it('removes content only when it was stored before the cut-off, and staging left by a dead upload', async () => {
      const staged = await store.stage([randomBytes(100)]);
      await staged.commit();
      expect(await store.removeIfStoredBefore(staged.sha256, new Date(Date.now() - 60_000))).toBe(false);
      expect(await isStored(store, staged.sha256)).toBe(true);
      expect(await store.removeIfStoredBefore(staged.sha256, inAMinute())).toBe(true);
      expect(await isStored(store, staged.sha256)).toBe(false);
      expect(await store.removeIfStoredBefore(staged.sha256, inAMinute())).toBe(false);
      await store.stage([randomBytes(100)]);
      expect(await store.removeAbandonedStaging(new Date(Date.now() - 60_000))).toBe(0);
      expect(await store.removeAbandonedStaging(inAMinute())).toBe(1);
    });
  });
}

describe('the directory file store', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'hub-file-store-test-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  describeFileStore('shared behaviour', async () => ({ store: await openDirectoryFileStore(root), close: async () => {} }));

  it('keeps content at <first two hex digits>/<sha256>, written whole, with no temporary file left', async () => {
    const store = await openDirectoryFileStore(root);
    const content = randomBytes(70_000);
    const staged = await store.stage(piecesOf(content, 999));
    await staged.commit();
    const file = path.join(root, staged.sha256.slice(0, 2), staged.sha256);
    expect((await readFile(file)).equals(content)).toBe(true);
    expect((await stat(file)).size).toBe(content.length);
    expect(await readdir(path.join(root, '.staging'))).toEqual([]);
  });
});

describe.each(databaseTargets())('the database file store on $name', (target) => {
  let database: DatabaseHandle;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const created = await target.create();
    drop = created.drop;
    database = await openDatabase(created.config);
    await database.migrate();
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });

  describeFileStore('shared behaviour', async () => ({ store: createDatabaseFileStore(createFileContentRepository(database.db)), close: async () => {} }));
});
