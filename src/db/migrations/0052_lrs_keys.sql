CREATE TABLE "lrs_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"key_name" text NOT NULL,
	"secret_hash" text NOT NULL,
	"platform" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid
);
--> statement-breakpoint
ALTER TABLE "lrs_keys" ADD CONSTRAINT "lrs_keys_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lrs_keys" ADD CONSTRAINT "lrs_keys_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lrs_keys" ADD CONSTRAINT "lrs_keys_revoked_by_people_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "lrs_keys_key_name_unique" ON "lrs_keys" USING btree ("key_name");--> statement-breakpoint
CREATE INDEX "lrs_keys_organisation_idx" ON "lrs_keys" USING btree ("organisation_id");