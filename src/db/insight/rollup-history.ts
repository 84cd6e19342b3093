import { rollupSpec } from './rollup-specs.ts';
import { BULK, deltasCte, folded, keyColumns } from './rollup-triggers.ts';
import type { RollupSpec } from './rollup-specs.ts';

/**
 * Monthly twins rebuilt from history (docs/scale.md §2.7, "from history, not snapshots"): the net
 * change in each UK month, attributed to each person's current dimensions and their organisation's
 * ancestors. Summed over all months they equal the rollups, because the last month-end level of each
 * person and topic is the current level that current_topic_levels holds.
 */

const ukMonth = (column: string) => `date_trunc('month', ${column} AT TIME ZONE 'Europe/London')::date`;

/**
 * Per person, topic and basis: the level at the end of each UK month it changed in, and the +1/−1
 * steps between consecutive month ends, on the current_topic_levels row (dimensions, counted) it ended in.
 */
const TOPIC_LEVEL_STEPS = `WITH self_ends AS (
      SELECT DISTINCT ON (t.person_id, t.framework_id, t.topic_id, m.month)
             t.person_id, t.framework_id, t.topic_id, 'self'::text AS basis, m.month, t.level
        FROM topic_ratings t CROSS JOIN LATERAL (SELECT ${ukMonth('t.rated_at')} AS month) m
       ORDER BY t.person_id, t.framework_id, t.topic_id, m.month, t.rated_at DESC, t.id DESC
    ), verified_ends AS (
      SELECT DISTINCT ON (q.learner_id, q.framework_id, q.topic_id, m.month)
             q.learner_id AS person_id, q.framework_id, q.topic_id, 'verified'::text AS basis, m.month, d.level
        FROM verification_decisions d
        JOIN verification_requests q ON q.id = d.request_id AND q.organisation_id = d.organisation_id
        CROSS JOIN LATERAL (SELECT ${ukMonth('d.decided_at')} AS month) m
       WHERE d.outcome IN ('confirmed', 'adjusted')
       ORDER BY q.learner_id, q.framework_id, q.topic_id, m.month, d.decided_at DESC, d.id DESC
    ), ends AS (
      SELECT e.*, lag(e.level) OVER (PARTITION BY e.person_id, e.framework_id, e.topic_id, e.basis ORDER BY e.month) AS before
        FROM (SELECT * FROM self_ends UNION ALL SELECT * FROM verified_ends) e
    ), steps AS (
      SELECT person_id, framework_id, topic_id, basis, month, 1 AS sign, level FROM ends WHERE before IS DISTINCT FROM level
      UNION ALL
      SELECT person_id, framework_id, topic_id, basis, month, -1 AS sign, before FROM ends WHERE before <> level
    )
    SELECT s.sign, s.month, c.organisation_id, c.framework_id, c.topic_id,
           CASE WHEN s.basis = 'self' THEN s.level END AS self_level,
           CASE WHEN s.basis = 'verified' THEN s.level END AS verified_level,
           c.archetypes, c.professional_group, c.setting, c.clinical_decision_making, c.organisation_kind, c.counted, c.synthetic
      FROM steps s
      JOIN people p ON p.id = s.person_id
      JOIN current_topic_levels c
        ON c.organisation_id = p.organisation_id AND c.person_id = s.person_id AND c.framework_id = s.framework_id AND c.topic_id = s.topic_id
     WHERE c.counted`;

/** Each counted person joins in the UK month their account was created. */
const PEOPLE_JOINED = `SELECT 1 AS sign, d.*, ${ukMonth('p.created_at')} AS month
      FROM insight_person_dims d JOIN people p ON p.id = d.person_id
     WHERE d.counted`;

function rebuildMonthly(spec: RollupSpec, rows: string): string {
  const keys = keyColumns(spec, true);
  return `DELETE FROM ${spec.rollup}_monthly;
  WITH ${deltasCte(spec, folded(spec, rows, true), true)}
  INSERT INTO ${spec.rollup}_monthly (${[...keys, ...spec.counts].join(', ')})
  SELECT ${[...keys, ...spec.counts].join(', ')} FROM deltas ORDER BY ${keys.join(', ')};`;
}

export function rebuildMonthsFunctions(): string[] {
  return [
    `-- insight_topic_levels_monthly from topic_ratings and verification decisions.
CREATE OR REPLACE FUNCTION insight_rebuild_topic_level_months() RETURNS void LANGUAGE plpgsql ${BULK} AS $$
BEGIN
  PERFORM insight_settle_pending();
  ${rebuildMonthly(rollupSpec('insight_topic_levels'), TOPIC_LEVEL_STEPS)}
END;
$$;`,
    `-- insight_people_monthly from people.created_at.
CREATE OR REPLACE FUNCTION insight_rebuild_people_months() RETURNS void LANGUAGE plpgsql ${BULK} AS $$
BEGIN
  PERFORM insight_settle_pending();
  ${rebuildMonthly(rollupSpec('insight_people'), PEOPLE_JOINED)}
END;
$$;`,
  ];
}
