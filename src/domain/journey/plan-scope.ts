/**
 * What a journey was planned for: the framework version and, for each subject (topic) that applied
 * to the learner, the highest level asked of her. Stored with the journey, it tells when a plan has
 * gone out of date because what applies changed (a supervisor's focus, R7; her archetypes or use of
 * AI in clinical decisions, R2–R4; a new framework version) rather than because she learned.
 */
export interface PlanScope {
  /** `id@version` of the framework the plan was made against. */
  framework: string;
  /** topic id → target level id. */
  targets: Record<string, string>;
}

export interface ScopeChange {
  frameworkChanged: boolean;
  /** Subjects the plan was made for that no longer apply. */
  noLongerApply: string[];
  /** Subjects that apply now and were not planned for. */
  nowApply: string[];
  /** Subjects that still apply but to a different level. */
  targetChanged: string[];
}

export function planScopeOf(framework: { id: string; version: string }, questions: ReadonlyArray<{ topicId: string; target: string }>): PlanScope {
  const targets: Record<string, string> = {};
  for (const q of [...questions].sort((a, b) => a.topicId.localeCompare(b.topicId))) targets[q.topicId] = q.target;
  return { framework: `${framework.id}@${framework.version}`, targets };
}

/** How what applies now differs from what the plan was made for; null when nothing did. */
export function compareScopes(planned: PlanScope, now: PlanScope): ScopeChange | null {
  const before = new Map(Object.entries(planned.targets));
  const after = new Map(Object.entries(now.targets));
  const change: ScopeChange = {
    frameworkChanged: planned.framework !== now.framework,
    noLongerApply: [...before.keys()].filter((t) => !after.has(t)),
    nowApply: [...after.keys()].filter((t) => !before.has(t)),
    targetChanged: [...before].filter(([t, level]) => after.has(t) && after.get(t) !== level).map(([t]) => t),
  };
  const changed = change.frameworkChanged || change.noLongerApply.length + change.nowApply.length + change.targetChanged.length > 0;
  return changed ? change : null;
}
