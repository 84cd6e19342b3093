DROP INDEX "people_email_unique";--> statement-breakpoint
CREATE UNIQUE INDEX "people_email_per_organisation" ON "people" USING btree ("organisation_id","email");--> statement-breakpoint
CREATE INDEX "people_email_idx" ON "people" USING btree ("email");