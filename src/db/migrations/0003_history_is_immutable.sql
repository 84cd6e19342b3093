-- Ratings, verification decisions and the audit trail are history: refuse UPDATE and DELETE at the
-- database, so no code path can rewrite what a person said or what their supervisor decided.
CREATE OR REPLACE FUNCTION history_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is history and cannot be changed', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER topic_ratings_immutable BEFORE UPDATE OR DELETE ON "topic_ratings"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
--> statement-breakpoint
CREATE TRIGGER verification_decisions_immutable BEFORE UPDATE OR DELETE ON "verification_decisions"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_events_immutable BEFORE UPDATE OR DELETE ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
