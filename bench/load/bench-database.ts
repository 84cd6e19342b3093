import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/config.ts';

/**
 * A fresh database for one run, and how to remove it: an embedded database in a temporary
 * directory, or a new database on the PostgreSQL server `adminUrl` names (never the one it names:
 * that may hold real data).
 */
export interface BenchDatabase {
  description: string;
  /** How this process opens it to seed. */
  config: DatabaseConfig;
  /** What the hub process is started with to open the same database. */
  serverEnv: Record<string, string>;
  remove(): Promise<void>;
}

export function createEmbeddedDatabase(): BenchDatabase {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hub-bench-load-'));
  return {
    description: `embedded (fresh, in ${dataDir})`,
    config: { kind: 'embedded', dataDir },
    serverEnv: { HUB_DATA_DIR: dataDir, DATABASE_URL: '' },
    remove: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

async function asAdmin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function createPostgresDatabase(adminUrl: string): Promise<BenchDatabase> {
  // Random hex only, so the name is safe to write into the statement.
  const name = `hub_bench_${randomBytes(6).toString('hex')}`;
  await asAdmin(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    description: `PostgreSQL (fresh database ${name} on ${url.host})`,
    config: { kind: 'postgres', url: url.toString() },
    serverEnv: { DATABASE_URL: url.toString() },
    remove: () => asAdmin(adminUrl, `drop database if exists ${name} with (force)`),
  };
}
