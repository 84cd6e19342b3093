import { PlanInputError } from './journey-types.ts';

export interface ScheduledItem {
  id: string;
  /** 1-based week in which the item's first minute falls. */
  startWeek: number;
  /** 1-based week in which its last minute falls (later than startWeek when it spans weeks). */
  endWeek: number;
  /** Minutes of the journey before this item. */
  startMinute: number;
  minutes: number;
}

export interface JourneySchedule {
  items: ScheduledItem[];
  weeks: number;
}

/**
 * Lays the ordered items end to end at the learner's hours per week: cumulative minutes, an item
 * starting in the week its first minute falls in and running into later weeks when it is longer
 * than what is left of that week. A zero-minute item sits in the week the previous item ended.
 */
export function scheduleJourney(
  order: readonly string[],
  minutesById: Readonly<Record<string, number>> | ReadonlyMap<string, number>,
  hoursPerWeek: number,
): JourneySchedule {
  if (!Number.isFinite(hoursPerWeek) || hoursPerWeek <= 0) throw new PlanInputError(`hoursPerWeek is ${hoursPerWeek}; it must be a finite number > 0`);
  const perWeek = hoursPerWeek * 60;
  const lookup = (id: string): number | undefined =>
    minutesById instanceof Map ? minutesById.get(id) : Object.hasOwn(minutesById, id) ? (minutesById as Record<string, number>)[id] : undefined;
  let elapsed = 0;
  const items = order.map((id): ScheduledItem => {
    const minutes = lookup(id);
    if (minutes === undefined) throw new PlanInputError(`resource "${id}" has no minutes to schedule`);
    if (!Number.isFinite(minutes) || minutes < 0) throw new PlanInputError(`resource "${id}" has ${minutes} minutes; minutes must be a finite number >= 0`);
    const startMinute = elapsed;
    elapsed += minutes;
    const startWeek = minutes > 0 ? Math.floor(startMinute / perWeek) + 1 : Math.max(1, Math.ceil(startMinute / perWeek));
    const endWeek = minutes > 0 ? Math.max(startWeek, Math.ceil(elapsed / perWeek)) : startWeek;
    return { id, startWeek, endWeek, startMinute, minutes };
  });
  return { items, weeks: items.reduce((weeks, item) => Math.max(weeks, item.endWeek), 0) };
}
