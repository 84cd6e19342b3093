ALTER TABLE "learning_resource_revisions" ADD COLUMN "reason" text;--> statement-breakpoint
CREATE INDEX "journey_items_resource_idx" ON "journey_items" USING btree ("resource_id","status");