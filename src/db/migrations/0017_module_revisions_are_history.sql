-- A published module revision is what learners read and were examined on: history (see 0003).
-- Refuse UPDATE and DELETE at the database, so no code path can change text an attempt points to.
CREATE TRIGGER product_module_revisions_immutable BEFORE UPDATE OR DELETE ON "product_module_revisions"
  FOR EACH ROW EXECUTE FUNCTION history_refuse_change();
--> statement-breakpoint
-- Shared data the pages show (see 0008): a new revision changes what learners' pages hold.
CREATE TRIGGER product_module_revisions_hub_view AFTER INSERT OR UPDATE OR DELETE ON "product_module_revisions"
  FOR EACH STATEMENT EXECUTE FUNCTION hub_view_changed();
