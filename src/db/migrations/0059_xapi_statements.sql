CREATE TABLE "xapi_attachments" (
	"organisation_id" uuid NOT NULL,
	"sha2" text NOT NULL,
	"content_type" text NOT NULL,
	"length" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "xapi_attachments_organisation_id_sha2_pk" PRIMARY KEY("organisation_id","sha2")
);
--> statement-breakpoint
CREATE TABLE "xapi_statement_terms" (
	"organisation_id" uuid NOT NULL,
	"statement_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"narrow" boolean NOT NULL,
	CONSTRAINT "xapi_statement_terms_organisation_id_kind_value_statement_id_narrow_pk" PRIMARY KEY("organisation_id","kind","value","statement_id","narrow")
);
--> statement-breakpoint
CREATE TABLE "xapi_statements" (
	"organisation_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"statement" jsonb NOT NULL,
	"stored" timestamp (3) with time zone NOT NULL,
	"timestamp" timestamp (3) with time zone NOT NULL,
	"verb_id" text NOT NULL,
	"actor_ifi" text,
	"object_activity_id" text,
	"object_statement_ref" uuid,
	"registration" uuid,
	"voiding" boolean DEFAULT false NOT NULL,
	"voided" boolean DEFAULT false NOT NULL,
	"lrs_key_id" uuid NOT NULL,
	CONSTRAINT "xapi_statements_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "xapi_attachments" ADD CONSTRAINT "xapi_attachments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xapi_statements" ADD CONSTRAINT "xapi_statements_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "xapi_statement_terms_statement_idx" ON "xapi_statement_terms" USING btree ("organisation_id","statement_id");--> statement-breakpoint
CREATE INDEX "xapi_statements_seq_idx" ON "xapi_statements" USING btree ("organisation_id","seq");--> statement-breakpoint
CREATE INDEX "xapi_statements_stored_idx" ON "xapi_statements" USING btree ("organisation_id","stored");--> statement-breakpoint
CREATE INDEX "xapi_statements_verb_idx" ON "xapi_statements" USING btree ("organisation_id","verb_id");--> statement-breakpoint
CREATE INDEX "xapi_statements_actor_idx" ON "xapi_statements" USING btree ("organisation_id","actor_ifi");--> statement-breakpoint
CREATE INDEX "xapi_statements_activity_idx" ON "xapi_statements" USING btree ("organisation_id","object_activity_id");--> statement-breakpoint
CREATE INDEX "xapi_statements_registration_idx" ON "xapi_statements" USING btree ("organisation_id","registration") WHERE registration is not null;--> statement-breakpoint
CREATE INDEX "xapi_statements_ref_idx" ON "xapi_statements" USING btree ("organisation_id","object_statement_ref") WHERE object_statement_ref is not null;