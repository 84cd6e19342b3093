import { describe, expect, it } from 'vitest';
import { levelsAtMoments } from './levels-as-of.ts';
import type { LevelEvent } from './levels-as-of.ts';

const event = (id: string, personId: string, topicId: string, level: string, at: string): LevelEvent => ({ id, personId, topicId, level, at: new Date(at) });

describe('levelsAtMoments', () => {
  const self = [
    event('b', 'ruth', 't1', 'understanding', '2026-05-01'),
    event('a', 'ruth', 't1', 'awareness', '2026-03-01'),
    event('c', 'kieran', 't2', 'familiarity', '2026-05-01'),
    // Two ratings at one moment: the greater id stands, as the database query orders them.
    event('e', 'kieran', 't3', 'awareness', '2026-06-01'),
    event('f', 'kieran', 't3', 'familiarity', '2026-06-01'),
  ];
  const verified = [event('v1', 'ruth', 't1', 'awareness', '2026-03-20')];
  const moments = ['2026-02-28', '2026-03-31', '2026-05-01', '2026-06-30'].map((d) => new Date(d));
  const plain = (m: Map<string, { self: Map<string, string>; verified: Map<string, string> }>) =>
    Object.fromEntries([...m].map(([p, l]) => [p, { self: Object.fromEntries(l.self), verified: Object.fromEntries(l.verified) }]));

  it('gives each person’s latest level at or before each moment, on both bases', () => {
    const result = levelsAtMoments({ self, verified }, moments, () => ['ruth', 'kieran']).map(plain);
    expect(result).toEqual([
      { ruth: { self: {}, verified: {} }, kieran: { self: {}, verified: {} } },
      { ruth: { self: { t1: 'awareness' }, verified: { t1: 'awareness' } }, kieran: { self: {}, verified: {} } },
      { ruth: { self: { t1: 'understanding' }, verified: { t1: 'awareness' } }, kieran: { self: { t2: 'familiarity' }, verified: {} } },
      { ruth: { self: { t1: 'understanding' }, verified: { t1: 'awareness' } }, kieran: { self: { t2: 'familiarity', t3: 'familiarity' }, verified: {} } },
    ]);
  });

  it('returns only the people asked for at each moment, and copies so a later moment cannot change an earlier answer', () => {
    const result = levelsAtMoments({ self, verified }, moments, (i) => (i < 2 ? ['ruth'] : ['kieran']));
    expect(result.map((m) => [...m.keys()])).toEqual([['ruth'], ['ruth'], ['kieran'], ['kieran']]);
    expect(Object.fromEntries(result[1]?.get('ruth')?.self ?? [])).toEqual({ t1: 'awareness' });
  });

  it('refuses moments out of order', () => {
    expect(() => levelsAtMoments({ self, verified }, [new Date('2026-05-01'), new Date('2026-04-01')], () => [])).toThrow(/ascending/);
  });
});
