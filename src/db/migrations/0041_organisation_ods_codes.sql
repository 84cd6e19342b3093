-- ODS codes are compared upper-cased (CIS2's org_code); blank codes were never codes.
UPDATE "organisations" SET "ods_code" = NULLIF(upper(trim("ods_code")), '') WHERE "ods_code" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "cis2_create_accounts" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_ods_code_unique" ON "organisations" USING btree (upper("ods_code"));