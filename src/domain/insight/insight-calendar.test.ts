import { describe, expect, it } from 'vitest';
import { monthEnd, runningTotals, trainingStatusOn, trendMonths, ukToday } from './insight-calendar.ts';

describe('insight calendar', () => {
  it('takes today in England, not UTC', () => {
    expect(ukToday(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
    expect(ukToday(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });

  it('lists twelve months before this one and this month so far', () => {
    const months = trendMonths('2026-12-05');
    expect(months).toHaveLength(13);
    expect(months[0]).toEqual({ month: '2025-12-01', asOfDate: '2025-12-31', isSoFar: false });
    expect(months[1]?.asOfDate).toBe('2026-01-31');
    expect(months[2]?.asOfDate).toBe('2026-02-28');
    expect(months[12]).toEqual({ month: '2026-12-01', asOfDate: '2026-12-05', isSoFar: true });
    expect(monthEnd('2028-02-01')).toBe('2028-02-29');
  });

  it('sums monthly net changes into running totals, opening balances included', () => {
    const deltas = [
      { month: '0001-01-01', key: 'a', n: 10 },
      { month: '2026-11-01', key: 'a', n: 5 },
      { month: '2026-12-01', key: 'a', n: -3 },
      { month: '2026-12-01', key: 'b', n: 8 },
    ];
    const totals = runningTotals(deltas, trendMonths('2026-12-05'), (r) => r.key, (t, r) => ({ ...r, n: (t?.n ?? 0) + r.n }));
    const at = (i: number, key: string) => totals[i]?.rows.find((r) => r.key === key)?.n;
    expect(at(0, 'a')).toBe(10);
    expect(at(11, 'a')).toBe(15);
    expect(at(12, 'a')).toBe(12);
    expect(at(11, 'b')).toBeUndefined();
    expect(at(12, 'b')).toBe(8);
  });

  it.each([
    [{ state: 'current', started: true, dueOn: 'infinity' }, 'current'],
    [{ state: 'owed', started: true, dueOn: '2026-12-05' }, 'due'],
    [{ state: 'owed', started: false, dueOn: '2026-12-06' }, 'not-started'],
    [{ state: 'owed', started: false, dueOn: 'infinity' }, 'not-started'],
    [{ state: 'owed', started: true, dueOn: '2026-12-04' }, 'overdue'],
    [{ state: 'owed', started: false, dueOn: '2026-01-01' }, 'overdue'],
    [{ state: 'not-required', started: false, dueOn: 'infinity' }, null],
  ])('classifies training %o on 5 December 2026 as %s', (row, expected) => {
    expect(trainingStatusOn(row, '2026-12-05')).toBe(expected);
  });
});
