-- The staff record tables hold data about a person, so a change to them makes that person's cached
-- views stale (as migration 0008's triggers do). Imports write thousands of rows a statement, so
-- these are statement triggers over the transition tables: one stamp bump per person, not per row.
CREATE OR REPLACE FUNCTION staff_rows_person_view() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM bump_person_view(p) FROM (SELECT DISTINCT n.person_id AS p FROM new_rows n) s;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM bump_person_view(p) FROM (SELECT DISTINCT o.person_id AS p FROM old_rows o) s;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER staff_people_person_view_insert AFTER INSERT ON "staff_people"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION staff_rows_person_view();
--> statement-breakpoint
CREATE TRIGGER staff_people_person_view_update AFTER UPDATE ON "staff_people"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION staff_rows_person_view();
--> statement-breakpoint
CREATE TRIGGER staff_people_person_view_delete AFTER DELETE ON "staff_people"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION staff_rows_person_view();
--> statement-breakpoint
CREATE TRIGGER staff_assignments_person_view_insert AFTER INSERT ON "staff_assignments"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION staff_rows_person_view();
--> statement-breakpoint
CREATE TRIGGER staff_assignments_person_view_update AFTER UPDATE ON "staff_assignments"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION staff_rows_person_view();
--> statement-breakpoint
CREATE TRIGGER staff_assignments_person_view_delete AFTER DELETE ON "staff_assignments"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION staff_rows_person_view();
--> statement-breakpoint
CREATE TRIGGER profile_suggestions_person_view_insert AFTER INSERT ON "profile_suggestions"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION staff_rows_person_view();
--> statement-breakpoint
CREATE TRIGGER profile_suggestions_person_view_update AFTER UPDATE ON "profile_suggestions"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION staff_rows_person_view();
--> statement-breakpoint
CREATE TRIGGER profile_suggestions_person_view_delete AFTER DELETE ON "profile_suggestions"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION staff_rows_person_view();
