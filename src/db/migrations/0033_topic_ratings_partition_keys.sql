-- Drizzle's diff for the keys of a partitioned topic_ratings (docs/scale.md §1.3), cut down to the one
-- change that is safe on a database holding requests: the column is added nullable here, and the next
-- migration (topic_ratings_partitioned) fills it, sets it NOT NULL, swaps the keys and partitions the table.
ALTER TABLE "verification_requests" ADD COLUMN "rating_rated_at" timestamp with time zone;
