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

/** Topics on a ring; each resource closes 2–4 of 6 neighbouring ones; some need an earlier resource. */
export function overlapping(seed: number, resources: number, topics: number): { gaps: PlannerGap[]; resources: PlannerResource[] } {
  let state = seed;
  const random = (): number => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const int = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const list = Array.from({ length: resources }, (_, i) => {
    const start = int(0, topics - 1);
    const closes = [...new Set(Array.from({ length: int(2, 4) }, () => `t${(start + int(0, 5)) % topics}`))];
    const prerequisites = i > 0 && random() < 0.1 ? [`r${int(0, i - 1)}`] : [];
    return resource(`r${i}`, int(10, 300), closes, prerequisites);
  });
  return { gaps: Array.from({ length: topics }, (_, t) => gap(`t${t}`)), resources: list };
}
