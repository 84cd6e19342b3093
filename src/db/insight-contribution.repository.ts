import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { AnyColumn, SQL } from 'drizzle-orm';
import type { Database } from './client.ts';
import { organisations, personJourneyProgress, personRequirementStanding, personTrainingCurrency } from './schema.ts';

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

/** The value an upsert proposed for a column. */
const excluded = (column: AnyColumn): SQL => sql.raw(`excluded."${column.name}"`);

/**
 * organisation_kind is not null; the dimensions trigger sets it (with the other dimensions) before
 * the row is stored, and this value, the same fact, only satisfies the column until it does.
 */
const withKind = <R extends { organisationId: string }>(rows: readonly R[]) =>
  rows.map((r) => ({ ...r, organisationKind: sql<string>`(select ${organisations.kind} from ${organisations} where ${organisations.id} = ${r.organisationId})` }));

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
      if (rows.length === 0) return;
      await tx
        .insert(s)
        .values(withKind(rows))
        .onConflictDoUpdate({
          target: [s.organisationId, s.personId, s.frameworkId, s.frameworkVersion, s.tier, s.archetype, s.factor],
          set: { applicable: excluded(s.applicable), metSelf: excluded(s.metSelf), metVerified: excluded(s.metVerified) },
        });
    },

    async deleteStanding(rows: readonly StandingRow[], tx: Database = db): Promise<void> {
      if (rows.length === 0) return;
      const keys = rows.map((r) =>
        and(eq(s.organisationId, r.organisationId), eq(s.personId, r.personId), eq(s.frameworkId, r.frameworkId), eq(s.frameworkVersion, r.frameworkVersion), eq(s.tier, r.tier), eq(s.archetype, r.archetype), eq(s.factor, r.factor)),
      );
      await tx.delete(s).where(or(...keys));
    },

    /** Removes one organisation's standing under every other version of the framework: a finished refresh replaces them (§2.8). */
    async deleteOtherVersionsIn(organisationId: string, frameworkId: string, frameworkVersion: string, tx: Database = db): Promise<void> {
      await tx.delete(s).where(and(eq(s.organisationId, organisationId), eq(s.frameworkId, frameworkId), ne(s.frameworkVersion, frameworkVersion)));
    },

    async listTrainingCurrency(people: readonly PersonKey[], tx: Database = db): Promise<TrainingCurrencyRow[]> {
      if (people.length === 0) return [];
      return tx
        .select({ organisationId: t.organisationId, personId: t.personId, productId: t.productId, deploymentId: t.deploymentId, state: t.state, started: t.started, dueOn: t.dueOn })
        .from(t)
        .where(peopleIn(t, people));
    },

    async upsertTrainingCurrency(rows: readonly TrainingCurrencyRow[], tx: Database = db): Promise<void> {
      if (rows.length === 0) return;
      await tx
        .insert(t)
        .values(withKind(rows))
        .onConflictDoUpdate({
          target: [t.organisationId, t.personId, t.deploymentId],
          set: { productId: excluded(t.productId), state: excluded(t.state), started: excluded(t.started), dueOn: excluded(t.dueOn) },
        });
    },

    async deleteTrainingCurrency(rows: readonly TrainingCurrencyRow[], tx: Database = db): Promise<void> {
      if (rows.length === 0) return;
      await tx.delete(t).where(or(...rows.map((r) => and(eq(t.organisationId, r.organisationId), eq(t.personId, r.personId), eq(t.deploymentId, r.deploymentId)))));
    },

    async listJourneyProgress(people: readonly PersonKey[], tx: Database = db): Promise<JourneyProgressRow[]> {
      if (people.length === 0) return [];
      return tx
        .select({ organisationId: j.organisationId, personId: j.personId, frameworkId: j.frameworkId, hasJourney: j.hasJourney, started: j.started, itemsPlanned: j.itemsPlanned, itemsCompleted: j.itemsCompleted, minutesPlanned: j.minutesPlanned, minutesDone: j.minutesDone })
        .from(j)
        .where(peopleIn(j, people));
    },

    async upsertJourneyProgress(rows: readonly JourneyProgressRow[], tx: Database = db): Promise<void> {
      if (rows.length === 0) return;
      await tx
        .insert(j)
        .values(withKind(rows))
        .onConflictDoUpdate({
          target: [j.organisationId, j.personId, j.frameworkId],
          set: {
            hasJourney: excluded(j.hasJourney),
            started: excluded(j.started),
            itemsPlanned: excluded(j.itemsPlanned),
            itemsCompleted: excluded(j.itemsCompleted),
            minutesPlanned: excluded(j.minutesPlanned),
            minutesDone: excluded(j.minutesDone),
          },
        });
    },

    async deleteJourneyProgress(rows: readonly JourneyProgressRow[], tx: Database = db): Promise<void> {
      if (rows.length === 0) return;
      await tx.delete(j).where(or(...rows.map((r): SQL | undefined => and(eq(j.organisationId, r.organisationId), eq(j.personId, r.personId), eq(j.frameworkId, r.frameworkId)))));
    },
  };
}

export type InsightContributionRepository = ReturnType<typeof createInsightContributionRepository>;
