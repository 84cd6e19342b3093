CREATE TABLE "organisation_closure" (
	"ancestor_id" uuid NOT NULL,
	"descendant_id" uuid NOT NULL,
	"depth" smallint NOT NULL,
	CONSTRAINT "organisation_closure_ancestor_id_descendant_id_pk" PRIMARY KEY("ancestor_id","descendant_id")
);
--> statement-breakpoint
ALTER TABLE "organisation_closure" ADD CONSTRAINT "organisation_closure_ancestor_id_organisations_id_fk" FOREIGN KEY ("ancestor_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_closure" ADD CONSTRAINT "organisation_closure_descendant_id_organisations_id_fk" FOREIGN KEY ("descendant_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organisation_closure_descendant_idx" ON "organisation_closure" USING btree ("descendant_id","ancestor_id","depth");