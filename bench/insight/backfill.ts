/**
 * After the COPY: the work the row triggers would have done, once for everyone (docs/scale.md §6).
 * Each phase is timed. Current levels use 0030's backfill (DISTINCT ON over history, then verified
 * levels over confirmed/adjusted decisions), taking the dimensions from insight_person_dims as
 * 0035's fill trigger would; the rollups and trends use the hub's own rebuild functions, after the
 * TypeScript contributions (written with the rollup triggers off, as the demo's load does).
 */
import pg from 'pg';

export type Phase = [label: string, seconds: number];

/** Runs `step` and records how long it took under `label`. */
export async function timed<T>(phases: Phase[], label: string, step: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await step();
  const seconds = (performance.now() - start) / 1000;
  phases.push([label, seconds]);
  console.log(`  ${label}: ${seconds.toFixed(1)} s`);
  return result;
}

const CURRENT_SELF = `
insert into current_topic_levels (organisation_id, person_id, framework_id, topic_id, self_level, self_rating_id, self_rated_at, framework_version,
    archetypes, professional_group, setting, clinical_decision_making, organisation_kind, counted, synthetic)
  select d.organisation_id, l.person_id, l.framework_id, l.topic_id, l.level, l.id, l.rated_at, l.framework_version,
         d.archetypes, d.professional_group, d.setting, d.clinical_decision_making, d.organisation_kind, d.counted, d.synthetic
    from (select distinct on (t.person_id, t.framework_id, t.topic_id) t.*
            from topic_ratings t
           order by t.person_id, t.framework_id, t.topic_id, t.rated_at desc, t.id desc) l
    join insight_person_dims d on d.organisation_id = l.organisation_id and d.person_id = l.person_id`;

const CURRENT_VERIFIED = `
insert into current_topic_levels as c (organisation_id, person_id, framework_id, topic_id, verified_level, verified_decision_id, verified_at,
    archetypes, professional_group, setting, clinical_decision_making, organisation_kind, counted, synthetic)
  select d.organisation_id, l.learner_id, l.framework_id, l.topic_id, l.level, l.id, l.decided_at,
         d.archetypes, d.professional_group, d.setting, d.clinical_decision_making, d.organisation_kind, d.counted, d.synthetic
    from (select distinct on (r.learner_id, r.framework_id, r.topic_id) r.organisation_id, r.learner_id, r.framework_id, r.topic_id, v.level, v.id, v.decided_at
            from verification_decisions v
            join verification_requests r on r.id = v.request_id and r.organisation_id = v.organisation_id
           where v.outcome in ('confirmed', 'adjusted')
           order by r.learner_id, r.framework_id, r.topic_id, v.decided_at desc, v.id desc) l
    join insight_person_dims d on d.organisation_id = l.organisation_id and d.person_id = l.learner_id
on conflict (organisation_id, person_id, framework_id, topic_id) do update
  set verified_level = excluded.verified_level, verified_decision_id = excluded.verified_decision_id, verified_at = excluded.verified_at`;

/**
 * The SQL phases before the TypeScript contributions, on one connection: statistics, dimensions
 * and current levels from history.
 */
export async function backfillCurrentLevels(url: string, phases: Phase[]): Promise<void> {
  await withBulkClient(url, async (client) => {
    await timed(phases, 'analyze after copy', () => client.query('analyze'));
    await timed(phases, 'insight_person_dims (insight_sync_person_dims)', () => client.query('select insight_sync_person_dims(array(select id from people))'));
    // Replica role for the two bulk inserts only: the per-row fill and view-stamp triggers and the
    // rollup triggers would redo what these statements and the recount do once.
    await client.query('set session_replication_role = replica');
    await timed(phases, 'current_topic_levels: self levels from history', () => client.query(CURRENT_SELF));
    await timed(phases, 'current_topic_levels: verified levels', () => client.query(CURRENT_VERIFIED));
    await client.query('set session_replication_role = origin');
    await timed(phases, 'analyze current_topic_levels', () => client.query('analyze current_topic_levels, insight_person_dims'));
  });
}

/** After the contributions: every rollup recounted once, and the trends rebuilt from history. */
export async function backfillRollups(url: string, phases: Phase[], options: { topicLevelMonths: boolean }): Promise<void> {
  await withBulkClient(url, async (client) => {
    await timed(phases, 'insight_rebuild_rollups()', () => client.query('select insight_rebuild_rollups()'));
    if (options.topicLevelMonths) await timed(phases, 'insight_rebuild_topic_level_months()', () => client.query('select insight_rebuild_topic_level_months()'));
    else console.log('  insight_rebuild_topic_level_months(): skipped (BENCH_TOPIC_MONTHS=0)');
    await timed(phases, 'insight_rebuild_people_months()', () => client.query('select insight_rebuild_people_months()'));
  });
}

async function withBulkClient(url: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`set work_mem = '512MB'`);
    await client.query(`set maintenance_work_mem = '1GB'`);
    await work(client);
  } finally {
    await client.end();
  }
}
