CREATE TABLE "ai_deployment_users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"deployment_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"source" text NOT NULL,
	"linked_by" uuid NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_by" timestamp with time zone,
	"unlinked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ai_deployments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"live_version_id" uuid,
	"status" text DEFAULT 'evaluating' NOT NULL,
	"refresher_days" integer DEFAULT 28 NOT NULL,
	"started_on" date NOT NULL,
	"live_since" date,
	"withdrawn_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ai_product_shares" (
	"product_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"shared_by" uuid NOT NULL,
	"shared_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ai_product_shares_product_id_organisation_id_pk" PRIMARY KEY("product_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "ai_product_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"label" text NOT NULL,
	"released_on" date NOT NULL,
	"release_notes" text NOT NULL,
	"training_impact" text NOT NULL,
	"affected_topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ai_products" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"manufacturer" text NOT NULL,
	"intended_use" text NOT NULL,
	"inclusion_criteria" text DEFAULT '' NOT NULL,
	"exclusion_criteria" text DEFAULT '' NOT NULL,
	"clinical_decision_making" boolean NOT NULL,
	"autonomy" text NOT NULL,
	"device_class" text DEFAULT '' NOT NULL,
	"marking" text DEFAULT '' NOT NULL,
	"explanations" text DEFAULT '' NOT NULL,
	"limitations" text DEFAULT '' NOT NULL,
	"outlier_situations" text DEFAULT '' NOT NULL,
	"contacts" text DEFAULT '' NOT NULL,
	"error_reporting" text DEFAULT '' NOT NULL,
	"fallback_pathway" text DEFAULT '' NOT NULL,
	"decision_recording" text DEFAULT '' NOT NULL,
	"sample" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "module_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"module_id" uuid NOT NULL,
	"product_version_id" uuid NOT NULL,
	"answers" jsonb NOT NULL,
	"correct" integer NOT NULL,
	"total" integer NOT NULL,
	"passed" boolean NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_modules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"product_version_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"sections" jsonb NOT NULL,
	"knowledge_check" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "ai_deployment_users" ADD CONSTRAINT "ai_deployment_users_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_deployment_users" ADD CONSTRAINT "ai_deployment_users_deployment_id_ai_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."ai_deployments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_deployment_users" ADD CONSTRAINT "ai_deployment_users_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_deployment_users" ADD CONSTRAINT "ai_deployment_users_linked_by_people_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_deployments" ADD CONSTRAINT "ai_deployments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_deployments" ADD CONSTRAINT "ai_deployments_product_id_ai_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."ai_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_deployments" ADD CONSTRAINT "ai_deployments_live_version_id_ai_product_versions_id_fk" FOREIGN KEY ("live_version_id") REFERENCES "public"."ai_product_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_deployments" ADD CONSTRAINT "ai_deployments_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_product_shares" ADD CONSTRAINT "ai_product_shares_product_id_ai_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."ai_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_product_shares" ADD CONSTRAINT "ai_product_shares_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_product_shares" ADD CONSTRAINT "ai_product_shares_shared_by_people_id_fk" FOREIGN KEY ("shared_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_product_versions" ADD CONSTRAINT "ai_product_versions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_product_versions" ADD CONSTRAINT "ai_product_versions_product_id_ai_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."ai_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_product_versions" ADD CONSTRAINT "ai_product_versions_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_products" ADD CONSTRAINT "ai_products_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_products" ADD CONSTRAINT "ai_products_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "module_attempts" ADD CONSTRAINT "module_attempts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "module_attempts" ADD CONSTRAINT "module_attempts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "module_attempts" ADD CONSTRAINT "module_attempts_module_id_product_modules_id_fk" FOREIGN KEY ("module_id") REFERENCES "public"."product_modules"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "module_attempts" ADD CONSTRAINT "module_attempts_product_version_id_ai_product_versions_id_fk" FOREIGN KEY ("product_version_id") REFERENCES "public"."ai_product_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_modules" ADD CONSTRAINT "product_modules_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_modules" ADD CONSTRAINT "product_modules_product_id_ai_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."ai_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_modules" ADD CONSTRAINT "product_modules_product_version_id_ai_product_versions_id_fk" FOREIGN KEY ("product_version_id") REFERENCES "public"."ai_product_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_modules" ADD CONSTRAINT "product_modules_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ai_deployment_users_person_idx" ON "ai_deployment_users" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ai_deployment_users_one_current" ON "ai_deployment_users" USING btree ("deployment_id","person_id") WHERE "ai_deployment_users"."unlinked_at" is null;--> statement-breakpoint
CREATE INDEX "ai_deployments_organisation_idx" ON "ai_deployments" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "ai_deployments_product_idx" ON "ai_deployments" USING btree ("product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ai_product_versions_label_unique" ON "ai_product_versions" USING btree ("product_id","label");--> statement-breakpoint
CREATE INDEX "ai_product_versions_product_idx" ON "ai_product_versions" USING btree ("product_id","released_on");--> statement-breakpoint
CREATE INDEX "ai_products_organisation_idx" ON "ai_products" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "module_attempts_person_idx" ON "module_attempts" USING btree ("person_id","product_version_id");--> statement-breakpoint
CREATE UNIQUE INDEX "product_modules_one_per_version" ON "product_modules" USING btree ("product_version_id");--> statement-breakpoint
-- Product versions and knowledge-check attempts are history (see 0003).
CREATE TRIGGER ai_product_versions_immutable BEFORE UPDATE OR DELETE ON "ai_product_versions"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
--> statement-breakpoint
CREATE TRIGGER module_attempts_immutable BEFORE UPDATE OR DELETE ON "module_attempts"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
