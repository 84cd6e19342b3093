CREATE TABLE "insight_refresh" (
	"framework_id" text NOT NULL,
	"framework_version" text NOT NULL,
	"organisations_done" integer DEFAULT 0 NOT NULL,
	"organisations_total" integer NOT NULL,
	"last_organisation_id" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "insight_refresh_framework_id_framework_version_pk" PRIMARY KEY("framework_id","framework_version")
);
