CREATE TABLE "current_topic_levels" (
	"organisation_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"framework_id" text NOT NULL,
	"topic_id" text NOT NULL,
	"self_level" text,
	"self_rating_id" uuid,
	"self_rated_at" timestamp with time zone,
	"framework_version" text,
	"verified_level" text,
	"verified_decision_id" uuid,
	"verified_at" timestamp with time zone,
	"archetypes" text[] DEFAULT '{}'::text[] NOT NULL,
	"professional_group" text,
	"setting" text,
	"clinical_decision_making" boolean DEFAULT false NOT NULL,
	"organisation_kind" text NOT NULL,
	"counted" boolean DEFAULT true NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	CONSTRAINT "current_topic_levels_organisation_id_person_id_framework_id_topic_id_pk" PRIMARY KEY("organisation_id","person_id","framework_id","topic_id")
);
--> statement-breakpoint
ALTER TABLE "current_topic_levels" ADD CONSTRAINT "current_topic_levels_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "current_topic_levels" ADD CONSTRAINT "current_topic_levels_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;