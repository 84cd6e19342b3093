CREATE TABLE "platform_completion_queue" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"key_id" uuid NOT NULL,
	"platform" text NOT NULL,
	"statement_id" uuid NOT NULL,
	"statement" jsonb NOT NULL,
	"enqueued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "platform_completion_queue" ADD CONSTRAINT "platform_completion_queue_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platform_completion_queue" ADD CONSTRAINT "platform_completion_queue_key_id_lrs_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."lrs_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "platform_completion_queue_statement_unique" ON "platform_completion_queue" USING btree ("organisation_id","statement_id");--> statement-breakpoint
CREATE INDEX "platform_completion_queue_due_idx" ON "platform_completion_queue" USING btree ("next_attempt_at");