/**
 * Proven optima for the team plan instances, cached in bench/teams.optima.json by a hash of the
 * instance, so a rerun does not prove them again and a changed generator is noticed (new hash,
 * proven again). The proof is HiGHS on the exact model of src/domain/teams/team-plan-exact.ts with
 * no time limit but BENCH_PROOF_SECONDS (default 120 s) and a MIP gap under one minute, from no
 * start; and again on an independent model (bench/teams-reference.ts), kept beside it to compare.
 * An instance HiGHS cannot prove in time is cached as unproven, with its best plan found and the
 * lower bound on the objective, and tried again only when a longer cap is given.
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
  /** False when the cap ran out first: holders and minutes are then HiGHS's best plan, not a proof. */
  proven?: boolean;
  /** When unproven: HiGHS's lower bound on minutes + BIG x missing holders, and that BIG. */
  bound?: number;
  big?: number;
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

/**
 * The cached optimum, or proven now and cached; `proven: false` (best known plan and bound) when
 * HiGHS proves none in `proofSeconds`; undefined when it found no plan at all.
 */
export async function teamOptimum(request: TeamPlanRequest, label: string, proofSeconds: number): Promise<TeamOptimum | undefined> {
  const hash = instanceHash(request);
  const known = readCache()[hash];
  if (known && (known.proven !== false || known.proofSeconds >= proofSeconds)) return known;
  const started = performance.now();
  const found = await withHighs((highs) => prove(highs, request, proofSeconds));
  if (!found) return undefined;
  const proofTime = Math.round((performance.now() - started) / 100) / 10;
  const { proven, bound, big, ...best } = found;
  const reference = proven ? ((await withHighs((highs) => referenceTeamOptimum(highs, request, proofSeconds))) ?? null) : null;
  const entry: TeamOptimum = proven ? { label, ...best, proofSeconds: proofTime, reference } : { label, ...best, proofSeconds: proofSeconds, proven, bound, big, reference };
  const sorted = Object.entries({ ...readCache(), [hash]: entry }).sort(([, a], [, b]) => a.label.localeCompare(b.label, 'en', { numeric: true }));
  writeFileSync(FILE, `${JSON.stringify(Object.fromEntries(sorted), null, 1)}\n`);
  return entry;
}

interface Proof {
  holders: number;
  minutes: number;
  proven: boolean;
  bound: number;
  big: number;
}

function prove(highs: Highs, request: TeamPlanRequest, proofSeconds: number): Proof | undefined {
  const problem = buildTeamProblem(request);
  const data = buildTeamModel(highs, problem);
  const model = highs.createModel(data);
  try {
    // Minutes are whole, and the BIG weight on missing holders too, so a gap under one is a proof.
    model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: absoluteGap(1), time_limit: proofSeconds });
    const { modelStatus } = model.run();
    if (Number(model.info.get('primal_solution_status')) !== 2) return undefined;
    const values = model.getSolution().colValue;
    const chosen = new Set(problem.columns.flatMap((_, c) => ((values[c] ?? 0) > 0.5 ? [c] : [])));
    const big = Math.max(...Array.from(data.colCost ?? [0]));
    const proven = modelStatus === highs.constants.modelStatus.optimal;
    return { holders: holdersFound(problem, chosen).reduce((sum, n) => sum + n, 0), minutes: minutesOfChoice(problem, chosen), proven, bound: Number(model.info.get('mip_dual_bound')), big };
  } finally {
    model.dispose();
  }
}
