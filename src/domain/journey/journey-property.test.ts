import { describe, expect, it } from 'vitest';
import { cheapestPerGap, greedyCover, planJourney } from './index.ts';
import { overlapping } from './journey.fixture.ts';
import type { CoverResult, PlannerGap, PlannerResource, PlanRequest } from './index.ts';
import { seededRandom } from './seeded-random.ts';

/** Exhaustive search over every subset of a tiny catalogue, by the planner's rules. */
function bruteForce(request: PlanRequest): { minutes: number; weight: number } {
  const { gaps, resources } = request;
  const byId = new Map(resources.map((r, i) => [r.id, i]));
  const excluded = new Set(request.excluded ?? []);
  const usable = resources.map((r) => !excluded.has(r.id));
  for (let changed = true; changed; ) {
    changed = false;
    resources.forEach((r, i) => {
      if (usable[i] && r.prerequisites.some((p) => !byId.has(p) || !usable[byId.get(p) as number])) [usable[i], changed] = [false, true];
    });
  }
  const closes = resources.map((r, i) => (usable[i] ? new Set(r.outcomes.filter((o) => o.level >= (gaps.find((g) => g.id === o.gap) as PlannerGap).target).map((o) => o.gap)) : new Set<string>()));
  const closable = gaps.filter((g) => closes.some((c) => c.has(g.id)));
  const requiredMask = requiredClosure(request, byId);
  const requiredMinutes = resources.reduce((sum, r, i) => sum + (requiredMask & (1 << i) ? r.minutes : 0), 0);
  let best: { minutes: number; weight: number } | undefined;
  for (let mask = 0; mask < 1 << resources.length; mask++) {
    if ((mask & requiredMask) !== requiredMask) continue;
    const members = resources.flatMap((r, i) => (mask & (1 << i) ? [i] : []));
    if (members.some((i) => !usable[i] || (resources[i] as PlannerResource).prerequisites.some((p) => !(mask & (1 << (byId.get(p) as number)))))) continue;
    const minutes = members.reduce((sum, i) => sum + (resources[i] as PlannerResource).minutes, 0);
    const closed = new Set(members.flatMap((i) => [...(closes[i] as Set<string>)]));
    const weight = gaps.reduce((sum, g) => sum + (closed.has(g.id) ? g.weight : 0), 0);
    if (request.budgetMinutes === undefined) {
      if (closable.some((g) => !closed.has(g.id))) continue;
      if (!best || minutes < best.minutes) best = { minutes, weight };
    } else {
      if (minutes > Math.max(request.budgetMinutes, requiredMinutes) + 1e-9) continue;
      const heavier = !best || weight > best.weight + 1e-9;
      if (heavier || (Math.abs(weight - (best?.weight ?? 0)) <= 1e-9 && minutes < (best?.minutes ?? Infinity))) best = { minutes, weight };
    }
  }
  return best as { minutes: number; weight: number };
}

function requiredClosure(request: PlanRequest, byId: Map<string, number>): number {
  let mask = 0;
  const stack = [...(request.required ?? [])];
  while (stack.length > 0) {
    const i = byId.get(stack.pop() as string) as number;
    if (mask & (1 << i)) continue;
    mask |= 1 << i;
    stack.push(...(request.resources[i] as PlannerResource).prerequisites);
  }
  return mask;
}

function isValid(request: PlanRequest, result: CoverResult): boolean {
  const chosen = new Set(result.selected);
  const byId = new Map(request.resources.map((r) => [r.id, r]));
  const withPrerequisites = result.selected.every((id) => byId.get(id)?.prerequisites.every((p) => chosen.has(p)));
  const noneExcluded = !(request.excluded ?? []).some((id) => chosen.has(id));
  return withPrerequisites && noneExcluded && (request.required ?? []).every((id) => chosen.has(id));
}

const WEIGHTS = [0, 0.1, 0.2, 0.3, 0.5, 1, 1, 2, 3, 7];

function randomRequest(seed: number): PlanRequest {
  const random = seededRandom(seed);
  const int = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const gaps: PlannerGap[] = Array.from({ length: int(1, 5) }, (_, i) => {
    const kind = random() < 0.6 ? 'knowledge' : 'skill';
    const target = int(1, kind === 'knowledge' ? 3 : 2);
    return { id: `g${i}`, tier: (['foundational', 'advanced', 'product-specific'] as const)[int(0, 2)] as PlannerGap['tier'], kind, current: int(0, target - 1), target, weight: WEIGHTS[int(0, 9)] as number };
  });
  const count = int(1, 9);
  const resources: PlannerResource[] = Array.from({ length: count }, (_, i) => ({
    id: `r${i}`,
    minutes: random() < 0.1 ? 0 : int(1, 12) * 5,
    outcomes: Array.from({ length: int(0, 3) }, () => {
      const g = gaps[int(0, gaps.length - 1)] as PlannerGap;
      return { gap: g.id, level: int(1, g.kind === 'knowledge' ? 3 : 2) };
    }),
    prerequisites: random() < 0.3 ? [...new Set(Array.from({ length: int(1, 2) }, () => (random() < 0.1 ? 'retired' : `r${int(0, count - 1)}`)))] : [],
  }));
  const request: PlanRequest = { gaps, resources, ...(random() < 0.5 ? { budgetMinutes: int(0, 20) * 5 } : {}) };
  const usable = resources.filter((r) => r.prerequisites.length === 0);
  if (random() < 0.2 && usable.length > 0) request.required = [(usable[int(0, usable.length - 1)] as PlannerResource).id];
  const other = resources.filter((r) => !request.required?.includes(r.id));
  if (random() < 0.2 && other.length > 0) request.excluded = [(other[int(0, other.length - 1)] as PlannerResource).id];
  return request;
}

describe('planJourney against brute force on tiny random instances', () => {
  it('matches the exhaustive optimum, proves it, and is never worse than greedy', async () => {
    for (let seed = 1; seed <= 300; seed++) {
      const request = randomRequest(seed);
      const label = `seed ${seed}: ${JSON.stringify(request)}`;
      const expected = bruteForce(request);
      const plan = await planJourney(request);
      expect(isValid(request, plan), label).toBe(true);
      expect(plan.totalMinutes, label).toBe(expected.minutes);
      expect(plan.closedWeight, label).toBeCloseTo(expected.weight, 9);
      expect(plan.optimal, label).toBe(true);
      expect(plan.order.slice().sort(), label).toEqual(plan.selected.slice().sort());
      const greedy = greedyCover(request);
      expect(isValid(request, greedy), label).toBe(true);
      if (request.budgetMinutes === undefined) expect(greedy.totalMinutes, label).toBeGreaterThanOrEqual(plan.totalMinutes);
      else expect(greedy.closedWeight, label).toBeLessThanOrEqual(plan.closedWeight + 1e-9);
      expect(isValid(request, cheapestPerGap(request)), label).toBe(true);
    }
  }, 60_000);
});

describe('planJourney on overlapping catalogues (each resource closes a few neighbouring topics)', () => {
  it('matches the exhaustive optimum on tiny ones', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const request = overlapping(seed, 12, 6);
      const label = `seed ${seed}`;
      const plan = await planJourney(request);
      expect(isValid(request, plan), label).toBe(true);
      expect(plan.totalMinutes, label).toBe(bruteForce(request).minutes);
    }
  }, 60_000);

  it('returns a valid plan closing every closable gap, never worse than greedy, however short the time', async () => {
    // The last two are large enough that the MILP cannot prove its answer in time, so the
    // neighbourhood search runs.
    const cases = [[1, 400, 40, 30], [2, 400, 40, 150], [3, 400, 40, 400], [4, 400, 40, 1000], [1, 2000, 100, 1000], [2, 1500, 80, 600]] as const;
    for (const [seed, resources, topics, timeLimitMs] of cases) {
      const request = { ...overlapping(seed, resources, topics), timeLimitMs };
      const label = `seed ${seed}, ${resources} x ${topics}, ${timeLimitMs} ms`;
      const plan = await planJourney(request);
      const greedy = greedyCover(request);
      expect(isValid(request, plan), label).toBe(true);
      expect(plan.unclosable, label).toEqual(greedy.unclosable);
      expect(plan.closed.length + plan.unclosable.length, label).toBe(request.gaps.length);
      expect(plan.totalMinutes, label).toBeLessThanOrEqual(greedy.totalMinutes);
    }
  }, 60_000);
});
