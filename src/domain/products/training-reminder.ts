/**
 * Which reminder owed product training earns on a given UK day: "due" within the fortnight before
 * its due date (the date included), "overdue" from the day after. Dates are yyyy-mm-dd, compared
 * as strings; 'infinity' (no due date) earns none.
 */
export type ReminderKind = 'due' | 'overdue';

export const DUE_SOON_DAYS = 14;

export function reminderKind(dueOn: string, today: string, soonDays = DUE_SOON_DAYS): ReminderKind | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dueOn)) return null;
  if (dueOn < today) return 'overdue';
  return dueOn <= addDays(today, soonDays) ? 'due' : null;
}

/** The yyyy-mm-dd `days` after `isoDate`. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
