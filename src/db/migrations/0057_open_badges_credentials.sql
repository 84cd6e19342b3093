CREATE TABLE "issued_credentials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"achievement_id" text NOT NULL,
	"achievement_name" text NOT NULL,
	"document" text NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_list" integer NOT NULL,
	"status_index" integer NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revocation_reason" text
);
--> statement-breakpoint
CREATE TABLE "issuer_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"verification_method_id" text NOT NULL,
	"public_key_multibase" text NOT NULL,
	"secret_ciphertext" text NOT NULL,
	"secret_iv" text NOT NULL,
	"secret_tag" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "issued_credentials" ADD CONSTRAINT "issued_credentials_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issued_credentials" ADD CONSTRAINT "issued_credentials_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issued_credentials" ADD CONSTRAINT "issued_credentials_revoked_by_people_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issuer_keys" ADD CONSTRAINT "issuer_keys_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "issued_credentials_once_per_achievement" ON "issued_credentials" USING btree ("person_id","achievement_id");--> statement-breakpoint
CREATE INDEX "issued_credentials_organisation_idx" ON "issued_credentials" USING btree ("organisation_id","issued_at");--> statement-breakpoint
CREATE UNIQUE INDEX "issued_credentials_status_entry" ON "issued_credentials" USING btree ("organisation_id","status_list","status_index");--> statement-breakpoint
CREATE UNIQUE INDEX "issuer_keys_one_active" ON "issuer_keys" USING btree ("organisation_id") WHERE "issuer_keys"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "issuer_keys_method_unique" ON "issuer_keys" USING btree ("verification_method_id");