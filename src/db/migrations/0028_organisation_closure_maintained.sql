-- Keeps organisation_closure (docs/scale.md §2.1): a new organisation gets its parent's ancestors, one
-- step deeper, and itself at depth 0. The parent's rows already exist, because the parent was inserted first.
CREATE FUNCTION organisation_closure_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO organisation_closure (ancestor_id, descendant_id, depth)
  SELECT ancestor_id, NEW.id, depth + 1 FROM organisation_closure WHERE descendant_id = NEW.parent_id
  UNION ALL
  SELECT NEW.id, NEW.id, 0;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER organisations_closure_add AFTER INSERT ON "organisations"
  FOR EACH ROW EXECUTE FUNCTION organisation_closure_add();
--> statement-breakpoint
-- Nothing moves an organisation today (the hub only inserts them). Moving one would have to rewrite the
-- closure of its whole subtree, and the rollups keyed by ancestor with it (§2.2), so it is refused here
-- rather than left to leave the closure wrong; a move would be a service that does all of that in a batch.
CREATE FUNCTION organisation_parent_is_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'an organisation cannot be moved to another parent (organisation %)', OLD.id
    USING ERRCODE = 'restrict_violation';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER organisations_parent_is_fixed BEFORE UPDATE OF parent_id ON "organisations"
  FOR EACH ROW WHEN (OLD.parent_id IS DISTINCT FROM NEW.parent_id) EXECUTE FUNCTION organisation_parent_is_fixed();
--> statement-breakpoint
-- Backfill: every organisation that existed before this migration, with all its ancestors. Safe to run again.
INSERT INTO organisation_closure (ancestor_id, descendant_id, depth)
WITH RECURSIVE pairs(ancestor_id, descendant_id, depth) AS (
  SELECT id, id, 0 FROM organisations
  UNION ALL
  SELECT p.ancestor_id, o.id, p.depth + 1 FROM pairs p JOIN organisations o ON o.parent_id = p.descendant_id
)
SELECT ancestor_id, descendant_id, depth FROM pairs
ON CONFLICT (ancestor_id, descendant_id) DO NOTHING;
