CREATE TABLE "staff_import_files" (
	"run_id" uuid PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"content" "bytea" NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "staff_import_files" ADD CONSTRAINT "staff_import_files_run_id_staff_import_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."staff_import_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_import_files" ADD CONSTRAINT "staff_import_files_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_import_files_expiry_idx" ON "staff_import_files" USING btree ("expires_at");