-- Assurance answers, decisions, actions and what happened to actions are history (see 0003):
-- refuse UPDATE and DELETE at the database, so no code path can rewrite what a reviewer judged,
-- what a supplier said or what was decided.
CREATE TRIGGER assurance_answers_immutable BEFORE UPDATE OR DELETE ON "assurance_answers"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
--> statement-breakpoint
CREATE TRIGGER assurance_decisions_immutable BEFORE UPDATE OR DELETE ON "assurance_decisions"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
--> statement-breakpoint
CREATE TRIGGER assurance_actions_immutable BEFORE UPDATE OR DELETE ON "assurance_actions"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
--> statement-breakpoint
CREATE TRIGGER assurance_action_events_immutable BEFORE UPDATE OR DELETE ON "assurance_action_events"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
--> statement-breakpoint
-- Evidence is withdrawn, never deleted or edited: the only change allowed is marking it withdrawn once.
CREATE OR REPLACE FUNCTION assurance_evidence_only_withdrawn() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD.withdrawn_at IS NOT NULL OR NEW.withdrawn_at IS NULL
     OR (to_jsonb(NEW) - 'withdrawn_at' - 'withdrawn_by') IS DISTINCT FROM (to_jsonb(OLD) - 'withdrawn_at' - 'withdrawn_by') THEN
    RAISE EXCEPTION '% is history: evidence can only be withdrawn', TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER assurance_evidence_history BEFORE UPDATE OR DELETE ON "assurance_evidence"
  FOR EACH ROW EXECUTE FUNCTION assurance_evidence_only_withdrawn();
--> statement-breakpoint
-- The people a review names (its lead, its reviewers, the owners of its actions): their cached
-- views are stamped stale when that changes (see 0008), so a start page listing their reviews stays true.
CREATE TRIGGER assurance_reviews_person_view AFTER INSERT OR UPDATE OR DELETE ON "assurance_reviews"
  FOR EACH ROW EXECUTE FUNCTION person_view_changed('lead_id');
--> statement-breakpoint
CREATE TRIGGER assurance_review_reviewers_person_view AFTER INSERT OR UPDATE OR DELETE ON "assurance_review_reviewers"
  FOR EACH ROW EXECUTE FUNCTION person_view_changed('person_id');
--> statement-breakpoint
CREATE TRIGGER assurance_actions_person_view AFTER INSERT OR UPDATE OR DELETE ON "assurance_actions"
  FOR EACH ROW EXECUTE FUNCTION person_view_changed('owner_id');
