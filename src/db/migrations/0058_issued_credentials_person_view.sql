-- An issued credential is about its learner: their cached pages (their credentials) go stale with it.
CREATE TRIGGER issued_credentials_person_view AFTER INSERT OR UPDATE OR DELETE ON "issued_credentials"
  FOR EACH ROW EXECUTE FUNCTION person_view_changed('person_id');
