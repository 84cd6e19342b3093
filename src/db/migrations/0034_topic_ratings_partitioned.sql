-- topic_ratings becomes range-partitioned by month on rated_at (docs/scale.md §1.3), so history can
-- grow for years and old months can be detached whole. The existing table is attached as one
-- partition, topic_ratings_legacy, rather than copied. The same SQL runs on PGlite and PostgreSQL, on
-- an empty database and on one holding ratings.
--
-- 1. A key into a partitioned table must name its whole primary key, which holds the partition
--    column: requests gain the rating's rated_at. Filling it changes nothing a cached page shows,
--    so the view-stamp trigger (0008) is held off for the update.
ALTER TABLE "verification_requests" DISABLE TRIGGER "verification_requests_person_view";
--> statement-breakpoint
UPDATE "verification_requests" r SET "rating_rated_at" = t."rated_at" FROM "topic_ratings" t WHERE t."id" = r."rating_id";
--> statement-breakpoint
ALTER TABLE "verification_requests" ENABLE TRIGGER "verification_requests_person_view";
--> statement-breakpoint
ALTER TABLE "verification_requests" ALTER COLUMN "rating_rated_at" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "verification_requests" DROP CONSTRAINT "verification_requests_rating_id_topic_ratings_id_fk";
--> statement-breakpoint
-- 2. The old table steps aside under its new name, with the key every partition must have. Its
--    triggers move to the parent (below); a partition keeps clones of the parent's row triggers.
ALTER TABLE "topic_ratings" RENAME TO "topic_ratings_legacy";
--> statement-breakpoint
ALTER INDEX "topic_ratings_person_topic_idx" RENAME TO "topic_ratings_legacy_person_topic_idx";
--> statement-breakpoint
ALTER TABLE "topic_ratings_legacy" DROP CONSTRAINT "topic_ratings_pkey";
--> statement-breakpoint
ALTER TABLE "topic_ratings_legacy" ADD CONSTRAINT "topic_ratings_legacy_pkey" PRIMARY KEY ("organisation_id", "id", "rated_at");
--> statement-breakpoint
DROP TRIGGER "topic_ratings_immutable" ON "topic_ratings_legacy";
--> statement-breakpoint
DROP TRIGGER "topic_ratings_person_view" ON "topic_ratings_legacy";
--> statement-breakpoint
DROP TRIGGER "topic_ratings_current" ON "topic_ratings_legacy";
--> statement-breakpoint
-- 3. The partitioned parent: the columns of 0002, the key beginning with the organisation (the
--    distribution key on Citus, docs/scale.md §4) and holding rated_at.
CREATE TABLE "topic_ratings" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"framework_id" text NOT NULL,
	"framework_version" text NOT NULL,
	"topic_id" text NOT NULL,
	"level" text NOT NULL,
	"rated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "topic_ratings_pkey" PRIMARY KEY ("organisation_id", "id", "rated_at")
) PARTITION BY RANGE ("rated_at");
--> statement-breakpoint
ALTER TABLE "topic_ratings" ADD CONSTRAINT "topic_ratings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "topic_ratings" ADD CONSTRAINT "topic_ratings_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "topic_ratings_person_topic_idx" ON "topic_ratings" USING btree ("person_id", "framework_id", "topic_id", "rated_at");
--> statement-breakpoint
-- 4. The legacy table holds everything before the start of the month after its newest row (and at
--    least up to the start of this month, UTC, so an empty install starts its months now). The check
--    proves the bound, so attaching skips the validating scan; its key, index and foreign keys match
--    the parent's and are attached, not rebuilt.
DO $$
DECLARE
  bound timestamp := greatest(
    (SELECT date_trunc('month', max("rated_at") AT TIME ZONE 'UTC') + interval '1 month' FROM "topic_ratings_legacy"),
    date_trunc('month', now() AT TIME ZONE 'UTC'));
  bound_literal text := to_char(bound, 'YYYY-MM-DD HH24:MI:SS') || '+00';
BEGIN
  EXECUTE format('ALTER TABLE "topic_ratings_legacy" ADD CONSTRAINT "topic_ratings_legacy_bound" CHECK ("rated_at" < %L)', bound_literal);
  EXECUTE format('ALTER TABLE "topic_ratings" ATTACH PARTITION "topic_ratings_legacy" FOR VALUES FROM (MINVALUE) TO (%L)', bound_literal);
  ALTER TABLE "topic_ratings_legacy" DROP CONSTRAINT "topic_ratings_legacy_bound";
END $$;
--> statement-breakpoint
-- 5. Monthly partitions, named topic_ratings_YYYY_MM with UTC month-start bounds (a UK month is at
--    most an hour off; partitions serve storage and pruning, reports group by UK month). Called at
--    every start (openHub) and daily by the server, so the coming months always exist. A month an
--    existing partition already covers (the legacy one) is skipped. A month whose ratings already
--    sit in the default partition cannot be made until they are moved: it is skipped with a warning.
--    Returns how many partitions it made.
CREATE OR REPLACE FUNCTION ensure_rating_partitions(months_ahead int) RETURNS int AS $$
DECLARE
  this_month timestamp := date_trunc('month', now() AT TIME ZONE 'UTC');
  month_start timestamp;
  partition_name text;
  made int := 0;
BEGIN
  FOR i IN 0..greatest(months_ahead, 0) LOOP
    month_start := this_month + make_interval(months => i);
    partition_name := 'topic_ratings_' || to_char(month_start, 'YYYY_MM');
    CONTINUE WHEN to_regclass(quote_ident(partition_name)) IS NOT NULL;
    BEGIN
      EXECUTE format('CREATE TABLE %I PARTITION OF "topic_ratings" FOR VALUES FROM (%L) TO (%L)', partition_name,
        to_char(month_start, 'YYYY-MM-DD HH24:MI:SS') || '+00', to_char(month_start + interval '1 month', 'YYYY-MM-DD HH24:MI:SS') || '+00');
      made := made + 1;
    EXCEPTION
      -- Another partition covers the month, or another process made it at the same moment.
      WHEN invalid_object_definition OR duplicate_table OR unique_violation THEN NULL;
      WHEN check_violation THEN
        RAISE WARNING 'topic_ratings_default holds ratings for %; % cannot be made until they are moved', to_char(month_start, 'YYYY-MM'), partition_name;
    END;
  END LOOP;
  RETURN made;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
SELECT ensure_rating_partitions(3);
--> statement-breakpoint
-- Anything no month partition takes (a date far ahead, or a month not made yet) lands here, so an
-- insert never fails for want of a partition. It should stay empty.
CREATE TABLE "topic_ratings_default" PARTITION OF "topic_ratings" DEFAULT;
--> statement-breakpoint
-- 6. The triggers of 0003 (history is immutable), 0008 (view stamps) and 0030 (current_topic_levels)
--    on the parent. Row triggers are cloned onto every partition, present and future; the statement
--    trigger's transition table holds the rows inserted through the parent, whichever partition took them.
CREATE TRIGGER "topic_ratings_immutable" BEFORE UPDATE OR DELETE ON "topic_ratings"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
--> statement-breakpoint
CREATE TRIGGER "topic_ratings_person_view" AFTER INSERT OR UPDATE OR DELETE ON "topic_ratings"
  FOR EACH ROW EXECUTE FUNCTION person_view_changed('person_id');
--> statement-breakpoint
CREATE TRIGGER "topic_ratings_current" AFTER INSERT ON "topic_ratings"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION topic_ratings_current();
--> statement-breakpoint
-- 7. The request's key into the partitioned table: one partition to look in.
ALTER TABLE "verification_requests" ADD CONSTRAINT "verification_requests_rating_fk" FOREIGN KEY ("organisation_id", "rating_id", "rating_rated_at") REFERENCES "public"."topic_ratings"("organisation_id", "id", "rated_at") ON DELETE no action ON UPDATE no action;
