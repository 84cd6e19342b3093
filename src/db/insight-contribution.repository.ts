import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { AnyColumn, SQL } from 'drizzle-orm';
import type { Database } from './client.ts';
import { personJourneyProgress, personRequirementStanding, personTrainingCurrency } from './schema.ts';

/**
 * The per-person contribution rows of workforce insight (docs/scale.md §2.3–2.4): the services
 * work out each person's answer with the domain and hand it here. Writes carry only the key and
 * measure columns; a BEFORE INSERT trigger copies the person's breakdown dimensions in, and the
 * delta triggers turn every insert, update and delete into rollup changes. Callers therefore
 * write only rows that changed, so an unchanged person costs the rollups nothing.
 */

export type StandingRow = Pick<
  typeof personRequirementStanding.$inferSelect,
  'organisationId' | 'personId' | 'frameworkId' | 'frameworkVersion' | 'tier' | 'archetype' | 'factor' | 'applicable' | 'metSelf' | 'metVerified'
>;
export type TrainingCurrencyRow = Pick<typeof personTrainingCurrency.$inferSelect, 'organisationId' | 'personId' | 'productId' | 'deploymentId' | 'state' | 'started' | 'dueOn'>;
export type JourneyProgressRow = Pick<
  typeof personJourneyProgress.$inferSelect,
  'organisationId' | 'personId' | 'frameworkId' | 'hasJourney' | 'started' | 'itemsPlanned' | 'itemsCompleted' | 'minutesPlanned' | 'minutesDone'
>;

/** One column of a bulk write: its SQL name and type, and where a row keeps its value. */
interface Column<R> {
  name: string;
  type: 'uuid' | 'text' | 'integer' | 'boolean' | 'date';
  of: (row: R) => string | number | boolean;
}

/** Each column as one array parameter, unnested into rows numbered in the caller's order. */
function unnestRows<R>(columns: readonly Column<R>[], rows: readonly R[]): SQL {
  const arrays = columns.map((c) => sql`${sql.param(rows.map(c.of))}::${sql.raw(c.type)}[]`);
  const aliases = sql.raw(columns.map((c) => `"${c.name}"`).join(', '));
  return sql`unnest(${sql.join(arrays, sql`, `)}) with ordinality as u(${aliases}, n)`;
}

/**
 * One `insert … select from unnest(…) on conflict do update` for any number of rows: one parameter
 * per column rather than per value, so a bulk refresh writes thousands of rows a statement and
 * the rollup triggers (per statement) fold their delta once. Rows go in the order given (key
 * order, so concurrent writers lock alike). organisation_kind is not null; the dimensions trigger
 * sets it (with the other dimensions) before the row is stored, and the organisation's kind, the
 * same fact, only satisfies the column until it does.
 */
function upsertSql<R>(table: string, columns: readonly Column<R>[], key: readonly string[], rows: readonly R[]): SQL {
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const picked = columns.map((c) => `u."${c.name}"`).join(', ');
  const measures = columns.filter((c) => !key.includes(c.name)).map((c) => `"${c.name}" = excluded."${c.name}"`);
  return sql`insert into ${sql.raw(`"${table}"`)} (${sql.raw(names)}, organisation_kind)
    select ${sql.raw(picked)}, o.kind from ${unnestRows(columns, rows)} join organisations o on o.id = u.organisation_id order by u.n
    on conflict (${sql.raw(key.map((k) => `"${k}"`).join(', '))}) do update set ${sql.raw(measures.join(', '))}`;
}

/** One `delete … using unnest(…)` for the rows with these keys. */
function deleteSql<R>(table: string, key: readonly Column<R>[], rows: readonly R[]): SQL {
  const match = key.map((c) => `t."${c.name}" = u."${c.name}"`).join(' and ');
  return sql`delete from ${sql.raw(`"${table}"`)} t using ${unnestRows(key, rows)} where ${sql.raw(match)}`;
}

const column = <R>(name: string, type: Column<R>['type'], of: Column<R>['of']): Column<R> => ({ name, type, of });

const STANDING_KEY: Column<StandingRow>[] = [
  column('organisation_id', 'uuid', (r) => r.organisationId),
  column('person_id', 'uuid', (r) => r.personId),
  column('framework_id', 'text', (r) => r.frameworkId),
  column('framework_version', 'text', (r) => r.frameworkVersion),
  column('tier', 'text', (r) => r.tier),
  column('archetype', 'text', (r) => r.archetype),
  column('factor', 'text', (r) => r.factor),
];
const STANDING: Column<StandingRow>[] = [
  ...STANDING_KEY,
  column('applicable', 'integer', (r) => r.applicable),
  column('met_self', 'integer', (r) => r.metSelf),
  column('met_verified', 'integer', (r) => r.metVerified),
];

const TRAINING_KEY: Column<TrainingCurrencyRow>[] = [
  column('organisation_id', 'uuid', (r) => r.organisationId),
  column('person_id', 'uuid', (r) => r.personId),
  column('deployment_id', 'uuid', (r) => r.deploymentId),
];
const TRAINING: Column<TrainingCurrencyRow>[] = [
  ...TRAINING_KEY,
  column('product_id', 'uuid', (r) => r.productId),
  column('state', 'text', (r) => r.state),
  column('started', 'boolean', (r) => r.started),
  column('due_on', 'date', (r) => r.dueOn),
];

const JOURNEY_KEY: Column<JourneyProgressRow>[] = [
  column('organisation_id', 'uuid', (r) => r.organisationId),
  column('person_id', 'uuid', (r) => r.personId),
  column('framework_id', 'text', (r) => r.frameworkId),
];
const JOURNEY: Column<JourneyProgressRow>[] = [
  ...JOURNEY_KEY,
  column('has_journey', 'integer', (r) => r.hasJourney),
  column('started', 'integer', (r) => r.started),
  column('items_planned', 'integer', (r) => r.itemsPlanned),
  column('items_completed', 'integer', (r) => r.itemsCompleted),
  column('minutes_planned', 'integer', (r) => r.minutesPlanned),
  column('minutes_done', 'integer', (r) => r.minutesDone),
];

const names = <R>(columns: readonly Column<R>[]) => columns.map((c) => c.name);

/** A person as the contribution tables are keyed: organisation first. */
export type PersonKey = { organisationId: string; personId: string };

/**
 * The primary keys lead with organisation_id (the Citus distribution key, §4), and no other index
 * exists, so a read by person must name their organisations too to use the key.
 */
const peopleIn = (table: { organisationId: AnyColumn; personId: AnyColumn }, people: readonly PersonKey[]) =>
  and(inArray(table.organisationId, [...new Set(people.map((p) => p.organisationId))]), inArray(table.personId, people.map((p) => p.personId)));

const s = personRequirementStanding;
const t = personTrainingCurrency;
const j = personJourneyProgress;

export function createInsightContributionRepository(db: Database) {
  return {
    /** These people's standing rows for one framework version. */
    async listStanding(people: readonly PersonKey[], frameworkId: string, frameworkVersion: string, tx: Database = db): Promise<StandingRow[]> {
      if (people.length === 0) return [];
      return tx
        .select({ organisationId: s.organisationId, personId: s.personId, frameworkId: s.frameworkId, frameworkVersion: s.frameworkVersion, tier: s.tier, archetype: s.archetype, factor: s.factor, applicable: s.applicable, metSelf: s.metSelf, metVerified: s.metVerified })
        .from(s)
        .where(and(peopleIn(s, people), eq(s.frameworkId, frameworkId), eq(s.frameworkVersion, frameworkVersion)));
    },

    async upsertStanding(rows: readonly StandingRow[], tx: Database = db): Promise<void> {
      if (rows.length > 0) await tx.execute(upsertSql('person_requirement_standing', STANDING, names(STANDING_KEY), rows));
    },

    async deleteStanding(rows: readonly StandingRow[], tx: Database = db): Promise<void> {
      if (rows.length > 0) await tx.execute(deleteSql('person_requirement_standing', STANDING_KEY, rows));
    },

    /** Removes these organisations' standing under every other version of the framework: a finished refresh replaces them (§2.8). */
    async deleteOtherVersionsIn(organisationIds: readonly string[], frameworkId: string, frameworkVersion: string, tx: Database = db): Promise<void> {
      if (organisationIds.length === 0) return;
      await tx.delete(s).where(and(inArray(s.organisationId, [...organisationIds]), eq(s.frameworkId, frameworkId), ne(s.frameworkVersion, frameworkVersion)));
    },

    async listTrainingCurrency(people: readonly PersonKey[], tx: Database = db): Promise<TrainingCurrencyRow[]> {
      if (people.length === 0) return [];
      return tx
        .select({ organisationId: t.organisationId, personId: t.personId, productId: t.productId, deploymentId: t.deploymentId, state: t.state, started: t.started, dueOn: t.dueOn })
        .from(t)
        .where(peopleIn(t, people));
    },

    async upsertTrainingCurrency(rows: readonly TrainingCurrencyRow[], tx: Database = db): Promise<void> {
      if (rows.length > 0) await tx.execute(upsertSql('person_training_currency', TRAINING, names(TRAINING_KEY), rows));
    },

    async deleteTrainingCurrency(rows: readonly TrainingCurrencyRow[], tx: Database = db): Promise<void> {
      if (rows.length > 0) await tx.execute(deleteSql('person_training_currency', TRAINING_KEY, rows));
    },

    async listJourneyProgress(people: readonly PersonKey[], tx: Database = db): Promise<JourneyProgressRow[]> {
      if (people.length === 0) return [];
      return tx
        .select({ organisationId: j.organisationId, personId: j.personId, frameworkId: j.frameworkId, hasJourney: j.hasJourney, started: j.started, itemsPlanned: j.itemsPlanned, itemsCompleted: j.itemsCompleted, minutesPlanned: j.minutesPlanned, minutesDone: j.minutesDone })
        .from(j)
        .where(peopleIn(j, people));
    },

    async upsertJourneyProgress(rows: readonly JourneyProgressRow[], tx: Database = db): Promise<void> {
      if (rows.length > 0) await tx.execute(upsertSql('person_journey_progress', JOURNEY, names(JOURNEY_KEY), rows));
    },

    async deleteJourneyProgress(rows: readonly JourneyProgressRow[], tx: Database = db): Promise<void> {
      if (rows.length > 0) await tx.execute(deleteSql('person_journey_progress', JOURNEY_KEY, rows));
    },
  };
}

export type InsightContributionRepository = ReturnType<typeof createInsightContributionRepository>;
