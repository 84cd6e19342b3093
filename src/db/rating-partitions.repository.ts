import { sql } from 'drizzle-orm';
import type { Database } from './client.ts';

/** How many months after this one always have their topic_ratings partition (docs/scale.md §1.3). */
export const RATING_PARTITION_MONTHS_AHEAD = 3;

/** What a partition check found: partitions made now, and ratings no month partition holds. */
export interface RatingPartitionReport {
  made: number;
  inDefault: number;
}

const firstValue = (result: unknown): number => Number(Object.values((result as { rows: Array<Record<string, unknown>> }).rows[0] ?? {})[0] ?? 0);

/**
 * topic_ratings is partitioned by month (migration topic_ratings_partitioned). The partitions of
 * the coming months are made ahead, at start and daily; a rating no month partition takes lands in
 * topic_ratings_default, which should stay empty, so the check counts it.
 */
export function createRatingPartitionsRepository(db: Database) {
  return {
    async ensureRatingPartitions(monthsAhead = RATING_PARTITION_MONTHS_AHEAD): Promise<RatingPartitionReport> {
      const made = firstValue(await db.execute(sql`select ensure_rating_partitions(${monthsAhead}::int) as made`));
      const inDefault = firstValue(await db.execute(sql`select count(*)::int as n from topic_ratings_default`));
      return { made, inDefault };
    },
  };
}

export type RatingPartitionsRepository = ReturnType<typeof createRatingPartitionsRepository>;
