import { describe, expect, it } from 'vitest';
import { discloseCount, discloseMeasure, discloseRequirementShare, discloseShare, disclosedText, roundToBase, wholePercent } from './disclosure.ts';
import type { DisclosedCount, DisclosedValue } from './disclosure.ts';

describe('discloseCount below national level', () => {
  it.each<[number, number | null]>([
    [0, 0],
    [1, null],
    [4, null],
    [7, null],
    [8, 10],
    [9, 10],
    [10, 10],
    [12, 10],
    [13, 15],
    [17, 15],
    [18, 20],
    [22, 20],
    [23, 25],
    [1234, 1235],
    [1_500_003, 1_500_005],
  ])('shows %i as %s', (n, shown) => {
    const disclosed = discloseCount(n, 'sub-national');
    expect(disclosed.value).toBe(shown);
    expect(disclosed.suppressed).toBe(shown === null);
  });

  it('gives the reason for a suppressed count and never the number', () => {
    expect(discloseCount(3, 'sub-national')).toEqual({ kind: 'count', suppressed: true, value: null, reason: 'small-count' });
    expect(JSON.stringify(discloseCount(3, 'sub-national'))).not.toMatch(/3/);
  });

  it('never shows a count between 1 and 9: the smallest shown is 10', () => {
    for (let n = 0; n <= 100; n += 1) {
      const { value } = discloseCount(n, 'sub-national');
      if (value !== null) expect(value === 0 || value >= 10).toBe(true);
      if (value !== null) expect(value % 5).toBe(0);
    }
  });
});

describe('discloseCount at national level', () => {
  it.each([0, 1, 7, 8, 12, 1_500_003])('shows %i exactly', (n) => {
    expect(discloseCount(n, 'national')).toEqual({ kind: 'count', suppressed: false, value: n });
  });
});

describe('counts are whole numbers', () => {
  it.each([-1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s', (n) => {
    expect(() => discloseCount(n, 'sub-national')).toThrow(RangeError);
    expect(() => discloseCount(n, 'national')).toThrow(RangeError);
  });
});

describe('roundToBase', () => {
  it('rounds half-way values away from zero, a tie that whole counts never reach', () => {
    expect(roundToBase(12.5)).toBe(15);
    expect(roundToBase(7.5)).toBe(10);
    expect(roundToBase(12.4)).toBe(10);
  });
});

describe('discloseShare', () => {
  it('computes the share from the unrounded counts, not the rounded ones', () => {
    // 12 of 21 is 57%; the rounded 10 of 20 would say 50%.
    expect(discloseShare(12, 21, 'sub-national')).toEqual({ kind: 'percent', suppressed: false, value: 57 });
    expect(discloseCount(12, 'sub-national').value).toBe(10);
    expect(discloseCount(21, 'sub-national').value).toBe(20);
  });

  it.each<[string, number, number, string | null]>([
    ['a suppressed denominator', 4, 6, 'denominator-suppressed'],
    ['a suppressed denominator even with no numerator', 0, 6, 'denominator-suppressed'],
    ['a suppressed numerator over a shown denominator', 3, 40, 'numerator-suppressed'],
    ['a share that leaves out 1–7 people', 38, 40, 'complement-suppressed'],
    ['a share of everyone', 40, 40, null],
    ['a zero numerator over a shown denominator', 0, 40, null],
    ['both shown', 30, 40, null],
  ])('below national level withholds %s', (_name, numerator, denominator, reason) => {
    const share = discloseShare(numerator, denominator, 'sub-national');
    expect(share.suppressed).toBe(reason !== null);
    if (share.suppressed) expect(share.reason).toBe(reason);
  });

  it('shows every share at national level', () => {
    expect(discloseShare(3, 6, 'national')).toMatchObject({ suppressed: false, value: 50 });
  });

  it('has nothing to show for a share of nobody', () => {
    expect(discloseShare(0, 0, 'sub-national')).toEqual({ kind: 'percent', suppressed: false, value: null, reason: 'not-applicable' });
  });

  it('rejects a numerator larger than its denominator', () => {
    expect(() => discloseShare(41, 40, 'national')).toThrow(RangeError);
  });
});

describe('wholePercent', () => {
  it.each<[number, number, number]>([
    [1, 8, 13], // 12.5 rounds half up
    [1, 3, 33],
    [2, 3, 67],
    [0, 9, 0],
    [9, 9, 100],
    [1, 1000, 1], // 0.1% is not "none"
    [999, 1000, 99], // 99.9% is not "all"
  ])('%i of %i is %i%', (numerator, denominator, percent) => {
    expect(wholePercent(numerator, denominator)).toBe(percent);
  });
});

describe('discloseMeasure', () => {
  it('withholds a measure over 1–7 people below national level, whatever its size', () => {
    expect(discloseMeasure({ value: 840, people: 7 }, 'sub-national')).toMatchObject({ suppressed: true, reason: 'small-group' });
    expect(discloseMeasure({ value: 840, people: 8 }, 'sub-national')).toMatchObject({ suppressed: false, value: 840 });
    expect(discloseMeasure({ value: 840, people: 7 }, 'national')).toMatchObject({ suppressed: false, value: 840 });
  });

  it('rounds to the places asked for, not to 5', () => {
    expect(discloseMeasure({ value: 2.345, people: 20 }, 'sub-national', 1).value).toBe(2.3);
    expect(discloseMeasure({ value: 123, people: 20 }, 'sub-national').value).toBe(123);
  });

  it('has nothing to show for nobody', () => {
    expect(discloseMeasure({ value: 0, people: 0 }, 'sub-national')).toMatchObject({ suppressed: false, value: null, reason: 'not-applicable' });
  });
});

describe('discloseRequirementShare', () => {
  it('judges the share of requirements met by the number of people, not of requirements', () => {
    // 5 people hold 300 requirement states; 120 are met.
    expect(discloseRequirementShare(120, 300, 5, 'sub-national')).toMatchObject({ suppressed: true, reason: 'small-group' });
    // 3 of 300 met across 40 people is shown: the 3 are requirements, not people.
    expect(discloseRequirementShare(3, 300, 40, 'sub-national')).toMatchObject({ suppressed: false, value: 1 });
    expect(discloseRequirementShare(120, 300, 40, 'sub-national')).toMatchObject({ kind: 'percent', suppressed: false, value: 40 });
    expect(disclosedText(discloseRequirementShare(3, 300, 40, 'sub-national'))).toBe('1%');
    expect(discloseRequirementShare(0, 0, 40, 'sub-national')).toMatchObject({ kind: 'percent', value: null, reason: 'not-applicable' });
  });
});

describe('disclosedText', () => {
  it.each<[string, string, DisclosedValue]>([
    ['a suppressed count', '*', discloseCount(5, 'sub-national')],
    ['a zero', '0', discloseCount(0, 'sub-national')],
    ['a rounded count', '15', discloseCount(13, 'sub-national')],
    ['a share', '57%', discloseShare(12, 21, 'sub-national')],
    ['a suppressed share', '*', discloseShare(3, 40, 'sub-national')],
    ['a share of nobody', '-', discloseShare(0, 0, 'sub-national')],
  ])('shows %s as %s', (_name, text, value) => {
    expect(disclosedText(value)).toBe(text);
  });
});

describe('the Disclosed brand', () => {
  function render(count: DisclosedCount): string {
    return disclosedText(count);
  }

  it('lets only disclosed values reach a renderer (checked by tsc: the lines below must not compile)', () => {
    expect(render(discloseCount(12, 'sub-national'))).toBe('10');
    const misuses = [
      // @ts-expect-error a raw count cannot be rendered
      () => render(12),
      // @ts-expect-error nor can a hand-built shape, however right it looks
      () => render({ kind: 'count', suppressed: false, value: 12 }),
    ];
    expect(misuses).toHaveLength(2);
  });
});
