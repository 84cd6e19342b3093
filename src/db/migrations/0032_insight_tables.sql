CREATE TABLE "insight_journeys" (
	"organisation_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"synthetic" boolean NOT NULL,
	"framework_id" text NOT NULL,
	"people_with_journey" integer DEFAULT 0 NOT NULL,
	"journeys_started" integer DEFAULT 0 NOT NULL,
	"items_planned" integer DEFAULT 0 NOT NULL,
	"items_completed" integer DEFAULT 0 NOT NULL,
	"minutes_planned" integer DEFAULT 0 NOT NULL,
	"minutes_done" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "insight_journeys_organisation_id_dimension_value_framework_id_synthetic_pk" PRIMARY KEY("organisation_id","dimension","value","framework_id","synthetic")
);
--> statement-breakpoint
CREATE TABLE "insight_journeys_monthly" (
	"organisation_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"synthetic" boolean NOT NULL,
	"framework_id" text NOT NULL,
	"month" date NOT NULL,
	"people_with_journey" integer DEFAULT 0 NOT NULL,
	"journeys_started" integer DEFAULT 0 NOT NULL,
	"items_planned" integer DEFAULT 0 NOT NULL,
	"items_completed" integer DEFAULT 0 NOT NULL,
	"minutes_planned" integer DEFAULT 0 NOT NULL,
	"minutes_done" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "insight_journeys_monthly_organisation_id_dimension_value_framework_id_synthetic_month_pk" PRIMARY KEY("organisation_id","dimension","value","framework_id","synthetic","month")
);
--> statement-breakpoint
CREATE TABLE "insight_people" (
	"organisation_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"synthetic" boolean NOT NULL,
	"people" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "insight_people_organisation_id_dimension_value_synthetic_pk" PRIMARY KEY("organisation_id","dimension","value","synthetic")
);
--> statement-breakpoint
CREATE TABLE "insight_people_monthly" (
	"organisation_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"synthetic" boolean NOT NULL,
	"month" date NOT NULL,
	"people" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "insight_people_monthly_organisation_id_dimension_value_synthetic_month_pk" PRIMARY KEY("organisation_id","dimension","value","synthetic","month")
);
--> statement-breakpoint
CREATE TABLE "insight_person_dims" (
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"archetypes" text[] DEFAULT '{}'::text[] NOT NULL,
	"professional_group" text,
	"setting" text,
	"clinical_decision_making" boolean DEFAULT false NOT NULL,
	"organisation_kind" text NOT NULL,
	"counted" boolean DEFAULT false NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	CONSTRAINT "insight_person_dims_organisation_id_person_id_pk" PRIMARY KEY("organisation_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "insight_requirements" (
	"organisation_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"synthetic" boolean NOT NULL,
	"framework_id" text NOT NULL,
	"framework_version" text NOT NULL,
	"tier" text NOT NULL,
	"archetype" text NOT NULL,
	"factor" text NOT NULL,
	"people" integer DEFAULT 0 NOT NULL,
	"applicable" integer DEFAULT 0 NOT NULL,
	"met_self" integer DEFAULT 0 NOT NULL,
	"met_verified" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "insight_requirements_organisation_id_dimension_value_framework_id_framework_version_tier_archetype_factor_synthetic_pk" PRIMARY KEY("organisation_id","dimension","value","framework_id","framework_version","tier","archetype","factor","synthetic")
);
--> statement-breakpoint
CREATE TABLE "insight_requirements_monthly" (
	"organisation_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"synthetic" boolean NOT NULL,
	"framework_id" text NOT NULL,
	"framework_version" text NOT NULL,
	"tier" text NOT NULL,
	"archetype" text NOT NULL,
	"factor" text NOT NULL,
	"month" date NOT NULL,
	"people" integer DEFAULT 0 NOT NULL,
	"applicable" integer DEFAULT 0 NOT NULL,
	"met_self" integer DEFAULT 0 NOT NULL,
	"met_verified" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "insight_requirements_monthly_organisation_id_dimension_value_framework_id_framework_version_tier_archetype_factor_synthetic_month_pk" PRIMARY KEY("organisation_id","dimension","value","framework_id","framework_version","tier","archetype","factor","synthetic","month")
);
--> statement-breakpoint
CREATE TABLE "insight_topic_levels" (
	"organisation_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"synthetic" boolean NOT NULL,
	"framework_id" text NOT NULL,
	"topic_id" text NOT NULL,
	"basis" text NOT NULL,
	"level" text NOT NULL,
	"people" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "insight_topic_levels_organisation_id_dimension_value_framework_id_topic_id_basis_level_synthetic_pk" PRIMARY KEY("organisation_id","dimension","value","framework_id","topic_id","basis","level","synthetic")
);
--> statement-breakpoint
CREATE TABLE "insight_topic_levels_monthly" (
	"organisation_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"synthetic" boolean NOT NULL,
	"framework_id" text NOT NULL,
	"topic_id" text NOT NULL,
	"basis" text NOT NULL,
	"level" text NOT NULL,
	"month" date NOT NULL,
	"people" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "insight_topic_levels_monthly_organisation_id_dimension_value_framework_id_topic_id_basis_level_synthetic_month_pk" PRIMARY KEY("organisation_id","dimension","value","framework_id","topic_id","basis","level","synthetic","month")
);
--> statement-breakpoint
CREATE TABLE "insight_training" (
	"organisation_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"synthetic" boolean NOT NULL,
	"product_id" uuid NOT NULL,
	"deployment_id" uuid NOT NULL,
	"state" text NOT NULL,
	"started" boolean NOT NULL,
	"due_on" date NOT NULL,
	"people" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "insight_training_organisation_id_dimension_value_product_id_deployment_id_state_started_due_on_synthetic_pk" PRIMARY KEY("organisation_id","dimension","value","product_id","deployment_id","state","started","due_on","synthetic")
);
--> statement-breakpoint
CREATE TABLE "insight_training_monthly" (
	"organisation_id" uuid NOT NULL,
	"dimension" text NOT NULL,
	"value" text NOT NULL,
	"synthetic" boolean NOT NULL,
	"product_id" uuid NOT NULL,
	"deployment_id" uuid NOT NULL,
	"state" text NOT NULL,
	"started" boolean NOT NULL,
	"due_on" date NOT NULL,
	"month" date NOT NULL,
	"people" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "insight_training_monthly_organisation_id_dimension_value_product_id_deployment_id_state_started_due_on_synthetic_month_pk" PRIMARY KEY("organisation_id","dimension","value","product_id","deployment_id","state","started","due_on","synthetic","month")
);
--> statement-breakpoint
CREATE TABLE "person_journey_progress" (
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"framework_id" text NOT NULL,
	"has_journey" integer DEFAULT 0 NOT NULL,
	"started" integer DEFAULT 0 NOT NULL,
	"items_planned" integer DEFAULT 0 NOT NULL,
	"items_completed" integer DEFAULT 0 NOT NULL,
	"minutes_planned" integer DEFAULT 0 NOT NULL,
	"minutes_done" integer DEFAULT 0 NOT NULL,
	"archetypes" text[] DEFAULT '{}'::text[] NOT NULL,
	"professional_group" text,
	"setting" text,
	"clinical_decision_making" boolean DEFAULT false NOT NULL,
	"organisation_kind" text NOT NULL,
	"counted" boolean DEFAULT false NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	CONSTRAINT "person_journey_progress_organisation_id_person_id_framework_id_pk" PRIMARY KEY("organisation_id","person_id","framework_id")
);
--> statement-breakpoint
CREATE TABLE "person_requirement_standing" (
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"framework_id" text NOT NULL,
	"framework_version" text NOT NULL,
	"tier" text NOT NULL,
	"archetype" text NOT NULL,
	"factor" text NOT NULL,
	"applicable" integer DEFAULT 0 NOT NULL,
	"met_self" integer DEFAULT 0 NOT NULL,
	"met_verified" integer DEFAULT 0 NOT NULL,
	"archetypes" text[] DEFAULT '{}'::text[] NOT NULL,
	"professional_group" text,
	"setting" text,
	"clinical_decision_making" boolean DEFAULT false NOT NULL,
	"organisation_kind" text NOT NULL,
	"counted" boolean DEFAULT false NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	CONSTRAINT "person_requirement_standing_organisation_id_person_id_framework_id_framework_version_tier_archetype_factor_pk" PRIMARY KEY("organisation_id","person_id","framework_id","framework_version","tier","archetype","factor")
);
--> statement-breakpoint
CREATE TABLE "person_training_currency" (
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"deployment_id" uuid NOT NULL,
	"state" text NOT NULL,
	"started" boolean NOT NULL,
	"due_on" date DEFAULT 'infinity' NOT NULL,
	"archetypes" text[] DEFAULT '{}'::text[] NOT NULL,
	"professional_group" text,
	"setting" text,
	"clinical_decision_making" boolean DEFAULT false NOT NULL,
	"organisation_kind" text NOT NULL,
	"counted" boolean DEFAULT false NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	CONSTRAINT "person_training_currency_organisation_id_person_id_deployment_id_pk" PRIMARY KEY("organisation_id","person_id","deployment_id")
);
--> statement-breakpoint
ALTER TABLE "insight_journeys" ADD CONSTRAINT "insight_journeys_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_journeys_monthly" ADD CONSTRAINT "insight_journeys_monthly_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_people" ADD CONSTRAINT "insight_people_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_people_monthly" ADD CONSTRAINT "insight_people_monthly_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_person_dims" ADD CONSTRAINT "insight_person_dims_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_person_dims" ADD CONSTRAINT "insight_person_dims_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_requirements" ADD CONSTRAINT "insight_requirements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_requirements_monthly" ADD CONSTRAINT "insight_requirements_monthly_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_topic_levels" ADD CONSTRAINT "insight_topic_levels_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_topic_levels_monthly" ADD CONSTRAINT "insight_topic_levels_monthly_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_training" ADD CONSTRAINT "insight_training_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_training_monthly" ADD CONSTRAINT "insight_training_monthly_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_journey_progress" ADD CONSTRAINT "person_journey_progress_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_journey_progress" ADD CONSTRAINT "person_journey_progress_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_requirement_standing" ADD CONSTRAINT "person_requirement_standing_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_requirement_standing" ADD CONSTRAINT "person_requirement_standing_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_training_currency" ADD CONSTRAINT "person_training_currency_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_training_currency" ADD CONSTRAINT "person_training_currency_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;