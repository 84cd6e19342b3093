import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { advancedFocus, topicRatings } from './schema.ts';

export type TopicRatingRow = typeof topicRatings.$inferSelect;
export type AdvancedFocusRow = typeof advancedFocus.$inferSelect;

export function createAssessmentRepository(db: Database) {
  return {
    async insertRatings(rows: Array<typeof topicRatings.$inferInsert>, tx: Database = db): Promise<TopicRatingRow[]> {
      if (rows.length === 0) return [];
      return tx.insert(topicRatings).values(rows).returning();
    },

    /** Each topic's latest rating by this person in this framework (history rows are never changed). */
    async listCurrentRatings(personId: string, frameworkId: string, tx: Database = db): Promise<TopicRatingRow[]> {
      return tx
        .selectDistinctOn([topicRatings.topicId])
        .from(topicRatings)
        .where(and(eq(topicRatings.personId, personId), eq(topicRatings.frameworkId, frameworkId)))
        .orderBy(topicRatings.topicId, desc(topicRatings.ratedAt), desc(sql`${topicRatings.id}`));
    },

    /** Every rating this person has given in this framework, newest first. */
    async listRatingHistory(personId: string, frameworkId: string, topicId?: string): Promise<TopicRatingRow[]> {
      const conditions = [eq(topicRatings.personId, personId), eq(topicRatings.frameworkId, frameworkId)];
      if (topicId) conditions.push(eq(topicRatings.topicId, topicId));
      return db
        .select()
        .from(topicRatings)
        .where(and(...conditions))
        .orderBy(desc(topicRatings.ratedAt));
    },

    async getRating(id: string, tx: Database = db): Promise<TopicRatingRow | undefined> {
      const rows = await tx.select().from(topicRatings).where(eq(topicRatings.id, id));
      return rows[0];
    },

    async insertFocus(row: typeof advancedFocus.$inferInsert, tx: Database = db): Promise<AdvancedFocusRow> {
      const [inserted] = await tx.insert(advancedFocus).values(row).returning();
      if (!inserted) throw new Error('focus insert returned nothing');
      return inserted;
    },

    /** The latest focus decision per archetype for a person (a null `factors` means cleared). */
    async listCurrentFocus(personId: string, tx: Database = db): Promise<AdvancedFocusRow[]> {
      return tx
        .selectDistinctOn([advancedFocus.archetype])
        .from(advancedFocus)
        .where(eq(advancedFocus.personId, personId))
        .orderBy(advancedFocus.archetype, desc(advancedFocus.setAt));
    },

    async listFocusHistory(personId: string): Promise<AdvancedFocusRow[]> {
      return db.select().from(advancedFocus).where(eq(advancedFocus.personId, personId)).orderBy(desc(advancedFocus.setAt));
    },
  };
}

export type AssessmentRepository = ReturnType<typeof createAssessmentRepository>;
