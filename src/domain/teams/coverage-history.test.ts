import { describe, expect, it } from 'vitest';
import { miniFramework } from '../applicability/mini-framework.fixture.ts';
import { coverageAtPoint, historyPoints, membersAt } from './coverage-history.ts';
import type { MembershipSpan } from './coverage-history.ts';

const index = miniFramework({
  archetypes: [{ id: 'shaper' }, { id: 'user' }],
  requirements: [
    ['s1', 'advanced', 'shaper', 'governance', 'knowledge', 'familiarity'],
    ['s2', 'advanced', 'shaper', 'liability', 'knowledge', 'awareness'],
    ['u1', 'advanced', 'user', 'cognitive-biases', 'knowledge', 'awareness'],
  ],
});

const span = (personId: string, joinedAt: string, leftAt: string | null = null, archetypes = ['shaper']): MembershipSpan => ({
  personId,
  name: personId,
  archetypes,
  joinedAt: new Date(joinedAt),
  leftAt: leftAt === null ? null : new Date(leftAt),
});

describe('historyPoints', () => {
  it('gives the last twelve month ends, oldest first, then now', () => {
    const now = new Date('2026-12-05T04:00:00Z');
    const points = historyPoints(now);
    expect(points).toHaveLength(13);
    expect(points[0]).toEqual({ at: new Date('2025-12-31T23:59:59.999Z'), kind: 'month-end' });
    expect(points[10]?.at).toEqual(new Date('2026-10-31T23:59:59.999Z'));
    expect(points[11]?.at).toEqual(new Date('2026-11-30T23:59:59.999Z'));
    expect(points[12]).toEqual({ at: now, kind: 'now' });
  });

  it('ends months on UK clocks: in British Summer Time a month ends at 23:00 UTC', () => {
    const points = historyPoints(new Date('2026-10-01T00:30:00+01:00'), 2);
    // 00:30 BST on 1 October is still 30 September in UTC, but it is October in the UK.
    expect(points.map((p) => p.at.toISOString())).toEqual(['2026-08-31T22:59:59.999Z', '2026-09-30T22:59:59.999Z', '2026-09-30T23:30:00.000Z']);
  });

  it('crosses the year and handles February', () => {
    const points = historyPoints(new Date('2027-03-01T00:00:00Z'), 3);
    expect(points.map((p) => p.at.toISOString())).toEqual(['2026-12-31T23:59:59.999Z', '2027-01-31T23:59:59.999Z', '2027-02-28T23:59:59.999Z', '2027-03-01T00:00:00.000Z']);
  });
});

describe('membersAt', () => {
  const spans = [span('ruth', '2026-01-10', '2026-06-15'), span('kieran', '2026-03-01'), span('ama', '2026-06-30T23:59:59.999Z')];
  it.each([
    ['2025-12-31T23:59:59.999Z', []],
    ['2026-01-31T23:59:59.999Z', ['ruth']],
    ['2026-05-31T23:59:59.999Z', ['ruth', 'kieran']],
    ['2026-06-30T23:59:59.999Z', ['kieran', 'ama']],
  ])('at %s the members are %j', (at, expected) => {
    expect(membersAt(spans, new Date(at)).map((m) => m.personId)).toEqual(expected);
  });

  it('treats leaving at the moment itself as gone, and counts a rejoiner once', () => {
    const moment = '2026-04-30T23:59:59.999Z';
    expect(membersAt([span('ruth', '2026-01-01', moment)], new Date(moment))).toEqual([]);
    const rejoined = [span('ruth', '2026-01-01', '2026-02-01'), span('ruth', '2026-03-01'), span('ruth', '2026-03-02')];
    expect(membersAt(rejoined, new Date(moment))).toHaveLength(1);
  });
});

describe('coverageAtPoint', () => {
  const point = { at: new Date('2026-05-31T23:59:59.999Z'), kind: 'month-end' as const };
  const levels = new Map([
    ['ruth', { self: new Map([['s1', 'familiarity'], ['s2', 'awareness']]), verified: new Map([['s1', 'familiarity']]) }],
    ['kieran', { self: new Map([['s2', 'awareness']]), verified: new Map<string, string>() }],
  ]);
  const members = [span('ruth', '2026-01-01'), span('kieran', '2026-01-01')];

  it('counts covered, single holder and uncovered on the basis chosen', () => {
    expect(coverageAtPoint(index, point, members, levels, { basis: 'self' })).toMatchObject({ memberCount: 2, counts: { covered: 1, singleHolder: 1, uncovered: 0, total: 2 } });
    expect(coverageAtPoint(index, point, members, levels, { basis: 'verified' }).counts).toEqual({ covered: 0, singleHolder: 1, uncovered: 1, total: 2 });
  });

  it('applies the team settings to every point: k = 2 and the archetypes to cover', () => {
    expect(coverageAtPoint(index, point, members, levels, { basis: 'self', k: 2 }).counts).toEqual({ covered: 1, singleHolder: 0, uncovered: 1, total: 2 });
    expect(coverageAtPoint(index, point, members, levels, { basis: 'self', coveredArchetypes: ['shaper', 'user'] }).counts).toEqual({ covered: 1, singleHolder: 1, uncovered: 1, total: 3 });
  });

  it('counts a member with no levels then as holding nothing', () => {
    expect(coverageAtPoint(index, point, [span('new', '2026-01-01')], new Map(), { basis: 'self' }).counts).toEqual({ covered: 0, singleHolder: 0, uncovered: 2, total: 2 });
  });
});
