import type { Database } from './client.ts';

/**
 * Runs `work` in one transaction. Drizzle's transaction object answers every query a Database does,
 * so repositories take it through their optional `tx` argument.
 */
export function inTransaction<T>(db: Database, work: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(tx as unknown as Database));
}
