import type { Database } from '../../db/client.ts';
import type { CountedPerson } from '../../db/insight-history.repository.ts';
import { monthStart, trendMonths, ukToday } from '../../domain/insight/insight-calendar.ts';

/**
 * The instants the history trends are replayed at (docs/scale.md §2.7): the end of each of the
 * last UK months, then now, and the month-on-month changes of a person's rows between them.
 */

/** The instant a UK day begins (midnight in London, GMT or BST). */
function ukMidnight(day: string): Date {
  const utc = Date.parse(`${day}T00:00:00Z`);
  return new Date(ukToday(new Date(utc - 3_600_000)) === day ? utc - 3_600_000 : utc);
}

export interface Moment {
  /** First day of the UK month. */
  month: string;
  /** Its last instant, or now for this month. */
  at: Date;
}

/** The end of each of the last `months` UK months (the last instant before the next begins), then now. */
export function momentsOf(now: Date, months: number): Moment[] {
  return trendMonths(ukToday(now), months).map(({ month, isSoFar }) => ({ month, at: isSoFar ? now : new Date(ukMidnight(monthStart(month, 1)).getTime() - 1) }));
}

/** How one trend is replayed: its staging, the steps of a slice of people, and the swap into its monthly twin. */
export interface MonthlyReplay<Step> {
  start(tx: Database): Promise<void>;
  stepsOf(tx: Database, slice: readonly CountedPerson[], moments: readonly Moment[]): Promise<Step[]>;
  stage(steps: readonly Step[], tx: Database): Promise<void>;
  /** Settles the rollup queue, then replaces the monthly twin with the staged steps. */
  replace(tx: Database): Promise<void>;
}

const PEOPLE_PER_SLICE = 500;

/**
 * Replays every counted person, a slice at a time, and replaces the monthly twin, in one
 * transaction. The rollup lock is taken only by the replace step (through the queue's settle):
 * a change made while the replay reads is queued, and the reconcile after the swap puts it in this month.
 */
export async function replayMonths<Step>(
  db: Database,
  listCountedPeople: (tx: Database) => Promise<CountedPerson[]>,
  replay: MonthlyReplay<Step>,
  moments: readonly Moment[],
): Promise<{ people: number; steps: number }> {
  return db.transaction(async (tx) => {
    const counted = await listCountedPeople(tx);
    await replay.start(tx);
    let steps = 0;
    for (let i = 0; i < counted.length; i += PEOPLE_PER_SLICE) {
      const sliceSteps = await replay.stepsOf(tx, counted.slice(i, i + PEOPLE_PER_SLICE), moments);
      await replay.stage(sliceSteps, tx);
      steps += sliceSteps.length;
    }
    await replay.replace(tx);
    return { people: counted.length, steps };
  });
}

/**
 * −rows at the previous moment, +rows at this one, for the rows that differ, per moment: the
 * first moment opens with everything then (the opening balance), later ones hold the changes.
 */
export function rowSteps<R>(states: readonly (readonly R[])[], moments: readonly Moment[], keyOf: (row: R) => string, same: (a: R, b: R) => boolean): Array<{ sign: 1 | -1; month: string; row: R }> {
  return moments.flatMap((moment, i) => {
    const before = i === 0 ? [] : states[i - 1]!;
    const after = states[i]!;
    const was = new Map(before.map((r) => [keyOf(r), r]));
    const is = new Map(after.map((r) => [keyOf(r), r]));
    const kept = (a: R | undefined, b: R | undefined) => !!a && !!b && same(a, b);
    return [
      ...before.filter((r) => !kept(r, is.get(keyOf(r)))).map((row) => ({ sign: -1 as const, month: moment.month, row })),
      ...after.filter((r) => !kept(was.get(keyOf(r)), r)).map((row) => ({ sign: 1 as const, month: moment.month, row })),
    ];
  });
}

/** Rows grouped by a key, in their order. */
export function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(keyOf(row));
    if (list) list.push(row);
    else out.set(keyOf(row), [row]);
  }
  return out;
}
