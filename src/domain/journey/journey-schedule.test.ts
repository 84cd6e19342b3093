import { describe, expect, it } from 'vitest';
import { PlanInputError, scheduleJourney } from './index.ts';

describe('scheduleJourney', () => {
  it('lays items end to end and lets long ones span weeks', () => {
    const schedule = scheduleJourney(['a', 'b', 'c', 'd', 'e'], { a: 30, b: 45, c: 60, d: 0, e: 200 }, 1);
    expect(schedule.items).toEqual([
      { id: 'a', startWeek: 1, endWeek: 1, startMinute: 0, minutes: 30 },
      { id: 'b', startWeek: 1, endWeek: 2, startMinute: 30, minutes: 45 },
      { id: 'c', startWeek: 2, endWeek: 3, startMinute: 75, minutes: 60 },
      { id: 'd', startWeek: 3, endWeek: 3, startMinute: 135, minutes: 0 },
      { id: 'e', startWeek: 3, endWeek: 6, startMinute: 135, minutes: 200 },
    ]);
    expect(schedule.weeks).toBe(6);
  });

  it.each<[string, number, number[], number[][]]>([
    ['an item filling the week ends in it; the next starts the week after', 1, [60, 10], [[1, 1], [2, 2]]],
    ['weeks of 90 minutes at 1.5 hours', 1.5, [90, 90, 1], [[1, 1], [2, 2], [3, 3]]],
    ['an item ending exactly on the week boundary', 1.5, [45, 45, 30], [[1, 1], [1, 1], [2, 2]]],
    ['a long item spanning several weeks', 0.5, [10, 100], [[1, 1], [1, 4]]],
  ])('%s', (_, hours, minutes, weeks) => {
    const ids = minutes.map((_, i) => `r${i}`);
    const schedule = scheduleJourney(ids, new Map(ids.map((id, i) => [id, minutes[i] as number])), hours);
    expect(schedule.items.map((item) => [item.startWeek, item.endWeek])).toEqual(weeks);
  });

  it('has no weeks when there is nothing to do', () => {
    expect(scheduleJourney([], {}, 2)).toEqual({ items: [], weeks: 0 });
  });

  it.each([
    ['zero hours', ['a'], { a: 10 }, 0, /hoursPerWeek is 0/],
    ['an id without minutes', ['a', 'b'], { a: 10 }, 2, /resource "b" has no minutes to schedule/],
    ['negative minutes', ['a'], { a: -1 }, 2, /resource "a" has -1 minutes/],
  ])('rejects %s', (_, order, minutes, hours, message) => {
    expect(() => scheduleJourney(order, minutes, hours)).toThrow(PlanInputError);
    expect(() => scheduleJourney(order, minutes, hours)).toThrow(message);
  });

  it('does not take inherited object properties for minutes', () => {
    expect(() => scheduleJourney(['toString'], {}, 1)).toThrow(/resource "toString" has no minutes/);
  });
});
