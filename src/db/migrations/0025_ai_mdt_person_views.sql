-- A team membership, a responsibility held and a resource the team asked for are about the member:
-- their start page and journey show them, so their cached views are stamped stale (see 0008).
CREATE TRIGGER ai_mdt_members_person_view AFTER INSERT OR UPDATE OR DELETE ON "ai_mdt_members"
  FOR EACH ROW EXECUTE FUNCTION person_view_changed('person_id');
--> statement-breakpoint
CREATE TRIGGER ai_mdt_responsibilities_person_view AFTER INSERT OR UPDATE OR DELETE ON "ai_mdt_responsibilities"
  FOR EACH ROW EXECUTE FUNCTION person_view_changed('person_id');
--> statement-breakpoint
CREATE TRIGGER ai_mdt_assignments_person_view AFTER INSERT OR UPDATE OR DELETE ON "ai_mdt_assignments"
  FOR EACH ROW EXECUTE FUNCTION person_view_changed('person_id');
