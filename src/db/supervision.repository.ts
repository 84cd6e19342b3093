import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from './client.ts';
import { supervisions } from './schema.ts';

export type SupervisionRow = typeof supervisions.$inferSelect;

export function createSupervisionRepository(db: Database) {
  return {
    async insertSupervision(row: typeof supervisions.$inferInsert, tx: Database = db): Promise<SupervisionRow> {
      const [inserted] = await tx.insert(supervisions).values(row).returning();
      if (!inserted) throw new Error('supervision insert returned nothing');
      return inserted;
    },

    /** Current supervisions where this person is the supervisor. */
    async listCurrentBySupervisor(supervisorId: string, tx: Database = db): Promise<SupervisionRow[]> {
      return tx
        .select()
        .from(supervisions)
        .where(and(eq(supervisions.supervisorId, supervisorId), isNull(supervisions.endedAt)));
    },

    /** Current supervisions of this learner. */
    async listCurrentByLearner(learnerId: string, tx: Database = db): Promise<SupervisionRow[]> {
      return tx
        .select()
        .from(supervisions)
        .where(and(eq(supervisions.learnerId, learnerId), isNull(supervisions.endedAt)));
    },

    async isCurrentSupervisor(supervisorId: string, learnerId: string, tx: Database = db): Promise<boolean> {
      const rows = await tx
        .select({ id: supervisions.id })
        .from(supervisions)
        .where(and(eq(supervisions.supervisorId, supervisorId), eq(supervisions.learnerId, learnerId), isNull(supervisions.endedAt)));
      return rows.length > 0;
    },

    async getSupervision(id: string, tx: Database = db): Promise<SupervisionRow | undefined> {
      const rows = await tx.select().from(supervisions).where(eq(supervisions.id, id));
      return rows[0];
    },

    /** Current supervisions of any of these learners (one query for a whole table of people). */
    async listCurrentByLearners(learnerIds: string[]): Promise<SupervisionRow[]> {
      if (learnerIds.length === 0) return [];
      return db
        .select()
        .from(supervisions)
        .where(and(inArray(supervisions.learnerId, learnerIds), isNull(supervisions.endedAt)))
        .orderBy(asc(supervisions.assignedAt));
    },

    /** Ends a current supervision; false when it had already ended (another admin got there first). */
    async endSupervision(id: string, endedAt: Date, tx: Database = db): Promise<boolean> {
      const ended = await tx.update(supervisions).set({ endedAt }).where(and(eq(supervisions.id, id), isNull(supervisions.endedAt))).returning({ id: supervisions.id });
      return ended.length > 0;
    },
  };
}

export type SupervisionRepository = ReturnType<typeof createSupervisionRepository>;
