import type { CurrencyStatus } from '../products/currency.ts';

/** A person's product training across every product they use, as one word a supervisor can scan. */
export type TrainingState = 'overdue' | 'due' | 'not-started' | 'current' | 'none';

// Worst first: the state shown is the most urgent of any product.
const URGENCY = ['overdue', 'due', 'not-started', 'current'] as const satisfies readonly TrainingState[];

export function overallTraining(statuses: readonly CurrencyStatus[]): TrainingState {
  for (const state of URGENCY) if (statuses.includes(state)) return state;
  return 'none';
}

export const STAFF_FILTERS = ['all', 'open-requests', 'training-due', 'not-started'] as const;
export type StaffFilter = (typeof STAFF_FILTERS)[number];

export interface FilterableStaff {
  displayName: string;
  openRequests: number;
  ratedSubjects: number;
  training: TrainingState;
}

/** The supervisees matching a filter and a name search (case-insensitive, any part of the name). */
export function filterStaff<T extends FilterableStaff>(rows: readonly T[], filter: StaffFilter, search: string): T[] {
  const needle = search.trim().toLocaleLowerCase('en-GB');
  return rows.filter((row) => {
    if (needle && !row.displayName.toLocaleLowerCase('en-GB').includes(needle)) return false;
    if (filter === 'open-requests') return row.openRequests > 0;
    if (filter === 'training-due') return row.training === 'overdue' || row.training === 'due' || row.training === 'not-started';
    if (filter === 'not-started') return row.ratedSubjects === 0;
    return true;
  });
}
