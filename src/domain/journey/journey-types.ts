/**
 * The journey planner's contract: gaps a learner has, resources educators curate, and the plan.
 * Levels are taxonomy ranks (R1): knowledge 1–3 (awareness, familiarity, understanding), skill
 * 1–2 (capability, proficiency); a current level of 0 means none of the levels is held yet.
 */

export type GapTier = 'foundational' | 'advanced' | 'product-specific';
export type GapKind = 'knowledge' | 'skill';

export interface PlannerGap {
  id: string;
  tier: GapTier;
  kind: GapKind;
  /** The rank held now (0 = none yet); below `target`. */
  current: number;
  target: number;
  /** Worth of closing the gap under a budget; the caller decides (ignored without a budget). */
  weight: number;
  /** Knowledge gaps this skill rests on (R6): resources closing them come first. */
  restsOn?: readonly string[];
}

export interface PlannerResource {
  id: string;
  minutes: number;
  /** The level the resource brings a gap to; it closes the gap when the level reaches the target. */
  outcomes: readonly { gap: string; level: number }[];
  /** Resources to complete first; a resource whose prerequisite is missing or excluded is unusable. */
  prerequisites: readonly string[];
}

export interface PlanRequest {
  gaps: readonly PlannerGap[];
  resources: readonly PlannerResource[];
  /** Without a budget every closable gap is closed; with one, the most weight that fits. */
  budgetMinutes?: number;
  /** For the exact solver; the greedy cover is always available. Default 1000 ms. */
  timeLimitMs?: number;
  /** Always selected, with their prerequisites, even beyond the budget. */
  required?: readonly string[];
  excluded?: readonly string[];
}

export interface Plan {
  selected: string[];
  /** `selected` in the order to take them: prerequisites, then R6 and R5, then shorter first. */
  order: string[];
  totalMinutes: number;
  /** Gap ids closed by the selection. */
  closed: string[];
  /** Gap ids no usable resource closes. */
  unclosable: string[];
  /** Closable gap ids left open because of the budget ([] without a budget). */
  outOfBudget: string[];
  closedWeight: number;
  /** Resource id → the gap ids it closes (every selected resource has an entry, maybe empty). */
  closes: Record<string, string[]>;
  solver: 'exact' | 'greedy';
  /** True only when HiGHS proved the returned selection optimal. */
  optimal: boolean;
  solveMs: number;
}

/** What the greedy and per-gap-cheapest baselines return (no ordering, no solver facts). */
export type CoverResult = Pick<Plan, 'selected' | 'totalMinutes' | 'closed' | 'unclosable' | 'outOfBudget' | 'closedWeight'>;

/** Thrown for malformed requests; the message names the offending gap or resource. */
export class PlanInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanInputError';
  }
}

export const MAX_RANK: Readonly<Record<GapKind, number>> = { knowledge: 3, skill: 2 };
export const TIER_RANK: Readonly<Record<GapTier, number>> = { foundational: 0, 'product-specific': 1, advanced: 2 };
export const KIND_RANK: Readonly<Record<GapKind, number>> = { knowledge: 0, skill: 1 };
