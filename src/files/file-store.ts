import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import type { Readable } from 'node:stream';

/**
 * Where uploaded file content lives, addressed by its SHA-256 (lower-case hex). Content arrives as a
 * stream and leaves as one, so no caller ever needs a whole file in memory. Writing is two steps:
 * `stage` streams the bytes somewhere private while hashing them, and the staged file's `commit`
 * makes them readable under their digest. Until then `discard` (or the sweep, for a process that
 * died) removes them, so an upload that is refused leaves nothing behind.
 */
export interface FileStore {
  readonly kind: 'directory' | 'database';
  stage(content: ByteSource): Promise<StagedFile>;
  /** The content with this digest as a stream, or undefined when the store has none. */
  open(sha256: string): Promise<Readable | undefined>;
  /**
   * Removes the content unless it was stored (or reused) at or after `before`, checked atomically
   * against a concurrent upload of the same bytes; true when it was removed.
   */
  removeIfStoredBefore(sha256: string, before: Date): Promise<boolean>;
  /** Every committed content, with when it was last stored (or reused), in no particular order. */
  listContent(): AsyncIterable<StoredContent>;
  /** Removes staged content older than `before` (left by uploads that never finished); returns how many. */
  removeAbandonedStaging(before: Date): Promise<number>;
  /** Releases what the store holds open (a temporary folder is removed). */
  close(): Promise<void>;
}

export interface StagedFile {
  readonly sha256: string;
  readonly sizeBytes: number;
  /** The staged bytes again, for a virus scanner, before anything is committed. */
  read(): Promise<Readable>;
  /** Makes the content readable under its digest; an identical content already stored is kept instead. */
  commit(): Promise<void>;
  /** Forgets the staged bytes; harmless after commit or a previous discard. */
  discard(): Promise<void>;
}

/** What each store does with its staged bytes; `stagedFile` adds the lifecycle both share. */
export interface StagedStorage {
  read(): Promise<Readable>;
  commit(): Promise<void>;
  /** Best effort: a leftover is removed later by the sweep. */
  remove(): Promise<void>;
}

/** A staged upload that can be read and then committed or discarded once, never both. */
export function stagedFile(digest: { sha256: string; sizeBytes: number }, storage: StagedStorage): StagedFile {
  let state: 'staged' | 'committed' | 'discarded' = 'staged';
  return {
    ...digest,
    async read() {
      if (state !== 'staged') throw new Error('the staged file is gone');
      return storage.read();
    },
    async commit() {
      if (state !== 'staged') throw new Error(`cannot commit a ${state} file`);
      await storage.commit();
      state = 'committed';
    },
    async discard() {
      if (state !== 'staged') return;
      state = 'discarded';
      await storage.remove().catch(() => {});
    },
  };
}

export interface StoredContent {
  sha256: string;
  storedAt: Date;
}

/** Bytes as they stream in (a request, a file), or already in memory as a list of buffers. */
export type ByteSource = AsyncIterable<Buffer> | Iterable<Buffer>;

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isSha256(value: string): boolean {
  return SHA256_HEX.test(value);
}

/** Hashes and counts bytes as they pass through one stage. */
export function createDigestCounter() {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  return {
    add(chunk: Buffer) {
      hash.update(chunk);
      sizeBytes += chunk.length;
    },
    finish: () => ({ sha256: hash.digest('hex'), sizeBytes }),
  };
}

/**
 * Passes content through and fails the stream at its end if the bytes do not hash to `sha256`. The
 * last chunk is held back until the digest is known, so a reader of content that does not match
 * never gets all of it: with the length announced up front, they see a broken transfer, never a
 * silently corrupt file. Costs one SHA-256 pass, spread over the chunks.
 */
export function verifyingDigest(sha256: string): Transform {
  const hash = createHash('sha256');
  let held: Buffer | undefined;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      const previous = held;
      held = chunk;
      done(null, previous);
    },
    flush(done) {
      const actual = hash.digest('hex');
      if (actual !== sha256) return done(new Error(`stored content ${sha256} hashes to ${actual}`));
      done(null, held);
    },
  });
}

/** The SHA-256 of a stream's bytes, read to its end. */
export async function digestOf(content: ByteSource): Promise<{ sha256: string; sizeBytes: number }> {
  const counter = createDigestCounter();
  for await (const chunk of content) counter.add(chunk);
  return counter.finish();
}
