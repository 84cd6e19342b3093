import { bigint, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytea } from './bytea.ts';

/**
 * Content of uploaded files kept in the database (the file store for PostgreSQL setups without a
 * shared folder), addressed by SHA-256. A blob is written chunk by chunk before its digest is
 * known, so it starts with `sha256` null (staged) and is committed by setting it; the unique index
 * keeps one copy of each content. Not organisation-owned: evidence rows, which are, say who may
 * read which digest.
 */
export const fileBlobs = pgTable(
  'file_blobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sha256: text('sha256').unique('file_blobs_sha256_unique'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    /** When committed, and again whenever an identical upload reuses it (the sweep's grace period counts from here). */
    storedAt: timestamp('stored_at', { withTimezone: true }),
  },
  (t) => [index('file_blobs_started_idx').on(t.startedAt)],
);

/** A blob's bytes in order, about 256 KB a row, so neither side ever holds a whole file. */
export const fileChunks = pgTable(
  'file_chunks',
  {
    blobId: uuid('blob_id')
      .notNull()
      .references(() => fileBlobs.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.blobId, t.seq] })],
);
