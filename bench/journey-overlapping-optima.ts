/**
 * Proven optima for the overlapping instances, cached in bench/journey-overlapping.optima.json:
 * proving one at 20,000 resources takes HiGHS from seconds to minutes, too long to repeat on every
 * benchmark run. Each entry carries a fingerprint of its instance, so a changed generator is
 * noticed and the optimum proven again. `node bin/run-ts.mjs bench/journey-overlapping-optima.ts`
 * fills in what is missing (BENCH_SEEDS scales the seeds; BENCH_PROOF_SECONDS caps each proof).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Highs } from 'highs';
import type { PlanRequest } from '../src/domain/journey/index.ts';
import { referenceOptimum } from './journey-optimum.ts';
import { generateOverlapping, overlappingSpecs } from './journey-overlapping.ts';
import type { OverlappingSpec } from './journey-overlapping.ts';

const FILE = fileURLToPath(new URL('./journey-overlapping.optima.json', import.meta.url));

interface Entry {
  fingerprint: string;
  minutes: number;
  proofSeconds: number;
}

export const keyOf = (spec: OverlappingSpec): string => `${spec.resources}x${spec.topics}-seed${spec.seed}`;

export function fingerprint(request: PlanRequest): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex').slice(0, 16);
}

function readCache(): Record<string, Entry> {
  try {
    return JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, Entry>;
  } catch {
    return {};
  }
}

/** The cached optimum when its fingerprint matches; otherwise proven now (and cached), or undefined. */
export function overlappingOptimum(highs: Highs, spec: OverlappingSpec, request: PlanRequest, proofSeconds: number): number | undefined {
  const cache = readCache();
  const key = keyOf(spec);
  const print = fingerprint(request);
  const known = cache[key];
  if (known?.fingerprint === print) return known.minutes;
  const started = performance.now();
  // Presolve on: it proves these instances several times faster than without.
  const best = referenceOptimum(highs, request, { presolve: 'on', seconds: proofSeconds });
  if (!best) return undefined;
  const sorted = { ...readCache(), [key]: { fingerprint: print, minutes: best.minutes, proofSeconds: Math.round((performance.now() - started) / 100) / 10 } };
  writeFileSync(FILE, `${JSON.stringify(Object.fromEntries(Object.entries(sorted).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))), null, 1)}\n`);
  return best.minutes;
}

async function fillCache(): Promise<void> {
  const { default: highsModule } = await import('highs');
  type HighsLoader = typeof highsModule.default;
  const loadHighs: HighsLoader = typeof highsModule === 'function' ? (highsModule as HighsLoader) : highsModule.default;
  const highs = await loadHighs();
  const seconds = Number(process.env.BENCH_PROOF_SECONDS ?? 900);
  for (const spec of overlappingSpecs(Number(process.env.BENCH_SEEDS ?? 1))) {
    const optimum = overlappingOptimum(highs, spec, generateOverlapping(spec), seconds);
    console.log(`${keyOf(spec)}: ${optimum ?? `not proven within ${seconds} s`}`);
  }
}

if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) await fillCache();
