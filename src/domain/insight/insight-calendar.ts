/**
 * UK calendar arithmetic and pure read-time rules for workforce insight (docs/scale.md §2.4, §2.7).
 * Rollups store what does not change with the clock; what does (a due date passing, which month is
 * "this month") is decided here, against a UK date, so every page, CSV and API read agrees.
 */

const UK_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in England as yyyy-mm-dd: the day a due date is judged against. */
export function ukToday(now: Date): string {
  return UK_DATE.format(now);
}

/** First day (yyyy-mm-01) of the month `offset` months from the month of `isoDate`. */
export function monthStart(isoDate: string, offset = 0): string {
  const [y, m] = isoDate.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + offset, 1));
  return d.toISOString().slice(0, 10);
}

/** Last day of the month that starts on `month`. */
export function monthEnd(month: string): string {
  const next = new Date(`${monthStart(month, 1)}T00:00:00Z`);
  return new Date(next.getTime() - 86_400_000).toISOString().slice(0, 10);
}

export interface TrendMonth {
  /** First day of the UK month. */
  month: string;
  /** The day figures are judged at: the month's last day, or today for the month so far. */
  asOfDate: string;
  isSoFar: boolean;
}

/** The twelve months before this one and this month so far, oldest first. */
export function trendMonths(today: string, count = 12): TrendMonth[] {
  const current = monthStart(today);
  const past = Array.from({ length: count }, (_, i) => monthStart(current, i - count)).map((month) => ({ month, asOfDate: monthEnd(month), isSoFar: false }));
  return [...past, { month: current, asOfDate: today, isSoFar: true }];
}

/**
 * Running totals at the end of each trend month from monthly net changes, per key. Changes before
 * the first month shown (and compacted opening balances, month 0001-01-01) count towards it.
 */
export function runningTotals<Row extends { month: string }>(
  deltas: readonly Row[],
  months: readonly TrendMonth[],
  keyOf: (row: Row) => string,
  add: (total: Row | undefined, row: Row) => Row,
): Array<{ month: TrendMonth; rows: Row[] }> {
  const sorted = [...deltas].sort((a, b) => a.month.localeCompare(b.month));
  const totals = new Map<string, Row>();
  let next = 0;
  return months.map((m) => {
    while (next < sorted.length && (sorted[next] as Row).month <= m.month) {
      const row = sorted[next++] as Row;
      totals.set(keyOf(row), add(totals.get(keyOf(row)), row));
    }
    return { month: m, rows: [...totals.values()] };
  });
}

export type TrainingStatus = 'current' | 'due' | 'not-started' | 'overdue';
export const TRAINING_STATUSES: readonly TrainingStatus[] = ['current', 'due', 'not-started', 'overdue'];

/**
 * A training contribution's status on a UK date (§2.4): current stays current; owed is overdue once
 * the due date has passed, and otherwise due (if they ever passed a version) or not started.
 * Not required is not owed, so it is not shown (null). 'infinity' never passes.
 */
export function trainingStatusOn(row: { state: string; started: boolean; dueOn: string }, today: string): TrainingStatus | null {
  if (row.state === 'current') return 'current';
  if (row.state !== 'owed') return null;
  if (row.dueOn !== 'infinity' && row.dueOn < today) return 'overdue';
  return row.started ? 'due' : 'not-started';
}
