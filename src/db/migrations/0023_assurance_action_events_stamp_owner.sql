-- An action marked done (or its owner told it is overdue) is about its owner: their start page
-- lists the conditions they own, so their cached views are stamped stale (see 0008).
CREATE OR REPLACE FUNCTION assurance_action_event_changed() RETURNS trigger AS $$
BEGIN
  PERFORM bump_person_view(a.owner_id) FROM "assurance_actions" a WHERE a.id = NEW.action_id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER assurance_action_events_owner_view AFTER INSERT ON "assurance_action_events"
  FOR EACH ROW EXECUTE FUNCTION assurance_action_event_changed();
