import { asc, eq, sql } from 'drizzle-orm';
import type { StandingCell } from '../domain/insight/contributions.ts';
import type { Database } from './client.ts';
import { insightPersonDims, people } from './schema.ts';
import { createHistoryFactReads } from './insight-history-facts.ts';
import { rollupSpec } from './insight/rollup-specs.ts';
import { BULK, deltasCte, folded, keyColumns, reconcileMonthlySql } from './insight/rollup-triggers.ts';

/**
 * Rebuilding the monthly twins of insight_requirements, insight_training and insight_journeys from
 * history (docs/scale.md §2.7, §2.10): the services work out each person's contribution rows month
 * end by month end and stage the changes here; one statement then expands them per breakdown and
 * ancestor with the same generated SQL the rollup triggers use, so a rebuilt trend and a
 * trigger-kept one cannot count differently.
 */

/** One person's change to one standing cell over one UK month: −cells at the previous month end, +cells at this one. */
export interface StandingStep extends StandingCell {
  sign: 1 | -1;
  /** First day of the UK month the change falls in. */
  month: string;
  personId: string;
  frameworkId: string;
  frameworkVersion: string;
}

/** One person's change to one training contribution row (person_training_currency) over one UK month. */
export interface TrainingStep {
  sign: 1 | -1;
  month: string;
  personId: string;
  productId: string;
  deploymentId: string;
  state: 'current' | 'owed' | 'not-required';
  started: boolean;
  dueOn: string;
}

/** One person's change to their journey progress row (person_journey_progress) over one UK month. */
export interface JourneyStep {
  sign: 1 | -1;
  month: string;
  personId: string;
  frameworkId: string;
  hasJourney: number;
  started: number;
  itemsPlanned: number;
  itemsCompleted: number;
  minutesPlanned: number;
  minutesDone: number;
}

export interface CountedPerson {
  personId: string;
  /** When their account was created: they count from that UK month, as in insight_rebuild_people_months. */
  createdAt: Date;
}

/** A kind of contribution rebuilt from history: its rollup, its staging table, and the contribution columns a step carries. */
interface StagedKind {
  rollup: string;
  staging: string;
  /** Contribution columns after (sign, month, person_id), with their SQL types. */
  columns: ReadonlyArray<readonly [string, string]>;
}

const REQUIREMENTS: StagedKind = {
  rollup: 'insight_requirements',
  staging: 'insight_requirement_steps',
  columns: [['framework_id', 'text'], ['framework_version', 'text'], ['tier', 'text'], ['archetype', 'text'], ['factor', 'text'], ['applicable', 'int'], ['met_self', 'int'], ['met_verified', 'int']],
};

const TRAINING: StagedKind = {
  rollup: 'insight_training',
  staging: 'insight_training_steps',
  columns: [['product_id', 'uuid'], ['deployment_id', 'uuid'], ['state', 'text'], ['started', 'boolean'], ['due_on', 'date']],
};

const JOURNEYS: StagedKind = {
  rollup: 'insight_journeys',
  staging: 'insight_journey_steps',
  columns: [['framework_id', 'text'], ['has_journey', 'int'], ['started', 'int'], ['items_planned', 'int'], ['items_completed', 'int'], ['minutes_planned', 'int'], ['minutes_done', 'int']],
};

const stepColumns = (kind: StagedKind) => ['sign int', 'month date', 'person_id uuid', ...kind.columns.map(([c, t]) => `${c} ${t}`)].join(', ');

/** The staged steps on each person's current dimensions (insight_person_dims), shaped as a contribution row. */
const stagedRows = (kind: StagedKind) => `SELECT s.sign, s.month, d.organisation_id, ${kind.columns.map(([c]) => `s.${c}`).join(', ')},
           d.archetypes, d.professional_group, d.setting, d.clinical_decision_making, d.organisation_kind, d.counted, d.synthetic
      FROM ${kind.staging} s JOIN insight_person_dims d ON d.person_id = s.person_id
     WHERE d.counted`;

function replaceMonthlySql(kind: StagedKind): string {
  const spec = rollupSpec(kind.rollup);
  const keys = keyColumns(spec, true);
  return `WITH ${deltasCte(spec, folded(spec, stagedRows(kind), true), true)}
  INSERT INTO ${spec.rollup}_monthly (${[...keys, ...spec.counts].join(', ')})
  SELECT ${[...keys, ...spec.counts].join(', ')} FROM deltas ORDER BY ${keys.join(', ')}`;
}

const toRecord = (s: StandingStep) => ({
  sign: s.sign, month: s.month, person_id: s.personId, framework_id: s.frameworkId, framework_version: s.frameworkVersion,
  tier: s.tier, archetype: s.archetype, factor: s.factor, applicable: s.applicable, met_self: s.metSelf, met_verified: s.metVerified,
});

/** A staging table for one kind's steps, dropped when the caller's transaction ends. */
async function startStagingOf(kind: StagedKind, tx: Database): Promise<void> {
  await tx.execute(sql.raw(`CREATE TEMP TABLE ${kind.staging} (${stepColumns(kind)}) ON COMMIT DROP`));
}

/** One round trip per slice of people: the steps travel as one JSON parameter of snake_case records. */
async function stageRecords(kind: StagedKind, records: ReadonlyArray<Record<string, unknown>>, tx: Database): Promise<void> {
  if (records.length === 0) return;
  await tx.execute(sql`INSERT INTO ${sql.raw(kind.staging)} SELECT * FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS x(${sql.raw(stepColumns(kind))})`);
}

/**
 * Replaces a monthly twin with the staged steps, then adds to this month whatever still separates
 * it from its rollup (a change since the contribution rows were last written), so the twin sums to
 * the rollup as the trend reader assumes.
 */
async function replaceMonthsOf(kind: StagedKind, tx: Database): Promise<void> {
  // Queued changes are applied first (under the rollup lock), so the rollup reconciled to is current.
  await tx.execute(sql.raw(`SELECT insight_settle_pending()`));
  for (const setting of BULK.replace(/^SET /, '').split(' SET ')) await tx.execute(sql.raw(`SET LOCAL ${setting}`));
  await tx.execute(sql.raw(`DELETE FROM ${kind.rollup}_monthly`));
  await tx.execute(sql.raw(replaceMonthlySql(kind)));
  await tx.execute(sql.raw(reconcileMonthlySql(rollupSpec(kind.rollup))));
}

export function createInsightHistoryRepository(db: Database) {
  return {
    /** Everyone the rollups count (active, with a profile), in a fixed order. */
    async listCountedPeople(tx: Database = db): Promise<CountedPerson[]> {
      return tx
        .select({ personId: insightPersonDims.personId, createdAt: people.createdAt })
        .from(insightPersonDims)
        .innerJoin(people, eq(people.id, insightPersonDims.personId))
        .where(eq(insightPersonDims.counted, true))
        .orderBy(asc(insightPersonDims.personId));
    },

    /** A staging table for the requirement steps, dropped when the caller's transaction ends. */
    startStaging: (tx: Database) => startStagingOf(REQUIREMENTS, tx),
    async stageSteps(steps: readonly StandingStep[], tx: Database): Promise<void> {
      await stageRecords(REQUIREMENTS, steps.map(toRecord), tx);
    },
    /** Replaces insight_requirements_monthly with the staged steps, reconciled to insight_requirements. */
    replaceRequirementMonths: (tx: Database) => replaceMonthsOf(REQUIREMENTS, tx),

    startTrainingStaging: (tx: Database) => startStagingOf(TRAINING, tx),
    async stageTrainingSteps(steps: readonly TrainingStep[], tx: Database): Promise<void> {
      await stageRecords(TRAINING, steps.map((s) => ({ sign: s.sign, month: s.month, person_id: s.personId, product_id: s.productId, deployment_id: s.deploymentId, state: s.state, started: s.started, due_on: s.dueOn })), tx);
    },
    /** Replaces insight_training_monthly with the staged steps, reconciled to insight_training. */
    replaceTrainingMonths: (tx: Database) => replaceMonthsOf(TRAINING, tx),

    startJourneyStaging: (tx: Database) => startStagingOf(JOURNEYS, tx),
    async stageJourneySteps(steps: readonly JourneyStep[], tx: Database): Promise<void> {
      const records = steps.map((s) => ({
        sign: s.sign, month: s.month, person_id: s.personId, framework_id: s.frameworkId, has_journey: s.hasJourney, started: s.started,
        items_planned: s.itemsPlanned, items_completed: s.itemsCompleted, minutes_planned: s.minutesPlanned, minutes_done: s.minutesDone,
      }));
      await stageRecords(JOURNEYS, records, tx);
    },
    /** Replaces insight_journeys_monthly with the staged steps, reconciled to insight_journeys. */
    replaceJourneyMonths: (tx: Database) => replaceMonthsOf(JOURNEYS, tx),

    ...createHistoryFactReads(db),
  };
}

export type InsightHistoryRepository = ReturnType<typeof createInsightHistoryRepository>;
