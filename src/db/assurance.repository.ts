import { aliasedTable, and, asc, desc, eq, getTableColumns, inArray, isNull, notExists, lt, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import {
  aiProducts,
  assuranceActionEvents,
  assuranceActions,
  assuranceAnswers,
  assuranceDecisions,
  assuranceEvidence,
  assuranceReviewReviewers,
  assuranceReviews,
  organisations,
  people,
} from './schema.ts';

export type ReviewRow = typeof assuranceReviews.$inferSelect;
export type NewReview = typeof assuranceReviews.$inferInsert;
export type AnswerRow = typeof assuranceAnswers.$inferSelect;
export type NewAnswer = typeof assuranceAnswers.$inferInsert;
export type AssuranceEvidenceRow = typeof assuranceEvidence.$inferSelect;
export type DecisionRow = typeof assuranceDecisions.$inferSelect;
export type ActionRow = typeof assuranceActions.$inferSelect;

/** A review with the names its pages show. */
export interface ReviewRecord extends ReviewRow {
  productName: string;
  productLifecycle: 'candidate' | 'registered';
  leadName: string;
  organisationName: string;
  deploymentOrganisationName: string | null;
}

export interface ActionRecord extends ActionRow {
  ownerName: string;
  doneAt: Date | null;
  doneByName: string | null;
}

const lead = aliasedTable(people, 'lead');
const deploymentOrganisation = aliasedTable(organisations, 'deployment_organisation');
const doneBy = aliasedTable(people, 'action_done_by');

/** Assurance reviews and everything recorded in them (issue 12). All of it is scoped by review. */
export function createAssuranceRepository(db: Database) {
  const reviewRecords = (tx: Database) =>
    tx
      .select({
        review: assuranceReviews,
        productName: aiProducts.name,
        productLifecycle: aiProducts.lifecycle,
        leadName: lead.displayName,
        organisationName: organisations.name,
        deploymentOrganisationName: deploymentOrganisation.name,
      })
      .from(assuranceReviews)
      .innerJoin(aiProducts, eq(aiProducts.id, assuranceReviews.productId))
      .innerJoin(lead, eq(lead.id, assuranceReviews.leadId))
      .innerJoin(organisations, eq(organisations.id, assuranceReviews.organisationId))
      .leftJoin(deploymentOrganisation, eq(deploymentOrganisation.id, assuranceReviews.deploymentOrganisationId));
  type Joined = { review: ReviewRow; productName: string; productLifecycle: 'candidate' | 'registered'; leadName: string; organisationName: string; deploymentOrganisationName: string | null };
  const toRecord = ({ review, ...names }: Joined): ReviewRecord => ({ ...review, ...names });

  return {
    async insertReview(row: NewReview, tx: Database = db): Promise<ReviewRow> {
      const [inserted] = await tx.insert(assuranceReviews).values(row).returning();
      if (!inserted) throw new Error('review insert returned nothing');
      return inserted;
    },

    async findReview(id: string, tx: Database = db): Promise<ReviewRecord | undefined> {
      const [row] = await reviewRecords(tx).where(eq(assuranceReviews.id, id));
      return row ? toRecord(row) : undefined;
    },

    /**
     * The review's status, locking the row against a decision until `tx` ends: an answer saved in
     * that transaction and a decision cannot cross (the decision's UPDATE waits, then sees it).
     */
    async lockReviewStatus(id: string, tx: Database): Promise<ReviewRow['status'] | undefined> {
      const [row] = await tx.select({ status: assuranceReviews.status }).from(assuranceReviews).where(eq(assuranceReviews.id, id)).for('share');
      return row?.status;
    },

    /** Reviews run by any of these organisations, due first. */
    async listReviewsOf(organisationIds: readonly string[], tx: Database = db): Promise<ReviewRecord[]> {
      if (organisationIds.length === 0) return [];
      const rows = await reviewRecords(tx)
        .where(inArray(assuranceReviews.organisationId, [...organisationIds]))
        .orderBy(asc(assuranceReviews.dueOn), asc(aiProducts.name));
      return rows.map(toRecord);
    },

    /** Changes the review if it is still at `expectedVersion`; undefined when someone changed it first. */
    async updateReview(id: string, expectedVersion: number, values: Partial<Pick<ReviewRow, 'status' | 'dueOn' | 'leadId'>>, tx: Database = db): Promise<ReviewRow | undefined> {
      const [updated] = await tx
        .update(assuranceReviews)
        .set({ ...values, version: expectedVersion + 1, updatedAt: new Date() })
        .where(and(eq(assuranceReviews.id, id), eq(assuranceReviews.version, expectedVersion)))
        .returning();
      return updated;
    },

    async listReviewers(reviewId: string, tx: Database = db): Promise<Array<{ personId: string; displayName: string; addedAt: Date }>> {
      return tx
        .select({ personId: assuranceReviewReviewers.personId, displayName: people.displayName, addedAt: assuranceReviewReviewers.addedAt })
        .from(assuranceReviewReviewers)
        .innerJoin(people, eq(people.id, assuranceReviewReviewers.personId))
        .where(and(eq(assuranceReviewReviewers.reviewId, reviewId), isNull(assuranceReviewReviewers.removedAt)))
        .orderBy(asc(people.displayName));
    },

    /** The reviews a person currently reviews, of these. */
    async listReviewIdsReviewedBy(personId: string, tx: Database = db): Promise<Set<string>> {
      const rows = await tx
        .select({ reviewId: assuranceReviewReviewers.reviewId })
        .from(assuranceReviewReviewers)
        .where(and(eq(assuranceReviewReviewers.personId, personId), isNull(assuranceReviewReviewers.removedAt)));
      return new Set(rows.map((r) => r.reviewId));
    },

    /** False when they are already a reviewer (the unique index decides between two at once). */
    async insertReviewer(row: typeof assuranceReviewReviewers.$inferInsert, tx: Database = db): Promise<boolean> {
      const rows = await tx.insert(assuranceReviewReviewers).values(row).onConflictDoNothing().returning({ id: assuranceReviewReviewers.id });
      return rows.length > 0;
    },

    async removeReviewer(reviewId: string, personId: string, at: Date, tx: Database = db): Promise<boolean> {
      const rows = await tx
        .update(assuranceReviewReviewers)
        .set({ removedAt: at })
        .where(and(eq(assuranceReviewReviewers.reviewId, reviewId), eq(assuranceReviewReviewers.personId, personId), isNull(assuranceReviewReviewers.removedAt)))
        .returning({ id: assuranceReviewReviewers.id });
      return rows.length > 0;
    },

    /** The answer now to each question that has one: the newest row of each question's history. */
    async listCurrentAnswers(reviewId: string, tx: Database = db): Promise<AnswerRow[]> {
      return tx
        .selectDistinctOn([assuranceAnswers.questionId])
        .from(assuranceAnswers)
        .where(eq(assuranceAnswers.reviewId, reviewId))
        .orderBy(asc(assuranceAnswers.questionId), desc(assuranceAnswers.recordedAt));
    },

    async findCurrentAnswer(reviewId: string, questionId: string, tx: Database = db): Promise<AnswerRow | undefined> {
      const [row] = await tx
        .select()
        .from(assuranceAnswers)
        .where(and(eq(assuranceAnswers.reviewId, reviewId), eq(assuranceAnswers.questionId, questionId)))
        .orderBy(desc(assuranceAnswers.recordedAt))
        .limit(1);
      return row;
    },

    /** Every change to one question's answer, newest first, with who recorded it. */
    async listAnswerHistory(reviewId: string, questionId: string, tx: Database = db): Promise<Array<AnswerRow & { recordedByName: string | null }>> {
      const rows = await tx
        .select({ answer: assuranceAnswers, recordedByName: people.displayName })
        .from(assuranceAnswers)
        .leftJoin(people, eq(people.id, assuranceAnswers.recordedByPersonId))
        .where(and(eq(assuranceAnswers.reviewId, reviewId), eq(assuranceAnswers.questionId, questionId)))
        .orderBy(desc(assuranceAnswers.recordedAt));
      return rows.map((r) => ({ ...r.answer, recordedByName: r.recordedByName }));
    },

    /** Appends to a question's history; undefined when another change already followed `replacesId` (the unique constraint decides). */
    async insertAnswer(row: NewAnswer, tx: Database = db): Promise<AnswerRow | undefined> {
      const [inserted] = await tx.insert(assuranceAnswers).values(row).onConflictDoNothing().returning();
      return inserted;
    },

    async insertEvidence(row: typeof assuranceEvidence.$inferInsert, tx: Database = db): Promise<AssuranceEvidenceRow> {
      const [inserted] = await tx.insert(assuranceEvidence).values(row).returning();
      if (!inserted) throw new Error('evidence insert returned nothing');
      return inserted;
    },

    async listEvidence(reviewId: string, tx: Database = db): Promise<AssuranceEvidenceRow[]> {
      return tx.select().from(assuranceEvidence).where(eq(assuranceEvidence.reviewId, reviewId)).orderBy(asc(assuranceEvidence.addedAt));
    },

    async findEvidence(reviewId: string, evidenceId: string, tx: Database = db): Promise<AssuranceEvidenceRow | undefined> {
      const [row] = await tx.select().from(assuranceEvidence).where(and(eq(assuranceEvidence.id, evidenceId), eq(assuranceEvidence.reviewId, reviewId)));
      return row;
    },

    /** Undefined when it is not in this review or already withdrawn. */
    async withdrawEvidence(reviewId: string, evidenceId: string, personId: string | null, at: Date, tx: Database = db): Promise<AssuranceEvidenceRow | undefined> {
      const [row] = await tx
        .update(assuranceEvidence)
        .set({ withdrawnAt: at, withdrawnBy: personId })
        .where(and(eq(assuranceEvidence.id, evidenceId), eq(assuranceEvidence.reviewId, reviewId), isNull(assuranceEvidence.withdrawnAt)))
        .returning(getTableColumns(assuranceEvidence));
      return row;
    },

    /** Undefined when the review already has a decision (the unique constraint decides between two at once). */
    async insertDecision(row: typeof assuranceDecisions.$inferInsert, tx: Database = db): Promise<DecisionRow | undefined> {
      const [inserted] = await tx.insert(assuranceDecisions).values(row).onConflictDoNothing().returning();
      return inserted;
    },

    async findDecision(reviewId: string, tx: Database = db): Promise<(DecisionRow & { decisionMakerName: string }) | undefined> {
      const [row] = await tx
        .select({ decision: assuranceDecisions, decisionMakerName: people.displayName })
        .from(assuranceDecisions)
        .innerJoin(people, eq(people.id, assuranceDecisions.decisionMakerId))
        .where(eq(assuranceDecisions.reviewId, reviewId));
      return row ? { ...row.decision, decisionMakerName: row.decisionMakerName } : undefined;
    },

    async insertActions(rows: Array<typeof assuranceActions.$inferInsert>, tx: Database = db): Promise<ActionRow[]> {
      if (rows.length === 0) return [];
      return tx.insert(assuranceActions).values(rows).returning();
    },

    /** A review's actions, due first, with whether and by whom each was done. */
    async listActions(reviewId: string, tx: Database = db): Promise<ActionRecord[]> {
      const rows: Array<{ action: ActionRow; ownerName: string; doneAt: Date | null; doneByName: string | null }> = await tx
        .select({ action: assuranceActions, ownerName: people.displayName, doneAt: assuranceActionEvents.at, doneByName: doneBy.displayName })
        .from(assuranceActions)
        .innerJoin(people, eq(people.id, assuranceActions.ownerId))
        .leftJoin(assuranceActionEvents, and(eq(assuranceActionEvents.actionId, assuranceActions.id), eq(assuranceActionEvents.event, 'done')))
        .leftJoin(doneBy, eq(doneBy.id, assuranceActionEvents.personId))
        .where(eq(assuranceActions.reviewId, reviewId))
        .orderBy(asc(assuranceActions.dueOn), asc(assuranceActions.createdAt));
      return rows.map((r) => ({ ...r.action, ownerName: r.ownerName, doneAt: r.doneAt, doneByName: r.doneByName }));
    },

    /** The conditions a person owns that are not done yet, soonest first, with their review's product. */
    async listOpenActionsOwnedBy(personId: string, tx: Database = db): Promise<Array<ActionRow & { productName: string }>> {
      const done = tx
        .select({ one: sql`1` })
        .from(assuranceActionEvents)
        .where(and(eq(assuranceActionEvents.actionId, assuranceActions.id), eq(assuranceActionEvents.event, 'done')));
      const rows = await tx
        .select({ action: assuranceActions, productName: aiProducts.name })
        .from(assuranceActions)
        .innerJoin(assuranceReviews, eq(assuranceReviews.id, assuranceActions.reviewId))
        .innerJoin(aiProducts, eq(aiProducts.id, assuranceReviews.productId))
        .where(and(eq(assuranceActions.ownerId, personId), notExists(done)))
        .orderBy(asc(assuranceActions.dueOn), asc(assuranceActions.createdAt));
      return rows.map((r) => ({ ...r.action, productName: r.productName }));
    },

    /** False when the event was already recorded for the action: each happens once. */
    async insertActionEvent(row: typeof assuranceActionEvents.$inferInsert, tx: Database = db): Promise<boolean> {
      const rows = await tx.insert(assuranceActionEvents).values(row).onConflictDoNothing().returning({ id: assuranceActionEvents.id });
      return rows.length > 0;
    },

    /** Open actions due before `today` whose owner has not been told yet, across the hub (the overdue notice job). */
    async listOverdueUntold(today: string, tx: Database = db): Promise<ActionRow[]> {
      const eventOf = (event: 'done' | 'overdue-notified') =>
        tx
          .select({ one: sql`1` })
          .from(assuranceActionEvents)
          .where(and(eq(assuranceActionEvents.actionId, assuranceActions.id), eq(assuranceActionEvents.event, event)));
      return tx
        .select()
        .from(assuranceActions)
        .where(and(lt(assuranceActions.dueOn, today), notExists(eventOf('done')), notExists(eventOf('overdue-notified'))))
        .orderBy(asc(assuranceActions.dueOn));
    },
  };
}

export type AssuranceRepository = ReturnType<typeof createAssuranceRepository>;
