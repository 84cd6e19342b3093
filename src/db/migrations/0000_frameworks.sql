CREATE TABLE "frameworks" (
	"framework_id" text NOT NULL,
	"version" text NOT NULL,
	"title" text NOT NULL,
	"format" text NOT NULL,
	"content_hash" text NOT NULL,
	"item_count" integer NOT NULL,
	"document" jsonb NOT NULL,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "frameworks_framework_id_version_pk" PRIMARY KEY("framework_id","version")
);
