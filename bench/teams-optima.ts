/**
 * Proven optima for the team plan instances, cached in bench/teams.optima.json by a hash of the
 * instance, so a rerun does not prove them again and a changed generator is noticed (new hash,
 * proven again). The proof is HiGHS on the exact model of src/domain/teams/team-plan-exact.ts with
 * no time limit (BENCH_PROOF_SECONDS caps it) and a MIP gap under one minute, from no start;
 * and again on an independent model (bench/teams-reference.ts), kept beside it to compare.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Highs } from 'highs';
import { absoluteGap } from '../src/domain/journey/highs-model.ts';
import { withHighs } from '../src/domain/journey/highs-solver.ts';
import { buildTeamModel } from '../src/domain/teams/team-plan-exact.ts';
import { buildTeamProblem, holdersFound, minutesOfChoice } from '../src/domain/teams/team-plan.ts';
import type { TeamPlanRequest } from '../src/domain/teams/team-plan.ts';
import { referenceTeamOptimum } from './teams-reference.ts';
import type { ReferenceOptimum } from './teams-reference.ts';

const FILE = fileURLToPath(new URL('./teams.optima.json', import.meta.url));

export interface TeamOptimum {
  label: string;
  /** Missing holders found, summed over requirements: the first level of the objective. */
  holders: number;
  minutes: number;
  proofSeconds: number;
  /** The same optimum from the independent LP-text model (bench/teams-reference.ts); it must agree. */
  reference: ReferenceOptimum | null;
}

export function instanceHash(request: TeamPlanRequest): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex').slice(0, 16);
}

function readCache(): Record<string, TeamOptimum> {
  try {
    return JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, TeamOptimum>;
  } catch {
    return {};
  }
}

/** The cached optimum, or proven now and cached; undefined when HiGHS proves none in `proofSeconds`. */
export async function teamOptimum(request: TeamPlanRequest, label: string, proofSeconds: number | undefined): Promise<TeamOptimum | undefined> {
  const hash = instanceHash(request);
  const known = readCache()[hash];
  if (known) return known;
  const started = performance.now();
  const proven = await withHighs((highs) => prove(highs, request, proofSeconds));
  if (!proven) return undefined;
  const proofTime = Math.round((performance.now() - started) / 100) / 10;
  const reference = (await withHighs((highs) => referenceTeamOptimum(highs, request, proofSeconds))) ?? null;
  const entry = { label, ...proven, proofSeconds: proofTime, reference };
  const sorted = Object.entries({ ...readCache(), [hash]: entry }).sort(([, a], [, b]) => a.label.localeCompare(b.label, 'en', { numeric: true }));
  writeFileSync(FILE, `${JSON.stringify(Object.fromEntries(sorted), null, 1)}\n`);
  return entry;
}

function prove(highs: Highs, request: TeamPlanRequest, proofSeconds: number | undefined): { holders: number; minutes: number } | undefined {
  const problem = buildTeamProblem(request);
  const model = highs.createModel(buildTeamModel(highs, problem));
  try {
    // Minutes are whole, and the BIG weight on missing holders too, so a gap under one is a proof.
    model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: absoluteGap(1), ...(proofSeconds === undefined ? {} : { time_limit: proofSeconds }) });
    const { modelStatus } = model.run();
    if (modelStatus !== highs.constants.modelStatus.optimal) return undefined;
    const values = model.getSolution().colValue;
    const chosen = new Set(problem.columns.flatMap((_, c) => ((values[c] ?? 0) > 0.5 ? [c] : [])));
    return { holders: holdersFound(problem, chosen).reduce((sum, n) => sum + n, 0), minutes: minutesOfChoice(problem, chosen) };
  } finally {
    model.dispose();
  }
}
