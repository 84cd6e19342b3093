import { describe, expect, it } from 'vitest';
import { assertNoSmallCounts, discloseCount, discloseMeasure, discloseParts, discloseShare, discloseTable, findSmallCountLeaks } from './disclosure.ts';

/** What an insight response for a practice might look like once disclosed. */
function practiceResponse(): unknown {
  return {
    organisation: { id: 'org-1', name: 'Riverside Surgery', depth: 4 },
    people: discloseCount(23, 'sub-national'),
    byGroup: discloseParts(
      [
        { label: 'Nurses', count: 23 },
        { label: 'Doctors', count: 5 },
        { label: 'Administrative staff', count: 41 },
      ],
      69,
      'sub-national',
    ),
    levels: discloseTable({ rows: ['Foundational'], columns: ['Awareness', 'Familiarity'], cells: [[3, 40]], rowTotals: [43] }, 'sub-national'),
    shareMet: discloseShare(9, 23, 'sub-national'),
    minutes: discloseMeasure({ value: 3, people: 23 }, 'sub-national'),
    months: [{ month: 3, year: 2026, people: discloseCount(0, 'sub-national') }],
  };
}

describe('findSmallCountLeaks below national level', () => {
  it('passes a response built only from disclosed values, allowing keys known not to be counts', () => {
    expect(findSmallCountLeaks(practiceResponse(), 'sub-national', { allowKeys: ['depth', 'month'] })).toEqual([]);
    expect(() => assertNoSmallCounts(practiceResponse(), 'sub-national', { allowKeys: ['depth', 'month'] })).not.toThrow();
  });

  it('reports a bare small number by its path, unless its key is allowed', () => {
    expect(findSmallCountLeaks(practiceResponse(), 'sub-national')).toEqual(['$.organisation.depth', '$.months[0].month']);
  });

  it.each<[string, unknown, string[]]>([
    ['a raw count beside disclosed ones', { people: discloseCount(23, 'sub-national'), nurses: 4 }, ['$.nurses']],
    ['a raw count in a list', { counts: [40, 6, 0] }, ['$.counts[1]']],
    ['a count shaped as disclosed but unsuppressed', { people: { kind: 'count', suppressed: false, value: 6 } }, ['$.people']],
    ['a count shaped as disclosed but not rounded', { people: { kind: 'count', suppressed: false, value: 23 } }, ['$.people']],
    ['a suppressed value that still carries its number', { people: { kind: 'count', suppressed: true, value: 3, reason: 'small-count' } }, ['$.people']],
    ['a count with no value that is not suppressed', { people: { kind: 'count', suppressed: false, value: null } }, ['$.people']],
  ])('finds %s', (_name, json, leaks) => {
    expect(findSmallCountLeaks(json, 'sub-national')).toEqual(leaks);
    expect(() => assertNoSmallCounts(json, 'sub-national')).toThrow(leaks[0]);
  });

  it('does not mistake a shown percentage or measure of 1–7 for a count', () => {
    expect(findSmallCountLeaks({ share: discloseShare(5, 100, 'sub-national'), mean: discloseMeasure({ value: 3, people: 40 }, 'sub-national') }, 'sub-national')).toEqual([]);
  });

  it('lets through numbers that cannot be counts of 1–7: fractions, 0 and 8 upwards', () => {
    expect(findSmallCountLeaks({ a: 0, b: 2.5, c: 8, d: 'Practice 3' }, 'sub-national')).toEqual([]);
  });
});

describe('findSmallCountLeaks at national level', () => {
  it('reports nothing, since national figures are shown exactly', () => {
    expect(findSmallCountLeaks({ people: discloseCount(3, 'national'), raw: 4 }, 'national')).toEqual([]);
  });
});
