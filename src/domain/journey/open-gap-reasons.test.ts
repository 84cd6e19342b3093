import { describe, expect, it } from 'vitest';
import { explainOpenGaps } from './open-gap-reasons.ts';
import type { FilteredResource, OpenGapQuestion, OpenGapReason } from './open-gap-reasons.ts';

const offered = (id: string, level: number, ...leftOutBy: string[]): FilteredResource => ({ id, outcomes: [{ gap: 't', level }], leftOutBy });
// Gap "t": from nothing to familiarity (2); the plan makes no progress unless `reached` says so.
const open = (reached = 0): OpenGapQuestion => ({ gap: 't', current: 0, target: 2, reached });

describe('explainOpenGaps', () => {
  it.each<[string, OpenGapQuestion, FilteredResource[], Omit<OpenGapReason, 'gap' | 'current' | 'target' | 'reached'>]>([
    ['nothing in the catalogue teaches it', open(), [], { taughtUpTo: 0 }],
    ['it is taught only at a lower level, which the plan reaches', open(1), [offered('a', 1)], { taughtUpTo: 1 }],
    ['three resources would close it but are not free', open(), [offered('a', 2, 'free'), offered('b', 2, 'free'), offered('c', 3, 'free')], { taughtUpTo: 3, leftOut: { level: 2, resources: 3, byFilter: [{ filter: 'free', resources: 3 }] } }],
    [
      'left out by several filters, counted under each',
      open(),
      [offered('a', 2, 'free', 'format'), offered('b', 2, 'accredited'), offered('c', 2, 'free')],
      { taughtUpTo: 2, leftOut: { level: 2, resources: 3, byFilter: [{ filter: 'free', resources: 2 }, { filter: 'format', resources: 1 }, { filter: 'accredited', resources: 1 }] } },
    ],
    ['partly closed: the target is taught but not free', open(1), [offered('a', 1), offered('b', 2, 'free')], { taughtUpTo: 2, leftOut: { level: 2, resources: 1, byFilter: [{ filter: 'free', resources: 1 }] } }],
    ['left-out resources at or below the reached level do not count', open(1), [offered('a', 1), offered('b', 1, 'free')], { taughtUpTo: 1 }],
    ['the best left out is below the target: counts those reaching it', open(), [offered('a', 1, 'free'), offered('b', 1, 'format')], { taughtUpTo: 1, leftOut: { level: 1, resources: 2, byFilter: [{ filter: 'free', resources: 1 }, { filter: 'format', resources: 1 }] } }],
    ['only the left-out resources reaching the best level count', open(), [offered('a', 1, 'free'), offered('b', 2, 'format')], { taughtUpTo: 2, leftOut: { level: 2, resources: 1, byFilter: [{ filter: 'format', resources: 1 }] } }],
    ['resources on offer are not blamed on filters', open(), [offered('a', 2)], { taughtUpTo: 2 }],
  ])('%s', (_, gap, resources, expected) => {
    expect(explainOpenGaps([gap], resources)).toEqual([{ gap: 't', current: 0, target: 2, reached: gap.reached, ...expected }]);
  });

  it('reads only outcomes on the gap asked about, once per resource', () => {
    const both: FilteredResource = { id: 'a', outcomes: [{ gap: 't', level: 1 }, { gap: 't', level: 2 }, { gap: 'u', level: 3 }], leftOutBy: ['free', 'free'] };
    expect(explainOpenGaps([open()], [both])[0]).toMatchObject({ taughtUpTo: 2, leftOut: { level: 2, resources: 1, byFilter: [{ filter: 'free', resources: 1 }] } });
  });
});
