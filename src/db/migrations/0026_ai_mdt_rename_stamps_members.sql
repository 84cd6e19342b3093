-- A member's journey shows the name of the team that asked for an item, and their start page links
-- to their teams: renaming or archiving a team stamps its current members' cached views stale (0008).
CREATE OR REPLACE FUNCTION ai_mdt_changed() RETURNS trigger AS $$
BEGIN
  IF NEW.name IS DISTINCT FROM OLD.name OR NEW.archived_at IS DISTINCT FROM OLD.archived_at THEN
    PERFORM bump_person_view(m.person_id) FROM "ai_mdt_members" m WHERE m.team_id = NEW.id AND m.left_at IS NULL;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER ai_mdts_members_view AFTER UPDATE ON "ai_mdts"
  FOR EACH ROW EXECUTE FUNCTION ai_mdt_changed();
