CREATE TABLE "insight_pending" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "insight_pending_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organisation_id" uuid NOT NULL,
	"source" text NOT NULL,
	"month" date NOT NULL,
	"sign" smallint NOT NULL,
	"row" jsonb NOT NULL,
	"enqueued_at" timestamp with time zone DEFAULT now() NOT NULL
);
