-- A loaded framework version is immutable reference data: refuse any UPDATE at the database,
-- so no code path (or hand-written SQL) can change what learners were assessed against.
CREATE OR REPLACE FUNCTION frameworks_refuse_update() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'framework % version % is immutable; load a new version instead', OLD.framework_id, OLD.version;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER frameworks_immutable BEFORE UPDATE ON "frameworks"
  FOR EACH ROW EXECUTE FUNCTION frameworks_refuse_update();
