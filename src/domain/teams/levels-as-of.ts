/**
 * Levels as they stood at a series of moments, folded from each level's history in one pass
 * (coverage by month, issue 13 §2): two queries for a whole year instead of two per month.
 * The rule is the same as the team levels repository's: at a moment, each topic's level is the
 * one recorded last at or before it, ties broken by the greater id.
 */

/** One recorded level: a self-rating, or a supervisor's confirmed or adjusted level. */
export interface LevelEvent {
  id: string;
  personId: string;
  topicId: string;
  level: string;
  at: Date;
}

export interface LevelsThen {
  self: Map<string, string>;
  verified: Map<string, string>;
}

const byTimeThenId = (a: LevelEvent, b: LevelEvent) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A running fold over one kind of level, advanced moment by moment. */
function runningLevels(events: readonly LevelEvent[]) {
  const sorted = [...events].sort(byTimeThenId);
  const current = new Map<string, Map<string, string>>();
  let next = 0;
  return {
    advanceTo(at: Date): void {
      for (; next < sorted.length && (sorted[next]?.at.getTime() ?? Infinity) <= at.getTime(); next += 1) {
        const event = sorted[next];
        if (!event) continue;
        const topics = current.get(event.personId) ?? new Map<string, string>();
        topics.set(event.topicId, event.level);
        current.set(event.personId, topics);
      }
    },
    of: (personId: string) => new Map(current.get(personId) ?? []),
  };
}

/**
 * For each moment (which must be in ascending order), the levels of the people asked for then.
 * `peopleAt(i)` names the people wanted at moment i, so only they are copied.
 */
export function levelsAtMoments(
  history: { self: readonly LevelEvent[]; verified: readonly LevelEvent[] },
  moments: readonly Date[],
  peopleAt: (i: number) => readonly string[],
): Array<Map<string, LevelsThen>> {
  for (let i = 1; i < moments.length; i += 1) {
    if ((moments[i]?.getTime() ?? 0) < (moments[i - 1]?.getTime() ?? 0)) throw new Error('Moments must be in ascending order');
  }
  const self = runningLevels(history.self);
  const verified = runningLevels(history.verified);
  return moments.map((at, i) => {
    self.advanceTo(at);
    verified.advanceTo(at);
    return new Map(peopleAt(i).map((personId) => [personId, { self: self.of(personId), verified: verified.of(personId) }]));
  });
}
