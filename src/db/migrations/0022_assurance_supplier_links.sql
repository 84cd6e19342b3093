CREATE TABLE "assurance_supplier_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"supplier_name" text DEFAULT '' NOT NULL,
	"contact_email" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"submitted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "assurance_supplier_links" ADD CONSTRAINT "assurance_supplier_links_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_supplier_links" ADD CONSTRAINT "assurance_supplier_links_review_id_assurance_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."assurance_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_supplier_links" ADD CONSTRAINT "assurance_supplier_links_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_supplier_links" ADD CONSTRAINT "assurance_supplier_links_revoked_by_people_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assurance_supplier_links_token_unique" ON "assurance_supplier_links" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "assurance_supplier_links_review_idx" ON "assurance_supplier_links" USING btree ("review_id");