import path from 'node:path';
import type { DatabaseConfig, FileStoreConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import { createFileContentRepository } from '../db/file-content.repository.ts';
import { createDatabaseFileStore } from './database-file-store.ts';
import { openDirectoryFileStore, openTemporaryFileStore } from './directory-file-store.ts';
import type { FileStore } from './file-store.ts';

/**
 * The file store a hub uses. Without a setting it follows the database: a `files` folder beside an
 * embedded database, PostgreSQL itself for a server, a temporary folder for an in-memory database.
 */
export async function openFileStore(config: FileStoreConfig | undefined, database: { kind: DatabaseConfig; db: Database }): Promise<FileStore> {
  const chosen = config ?? defaultFileStore(database.kind);
  if (chosen === 'temporary') return openTemporaryFileStore();
  if (chosen.kind === 'directory') return openDirectoryFileStore(chosen.dir);
  // PGlite runs on the hub's own thread: file content must never travel through it.
  if (database.kind.kind !== 'postgres') throw new Error('The database file store needs PostgreSQL (DATABASE_URL); set HUB_FILE_DIR instead');
  return createDatabaseFileStore(createFileContentRepository(database.db));
}

function defaultFileStore(database: DatabaseConfig): FileStoreConfig | 'temporary' {
  if (database.kind === 'embedded') return { kind: 'directory', dir: path.join(database.dataDir, 'files') };
  if (database.kind === 'postgres') return { kind: 'database' };
  return 'temporary';
}
