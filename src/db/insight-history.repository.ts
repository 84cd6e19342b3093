import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { insightPersonDims, people } from './schema.ts';
import { rollupSpec } from './insight/rollup-specs.ts';
import { BULK, deltasCte, folded, keyColumns, reconcileMonthlySql } from './insight/rollup-triggers.ts';

/**
 * Rebuilding insight_requirements_monthly from history (docs/scale.md §2.7, §2.10): the service
 * works out each person's standing cells month end by month end and stages the changes here; one
 * statement then expands them per breakdown and ancestor with the same generated SQL the rollup
 * triggers use, so a rebuilt trend and a trigger-kept one cannot count differently.
 */

/** One person's change to one standing cell over one UK month: −cells at the previous month end, +cells at this one. */
export interface StandingStep {
  sign: 1 | -1;
  /** First day of the UK month the change falls in. */
  month: string;
  personId: string;
  frameworkId: string;
  frameworkVersion: string;
  tier: string;
  archetype: string;
  factor: string;
  applicable: number;
  metSelf: number;
  metVerified: number;
}

export interface CountedPerson {
  personId: string;
  /** When their account was created: they count from that UK month, as in insight_rebuild_people_months. */
  createdAt: Date;
}

const STAGING = 'insight_requirement_steps';
const STEP_COLUMNS = `sign int, month date, person_id uuid, framework_id text, framework_version text, tier text, archetype text, factor text,
  applicable int, met_self int, met_verified int`;

/** The staged steps on each person's current dimensions (insight_person_dims), shaped as a contribution row. */
const STAGED_ROWS = `SELECT s.sign, s.month, d.organisation_id, s.framework_id, s.framework_version, s.tier, s.archetype, s.factor,
           s.applicable, s.met_self, s.met_verified,
           d.archetypes, d.professional_group, d.setting, d.clinical_decision_making, d.organisation_kind, d.counted, d.synthetic
      FROM ${STAGING} s JOIN insight_person_dims d ON d.person_id = s.person_id
     WHERE d.counted`;

function replaceMonthlySql(): string {
  const spec = rollupSpec('insight_requirements');
  const keys = keyColumns(spec, true);
  return `WITH ${deltasCte(spec, folded(spec, STAGED_ROWS, true), true)}
  INSERT INTO ${spec.rollup}_monthly (${[...keys, ...spec.counts].join(', ')})
  SELECT ${[...keys, ...spec.counts].join(', ')} FROM deltas ORDER BY ${keys.join(', ')}`;
}

const toRecord = (s: StandingStep) => ({
  sign: s.sign, month: s.month, person_id: s.personId, framework_id: s.frameworkId, framework_version: s.frameworkVersion,
  tier: s.tier, archetype: s.archetype, factor: s.factor, applicable: s.applicable, met_self: s.metSelf, met_verified: s.metVerified,
});

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

    /** A staging table for the steps, dropped when the caller's transaction ends. */
    async startStaging(tx: Database): Promise<void> {
      await tx.execute(sql.raw(`CREATE TEMP TABLE ${STAGING} (${STEP_COLUMNS}) ON COMMIT DROP`));
    },

    /** One round trip per slice of people: the steps travel as one JSON parameter. */
    async stageSteps(steps: readonly StandingStep[], tx: Database): Promise<void> {
      if (steps.length === 0) return;
      await tx.execute(sql`INSERT INTO ${sql.raw(STAGING)} SELECT * FROM jsonb_to_recordset(${JSON.stringify(steps.map(toRecord))}::jsonb) AS x(${sql.raw(STEP_COLUMNS)})`);
    },

    /**
     * Replaces the monthly twin with the staged steps, then adds to this month whatever still
     * separates it from insight_requirements (a change since the standing rows were last written),
     * so the twin sums to the rollup as the trend reader assumes.
     */
    async replaceRequirementMonths(tx: Database): Promise<void> {
      await tx.execute(sql.raw(`SELECT insight_settle_pending()`));
      for (const setting of BULK.replace(/^SET /, '').split(' SET ')) await tx.execute(sql.raw(`SET LOCAL ${setting}`));
      await tx.execute(sql.raw('DELETE FROM insight_requirements_monthly'));
      await tx.execute(sql.raw(replaceMonthlySql()));
      await tx.execute(sql.raw(reconcileMonthlySql(rollupSpec('insight_requirements'))));
    },
  };
}

export type InsightHistoryRepository = ReturnType<typeof createInsightHistoryRepository>;
