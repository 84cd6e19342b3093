CREATE TABLE "xapi_documents" (
	"organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"activity_id" text DEFAULT '' NOT NULL,
	"agent_ifi" text DEFAULT '' NOT NULL,
	"registration" text DEFAULT '' NOT NULL,
	"document_id" text NOT NULL,
	"content_type" text NOT NULL,
	"content" "bytea" NOT NULL,
	"etag" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "xapi_documents_organisation_id_kind_activity_id_agent_ifi_registration_document_id_pk" PRIMARY KEY("organisation_id","kind","activity_id","agent_ifi","registration","document_id")
);
--> statement-breakpoint
CREATE TABLE "xapi_activities" (
	"organisation_id" uuid NOT NULL,
	"activity_id" text NOT NULL,
	"definition" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "xapi_activities_organisation_id_activity_id_pk" PRIMARY KEY("organisation_id","activity_id")
);
--> statement-breakpoint
ALTER TABLE "xapi_documents" ADD CONSTRAINT "xapi_documents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "xapi_activities" ADD CONSTRAINT "xapi_activities_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;