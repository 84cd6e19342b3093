import { describe, expect, it } from 'vitest';
import { filterStaff, overallTraining } from './staff-list.ts';
import type { FilterableStaff, StaffFilter } from './staff-list.ts';

describe('overallTraining', () => {
  it.each([
    [[], 'none'],
    [['not-required'], 'none'],
    [['current', 'not-required'], 'current'],
    [['current', 'not-started'], 'not-started'],
    [['due', 'not-started', 'current'], 'due'],
    [['current', 'overdue', 'due'], 'overdue'],
  ] as const)('%j is %s', (statuses, expected) => {
    expect(overallTraining(statuses)).toBe(expected);
  });
});

describe('filterStaff', () => {
  const rows: FilterableStaff[] = [
    { displayName: 'Jodie Turner', openRequests: 2, ratedSubjects: 10, training: 'current' },
    { displayName: 'Samuel Nwosu', openRequests: 0, ratedSubjects: 0, training: 'overdue' },
    { displayName: 'Beverley Shaw', openRequests: 0, ratedSubjects: 4, training: 'none' },
  ];
  it.each([
    ['all', '', ['Jodie Turner', 'Samuel Nwosu', 'Beverley Shaw']],
    ['open-requests', '', ['Jodie Turner']],
    ['training-due', '', ['Samuel Nwosu']],
    ['not-started', '', ['Samuel Nwosu']],
    ['all', '  sHAW ', ['Beverley Shaw']],
    ['open-requests', 'shaw', []],
  ] as Array<[StaffFilter, string, string[]]>)('%s with search %j', (filter, search, expected) => {
    expect(filterStaff(rows, filter, search).map((r) => r.displayName)).toEqual(expected);
  });
});
