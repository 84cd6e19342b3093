CREATE TABLE "learning_resource_outcomes" (
	"resource_id" uuid NOT NULL,
	"topic_id" text NOT NULL,
	"level" text NOT NULL,
	CONSTRAINT "learning_resource_outcomes_resource_id_topic_id_pk" PRIMARY KEY("resource_id","topic_id")
);
--> statement-breakpoint
CREATE TABLE "learning_resource_prerequisites" (
	"resource_id" uuid NOT NULL,
	"prerequisite_id" uuid NOT NULL,
	CONSTRAINT "learning_resource_prerequisites_resource_id_prerequisite_id_pk" PRIMARY KEY("resource_id","prerequisite_id")
);
--> statement-breakpoint
CREATE TABLE "learning_resource_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"changed_by" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"snapshot" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "learning_resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"framework_id" text NOT NULL,
	"title" text NOT NULL,
	"provider" text NOT NULL,
	"url" text NOT NULL,
	"description" text NOT NULL,
	"format" text NOT NULL,
	"duration_minutes" integer NOT NULL,
	"cost_pence" integer DEFAULT 0 NOT NULL,
	"cpd_accredited" boolean DEFAULT false NOT NULL,
	"cpd_detail" text,
	"vendor_neutral" boolean NOT NULL,
	"audience_archetypes" text[] DEFAULT '{}'::text[] NOT NULL,
	"audience_note" text,
	"review_date" date,
	"status" text DEFAULT 'draft' NOT NULL,
	"sample" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "journey_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"journey_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"closes" jsonb NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"added_because" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "journey_template_items" (
	"template_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"resource_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "journey_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"framework_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"audience_archetypes" text[] NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"sample" boolean DEFAULT false NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "journeys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"framework_id" text NOT NULL,
	"framework_version" text NOT NULL,
	"template_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"settings" jsonb NOT NULL,
	"planner" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"replanned_at" timestamp with time zone,
	"archived_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "learning_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"framework_id" text NOT NULL,
	"topic_id" text NOT NULL,
	"level" text NOT NULL,
	"resource_id" uuid NOT NULL,
	"journey_item_id" uuid,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "learning_resource_outcomes" ADD CONSTRAINT "learning_resource_outcomes_resource_id_learning_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."learning_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_resource_prerequisites" ADD CONSTRAINT "learning_resource_prerequisites_resource_id_learning_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."learning_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_resource_prerequisites" ADD CONSTRAINT "learning_resource_prerequisites_prerequisite_id_learning_resources_id_fk" FOREIGN KEY ("prerequisite_id") REFERENCES "public"."learning_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_resource_revisions" ADD CONSTRAINT "learning_resource_revisions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_resource_revisions" ADD CONSTRAINT "learning_resource_revisions_resource_id_learning_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."learning_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_resource_revisions" ADD CONSTRAINT "learning_resource_revisions_changed_by_people_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_resources" ADD CONSTRAINT "learning_resources_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_resources" ADD CONSTRAINT "learning_resources_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_items" ADD CONSTRAINT "journey_items_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_items" ADD CONSTRAINT "journey_items_journey_id_journeys_id_fk" FOREIGN KEY ("journey_id") REFERENCES "public"."journeys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_items" ADD CONSTRAINT "journey_items_resource_id_learning_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."learning_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_template_items" ADD CONSTRAINT "journey_template_items_template_id_journey_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."journey_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_template_items" ADD CONSTRAINT "journey_template_items_resource_id_learning_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."learning_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_templates" ADD CONSTRAINT "journey_templates_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journey_templates" ADD CONSTRAINT "journey_templates_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journeys" ADD CONSTRAINT "journeys_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journeys" ADD CONSTRAINT "journeys_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journeys" ADD CONSTRAINT "journeys_template_id_journey_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."journey_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_claims" ADD CONSTRAINT "learning_claims_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_claims" ADD CONSTRAINT "learning_claims_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_claims" ADD CONSTRAINT "learning_claims_resource_id_learning_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."learning_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_claims" ADD CONSTRAINT "learning_claims_journey_item_id_journey_items_id_fk" FOREIGN KEY ("journey_item_id") REFERENCES "public"."journey_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "learning_resource_outcomes_topic_idx" ON "learning_resource_outcomes" USING btree ("topic_id");--> statement-breakpoint
CREATE INDEX "learning_resource_revisions_resource_idx" ON "learning_resource_revisions" USING btree ("resource_id","version");--> statement-breakpoint
CREATE INDEX "learning_resources_status_idx" ON "learning_resources" USING btree ("status","framework_id");--> statement-breakpoint
CREATE INDEX "learning_resources_organisation_idx" ON "learning_resources" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "journey_items_journey_idx" ON "journey_items" USING btree ("journey_id","status");--> statement-breakpoint
CREATE INDEX "journey_template_items_template_idx" ON "journey_template_items" USING btree ("template_id","position");--> statement-breakpoint
CREATE INDEX "journey_templates_status_idx" ON "journey_templates" USING btree ("status");--> statement-breakpoint
CREATE INDEX "journeys_person_idx" ON "journeys" USING btree ("person_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "journeys_one_active_per_person" ON "journeys" USING btree ("person_id") WHERE "journeys"."status" = 'active';--> statement-breakpoint
CREATE INDEX "learning_claims_person_idx" ON "learning_claims" USING btree ("person_id","framework_id","topic_id");--> statement-breakpoint
-- Resource revisions and learning claims are history (see 0003).
CREATE TRIGGER learning_resource_revisions_immutable BEFORE UPDATE OR DELETE ON "learning_resource_revisions"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
--> statement-breakpoint
CREATE TRIGGER learning_claims_immutable BEFORE UPDATE OR DELETE ON "learning_claims"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
