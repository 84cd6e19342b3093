CREATE TABLE "ai_mdt_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"journey_item_id" uuid,
	"reason" text NOT NULL,
	"status" text DEFAULT 'sent' NOT NULL,
	"decline_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp with time zone,
	CONSTRAINT "ai_mdt_assignments_decline_has_reason" CHECK ("ai_mdt_assignments"."status" <> 'declined' or "ai_mdt_assignments"."decline_reason" is not null)
);
--> statement-breakpoint
CREATE TABLE "ai_mdt_members" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"team_role" text NOT NULL,
	"archetypes" text[] NOT NULL,
	"is_lead" boolean DEFAULT false NOT NULL,
	"is_patient_representative" boolean DEFAULT false NOT NULL,
	"seniority_band" text,
	"hours_limit" integer,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"left_at" timestamp with time zone,
	"added_by" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ai_mdt_organisations" (
	"team_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ai_mdt_organisations_team_id_organisation_id_pk" PRIMARY KEY("team_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "ai_mdt_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"basis" text NOT NULL,
	"resilience_k" integer NOT NULL,
	"framework_id" text NOT NULL,
	"framework_version" text NOT NULL,
	"plan" jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"sent_by" uuid
);
--> statement-breakpoint
CREATE TABLE "ai_mdt_products" (
	"team_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ai_mdt_products_team_id_product_id_pk" PRIMARY KEY("team_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "ai_mdt_responsibilities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"responsibility" integer NOT NULL,
	"person_id" uuid NOT NULL,
	"assigned_by" uuid NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ai_mdts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"purpose" text NOT NULL,
	"covered_archetypes" text[],
	"resilience_k" integer DEFAULT 1 NOT NULL,
	"clinical_decision_making" boolean DEFAULT true NOT NULL,
	"needs_patient_representative" boolean DEFAULT true NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"archived_at" timestamp with time zone,
	CONSTRAINT "ai_mdts_k_range" CHECK ("ai_mdts"."resilience_k" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "ai_mdt_assignments" ADD CONSTRAINT "ai_mdt_assignments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_mdt_assignments" ADD CONSTRAINT "ai_mdt_assignments_team_id_ai_mdts_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."ai_mdts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_mdt_assignments" ADD CONSTRAINT "ai_mdt_assignments_plan_id_ai_mdt_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."ai_mdt_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_mdt_assignments" ADD CONSTRAINT "ai_mdt_assignments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_mdt_assignments" ADD CONSTRAINT "ai_mdt_assignments_resource_id_learning_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."learning_resources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_mdt_assignments" ADD CONSTRAINT "ai_mdt_assignments_journey_item_id_journey_items_id_fk" FOREIGN KEY ("journey_item_id") REFERENCES "public"."journey_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_mdt_members" ADD CONSTRAINT "ai_mdt_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_mdt_members" ADD CONSTRAINT "ai_mdt_members_team_id_ai_mdts_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."ai_mdts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_mdt_members" ADD CONSTRAINT "ai_mdt_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_mdt_members" ADD CONSTRAINT "ai_mdt_members_added_by_people_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_mdt_organisations" ADD CONSTRAINT "ai_mdt_organisations_team_id_ai_mdts_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."ai_mdts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_mdt_organisations" ADD CONSTRAINT "ai_mdt_organisations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_mdt_plans" ADD CONSTRAINT "ai_mdt_plans_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_mdt_plans" ADD CONSTRAINT "ai_mdt_plans_team_id_ai_mdts_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."ai_mdts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_mdt_plans" ADD CONSTRAINT "ai_mdt_plans_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_mdt_plans" ADD CONSTRAINT "ai_mdt_plans_sent_by_people_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_mdt_products" ADD CONSTRAINT "ai_mdt_products_team_id_ai_mdts_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."ai_mdts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_mdt_products" ADD CONSTRAINT "ai_mdt_products_product_id_ai_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."ai_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_mdt_responsibilities" ADD CONSTRAINT "ai_mdt_responsibilities_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_mdt_responsibilities" ADD CONSTRAINT "ai_mdt_responsibilities_team_id_ai_mdts_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."ai_mdts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_mdt_responsibilities" ADD CONSTRAINT "ai_mdt_responsibilities_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_mdt_responsibilities" ADD CONSTRAINT "ai_mdt_responsibilities_assigned_by_people_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_mdts" ADD CONSTRAINT "ai_mdts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_mdts" ADD CONSTRAINT "ai_mdts_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ai_mdt_assignments_team_idx" ON "ai_mdt_assignments" USING btree ("team_id","status");--> statement-breakpoint
CREATE INDEX "ai_mdt_assignments_person_idx" ON "ai_mdt_assignments" USING btree ("person_id","status");--> statement-breakpoint
CREATE INDEX "ai_mdt_members_team_idx" ON "ai_mdt_members" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "ai_mdt_members_person_idx" ON "ai_mdt_members" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ai_mdt_members_one_current" ON "ai_mdt_members" USING btree ("team_id","person_id") WHERE "ai_mdt_members"."left_at" is null;--> statement-breakpoint
CREATE INDEX "ai_mdt_plans_team_idx" ON "ai_mdt_plans" USING btree ("team_id","created_at");--> statement-breakpoint
CREATE INDEX "ai_mdt_responsibilities_team_idx" ON "ai_mdt_responsibilities" USING btree ("team_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ai_mdt_responsibilities_one_current" ON "ai_mdt_responsibilities" USING btree ("team_id","responsibility","person_id") WHERE "ai_mdt_responsibilities"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "ai_mdts_organisation_idx" ON "ai_mdts" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ai_mdts_name_in_organisation" ON "ai_mdts" USING btree ("organisation_id","name") WHERE "ai_mdts"."archived_at" is null;