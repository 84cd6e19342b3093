import { describe, expect, it } from 'vitest';
import { addDays, reminderKind } from './training-reminder.ts';

describe('reminderKind', () => {
  it.each([
    ['2026-12-31', '2026-12-05', null],
    ['2026-12-19', '2026-12-05', 'due'],
    ['2026-12-05', '2026-12-05', 'due'],
    ['2026-12-04', '2026-12-05', 'overdue'],
    ['infinity', '2026-12-05', null],
  ] as const)('due on %s, today %s: %s', (dueOn, today, kind) => {
    expect(reminderKind(dueOn, today)).toBe(kind);
  });

  it('counts days across months and years', () => {
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
});
