import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { defaultPoolSize } from '../config.ts';
import type { DatabaseConfig } from '../config.ts';
import { createEmbeddedCluster, findEmbeddedCluster } from './embedded/embedded-data-dir.ts';
import { startPgliteThread } from './embedded/pglite-thread-client.ts';
import * as schema from './schema.ts';

/** The Drizzle database, whichever driver is underneath (PGlite or node-postgres). */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseConfig['kind'];
  migrate(): Promise<void>;
  close(): Promise<void>;
}

const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** What a slow start is doing, for a person watching it (a first start takes a while). */
export type ProgressReporter = (step: string) => void;

/** The cluster folder of an embedded database, made whole first if this is its first start. */
async function embeddedClusterOf(dataDir: string, onProgress: ProgressReporter): Promise<string> {
  const existing = findEmbeddedCluster(dataDir);
  if (existing) return existing;
  onProgress('creating the embedded database (first start only)');
  return createEmbeddedCluster(dataDir, async (scratch) => {
    const thread = await startPgliteThread(scratch);
    await thread.close();
  });
}

export async function openDatabase(config: DatabaseConfig, onProgress: ProgressReporter = () => undefined): Promise<DatabaseHandle> {
  if (config.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? defaultPoolSize(1) });
    // An idle connection the server closed (a restart, a failover, a dropped database) is replaced
    // on next use; without a listener Node would treat the pool's 'error' event as a crash.
    pool.on('error', (error: Error & { code?: string }) => {
      if (error.code !== '57P01') process.emitWarning(`PostgreSQL closed an idle connection: ${error.message}`);
    });
    const db = drizzlePg(pool, { schema });
    return {
      db: db as unknown as Database,
      kind: 'postgres',
      migrate: () => migratePg(db, { migrationsFolder: MIGRATIONS_FOLDER }),
      close: () => pool.end(),
    };
  }
  // A file-backed embedded database runs in its own thread (nothing it does stalls a request on
  // the main thread); the in-memory one used by tests stays on the calling thread unless asked.
  if (config.kind === 'embedded' || config.inWorker) {
    const thread = await startPgliteThread(config.kind === 'embedded' ? await embeddedClusterOf(config.dataDir, onProgress) : null);
    const db = drizzlePglite(thread.asPglite(), { schema });
    return {
      db: db as unknown as Database,
      kind: config.kind,
      migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER }),
      close: () => thread.close(),
    };
  }
  const client = await PGlite.create();
  const db = drizzlePglite(client, { schema });
  return {
    db: db as unknown as Database,
    kind: config.kind,
    migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => client.close(),
  };
}
