import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from './client.ts';
import { aiMdtAssignments, aiMdtPlans, aiMdts, journeyItems } from './schema.ts';

export type TeamPlanRow = typeof aiMdtPlans.$inferSelect;
export type TeamAssignmentRow = typeof aiMdtAssignments.$inferSelect;

/** A 'team' item's request as the learner's journey page shows it. */
export interface TeamRequestOfItem {
  assignmentId: string;
  journeyItemId: string | null;
  resourceId: string;
  teamId: string;
  teamName: string;
  reason: string;
}

/** The team's learning plans and the assignments sent from them (issue 13 §3). */
export function createTeamPlanRepository(db: Database) {
  return {
    async insertPlan(row: typeof aiMdtPlans.$inferInsert, tx: Database = db): Promise<TeamPlanRow> {
      const [plan] = await tx.insert(aiMdtPlans).values(row).returning();
      if (!plan) throw new Error('the plan was not stored');
      return plan;
    },

    async findPlan(teamId: string, planId: string, tx: Database = db): Promise<TeamPlanRow | undefined> {
      const [plan] = await tx.select().from(aiMdtPlans).where(and(eq(aiMdtPlans.id, planId), eq(aiMdtPlans.teamId, teamId)));
      return plan;
    },

    async listPlans(teamId: string, tx: Database = db): Promise<TeamPlanRow[]> {
      return tx.select().from(aiMdtPlans).where(eq(aiMdtPlans.teamId, teamId)).orderBy(desc(aiMdtPlans.createdAt));
    },

    /** Marks the plan sent unless it already was; false when someone sent it first. */
    async markSent(planId: string, sentBy: string, at: Date, tx: Database = db): Promise<boolean> {
      const rows = await tx
        .update(aiMdtPlans)
        .set({ sentAt: at, sentBy })
        .where(and(eq(aiMdtPlans.id, planId), isNull(aiMdtPlans.sentAt)))
        .returning({ id: aiMdtPlans.id });
      return rows.length > 0;
    },

    async insertAssignments(rows: ReadonlyArray<typeof aiMdtAssignments.$inferInsert>, tx: Database = db): Promise<void> {
      if (rows.length > 0) await tx.insert(aiMdtAssignments).values([...rows]);
    },

    async listAssignments(planId: string, tx: Database = db): Promise<TeamAssignmentRow[]> {
      return tx.select().from(aiMdtAssignments).where(eq(aiMdtAssignments.planId, planId)).orderBy(asc(aiMdtAssignments.createdAt));
    },

    async findAssignment(assignmentId: string, tx: Database = db): Promise<TeamAssignmentRow | undefined> {
      const [row] = await tx.select().from(aiMdtAssignments).where(eq(aiMdtAssignments.id, assignmentId));
      return row;
    },

    async updateAssignment(assignmentId: string, values: Partial<Pick<TeamAssignmentRow, 'status' | 'declineReason' | 'respondedAt'>>, tx: Database = db): Promise<void> {
      await tx.update(aiMdtAssignments).set(values).where(eq(aiMdtAssignments.id, assignmentId));
    },

    /** A resource the person was asked for and has now completed: every open request for it is met. */
    async completeAssignmentsFor(personId: string, resourceId: string, at: Date, tx: Database = db): Promise<void> {
      await tx
        .update(aiMdtAssignments)
        .set({ status: 'completed', respondedAt: at })
        .where(and(eq(aiMdtAssignments.personId, personId), eq(aiMdtAssignments.resourceId, resourceId), eq(aiMdtAssignments.status, 'sent')));
    },

    /** An item already in the member's journey the team now asks for too: marked as the team's, so re-planning keeps it. */
    async markItemAskedByTeam(itemId: string, tx: Database = db): Promise<void> {
      await tx.update(journeyItems).set({ addedBecause: 'team' }).where(eq(journeyItems.id, itemId));
    },

    /** The person's open team requests, newest first, with the team's name. */
    async listOpenRequestsOf(personId: string, tx: Database = db): Promise<TeamRequestOfItem[]> {
      return tx
        .select({
          assignmentId: aiMdtAssignments.id,
          journeyItemId: aiMdtAssignments.journeyItemId,
          resourceId: aiMdtAssignments.resourceId,
          teamId: aiMdtAssignments.teamId,
          teamName: aiMdts.name,
          reason: aiMdtAssignments.reason,
        })
        .from(aiMdtAssignments)
        .innerJoin(aiMdts, eq(aiMdts.id, aiMdtAssignments.teamId))
        .where(and(eq(aiMdtAssignments.personId, personId), eq(aiMdtAssignments.status, 'sent')))
        .orderBy(desc(aiMdtAssignments.createdAt));
    },

    /** Requirement ids the latest plan of each team owned in these organisations found nothing to teach. */
    async listUnclosableOfTeamsIn(organisationIds: readonly string[], frameworkId: string, tx: Database = db): Promise<string[][]> {
      if (organisationIds.length === 0) return [];
      const rows = await tx
        .selectDistinctOn([aiMdtPlans.teamId], { plan: aiMdtPlans.plan })
        .from(aiMdtPlans)
        .innerJoin(aiMdts, eq(aiMdts.id, aiMdtPlans.teamId))
        .where(and(inArray(aiMdtPlans.organisationId, [...organisationIds]), eq(aiMdtPlans.frameworkId, frameworkId), isNull(aiMdts.archivedAt)))
        .orderBy(aiMdtPlans.teamId, desc(aiMdtPlans.createdAt));
      return rows.map((r) => {
        const unclosable = (r.plan as { unclosable?: Array<{ requirementId: string }> }).unclosable ?? [];
        return unclosable.map((u) => u.requirementId);
      });
    },
  };
}

export type TeamPlanRepository = ReturnType<typeof createTeamPlanRepository>;
