import type { Database } from '../../db/client.ts';

/** How to compare and write one kind of contribution row. */
export interface DiffWriter<R> {
  key: (row: R) => string;
  /** Whether the measures agree (the key already does). */
  same: (stored: R, wanted: R) => boolean;
  upsert: (rows: readonly R[], tx: Database) => Promise<void>;
  remove: (rows: readonly R[], tx: Database) => Promise<void>;
}

/**
 * Makes the stored rows equal the wanted ones, touching only what differs: every write fires the
 * rollup delta triggers, so an unchanged row must not be rewritten. Rows are written in key
 * order, so concurrent writers lock rows in the same order.
 */
export async function writeDifference<R>(tx: Database, stored: readonly R[], wanted: readonly R[], writer: DiffWriter<R>): Promise<{ written: number; removed: number }> {
  const storedByKey = new Map(stored.map((row) => [writer.key(row), row]));
  const wantedKeys = new Set(wanted.map(writer.key));
  const changed = wanted
    .filter((row) => {
      const before = storedByKey.get(writer.key(row));
      return before === undefined || !writer.same(before, row);
    })
    .sort((a, b) => compare(writer.key(a), writer.key(b)));
  const vanished = stored.filter((row) => !wantedKeys.has(writer.key(row)));
  for (let i = 0; i < vanished.length; i += CHUNK) await writer.remove(vanished.slice(i, i + CHUNK), tx);
  for (let i = 0; i < changed.length; i += CHUNK) await writer.upsert(changed.slice(i, i + CHUNK), tx);
  return { written: changed.length, removed: vanished.length };
}

/** Rows per statement: the repositories send a column as one array, so this only bounds a statement's size. */
const CHUNK = 10_000;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
