import { describe, expect, it } from 'vitest';
import { GREEDY_TRAP, gap, resource } from './journey.fixture.ts';
import { cheapestPerGap, greedyCover, planJourney } from './index.ts';
import type { PlanRequest } from './index.ts';

const sorted = (ids: readonly string[]): string[] => [...ids].sort();

describe('planJourney without a budget', () => {
  it('finds the least-minutes cover where greedy and per-gap cheapest do not', async () => {
    const plan = await planJourney(GREEDY_TRAP);
    expect(sorted(plan.selected)).toEqual(['a', 'b']);
    expect(plan).toMatchObject({ totalMinutes: 85, solver: 'exact', optimal: true, unclosable: [], outOfBudget: [] });
    expect(sorted(plan.closed)).toEqual(['g1', 'g2', 'g3', 'g4']);
    expect(greedyCover(GREEDY_TRAP)).toMatchObject({ totalMinutes: 90 });
    expect(sorted(greedyCover(GREEDY_TRAP).selected)).toEqual(['big', 'd']);
    expect(cheapestPerGap(GREEDY_TRAP)).toMatchObject({ totalMinutes: 115 });
    expect(sorted(cheapestPerGap(GREEDY_TRAP).selected)).toEqual(['a', 'b', 'd']);
  });

  it('reports what each selected resource closes', async () => {
    const plan = await planJourney(GREEDY_TRAP);
    expect(plan.closes).toEqual({ a: ['g1', 'g4'], b: ['g2', 'g3'] });
    expect(plan.closedWeight).toBe(4);
    expect(plan.solveMs).toBeGreaterThan(0);
  });

  it.each([
    ['a higher level closes a lower target (progressive levels)', { target: 2 }, ['x:3'], true],
    ['the exact target closes', { target: 2 }, ['x:2'], true],
    ['a level below the target does not close', { target: 3 }, ['x:2'], false],
    ['a level at the current level is useless', { current: 2, target: 3 }, ['x:2'], false],
    ['a skill closes at its own rank', { kind: 'skill' as const, target: 2 }, ['x:2'], true],
  ])('%s', async (_, gapOptions, outcomes, closes) => {
    const plan = await planJourney({ gaps: [gap('x', gapOptions)], resources: [resource('r', 10, outcomes)] });
    expect(plan.closed).toEqual(closes ? ['x'] : []);
    expect(plan.unclosable).toEqual(closes ? [] : ['x']);
  });

  it('does not add levels up across resources', async () => {
    const plan = await planJourney({ gaps: [gap('x', { target: 2 })], resources: [resource('aware', 5, ['x:1']), resource('also-aware', 5, ['x:1'])] });
    expect(plan).toMatchObject({ selected: [], closed: [], unclosable: ['x'], totalMinutes: 0 });
  });

  it('takes prerequisites along, transitively, and counts their minutes', async () => {
    const plan = await planJourney({
      gaps: [gap('x'), gap('y')],
      resources: [resource('course', 30, ['x', 'y'], ['intro']), resource('intro', 10, [], ['basics']), resource('basics', 5, []), resource('x-only', 25, ['x']), resource('y-only', 25, ['y'])],
    });
    expect(sorted(plan.selected)).toEqual(['basics', 'course', 'intro']);
    expect(plan.totalMinutes).toBe(45);
    expect(plan.order).toEqual(['basics', 'intro', 'course']);
    expect(plan.closes).toEqual({ basics: [], intro: [], course: ['x', 'y'] });
  });

  it('prefers cheaper resources when prerequisites make one dearer', async () => {
    const plan = await planJourney({
      gaps: [gap('x'), gap('y')],
      resources: [resource('course', 30, ['x', 'y'], ['intro']), resource('intro', 20, []), resource('x-only', 20, ['x']), resource('y-only', 20, ['y'])],
    });
    expect(sorted(plan.selected)).toEqual(['x-only', 'y-only']);
  });

  it('takes a prerequisite cycle whole', async () => {
    const plan = await planJourney({
      gaps: [gap('x'), gap('y')],
      resources: [resource('p', 10, ['x'], ['q']), resource('q', 10, ['y'], ['p']), resource('x-dear', 50, ['x']), resource('y-dear', 50, ['y'])],
    });
    expect(sorted(plan.selected)).toEqual(['p', 'q']);
    expect(plan.order).toEqual(['p', 'q']);
  });

  it('treats a resource with a missing or excluded prerequisite as unusable', async () => {
    const missing = await planJourney({ gaps: [gap('x')], resources: [resource('r', 10, ['x'], ['retired'])] });
    expect(missing).toMatchObject({ selected: [], unclosable: ['x'] });
    const excluded = await planJourney({
      gaps: [gap('x')],
      resources: [resource('r', 10, ['x'], ['p']), resource('p', 5, [], ['q']), resource('q', 5, []), resource('dear', 99, ['x'])],
      excluded: ['q'],
    });
    expect(excluded.selected).toEqual(['dear']);
  });

  it('forces required resources in with their prerequisites, and leaves excluded ones out', async () => {
    const plan = await planJourney({ ...GREEDY_TRAP, required: ['big'], excluded: ['a'] });
    expect(sorted(plan.selected)).toEqual(['big', 'd']);
    const withPrerequisite = await planJourney({
      gaps: [gap('x')],
      resources: [resource('x-cheap', 5, ['x']), resource('extra', 40, [], ['base']), resource('base', 15, [])],
      required: ['extra'],
    });
    expect(sorted(withPrerequisite.selected)).toEqual(['base', 'extra', 'x-cheap']);
    expect(withPrerequisite.totalMinutes).toBe(60);
  });

  it('closes what it can and lists the rest as unclosable', async () => {
    const plan = await planJourney({ gaps: [gap('x'), gap('nobody')], resources: [resource('r', 10, ['x'])] });
    expect(plan).toMatchObject({ selected: ['r'], closed: ['x'], unclosable: ['nobody'], outOfBudget: [], optimal: true });
  });

  it('drops resources that only close gaps closed anyway', async () => {
    const plan = await planJourney({ gaps: [gap('x'), gap('y')], resources: [resource('both', 10, ['x', 'y']), resource('x-free', 0, ['x'])] });
    expect(plan.selected).toEqual(['both']);
  });
});

describe('planJourney with a budget', () => {
  const weighted: PlanRequest = {
    gaps: [gap('f', { weight: 5 }), gap('a1', { tier: 'advanced' }), gap('a2', { tier: 'advanced' }), gap('a3', { tier: 'advanced' })],
    resources: [resource('f-course', 60, ['f']), resource('adv-pack', 60, ['a1', 'a2', 'a3']), resource('a1-video', 10, ['a1'])],
    budgetMinutes: 70,
  };

  it('maximises closed weight, not the number of gaps', async () => {
    const plan = await planJourney(weighted);
    expect(sorted(plan.selected)).toEqual(['a1-video', 'f-course']);
    expect(plan).toMatchObject({ closedWeight: 6, totalMinutes: 70, optimal: true, solver: 'exact' });
    expect(sorted(plan.outOfBudget)).toEqual(['a2', 'a3']);
  });

  it('among the heaviest selections, takes the fewest minutes', async () => {
    const plan = await planJourney({
      gaps: [gap('x', { weight: 2 }), gap('y', { weight: 1 }), gap('z', { weight: 1 })],
      resources: [resource('xyz-long', 55, ['x', 'y', 'z']), resource('yz', 30, ['y', 'z']), resource('x-fast', 20, ['x']), resource('y', 25, ['y'])],
      budgetMinutes: 60,
    });
    expect(sorted(plan.selected)).toEqual(['x-fast', 'yz']);
    expect(plan).toMatchObject({ closedWeight: 4, totalMinutes: 50, optimal: true });
  });

  it('among selections of the best weight, finds fewer minutes than greedy does', async () => {
    // Greedy reaches weight 3 in 31 minutes (x, z, y; or xz then y); xy with z takes 30.
    const request: PlanRequest = {
      gaps: [gap('x'), gap('y'), gap('z')],
      resources: [resource('xy', 20, ['x', 'y']), resource('xz', 19, ['x', 'z']), resource('x', 9, ['x']), resource('y', 12, ['y']), resource('z', 10, ['z'])],
      budgetMinutes: 35,
    };
    expect(greedyCover(request)).toMatchObject({ closedWeight: 3, totalMinutes: 31 });
    const plan = await planJourney(request);
    expect(sorted(plan.selected)).toEqual(['xy', 'z']);
    expect(plan).toMatchObject({ totalMinutes: 30, closedWeight: 3, optimal: true, solver: 'exact' });
  });

  it('breaks weight ties exactly for arbitrary weights', async () => {
    // 0.1 + 0.2 and 0.3 tie in real numbers but not in floating point; 7 minutes is the answer.
    const plan = await planJourney({
      gaps: [gap('p', { weight: 0.1 }), gap('q', { weight: 0.2 }), gap('r', { weight: 0.3 })],
      resources: [resource('pq', 9, ['p', 'q']), resource('r', 7, ['r'])],
      budgetMinutes: 10,
    });
    expect(plan.selected).toEqual(['r']);
    expect(plan.optimal).toBe(true);
  });

  it('counts required resources against the budget and keeps them even beyond it', async () => {
    // 10 minutes left: the a1 video would fit but adds nothing; the foundational course does not fit.
    const within = await planJourney({ ...weighted, required: ['adv-pack'] });
    expect(within).toMatchObject({ selected: ['adv-pack'], totalMinutes: 60, closedWeight: 3, outOfBudget: ['f'] });
    const beyond = await planJourney({ ...weighted, budgetMinutes: 30, required: ['adv-pack'] });
    expect(beyond).toMatchObject({ selected: ['adv-pack'], totalMinutes: 60, outOfBudget: ['f'] });
  });

  it('takes nothing when nothing fits', async () => {
    const plan = await planJourney({ ...weighted, budgetMinutes: 5 });
    expect(plan).toMatchObject({ selected: [], totalMinutes: 0, closedWeight: 0, optimal: true });
    expect(sorted(plan.outOfBudget)).toEqual(['a1', 'a2', 'a3', 'f']);
  });
});

describe('planJourney robustness', () => {
  it('returns a valid plan under a tiny time limit', async () => {
    const plan = await planJourney({ ...GREEDY_TRAP, timeLimitMs: 0.001 });
    expect(plan.closed).toHaveLength(4);
    expect(plan.totalMinutes).toBeLessThanOrEqual(90);
  });

  it('plans over 20,000 resources and 242 gaps within its time limit', async () => {
    const gaps = Array.from({ length: 242 }, (_, i) => gap(`g${i}`, { kind: i % 3 === 2 ? 'skill' : 'knowledge', target: i % 3 === 2 ? 2 : 1 + (i % 3), weight: 1 + (i % 4) }));
    const resources = Array.from({ length: 20_000 }, (_, i) => {
      const covers = [(i * 7) % 242, (i * 13 + 5) % 242, (i * 31 + 11) % 242].slice(0, 1 + (i % 3));
      const minutes = 5 * (1 + ((i * 37) % 120));
      return resource(`r${i}`, minutes, covers.map((g) => `g${g}:${g % 3 === 2 ? 2 : 3}`), i % 10 === 0 && i > 0 ? [`r${i - 1}`] : []);
    });
    for (const budgetMinutes of [undefined, 600]) {
      const request: PlanRequest = { gaps, resources, ...(budgetMinutes === undefined ? {} : { budgetMinutes }), timeLimitMs: 3000 };
      const plan = await planJourney(request);
      const greedy = greedyCover(request);
      if (budgetMinutes === undefined) {
        expect(plan.closed).toHaveLength(242);
        expect(plan.totalMinutes).toBeLessThanOrEqual(greedy.totalMinutes);
      } else {
        expect(plan.totalMinutes).toBeLessThanOrEqual(600);
        expect(plan.closedWeight).toBeGreaterThanOrEqual(greedy.closedWeight);
      }
      expect(plan.solveMs).toBeLessThan(3000 + 2000);
    }
  }, 60_000);

  it('solves 500 plans in a row exactly (the Wasm module stays usable)', async () => {
    for (let i = 0; i < 500; i++) {
      const budgeted = i % 2 === 1;
      const plan = await planJourney({ ...GREEDY_TRAP, ...(budgeted ? { budgetMinutes: 45 + (i % 40) } : {}) });
      expect(plan.solver).toBe('exact');
      expect(plan.optimal).toBe(true);
      if (!budgeted) expect(plan.totalMinutes).toBe(85);
    }
  }, 60_000);
});
