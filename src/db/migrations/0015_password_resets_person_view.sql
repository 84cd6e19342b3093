-- A reset link is about its person: their cached views are stamped stale when one is made or used (see 0008).
CREATE TRIGGER password_resets_person_view AFTER INSERT OR UPDATE OR DELETE ON "password_resets"
  FOR EACH ROW EXECUTE FUNCTION person_view_changed('person_id');
