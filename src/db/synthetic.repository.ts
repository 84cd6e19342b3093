import { and, desc, eq, inArray, like, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Database } from './client.ts';
import type { KnowledgeCheck } from '../domain/products/knowledge-check.ts';
import { aiDeployments, learningResources, people, productModuleRevisions, productModules } from './schema.ts';

/**
 * Bulk writes for the synthetic workforce (issue 14 §4): the rows the services write one at a time,
 * many thousand a statement. Each column goes as one array parameter to `insert … select from
 * unnest(…)`: on PGlite that is ten times faster than a multi-row VALUES list, whose tens of
 * thousands of parameters cost more to bind than the rows do to store. Ids are made by the caller,
 * so rows refer to each other without reading anything back.
 */
/** A text[] column takes a string array, a jsonb column any JSON value, a timestamptz a Date. */
export type Value = string | number | boolean | null | Date | readonly string[] | { readonly [key: string]: unknown };
interface Column {
  name: string;
  type: string;
}
export interface ColumnRows {
  columns: readonly Column[];
  rows: Value[][];
}

const col = (name: string, type: string): Column => ({ name, type });
const TEXTS = 'text[]';

/** The tables the loader writes and their columns, in the order the loader gives values. */
export const SYNTHETIC_COLUMNS = {
  people: [col('id', 'uuid'), col('organisation_id', 'uuid'), col('email', 'text'), col('display_name', 'text'), col('job_title', 'text'), col('roles', TEXTS), col('synthetic', 'boolean'), col('created_at', 'timestamptz')],
  profiles: [col('person_id', 'uuid'), col('organisation_id', 'uuid'), col('archetypes', TEXTS), col('professional_group', 'text'), col('setting', 'text'), col('clinical_decision_making', 'boolean'), col('updated_at', 'timestamptz')],
  supervisions: [col('organisation_id', 'uuid'), col('supervisor_id', 'uuid'), col('learner_id', 'uuid'), col('assigned_by', 'uuid'), col('assigned_at', 'timestamptz')],
  topic_ratings: [col('id', 'uuid'), col('organisation_id', 'uuid'), col('person_id', 'uuid'), col('framework_id', 'text'), col('framework_version', 'text'), col('topic_id', 'text'), col('level', 'text'), col('rated_at', 'timestamptz')],
  verification_requests: [col('id', 'uuid'), col('organisation_id', 'uuid'), col('learner_id', 'uuid'), col('supervisor_id', 'uuid'), col('framework_id', 'text'), col('topic_id', 'text'), col('rating_id', 'uuid'), col('rating_rated_at', 'timestamptz'), col('requested_at', 'timestamptz')],
  verification_decisions: [col('organisation_id', 'uuid'), col('request_id', 'uuid'), col('decided_by', 'uuid'), col('outcome', 'text'), col('level', 'text'), col('comment', 'text'), col('decided_at', 'timestamptz')],
  ai_deployment_users: [col('organisation_id', 'uuid'), col('deployment_id', 'uuid'), col('person_id', 'uuid'), col('source', 'text'), col('linked_by', 'uuid'), col('linked_at', 'timestamptz'), col('due_by', 'timestamptz')],
  module_attempts: [col('organisation_id', 'uuid'), col('person_id', 'uuid'), col('module_id', 'uuid'), col('product_version_id', 'uuid'), col('revision_id', 'uuid'), col('answers', 'jsonb'), col('correct', 'integer'), col('total', 'integer'), col('passed', 'boolean'), col('attempted_at', 'timestamptz')],
  journeys: [col('id', 'uuid'), col('organisation_id', 'uuid'), col('person_id', 'uuid'), col('framework_id', 'text'), col('framework_version', 'text'), col('status', 'text'), col('settings', 'jsonb'), col('planner', 'jsonb'), col('created_at', 'timestamptz')],
  journey_items: [col('organisation_id', 'uuid'), col('journey_id', 'uuid'), col('resource_id', 'uuid'), col('position', 'integer'), col('closes', 'jsonb'), col('status', 'text'), col('added_because', 'text'), col('created_at', 'timestamptz'), col('started_at', 'timestamptz'), col('completed_at', 'timestamptz')],
} as const satisfies Record<string, readonly Column[]>;

export type SyntheticTable = keyof typeof SYNTHETIC_COLUMNS;

/** The module and revision a pass of a deployment's live version is recorded against, with its knowledge check. */
export interface SyntheticTraining {
  moduleId: string;
  productVersionId: string;
  revisionId: string;
  check: KnowledgeCheck;
}

export interface SyntheticDeployment {
  id: string;
  organisationId: string;
  training: SyntheticTraining | null;
}
/** Parents before children, so every reference resolves. */
export const SYNTHETIC_TABLES = Object.keys(SYNTHETIC_COLUMNS) as SyntheticTable[];
export type SyntheticRows = Record<SyntheticTable, Value[][]>;

/**
 * Triggers off for a bulk load's transaction only (the ALTER is part of it, so a failed load leaves
 * them on). The per-row view-stamp triggers (migration 0008) of the history tables would cost more
 * than the rows: `bumpViews` stamps each person once instead. The topic-level rollup triggers would
 * fold a delta per statement into every ancestor's rollup and monthly twin: `rebuildInsightRollups`
 * recounts them once instead, and dates the trends by the ratings' own months. So do the contribution
 * tables' rollup triggers, for the contributions a load refreshes before that recount (a third of a
 * demo load's time went on their per-statement deltas).
 */
const BULK_LOAD_TRIGGERS = [
  ['topic_ratings', 'topic_ratings_person_view'],
  ['current_topic_levels', 'current_topic_levels_person_view'],
  ['current_topic_levels', 'current_topic_levels_rollup_insert'],
  ['current_topic_levels', 'current_topic_levels_rollup_update'],
  ['verification_requests', 'verification_requests_person_view'],
  ['verification_decisions', 'verification_decisions_person_view'],
  ['module_attempts', 'module_attempts_person_view'],
  ['journey_items', 'journey_items_person_view'],
  ...['person_requirement_standing', 'person_training_currency', 'person_journey_progress'].flatMap((table) =>
    ['insert', 'update', 'delete'].map((event) => [table, `${table}_rollup_${event}`] as const),
  ),
] as const;

/** A text[] column goes as a text of array literals, since unnest would flatten a two-level array. */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

function toParameter(column: Column, value: Value): string | number | boolean | null {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  if (column.type === TEXTS && Array.isArray(value)) return arrayLiteral(value as readonly string[]);
  return JSON.stringify(value);
}

function unnestInsert(table: SyntheticTable, rows: readonly Value[][]): SQL {
  const columns = SYNTHETIC_COLUMNS[table];
  const names = sql.raw(columns.map((c) => `"${c.name}"`).join(', '));
  const arrays = columns.map((c, i) => {
    const values = rows.map((r) => toParameter(c, r[i] ?? null));
    const type = c.type === TEXTS || c.type === 'jsonb' ? 'text' : c.type;
    return sql`${sql.param(values)}::${sql.raw(type)}[]`;
  });
  const casts = sql.raw(columns.map((c, i) => (c.type === TEXTS ? `c${i}::text[]` : c.type === 'jsonb' ? `c${i}::jsonb` : `c${i}`)).join(', '));
  const aliases = sql.raw(columns.map((_, i) => `c${i}`).join(', '));
  return sql`insert into ${sql.raw(`"${table}"`)} (${names}) select ${casts} from unnest(${sql.join(arrays, sql`, `)}) as u(${aliases})`;
}

export function createSyntheticRepository(db: Database) {
  return {
    /** Writes one batch of rows, table by table, parents first. */
    async insertBatch(rows: SyntheticRows, tx: Database = db): Promise<void> {
      for (const table of SYNTHETIC_TABLES) if (rows[table].length > 0) await tx.execute(unnestInsert(table, rows[table]));
    },

    async setBulkLoadTriggers(enabled: boolean, tx: Database = db): Promise<void> {
      for (const [table, trigger] of BULK_LOAD_TRIGGERS) await tx.execute(sql.raw(`alter table "${table}" ${enabled ? 'enable' : 'disable'} trigger "${trigger}"`));
    },

    /** One stamp bump per person, for the rows written while the row triggers were off. */
    async bumpViews(personIds: readonly string[], tx: Database = db): Promise<void> {
      if (personIds.length === 0) return;
      await tx.execute(sql`select bump_person_view(p) from unnest(${sql.param([...personIds])}::uuid[]) as p`);
    },

    /** Recounts the insight rollups from the contribution rows, and their monthly twins from history (migration insight_rollups). */
    async rebuildInsightRollups(tx: Database = db): Promise<void> {
      await tx.execute(sql`select insight_rebuild_rollups()`);
      await tx.execute(sql`select insight_rebuild_topic_level_months()`);
      await tx.execute(sql`select insight_rebuild_people_months()`);
    },

    /** How many synthetic people have an address on `domain`: the demo loads its workforce once. */
    async countSyntheticPeople(domain: string, tx: Database = db): Promise<number> {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(people)
        .where(and(eq(people.synthetic, true), like(people.email, `%@${domain}`)));
      return row?.n ?? 0;
    },

    /**
     * Deployments in use (not withdrawn) in these organisations, for linking synthetic users, each
     * with the training a pass of it takes: the published module of its live version and that
     * module's latest revision (null when it has no live version or no such module).
     */
    async listDeploymentsIn(organisationIds: readonly string[], tx: Database = db): Promise<SyntheticDeployment[]> {
      if (organisationIds.length === 0) return [];
      const deployments = await tx
        .select({ id: aiDeployments.id, organisationId: aiDeployments.organisationId, liveVersionId: aiDeployments.liveVersionId })
        .from(aiDeployments)
        .where(and(inArray(aiDeployments.organisationId, [...organisationIds]), sql`${aiDeployments.withdrawnAt} is null`))
        .orderBy(aiDeployments.createdAt, aiDeployments.id);
      const versionIds = [...new Set(deployments.flatMap((d) => (d.liveVersionId ? [d.liveVersionId] : [])))];
      const modules = versionIds.length === 0 ? [] : await tx
        .selectDistinctOn([productModuleRevisions.moduleId], { moduleId: productModules.id, productVersionId: productModules.productVersionId, revisionId: productModuleRevisions.id, check: productModuleRevisions.knowledgeCheck })
        .from(productModules)
        .innerJoin(productModuleRevisions, eq(productModuleRevisions.moduleId, productModules.id))
        .where(and(inArray(productModules.productVersionId, versionIds), eq(productModules.status, 'published')))
        .orderBy(productModuleRevisions.moduleId, desc(productModuleRevisions.number));
      const byVersion = new Map(modules.map((m) => [m.productVersionId, { ...m, check: m.check as KnowledgeCheck }]));
      return deployments.map((d) => ({ id: d.id, organisationId: d.organisationId, training: (d.liveVersionId && byVersion.get(d.liveVersionId)) || null }));
    },

    /** Published resources of a framework with their minutes, for synthetic journeys' items. */
    async listPublishedResources(frameworkId: string, tx: Database = db): Promise<Array<{ id: string; durationMinutes: number }>> {
      return tx
        .select({ id: learningResources.id, durationMinutes: learningResources.durationMinutes })
        .from(learningResources)
        .where(and(eq(learningResources.frameworkId, frameworkId), eq(learningResources.status, 'published')))
        .orderBy(learningResources.title, learningResources.id);
    },
  };
}

export type SyntheticRepository = ReturnType<typeof createSyntheticRepository>;
