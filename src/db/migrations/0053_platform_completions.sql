ALTER TABLE "learning_resources" ADD COLUMN "activity_id" text;--> statement-breakpoint
ALTER TABLE "journey_items" ADD COLUMN "completed_on_platform" text;--> statement-breakpoint
ALTER TABLE "learning_claims" ADD COLUMN "platform" text;--> statement-breakpoint
ALTER TABLE "learning_claims" ADD COLUMN "statement_id" uuid;--> statement-breakpoint
CREATE INDEX "learning_resources_activity_idx" ON "learning_resources" USING btree ("activity_id") WHERE "learning_resources"."activity_id" is not null;