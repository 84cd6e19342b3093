import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/config.ts';

export interface BenchDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

/** PGlite in memory: nothing to drop. */
export const memoryDatabase = async (): Promise<BenchDatabase> => ({ config: { kind: 'memory' }, drop: async () => {} });

/** A fresh database on the PostgreSQL server at `adminUrl`, dropped after the round. */
export async function postgresDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `hub_bench_${randomBytes(6).toString('hex')}`;
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
}

/** The server benchmarks also run on, when one is named. */
export const benchServerUrl = (): string | undefined => process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

export const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
export const percentile = (values: readonly number[], p: number): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;
