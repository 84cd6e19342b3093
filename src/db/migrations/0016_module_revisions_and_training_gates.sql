CREATE TABLE "product_module_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"product_version_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"sections" jsonb NOT NULL,
	"content" jsonb NOT NULL,
	"knowledge_check" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"published_by" uuid NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ai_deployments" ADD COLUMN "training_override_reason" text;--> statement-breakpoint
ALTER TABLE "ai_products" ADD COLUMN "clinical_guidelines" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "ai_products" ADD COLUMN "validation_populations" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "ai_products" ADD COLUMN "performance" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "ai_products" ADD COLUMN "workflow_integration" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "ai_products" ADD COLUMN "patient_query_pathway" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "ai_products" ADD COLUMN "data_use" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "ai_products" ADD COLUMN "patient_materials" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "module_attempts" ADD COLUMN "revision_id" uuid;--> statement-breakpoint
ALTER TABLE "product_modules" ADD COLUMN "review_sections" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "product_modules" ADD COLUMN "copied_from_version_id" uuid;--> statement-breakpoint
ALTER TABLE "product_module_revisions" ADD CONSTRAINT "product_module_revisions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_module_revisions" ADD CONSTRAINT "product_module_revisions_module_id_product_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."product_modules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_module_revisions" ADD CONSTRAINT "product_module_revisions_product_version_id_ai_product_versions_id_fk" FOREIGN KEY ("product_version_id") REFERENCES "public"."ai_product_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_module_revisions" ADD CONSTRAINT "product_module_revisions_published_by_people_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "product_module_revisions_number_unique" ON "product_module_revisions" USING btree ("module_id","number");--> statement-breakpoint
ALTER TABLE "module_attempts" ADD CONSTRAINT "module_attempts_revision_id_product_module_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."product_module_revisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_modules" ADD CONSTRAINT "product_modules_copied_from_version_id_ai_product_versions_id_fk" FOREIGN KEY ("copied_from_version_id") REFERENCES "public"."ai_product_versions"("id") ON DELETE no action ON UPDATE no action;