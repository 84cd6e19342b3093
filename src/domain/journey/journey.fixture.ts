import type { GapKind, GapTier, PlannerGap, PlannerResource } from './journey-types.ts';

/** A knowledge gap from nothing to awareness unless told otherwise. */
export function gap(id: string, options: Partial<Omit<PlannerGap, 'id'>> = {}): PlannerGap {
  return { id, tier: 'foundational' as GapTier, kind: 'knowledge' as GapKind, current: 0, target: 1, weight: 1, ...options };
}

/** A resource bringing each listed gap to level 1 unless a level is given as `gap:level`. */
export function resource(id: string, minutes: number, closes: readonly string[], prerequisites: readonly string[] = []): PlannerResource {
  return {
    id,
    minutes,
    outcomes: closes.map((entry) => {
      const [gapId, level] = entry.split(':');
      return { gap: gapId as string, level: level === undefined ? 1 : Number(level) };
    }),
    prerequisites,
  };
}

/**
 * Optimal {a, b} = 85 minutes; greedy takes big (3 gaps per 60 minutes) then d = 90; the per-gap
 * cheapest picks a, b and d = 115.
 */
export const GREEDY_TRAP = {
  gaps: ['g1', 'g2', 'g3', 'g4'].map((id) => gap(id)),
  resources: [resource('big', 60, ['g1', 'g2', 'g3']), resource('a', 45, ['g1', 'g4']), resource('b', 40, ['g2', 'g3']), resource('d', 30, ['g4'])],
};
