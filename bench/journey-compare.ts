/**
 * Side-by-side run of the overlapping section (issue 11): this checkout's planner against another
 * checkout's (BENCH_BASELINE, a path to a worktree, e.g. main's), instance by instance, taking
 * turns at who goes first, so both see the same machine load. Times on a shared machine swing by
 * more than most planner changes; interleaving keeps the comparison fair.
 *   BENCH_BASELINE=/path/to/main-worktree node bin/run-ts.mjs bench/journey-compare.ts
 * BENCH_TIME_LIMIT_MS overrides the one-second limit; BENCH_SIZES (e.g. 20000) keeps some sizes.
 */
import highsModule from 'highs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { greedyCover, planJourney } from '../src/domain/journey/index.ts';
import type { Plan, PlanRequest } from '../src/domain/journey/index.ts';
import { isValid } from './journey-optimum.ts';
import { overlappingOptimum } from './journey-overlapping-optima.ts';
import { generateOverlapping, overlappingSpecs } from './journey-overlapping.ts';

type Planner = (request: PlanRequest) => Promise<Plan>;
interface Row {
  size: string;
  gap: number;
  ms: number;
  bad: boolean;
}

type HighsLoader = typeof highsModule.default;
const loadHighs: HighsLoader = typeof highsModule === 'function' ? (highsModule as HighsLoader) : highsModule.default;
// Only for an optimum missing from the cache (then proven, up to BENCH_PROOF_SECONDS, and cached).
const highs = await loadHighs();
const baseline = process.env.BENCH_BASELINE;
if (!baseline) throw new Error('BENCH_BASELINE must name the other checkout');
const imported = (await import(pathToFileURL(path.resolve(baseline, 'src/domain/journey/index.ts')).href)) as { planJourney: Planner };
const planners: Record<string, Planner> = { baseline: imported.planJourney, branch: planJourney };
const limit = process.env.BENCH_TIME_LIMIT_MS ? { timeLimitMs: Number(process.env.BENCH_TIME_LIMIT_MS) } : {};
const sizes = process.env.BENCH_SIZES?.split(',').map(Number);
const rows: Record<string, Row[]> = { baseline: [], branch: [] };

// Warm both (JIT, HiGHS's Wasm) so the first instance is not charged for it.
for (const plan of Object.values(planners)) await plan(generateOverlapping({ resources: 2_000, topics: 100, seed: 99 }));
for (const spec of overlappingSpecs(1).filter((s) => !sizes || sizes.includes(s.resources))) {
  const request = generateOverlapping(spec);
  const optimum = overlappingOptimum(highs, spec, request, Number(process.env.BENCH_PROOF_SECONDS ?? 900));
  if (optimum === undefined) continue;
  const greedy = greedyCover(request).totalMinutes;
  const turns = spec.seed % 2 ? ['baseline', 'branch'] : ['branch', 'baseline'];
  const line: string[] = [];
  for (const name of turns) {
    const plan = await (planners[name] as Planner)({ ...request, ...limit });
    const gap = plan.totalMinutes / optimum - 1;
    rows[name]?.push({ size: `${spec.resources}x${spec.topics}`, gap, ms: plan.solveMs, bad: !isValid(request, plan) || plan.totalMinutes > greedy });
    line.push(`${name} ${(100 * gap).toFixed(2)}% ${plan.solveMs.toFixed(0)} ms`);
  }
  console.log(`${spec.resources}x${spec.topics} seed ${spec.seed}: ${line.join(' | ')}`);
}

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
};
const percent = (value: number): string => `${(100 * value).toFixed(2)}%`;
for (const [name, results] of Object.entries(rows)) {
  for (const size of [...new Set(results.map((r) => r.size))]) {
    const group = results.filter((r) => r.size === size);
    const gaps = group.map((r) => r.gap);
    const ms = group.map((r) => r.ms);
    console.log(
      `${name.padEnd(8)} ${size.padEnd(10)} within 1%: ${gaps.filter((g) => g <= 0.01).length}/${gaps.length}, max gap ${percent(Math.max(...gaps))}, median gap ${percent(quantile(gaps, 0.5))} | median ${quantile(ms, 0.5).toFixed(0)} ms, p95 ${quantile(ms, 0.95).toFixed(0)} ms | invalid or worse than greedy: ${group.filter((r) => r.bad).length}`,
    );
  }
}
