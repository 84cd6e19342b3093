import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { buildApp } from '../../src/app.ts';
import type { DatabaseConfig } from '../../src/config.ts';
import { openHub } from '../../src/hub.ts';
import type { FileStore } from '../../src/files/file-store.ts';
import type { Hub, HubOpenConfig } from '../../src/hub.ts';

export interface DatabaseTarget {
  name: 'pglite' | 'postgres';
  /** Makes a fresh, empty database for one test file and a function that removes it. */
  create(): Promise<{ config: DatabaseConfig; drop(): Promise<void> }>;
}

const pgliteTarget: DatabaseTarget = {
  name: 'pglite',
  create: async () => ({ config: { kind: 'memory' }, drop: async () => {} }),
};

function postgresTarget(adminUrl: string): DatabaseTarget {
  return {
    name: 'postgres',
    async create() {
      const name = `hub_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        config: { kind: 'postgres', url: url.toString() },
        async drop() {
          const client = new pg.Client({ connectionString: adminUrl });
          await client.connect();
          await client.query(`drop database if exists ${name} with (force)`);
          await client.end();
        },
      };
    },
  };
}

/**
 * The databases integration tests run on: PGlite always, and the PostgreSQL server named by
 * TEST_DATABASE_URL. CI must provide that server, so its absence there is an error, not a skip.
 */
export function databaseTargets(): DatabaseTarget[] {
  const url = process.env.TEST_DATABASE_URL;
  if (!url && process.env.CI) throw new Error('CI must set TEST_DATABASE_URL so integration tests run on PostgreSQL too');
  return url ? [pgliteTarget, postgresTarget(url)] : [pgliteTarget];
}

export interface TestHub extends Hub {
  app: FastifyInstance;
  /** Where the test database is, so a test can open a second hub on it (as another process would). */
  databaseConfig: DatabaseConfig;
}

export const TEST_BASE_URL = 'http://hub.test';

/**
 * A hub on a fresh database with the bundled frameworks loaded, and its app (not listening). File
 * content goes where a real hub on that database would keep it (a temporary folder for PGlite in
 * memory, PostgreSQL itself on a server) unless `options` say otherwise.
 */
export async function createTestHub(target: DatabaseTarget, options: Pick<HubOpenConfig, 'files' | 'virusScanner' | 'demoSyntheticPeople'> = {}): Promise<TestHub> {
  const { config, drop } = await target.create();
  const url = new URL(TEST_BASE_URL);
  // Tests load the named demo people only, unless they ask for the synthetic workforce (thousands of rows, seconds to write).
  const hub = await openHub({ database: config, publicUrl: TEST_BASE_URL, host: url.hostname, port: 80, demoSyntheticPeople: 0, ...options });
  const app = await buildApp({ services: hub.services });
  return {
    ...hub,
    app,
    databaseConfig: config,
    async close() {
      await app.close();
      await hub.close();
      await drop();
    },
  };
}

/** Loads the bundled framework again as `version`, without its topics (as frameworks before 1.1.0 were). */
export async function loadFrameworkWithoutTopics(hub: Pick<Hub, 'services'>, version: string): Promise<void> {
  const doc = JSON.parse(readFileSync(new URL('../../frameworks/dart-ed-2022.json', import.meta.url), 'utf8'));
  delete doc.topics;
  for (const r of doc.requirements) delete r.topic;
  doc.version = version;
  await hub.services.frameworks.loadFrameworkDocument({ document: doc });
}

/** The digests of everything committed to a file store. */
export async function storedContent(store: FileStore): Promise<string[]> {
  const digests: string[] = [];
  for await (const content of store.listContent()) digests.push(content.sha256);
  return digests.sort();
}
