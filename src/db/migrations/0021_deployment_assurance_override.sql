ALTER TABLE "ai_deployments" ADD COLUMN "assurance_override_reason" text;--> statement-breakpoint
ALTER TABLE "ai_deployments" ADD COLUMN "assurance_override_by" uuid;--> statement-breakpoint
ALTER TABLE "ai_deployments" ADD COLUMN "assurance_override_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ai_deployments" ADD CONSTRAINT "ai_deployments_assurance_override_by_people_id_fk" FOREIGN KEY ("assurance_override_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;