import { describe, expect, it } from 'vitest';
import { findPrerequisiteCycle, withReplacedLinks } from './prerequisite-graph.ts';

const graph = (links: Record<string, string[]>) => new Map(Object.entries(links));

describe('findPrerequisiteCycle', () => {
  it.each([
    [{}, ['a'], undefined],
    [{ a: ['b'], b: ['c'] }, ['a'], undefined],
    // A diamond is not a cycle.
    [{ a: ['b', 'c'], b: ['d'], c: ['d'] }, ['a'], undefined],
    [{ a: ['a'] }, ['a'], ['a', 'a']],
    [{ a: ['b'], b: ['a'] }, ['a'], ['a', 'b', 'a']],
    [{ a: ['b'], b: ['c'], c: ['b'] }, ['a'], ['b', 'c', 'b']],
    // Only cycles reachable from the starts count.
    [{ a: ['b'], x: ['y'], y: ['x'] }, ['a'], undefined],
  ])('in %j from %j finds %j', (links, starts, cycle) => {
    expect(findPrerequisiteCycle(graph(links), starts)).toEqual(cycle);
  });

  it('walks a long chain without running out of stack', () => {
    const links = new Map(Array.from({ length: 50_000 }, (_, i) => [`r${i}`, [`r${i + 1}`]]));
    expect(findPrerequisiteCycle(links, ['r0'])).toBeUndefined();
    links.set('r50000', ['r0']);
    expect(findPrerequisiteCycle(links, ['r0'])).toHaveLength(50_002);
  });
});

describe('withReplacedLinks', () => {
  it('replaces the stored links of changed resources and keeps the rest', () => {
    const stored = [
      { resourceId: 'a', prerequisiteId: 'b' },
      { resourceId: 'b', prerequisiteId: 'c' },
      { resourceId: 'b', prerequisiteId: 'd' },
    ];
    expect(withReplacedLinks(stored, new Map([['b', ['a']]]))).toEqual(graph({ a: ['b'], b: ['a'] }));
  });
});
