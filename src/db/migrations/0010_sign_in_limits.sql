CREATE TABLE "sign_in_failures" (
	"key_hash" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"held_until" timestamp with time zone,
	"holder_told_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sign_in_known_sources" (
	"key_hash" text PRIMARY KEY NOT NULL,
	"last_signed_in_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sign_in_failures_window_idx" ON "sign_in_failures" USING btree ("window_started_at");--> statement-breakpoint
CREATE INDEX "sign_in_known_sources_last_idx" ON "sign_in_known_sources" USING btree ("last_signed_in_at");--> statement-breakpoint
ALTER TABLE "local_credentials" DROP COLUMN "failed_attempts";--> statement-breakpoint
ALTER TABLE "local_credentials" DROP COLUMN "locked_until";