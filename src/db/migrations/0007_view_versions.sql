CREATE TABLE "hub_view_epoch" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "hub_view_epoch_single_row" CHECK ("hub_view_epoch"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "person_view_versions" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
