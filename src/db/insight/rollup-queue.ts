import { ROLLUP_SPECS } from './rollup-specs.ts';
import type { RollupSpec } from './rollup-specs.ts';
import { CURRENT_UK_MONTH, ROLLUP_LOCK, ROLLUP_LOCK_KEY, contributingColumns, deltasCte, deltaFunctionName, keyColumns, upsertCounts } from './rollup-triggers.ts';

/**
 * The rollup queue (docs/scale.md §2.10). A write to a contribution table adds its changed rows,
 * signed −old/+new and stamped with the UK month of the change, to `insight_pending`, and nothing
 * more: it takes no lock on any rollup cell, so a trust signing in on go-live morning does not queue
 * behind one national row. One drainer at a time folds a batch of queued changes into cells and adds
 * them to every ancestor's rollup and monthly twin: the busier the hub, the more changes share a cell.
 */

/** The transition-table rows of one statement, as queue rows (only the columns a cell depends on). */
function queued(spec: RollupSpec, sign: 1 | -1, table: 'new_rows' | 'old_rows'): string {
  const row = contributingColumns(spec).map((c) => `'${c}', x.${c}`).join(', ');
  return `SELECT x.organisation_id, '${spec.source}', ${CURRENT_UK_MONTH}, ${sign}, jsonb_build_object(${row}) FROM ${table} x WHERE x.counted`;
}

/** Replaces the body of a contribution table's three statement triggers: queue the change, nothing else. */
export function enqueueFunctionSql(spec: RollupSpec): string {
  const insert = 'INSERT INTO insight_pending (organisation_id, source, month, sign, row)';
  return `-- ${spec.source}: every change is queued as −old + new for ${spec.rollup} and ${spec.rollup}_monthly.
CREATE OR REPLACE FUNCTION ${deltaFunctionName(spec)}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    ${insert} ${queued(spec, 1, 'new_rows')};
  ELSIF TG_OP = 'UPDATE' THEN
    ${insert} ${queued(spec, -1, 'old_rows')} UNION ALL ${queued(spec, 1, 'new_rows')};
  ELSE
    ${insert} ${queued(spec, -1, 'old_rows')};
  END IF;
  RETURN NULL;
END;
$$;`;
}

/**
 * The CTEs that add one source's share of `batch` to its rollup and monthly twin. A change counts in
 * the month it was made, whenever it is drained; the rollup takes the sum over months.
 */
function applySourceCtes(spec: RollupSpec, i: number): string {
  const p = `s${i}_`;
  const rows = `SELECT b.sign, b.month, r.* FROM batch b CROSS JOIN LATERAL jsonb_populate_record(NULL::${spec.source}, b.row) r WHERE b.source = '${spec.source}'`;
  const monthly = keyColumns(spec, true);
  const total = keyColumns(spec, false);
  const sums = spec.counts.map((c) => `sum(${c})`).join(', ');
  const nonZero = spec.counts.map((c) => `sum(${c}) <> 0`).join(' OR ');
  return `${deltasCte(spec, rows, true, p)}, ${p}monthly AS (
    ${upsertCounts(spec, `${spec.rollup}_monthly`, true, `SELECT ${[...monthly, ...spec.counts].join(', ')} FROM ${p}deltas ORDER BY ${monthly.join(', ')}`)}
  ), ${p}totals AS (
    ${upsertCounts(spec, spec.rollup, false, `SELECT ${total.join(', ')}, ${sums} FROM ${p}deltas GROUP BY ${total.join(', ')} HAVING ${nonZero} ORDER BY ${total.join(', ')}`)}
  )`;
}

/**
 * One statement takes the oldest queued changes out of the queue and adds them to every rollup:
 * the DELETE and the additions share one snapshot, so a change committed meanwhile is neither lost
 * nor added twice — it stays queued for the next batch.
 */
function applyBatchSql(): string {
  return `WITH batch AS (
    DELETE FROM insight_pending WHERE id IN (SELECT id FROM insight_pending ORDER BY id LIMIT max_changes)
    RETURNING source, month, sign, row
  ), ${ROLLUP_SPECS.map(applySourceCtes).join(', ')}
  SELECT count(*)::integer INTO applied FROM batch;`;
}

export function queueFunctionsSql(): string[] {
  return [
    `-- Adds up to max_changes of the oldest queued changes (all of them when NULL) to the rollups; the caller holds the rollup lock.
CREATE OR REPLACE FUNCTION insight_apply_pending_locked(max_changes integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE applied integer;
BEGIN
  ${applyBatchSql()}
  RETURN applied;
END;
$$;`,
    `-- The drainer: applies a batch unless another drainer or a rebuild holds the rollup lock, and says
-- how many changes it applied and when the oldest change still queued was made (NULL: none).
-- With whole_queue_only it applies nothing unless the whole queue fits in one batch: a view's read
-- then never pays for a backlog, which the background drainer works through.
CREATE OR REPLACE FUNCTION insight_apply_pending(max_changes integer, whole_queue_only boolean DEFAULT false, OUT applied integer, OUT pending_since timestamptz) LANGUAGE plpgsql AS $$
BEGIN
  applied := 0;
  IF (NOT whole_queue_only OR (SELECT count(*) FROM (SELECT 1 FROM insight_pending LIMIT max_changes + 1) q) <= max_changes)
     AND pg_try_advisory_xact_lock(${ROLLUP_LOCK_KEY}) THEN
    applied := insight_apply_pending_locked(max_changes);
  END IF;
  SELECT q.enqueued_at INTO pending_since FROM insight_pending q ORDER BY q.id LIMIT 1;
END;
$$;`,
    `-- For rebuilds from history: applies every queued change and holds off new ones until commit, so
-- a change is neither in the rebuilt history and still queued, nor in neither.
CREATE OR REPLACE FUNCTION insight_settle_pending() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ${ROLLUP_LOCK};
  LOCK TABLE insight_pending IN EXCLUSIVE MODE;
  PERFORM insight_apply_pending_locked(NULL);
END;
$$;`,
  ];
}
