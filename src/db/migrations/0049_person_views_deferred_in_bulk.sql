-- A bulk write (a staff import of tens of thousands of people) would bump each person's view stamp
-- once per row of every table it writes: several upserts per person. With the transaction-local
-- setting hub.defer_person_views = 'on' the row triggers skip the bump, and the writer bumps each
-- person it touched once before committing (staff-import-writes.ts). Unset, nothing changes.
CREATE OR REPLACE FUNCTION person_view_changed() RETURNS trigger AS $$
DECLARE
  old_row jsonb;
  new_row jsonb;
  subject_column text;
BEGIN
  IF current_setting('hub.defer_person_views', true) = 'on' THEN
    RETURN NULL;
  END IF;
  old_row := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END;
  new_row := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END;
  FOREACH subject_column IN ARRAY TG_ARGV LOOP
    IF old_row ->> subject_column IS NOT NULL THEN
      PERFORM bump_person_view((old_row ->> subject_column)::uuid);
    END IF;
    IF new_row ->> subject_column IS NOT NULL AND (new_row ->> subject_column) IS DISTINCT FROM (old_row ->> subject_column) THEN
      PERFORM bump_person_view((new_row ->> subject_column)::uuid);
    END IF;
  END LOOP;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION staff_rows_person_view() RETURNS trigger AS $$
BEGIN
  IF current_setting('hub.defer_person_views', true) = 'on' THEN
    RETURN NULL;
  END IF;
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
-- Likewise a person's insight dimensions: an import disabling a thousand leavers syncs them in one
-- call (insight_sync_person_dims takes an array) instead of one per row.
CREATE OR REPLACE FUNCTION insight_person_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('hub.defer_person_dims', true) = 'on' THEN
    RETURN NULL;
  END IF;
  PERFORM insight_sync_person_dims(ARRAY[NEW.id]);
  RETURN NULL;
END;
$$;
