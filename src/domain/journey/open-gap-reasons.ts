/**
 * Why a learner's gap is left open (or only partly closed): whether the catalogue teaches the
 * level at all, and which of the learner's own filters left out the resources that would have
 * taken it further. Filters are named by the caller (the journey settings own them).
 */

/** A resource as the explanation needs it: what it teaches, and which filters left it out. */
export interface FilteredResource<F extends string = string> {
  id: string;
  outcomes: readonly { gap: string; level: number }[];
  /** The learner's filters that left it out of the plan; empty when it was on offer. */
  leftOutBy: readonly F[];
}

export interface OpenGapQuestion {
  gap: string;
  current: number;
  target: number;
  /** The level the plan brings the gap to: `current` when it makes no progress. */
  reached: number;
}

export interface LeftOutByFilters<F extends string = string> {
  /** The best level the left-out resources would have brought the gap to (at most its target). */
  level: number;
  /** How many left-out resources reach `level`. */
  resources: number;
  /** Of those, how many each filter left out (a resource two filters leave out counts under both), most first. */
  byFilter: Array<{ filter: F; resources: number }>;
}

export interface OpenGapReason<F extends string = string> {
  gap: string;
  current: number;
  reached: number;
  target: number;
  /** The highest level any resource in the catalogue teaches, filters or not; 0 when none does. */
  taughtUpTo: number;
  /** Resources the filters left out that would have gone beyond `reached`; absent when none. */
  leftOut?: LeftOutByFilters<F>;
}

export function explainOpenGaps<F extends string>(gaps: readonly OpenGapQuestion[], resources: readonly FilteredResource<F>[]): OpenGapReason<F>[] {
  const teaching = new Map<string, Array<{ level: number; leftOutBy: readonly F[] }>>();
  for (const resource of resources) {
    // A resource's best outcome per gap: two outcomes on one topic are one way to learn it.
    const best = new Map<string, number>();
    for (const o of resource.outcomes) best.set(o.gap, Math.max(best.get(o.gap) ?? 0, o.level));
    for (const [gap, level] of best) teaching.set(gap, [...(teaching.get(gap) ?? []), { level, leftOutBy: resource.leftOutBy }]);
  }
  return gaps.map((gap) => {
    const offers = teaching.get(gap.gap) ?? [];
    const taughtUpTo = offers.reduce((max, o) => Math.max(max, o.level), 0);
    const leftOut = leftOutBeyond(gap, offers);
    return { ...gap, taughtUpTo, ...(leftOut ? { leftOut } : {}) };
  });
}

function leftOutBeyond<F extends string>(gap: OpenGapQuestion, offers: ReadonlyArray<{ level: number; leftOutBy: readonly F[] }>): LeftOutByFilters<F> | undefined {
  const further = offers.filter((o) => o.leftOutBy.length > 0 && o.level > gap.reached);
  if (further.length === 0) return undefined;
  const level = Math.min(gap.target, Math.max(...further.map((o) => o.level)));
  const reaching = further.filter((o) => o.level >= level);
  const counts = new Map<F, number>();
  for (const o of reaching) for (const filter of new Set(o.leftOutBy)) counts.set(filter, (counts.get(filter) ?? 0) + 1);
  const byFilter = [...counts.entries()].map(([filter, n]) => ({ filter, resources: n })).sort((a, b) => b.resources - a.resources);
  return { level, resources: reaching.length, byFilter };
}
