import type { BenchDatabase } from '../load/bench-database.ts';

/** A database a benchmark round opens and removes: PGlite in memory, or bench/load's fresh PostgreSQL database. */
export type RoundDatabase = Pick<BenchDatabase, 'config' | 'remove'>;

/** PGlite in memory: nothing to remove. */
export const memoryDatabase = async (): Promise<RoundDatabase> => ({ config: { kind: 'memory' }, remove: async () => {} });

/** The server benchmarks also run on, when one is named. */
export const benchServerUrl = (): string | undefined => process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

export const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
export const percentile = (values: readonly number[], p: number): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;
