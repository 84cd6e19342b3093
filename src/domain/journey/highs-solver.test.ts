import type { Highs } from 'highs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { GREEDY_TRAP } from './journey.fixture.ts';
import { planJourney } from './index.ts';

// A HiGHS runtime whose createModel throws the next `failures` times, as a broken Wasm module does.
const fault = vi.hoisted(() => ({ failures: 0, loads: 0 }));

vi.mock('highs', async () => {
  const actual = await vi.importActual<{ default: unknown }>('highs');
  const exported = actual.default as (() => Promise<Highs>) | { default: () => Promise<Highs> };
  const load = typeof exported === 'function' ? exported : exported.default;
  return {
    default: async () => {
      fault.loads += 1;
      const highs = await load();
      return new Proxy(highs, {
        get(target, key, receiver) {
          if (key !== 'createModel') return Reflect.get(target, key, receiver);
          return (...args: Parameters<Highs['createModel']>) => {
            if (fault.failures > 0) {
              fault.failures -= 1;
              throw new Error('RuntimeError: memory access out of bounds');
            }
            return target.createModel(...args);
          };
        },
      });
    },
  };
});

describe('solving with a HiGHS runtime that breaks', () => {
  beforeEach(() => {
    fault.failures = 0;
  });

  it('reloads the module once and retries', async () => {
    await planJourney(GREEDY_TRAP);
    const loadsBefore = fault.loads;
    fault.failures = 1;
    const plan = await planJourney(GREEDY_TRAP);
    expect(plan).toMatchObject({ solver: 'exact', optimal: true, totalMinutes: 85 });
    expect(fault.loads).toBe(loadsBefore + 1);
  });

  it('falls back to the greedy cover when the retry fails too, without throwing', async () => {
    fault.failures = 2;
    const plan = await planJourney(GREEDY_TRAP);
    expect(plan).toMatchObject({ solver: 'greedy', optimal: false, totalMinutes: 90 });
    expect((await planJourney(GREEDY_TRAP)).solver).toBe('exact');
  });
});
