-- An identity link is about its person: their cached views (the account page says how they sign in) go stale with it.
CREATE TRIGGER identity_links_person_view AFTER INSERT OR UPDATE OR DELETE ON "identity_links"
  FOR EACH ROW EXECUTE FUNCTION person_view_changed('person_id');
