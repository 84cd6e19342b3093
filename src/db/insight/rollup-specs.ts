/**
 * How each insight contribution table adds to its rollup (docs/scale.md §2.4): the rollup's key and
 * count columns, and the ways one contribution row contributes. The SQL that keeps the rollups is
 * generated from these descriptions (rollup-triggers.ts), so the −old/+new arithmetic lives in one place.
 */
export interface RollupFact {
  /** SQL over the contribution row `r`; the row adds nothing when false. */
  where?: string;
  /** SQL over `r` for rollup key and count columns; a column left out is `r.<column>`. */
  values?: Readonly<Record<string, string>>;
}

export interface RollupSpec {
  /** The contribution table (it carries the person's dimensions and `counted`). */
  source: string;
  /** The rollup table; its monthly twin is `<rollup>_monthly`. */
  rollup: string;
  /** Rollup key columns after (organisation_id, dimension, value), in primary key order; `synthetic` follows them. */
  key: readonly string[];
  /** Additive count columns. */
  counts: readonly string[];
  facts: readonly RollupFact[];
  /**
   * Whether the rollup is kept per breakdown (archetype, professional group, …) or only for
   * everyone. Topic levels are read only for everyone: kept per breakdown they were seven times the
   * rows and seven times the cells each rating moves (docs/scale.md §6.1).
   */
  breakdowns: 'every' | 'everyone-only';
}

const topicLevel = (basis: 'self' | 'verified'): RollupFact => ({
  where: `r.${basis}_level IS NOT NULL`,
  values: { basis: `'${basis}'::text`, level: `r.${basis}_level`, people: '1' },
});

export const ROLLUP_SPECS: readonly RollupSpec[] = [
  { source: 'insight_person_dims', rollup: 'insight_people', key: [], counts: ['people'], facts: [{ values: { people: '1' } }], breakdowns: 'every' },
  {
    source: 'current_topic_levels',
    rollup: 'insight_topic_levels',
    key: ['framework_id', 'topic_id', 'basis', 'level'],
    counts: ['people'],
    facts: [topicLevel('self'), topicLevel('verified')],
    breakdowns: 'everyone-only',
  },
  {
    source: 'person_requirement_standing',
    rollup: 'insight_requirements',
    key: ['framework_id', 'framework_version', 'tier', 'archetype', 'factor'],
    counts: ['people', 'applicable', 'met_self', 'met_verified'],
    facts: [{ values: { people: '1' } }],
    breakdowns: 'every',
  },
  {
    source: 'person_training_currency',
    rollup: 'insight_training',
    key: ['product_id', 'deployment_id', 'state', 'started', 'due_on'],
    counts: ['people'],
    facts: [{ values: { people: '1' } }],
    breakdowns: 'every',
  },
  {
    source: 'person_journey_progress',
    rollup: 'insight_journeys',
    key: ['framework_id'],
    counts: ['people_with_journey', 'journeys_started', 'items_planned', 'items_completed', 'minutes_planned', 'minutes_done'],
    facts: [{ values: { people_with_journey: 'r.has_journey', journeys_started: 'r.started' } }],
    breakdowns: 'every',
  },
];

export function rollupSpec(rollup: string): RollupSpec {
  const spec = ROLLUP_SPECS.find((s) => s.rollup === rollup);
  if (!spec) throw new Error(`no rollup ${rollup}`);
  return spec;
}
