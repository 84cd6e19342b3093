import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { Database } from './client.ts';
import { currentTopicLevels, personKey } from './current-levels.ts';
import { advancedFocus, topicRatings } from './schema.ts';

export type TopicRatingRow = typeof topicRatings.$inferSelect;
export type AdvancedFocusRow = typeof advancedFocus.$inferSelect;

type MaybeRated = { [K in keyof TopicRatingRow]: TopicRatingRow[K] | null };

/** A self-rated row has all its rating columns (the trigger sets them together). */
function isRated(row: MaybeRated): row is TopicRatingRow {
  return row.id !== null && row.frameworkVersion !== null && row.level !== null && row.ratedAt !== null;
}

export function createAssessmentRepository(db: Database) {
  return {
    async insertRatings(rows: Array<typeof topicRatings.$inferInsert>, tx: Database = db): Promise<TopicRatingRow[]> {
      if (rows.length === 0) return [];
      return tx.insert(topicRatings).values(rows).returning();
    },

    /**
     * Each topic's latest rating by this person in this framework, from current_topic_levels (kept by
     * triggers on topic_ratings, docs/scale.md §1.2) rather than history; ordered by topic id as before.
     */
    async listCurrentRatings(personId: string, frameworkId: string, tx: Database = db): Promise<TopicRatingRow[]> {
      const rows = await tx
        .select({
          id: currentTopicLevels.selfRatingId,
          organisationId: currentTopicLevels.organisationId,
          personId: currentTopicLevels.personId,
          frameworkId: currentTopicLevels.frameworkId,
          frameworkVersion: currentTopicLevels.frameworkVersion,
          topicId: currentTopicLevels.topicId,
          level: currentTopicLevels.selfLevel,
          ratedAt: currentTopicLevels.selfRatedAt,
        })
        .from(currentTopicLevels)
        .where(and(personKey(personId), eq(currentTopicLevels.frameworkId, frameworkId), isNotNull(currentTopicLevels.selfRatingId)))
        .orderBy(currentTopicLevels.topicId);
      return rows.filter(isRated);
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
