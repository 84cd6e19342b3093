CREATE TABLE "assurance_action_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"action_id" uuid NOT NULL,
	"event" text NOT NULL,
	"person_id" uuid,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assurance_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"condition" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assurance_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"question_id" text NOT NULL,
	"replaces_id" uuid,
	"supplier_response" text DEFAULT '' NOT NULL,
	"judgement" text,
	"not_applicable_reason" text,
	"risk_note" text DEFAULT '' NOT NULL,
	"owner_id" uuid,
	"recorded_by_person_id" uuid,
	"recorded_via" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "assurance_answers_one_successor" UNIQUE NULLS NOT DISTINCT("review_id","question_id","replaces_id"),
	CONSTRAINT "assurance_answers_not_applicable_has_reason" CHECK ("assurance_answers"."judgement" is distinct from 'not-applicable' or coalesce(btrim("assurance_answers"."not_applicable_reason"), '') <> ''),
	CONSTRAINT "assurance_answers_reviewer_is_named" CHECK ("assurance_answers"."recorded_via" = 'supplier' or "assurance_answers"."recorded_by_person_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "assurance_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"decision_maker_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"statement" text NOT NULL,
	"unanswered_reasons" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assurance_decisions_one_per_review" UNIQUE("review_id")
);
--> statement-breakpoint
CREATE TABLE "assurance_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"question_id" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"note" text,
	"url" text,
	"file_name" text,
	"media_type" text,
	"size_bytes" integer,
	"sha256" text,
	"added_by" uuid,
	"added_via" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid
);
--> statement-breakpoint
CREATE TABLE "assurance_review_reviewers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"added_by" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "assurance_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"question_set" text NOT NULL,
	"deployment_organisation_id" uuid,
	"framework_id" text NOT NULL,
	"framework_version" text NOT NULL,
	"lead_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "assurance_reviews_stage_matches_set" CHECK (("assurance_reviews"."stage" = 'procurement' and "assurance_reviews"."question_set" = 'a3' and "assurance_reviews"."deployment_organisation_id" is null) or ("assurance_reviews"."stage" = 'deployment' and "assurance_reviews"."question_set" = 'a6' and "assurance_reviews"."deployment_organisation_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "ai_products" ADD COLUMN "lifecycle" text DEFAULT 'registered' NOT NULL;--> statement-breakpoint
ALTER TABLE "assurance_action_events" ADD CONSTRAINT "assurance_action_events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_action_events" ADD CONSTRAINT "assurance_action_events_action_id_assurance_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."assurance_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_action_events" ADD CONSTRAINT "assurance_action_events_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_actions" ADD CONSTRAINT "assurance_actions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_actions" ADD CONSTRAINT "assurance_actions_review_id_assurance_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."assurance_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_actions" ADD CONSTRAINT "assurance_actions_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_actions" ADD CONSTRAINT "assurance_actions_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_answers" ADD CONSTRAINT "assurance_answers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_answers" ADD CONSTRAINT "assurance_answers_review_id_assurance_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."assurance_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_answers" ADD CONSTRAINT "assurance_answers_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_answers" ADD CONSTRAINT "assurance_answers_recorded_by_person_id_people_id_fk" FOREIGN KEY ("recorded_by_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_decisions" ADD CONSTRAINT "assurance_decisions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_decisions" ADD CONSTRAINT "assurance_decisions_review_id_assurance_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."assurance_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_decisions" ADD CONSTRAINT "assurance_decisions_decision_maker_id_people_id_fk" FOREIGN KEY ("decision_maker_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_evidence" ADD CONSTRAINT "assurance_evidence_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_evidence" ADD CONSTRAINT "assurance_evidence_review_id_assurance_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."assurance_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_evidence" ADD CONSTRAINT "assurance_evidence_added_by_people_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_evidence" ADD CONSTRAINT "assurance_evidence_withdrawn_by_people_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_review_reviewers" ADD CONSTRAINT "assurance_review_reviewers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_review_reviewers" ADD CONSTRAINT "assurance_review_reviewers_review_id_assurance_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."assurance_reviews"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_review_reviewers" ADD CONSTRAINT "assurance_review_reviewers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_review_reviewers" ADD CONSTRAINT "assurance_review_reviewers_added_by_people_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_reviews" ADD CONSTRAINT "assurance_reviews_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_reviews" ADD CONSTRAINT "assurance_reviews_product_id_ai_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."ai_products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_reviews" ADD CONSTRAINT "assurance_reviews_deployment_organisation_id_organisations_id_fk" FOREIGN KEY ("deployment_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_reviews" ADD CONSTRAINT "assurance_reviews_lead_id_people_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assurance_reviews" ADD CONSTRAINT "assurance_reviews_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assurance_action_events_once" ON "assurance_action_events" USING btree ("action_id","event");--> statement-breakpoint
CREATE INDEX "assurance_actions_review_idx" ON "assurance_actions" USING btree ("review_id");--> statement-breakpoint
CREATE INDEX "assurance_actions_owner_idx" ON "assurance_actions" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "assurance_answers_question_idx" ON "assurance_answers" USING btree ("review_id","question_id","recorded_at");--> statement-breakpoint
CREATE INDEX "assurance_evidence_question_idx" ON "assurance_evidence" USING btree ("review_id","question_id");--> statement-breakpoint
CREATE INDEX "assurance_evidence_sha256_idx" ON "assurance_evidence" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "assurance_review_reviewers_person_idx" ON "assurance_review_reviewers" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "assurance_review_reviewers_one_current" ON "assurance_review_reviewers" USING btree ("review_id","person_id") WHERE "assurance_review_reviewers"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "assurance_reviews_organisation_idx" ON "assurance_reviews" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "assurance_reviews_product_idx" ON "assurance_reviews" USING btree ("product_id");