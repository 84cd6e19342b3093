import { and, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Database } from './client.ts';
import {
  aiDeployments,
  aiProducts,
  insightJourneys,
  insightJourneysMonthly,
  insightPeople,
  insightPeopleMonthly,
  insightRequirements,
  insightRequirementsMonthly,
  insightTopicLevels,
  insightTopicLevelsMonthly,
  insightTraining,
  insightTrainingMonthly,
  organisations,
} from './schema.ts';

/** The breakdowns every rollup is kept by (docs/scale.md §2.3); 'all' has the one value '*'. */
export const INSIGHT_DIMENSIONS = ['all', 'archetype', 'professional_group', 'setting', 'clinical', 'organisation_kind'] as const;
export type InsightDimension = (typeof INSIGHT_DIMENSIONS)[number];

/**
 * What a read asks for: the organisations whose subtrees are counted (one for a view, several for
 * its children or peers), one breakdown, and whether generated people count.
 */
export interface RollupQuery {
  organisationIds: readonly string[];
  dimension: InsightDimension;
  includeSynthetic: boolean;
}
/** Monthly reads stop at the month being shown, so an opening balance is part of the first. */
export interface MonthlyQuery extends RollupQuery {
  upToMonth: string;
}

export interface PeopleRow { organisationId: string; value: string; people: number }
export interface RequirementRow { organisationId: string; value: string; frameworkVersion: string; tier: string; archetype: string; factor: string; people: number; applicable: number; metSelf: number; metVerified: number }
export interface TopicLevelRow { organisationId: string; value: string; topicId: string; level: string; people: number }
export interface TrainingRow { organisationId: string; value: string; productId: string; deploymentId: string; state: string; started: boolean; dueOn: string; people: number }
export interface JourneyRow { organisationId: string; value: string; peopleWithJourney: number; journeysStarted: number; itemsPlanned: number; itemsCompleted: number; minutesPlanned: number; minutesDone: number }
export type Monthly<Row> = Row & { month: string };
/** After a drain: when the figures were read, how many changes were applied, and the oldest change still queued. */
export interface PendingState { asOf: Date; applied: number; pendingSince: Date | null }

const total = (column: PgColumn) => sql<number>`coalesce(sum(${column}), 0)::int`.mapWith(Number);

interface KeyColumns {
  organisationId: PgColumn;
  dimension: PgColumn;
  synthetic: PgColumn;
}

/** The rollup key every read filters on: exact rows of the asked-for subtrees, never people or ratings. */
function keyFilter(table: KeyColumns, q: RollupQuery, ...more: Array<SQL | undefined>): SQL | undefined {
  return and(
    inArray(table.organisationId, [...q.organisationIds]),
    eq(table.dimension, q.dimension),
    q.includeSynthetic ? undefined : eq(table.synthetic, false),
    ...more,
  );
}

/**
 * Exact reads of the workforce insight rollups (issue 14, docs/scale.md §2.9). Every figure is an
 * exact sum over the synthetic flag; only the insight service may see these numbers, and it passes
 * them through disclosure control before anything leaves the hub.
 */
export function createInsightRepository(db: Database) {
  const empty = <T>(q: RollupQuery, read: () => Promise<T[]>): Promise<T[]> => (q.organisationIds.length === 0 ? Promise.resolve([]) : read());
  const peopleCols = (t: typeof insightPeople | typeof insightPeopleMonthly) => ({ organisationId: t.organisationId, value: t.value, people: total(t.people) });
  const requirementCols = (t: typeof insightRequirements | typeof insightRequirementsMonthly) => ({
    organisationId: t.organisationId, value: t.value, frameworkVersion: t.frameworkVersion, tier: t.tier, archetype: t.archetype, factor: t.factor,
    people: total(t.people), applicable: total(t.applicable), metSelf: total(t.metSelf), metVerified: total(t.metVerified),
  });
  const topicCols = (t: typeof insightTopicLevels | typeof insightTopicLevelsMonthly) => ({ organisationId: t.organisationId, value: t.value, topicId: t.topicId, level: t.level, people: total(t.people) });
  const trainingCols = (t: typeof insightTraining | typeof insightTrainingMonthly) => ({
    organisationId: t.organisationId, value: t.value, productId: t.productId, deploymentId: t.deploymentId, state: t.state, started: t.started, dueOn: t.dueOn, people: total(t.people),
  });
  const journeyCols = (t: typeof insightJourneys | typeof insightJourneysMonthly) => ({
    organisationId: t.organisationId, value: t.value, peopleWithJourney: total(t.peopleWithJourney), journeysStarted: total(t.journeysStarted),
    itemsPlanned: total(t.itemsPlanned), itemsCompleted: total(t.itemsCompleted), minutesPlanned: total(t.minutesPlanned), minutesDone: total(t.minutesDone),
  });

  return {
    async listPeople(q: RollupQuery, tx: Database = db): Promise<PeopleRow[]> {
      const t = insightPeople;
      return empty(q, () => tx.select(peopleCols(t)).from(t).where(keyFilter(t, q)).groupBy(t.organisationId, t.value));
    },
    /** Everyone's count for several breakdowns at once: one read for an overview's breakdown tables. */
    async listPeopleByDimension(q: Omit<RollupQuery, 'dimension'> & { dimensions: readonly InsightDimension[] }, tx: Database = db): Promise<Array<PeopleRow & { dimension: string }>> {
      const t = insightPeople;
      if (q.organisationIds.length === 0 || q.dimensions.length === 0) return [];
      return tx
        .select({ ...peopleCols(t), dimension: t.dimension })
        .from(t)
        .where(and(inArray(t.organisationId, [...q.organisationIds]), inArray(t.dimension, [...q.dimensions]), q.includeSynthetic ? undefined : eq(t.synthetic, false)))
        .groupBy(t.organisationId, t.dimension, t.value);
    },
    async listPeopleMonthly(q: MonthlyQuery, tx: Database = db): Promise<Array<Monthly<PeopleRow>>> {
      const t = insightPeopleMonthly;
      return empty(q, () => tx.select({ ...peopleCols(t), month: t.month }).from(t).where(keyFilter(t, q, lte(t.month, q.upToMonth))).groupBy(t.organisationId, t.value, t.month));
    },

    async listRequirements(q: RollupQuery & { frameworkId: string }, tx: Database = db): Promise<RequirementRow[]> {
      const t = insightRequirements;
      return empty(q, () => tx.select(requirementCols(t)).from(t).where(keyFilter(t, q, eq(t.frameworkId, q.frameworkId))).groupBy(t.organisationId, t.value, t.frameworkVersion, t.tier, t.archetype, t.factor));
    },
    async listRequirementsMonthly(q: MonthlyQuery & { frameworkId: string }, tx: Database = db): Promise<Array<Monthly<RequirementRow>>> {
      const t = insightRequirementsMonthly;
      return empty(q, () =>
        tx.select({ ...requirementCols(t), month: t.month }).from(t)
          .where(keyFilter(t, q, eq(t.frameworkId, q.frameworkId), lte(t.month, q.upToMonth)))
          .groupBy(t.organisationId, t.value, t.frameworkVersion, t.tier, t.archetype, t.factor, t.month),
      );
    },

    async listTopicLevels(q: RollupQuery & { frameworkId: string; basis: 'self' | 'verified' }, tx: Database = db): Promise<TopicLevelRow[]> {
      const t = insightTopicLevels;
      return empty(q, () =>
        tx.select(topicCols(t)).from(t).where(keyFilter(t, q, eq(t.frameworkId, q.frameworkId), eq(t.basis, q.basis))).groupBy(t.organisationId, t.value, t.topicId, t.level),
      );
    },
    async listTopicLevelsMonthly(q: MonthlyQuery & { frameworkId: string; basis: 'self' | 'verified' }, tx: Database = db): Promise<Array<Monthly<TopicLevelRow>>> {
      const t = insightTopicLevelsMonthly;
      return empty(q, () =>
        tx.select({ ...topicCols(t), month: t.month }).from(t)
          .where(keyFilter(t, q, eq(t.frameworkId, q.frameworkId), eq(t.basis, q.basis), lte(t.month, q.upToMonth)))
          .groupBy(t.organisationId, t.value, t.topicId, t.level, t.month),
      );
    },

    /** Training rows keep their state, started flag and due date: due and overdue are told apart by the reader, against today. */
    async listTraining(q: RollupQuery, tx: Database = db): Promise<TrainingRow[]> {
      const t = insightTraining;
      return empty(q, () => tx.select(trainingCols(t)).from(t).where(keyFilter(t, q)).groupBy(t.organisationId, t.value, t.productId, t.deploymentId, t.state, t.started, t.dueOn));
    },
    async listTrainingMonthly(q: MonthlyQuery, tx: Database = db): Promise<Array<Monthly<TrainingRow>>> {
      const t = insightTrainingMonthly;
      return empty(q, () =>
        tx.select({ ...trainingCols(t), month: t.month }).from(t).where(keyFilter(t, q, lte(t.month, q.upToMonth)))
          .groupBy(t.organisationId, t.value, t.productId, t.deploymentId, t.state, t.started, t.dueOn, t.month),
      );
    },

    async listJourneys(q: RollupQuery & { frameworkId: string }, tx: Database = db): Promise<JourneyRow[]> {
      const t = insightJourneys;
      return empty(q, () => tx.select(journeyCols(t)).from(t).where(keyFilter(t, q, eq(t.frameworkId, q.frameworkId))).groupBy(t.organisationId, t.value));
    },
    async listJourneysMonthly(q: MonthlyQuery & { frameworkId: string }, tx: Database = db): Promise<Array<Monthly<JourneyRow>>> {
      const t = insightJourneysMonthly;
      return empty(q, () =>
        tx.select({ ...journeyCols(t), month: t.month }).from(t).where(keyFilter(t, q, eq(t.frameworkId, q.frameworkId), lte(t.month, q.upToMonth))).groupBy(t.organisationId, t.value, t.month),
      );
    },

    /** Whether generated people are counted in an organisation's figures, so its pages can say so. */
    async hasSyntheticPeople(organisationId: string, tx: Database = db): Promise<boolean> {
      const t = insightPeople;
      const rows = await tx.select({ people: t.people }).from(t)
        .where(and(eq(t.organisationId, organisationId), eq(t.dimension, 'all'), eq(t.synthetic, true), gt(t.people, 0))).limit(1);
      return rows.length > 0;
    },

    /** The organisations directly beneath one, by name: drill-down and peers. */
    async listChildren(parentId: string, tx: Database = db) {
      return tx.select().from(organisations).where(eq(organisations.parentId, parentId)).orderBy(organisations.name);
    },

    /** Names to show for deployments: the product and the organisation that deployed it. */
    async listDeploymentLabels(deploymentIds: readonly string[], tx: Database = db): Promise<Array<{ deploymentId: string; productId: string; productName: string; deployedBy: string }>> {
      if (deploymentIds.length === 0) return [];
      return tx
        .select({ deploymentId: aiDeployments.id, productId: aiProducts.id, productName: aiProducts.name, deployedBy: organisations.name })
        .from(aiDeployments)
        .innerJoin(aiProducts, eq(aiProducts.id, aiDeployments.productId))
        .innerJoin(organisations, eq(organisations.id, aiDeployments.organisationId))
        .where(inArray(aiDeployments.id, [...deploymentIds]));
    },

    /**
     * Applies up to `maxChanges` queued changes to the rollups (none when another drainer holds
     * them, or with `wholeQueueOnly` when more are queued), then says when the figures were read and since when changes are still queued, if any.
     * The database's clock is the `asOf` a replica's heartbeat will refine (docs/scale.md §5).
     */
    async applyPending(maxChanges: number, options: { wholeQueueOnly?: boolean } = {}, tx: Database = db): Promise<PendingState> {
      const rows = await tx.execute<{ now: string | Date; applied: number; pending_since: string | Date | null }>(
        sql`select now() as now, p.applied, p.pending_since from insight_apply_pending(${maxChanges}::integer, ${options.wholeQueueOnly ?? false}) p`,
      );
      const row = (rows as unknown as { rows: Array<{ now: string | Date; applied: number; pending_since: string | Date | null }> }).rows[0];
      return { asOf: new Date(row?.now ?? Date.now()), applied: Number(row?.applied ?? 0), pendingSince: row?.pending_since ? new Date(row.pending_since) : null };
    },
  };
}

export type InsightRepository = ReturnType<typeof createInsightRepository>;
