-- Breakdown dimensions of insight contribution rows (docs/scale.md §2.3, §7 step 4).
-- insight_person_dims holds each person's dimensions; it is the one place they are worked out
-- (insight_sync_person_dims). Every contribution table copies them onto its rows: a BEFORE INSERT
-- trigger fills them on a new row (writers give only key and measure columns), and a change of the
-- person or profile UPDATEs them on the person's existing rows, only when something changed, so the
-- rollup delta triggers move the person's counts between rollup rows.
CREATE FUNCTION insight_sync_person_dims(p_people uuid[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_orgs uuid[];
  v_ids uuid[];
BEGIN
  WITH changed AS (
    INSERT INTO insight_person_dims AS d (organisation_id, person_id, archetypes, professional_group, setting,
        clinical_decision_making, organisation_kind, counted, synthetic)
    SELECT pe.organisation_id, pe.id, coalesce(p.archetypes, '{}'::text[]), p.professional_group, p.setting,
           coalesce(p.clinical_decision_making, false), o.kind, pe.status = 'active' AND p.person_id IS NOT NULL, pe.synthetic
      FROM people pe
      JOIN organisations o ON o.id = pe.organisation_id
      LEFT JOIN profiles p ON p.person_id = pe.id
     WHERE pe.id = ANY (p_people)
     ORDER BY pe.organisation_id, pe.id
    ON CONFLICT (organisation_id, person_id) DO UPDATE
      SET archetypes = excluded.archetypes, professional_group = excluded.professional_group, setting = excluded.setting,
          clinical_decision_making = excluded.clinical_decision_making, organisation_kind = excluded.organisation_kind,
          counted = excluded.counted, synthetic = excluded.synthetic
      WHERE (d.archetypes, d.professional_group, d.setting, d.clinical_decision_making, d.organisation_kind, d.counted, d.synthetic)
            IS DISTINCT FROM (excluded.archetypes, excluded.professional_group, excluded.setting,
                              excluded.clinical_decision_making, excluded.organisation_kind, excluded.counted, excluded.synthetic)
    RETURNING d.organisation_id, d.person_id
  )
  SELECT array_agg(organisation_id ORDER BY organisation_id, person_id), array_agg(person_id ORDER BY organisation_id, person_id)
    INTO v_orgs, v_ids FROM changed;
  IF v_ids IS NULL THEN
    RETURN;
  END IF;
  PERFORM insight_push_person_dims(v_orgs, v_ids);
END;
$$;
--> statement-breakpoint
-- Copies the stored dimensions of the given (organisation, person) pairs onto their rows in every
-- contribution table, in a fixed table order; a row already carrying them is left alone.
CREATE FUNCTION insight_push_person_dims(p_orgs uuid[], p_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  UPDATE current_topic_levels c
     SET archetypes = d.archetypes, professional_group = d.professional_group, setting = d.setting,
         clinical_decision_making = d.clinical_decision_making, organisation_kind = d.organisation_kind,
         counted = d.counted, synthetic = d.synthetic
    FROM unnest(p_orgs, p_ids) AS k(organisation_id, person_id)
    JOIN insight_person_dims d ON d.organisation_id = k.organisation_id AND d.person_id = k.person_id
   WHERE c.organisation_id = d.organisation_id AND c.person_id = d.person_id
     AND (c.archetypes, c.professional_group, c.setting, c.clinical_decision_making, c.organisation_kind, c.counted, c.synthetic)
         IS DISTINCT FROM (d.archetypes, d.professional_group, d.setting, d.clinical_decision_making, d.organisation_kind, d.counted, d.synthetic);
  UPDATE person_requirement_standing c
     SET archetypes = d.archetypes, professional_group = d.professional_group, setting = d.setting,
         clinical_decision_making = d.clinical_decision_making, organisation_kind = d.organisation_kind,
         counted = d.counted, synthetic = d.synthetic
    FROM unnest(p_orgs, p_ids) AS k(organisation_id, person_id)
    JOIN insight_person_dims d ON d.organisation_id = k.organisation_id AND d.person_id = k.person_id
   WHERE c.organisation_id = d.organisation_id AND c.person_id = d.person_id
     AND (c.archetypes, c.professional_group, c.setting, c.clinical_decision_making, c.organisation_kind, c.counted, c.synthetic)
         IS DISTINCT FROM (d.archetypes, d.professional_group, d.setting, d.clinical_decision_making, d.organisation_kind, d.counted, d.synthetic);
  UPDATE person_training_currency c
     SET archetypes = d.archetypes, professional_group = d.professional_group, setting = d.setting,
         clinical_decision_making = d.clinical_decision_making, organisation_kind = d.organisation_kind,
         counted = d.counted, synthetic = d.synthetic
    FROM unnest(p_orgs, p_ids) AS k(organisation_id, person_id)
    JOIN insight_person_dims d ON d.organisation_id = k.organisation_id AND d.person_id = k.person_id
   WHERE c.organisation_id = d.organisation_id AND c.person_id = d.person_id
     AND (c.archetypes, c.professional_group, c.setting, c.clinical_decision_making, c.organisation_kind, c.counted, c.synthetic)
         IS DISTINCT FROM (d.archetypes, d.professional_group, d.setting, d.clinical_decision_making, d.organisation_kind, d.counted, d.synthetic);
  UPDATE person_journey_progress c
     SET archetypes = d.archetypes, professional_group = d.professional_group, setting = d.setting,
         clinical_decision_making = d.clinical_decision_making, organisation_kind = d.organisation_kind,
         counted = d.counted, synthetic = d.synthetic
    FROM unnest(p_orgs, p_ids) AS k(organisation_id, person_id)
    JOIN insight_person_dims d ON d.organisation_id = k.organisation_id AND d.person_id = k.person_id
   WHERE c.organisation_id = d.organisation_id AND c.person_id = d.person_id
     AND (c.archetypes, c.professional_group, c.setting, c.clinical_decision_making, c.organisation_kind, c.counted, c.synthetic)
         IS DISTINCT FROM (d.archetypes, d.professional_group, d.setting, d.clinical_decision_making, d.organisation_kind, d.counted, d.synthetic);
END;
$$;
--> statement-breakpoint
-- Statement-level for inserts (a demo or benchmark load inserts many people in one statement).
CREATE FUNCTION insight_people_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM insight_sync_person_dims(array(SELECT n.id FROM new_rows n));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER people_insight_dims_insert AFTER INSERT ON "people"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION insight_people_inserted();
--> statement-breakpoint
CREATE FUNCTION insight_profiles_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM insight_sync_person_dims(array(SELECT o.person_id FROM old_rows o));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION insight_profiles_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM insight_sync_person_dims(array(SELECT n.person_id FROM new_rows n));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER profiles_insight_dims_insert AFTER INSERT ON "profiles"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION insight_profiles_inserted();
--> statement-breakpoint
CREATE TRIGGER profiles_insight_dims_delete AFTER DELETE ON "profiles"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION insight_profiles_deleted();
--> statement-breakpoint
-- Updates are rare and one person at a time; a row trigger with WHEN is called only on a real change.
CREATE FUNCTION insight_person_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM insight_sync_person_dims(ARRAY[NEW.id]);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION insight_profile_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM insight_sync_person_dims(ARRAY[OLD.person_id, NEW.person_id]);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER people_insight_dims_update AFTER UPDATE OF status, synthetic ON "people"
  FOR EACH ROW WHEN ((OLD.status, OLD.synthetic) IS DISTINCT FROM (NEW.status, NEW.synthetic))
  EXECUTE FUNCTION insight_person_changed();
--> statement-breakpoint
CREATE TRIGGER profiles_insight_dims_update AFTER UPDATE ON "profiles"
  FOR EACH ROW WHEN ((OLD.archetypes, OLD.professional_group, OLD.setting, OLD.clinical_decision_making, OLD.person_id)
                     IS DISTINCT FROM (NEW.archetypes, NEW.professional_group, NEW.setting, NEW.clinical_decision_making, NEW.person_id))
  EXECUTE FUNCTION insight_profile_changed();
--> statement-breakpoint
-- A new contribution row takes the person's stored dimensions, whatever the writer gave: one PK probe.
CREATE FUNCTION insight_fill_dims() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d insight_person_dims%ROWTYPE;
BEGIN
  SELECT * INTO d FROM insight_person_dims WHERE organisation_id = NEW.organisation_id AND person_id = NEW.person_id;
  IF NOT FOUND THEN
    PERFORM insight_sync_person_dims(ARRAY[NEW.person_id]);
    SELECT * INTO d FROM insight_person_dims WHERE organisation_id = NEW.organisation_id AND person_id = NEW.person_id;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'person % is not in organisation %', NEW.person_id, NEW.organisation_id USING ERRCODE = 'foreign_key_violation';
    END IF;
  END IF;
  NEW.archetypes := d.archetypes;
  NEW.professional_group := d.professional_group;
  NEW.setting := d.setting;
  NEW.clinical_decision_making := d.clinical_decision_making;
  NEW.organisation_kind := d.organisation_kind;
  NEW.counted := d.counted;
  NEW.synthetic := d.synthetic;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER current_topic_levels_fill_dims BEFORE INSERT ON "current_topic_levels"
  FOR EACH ROW EXECUTE FUNCTION insight_fill_dims();
--> statement-breakpoint
CREATE TRIGGER person_requirement_standing_fill_dims BEFORE INSERT ON "person_requirement_standing"
  FOR EACH ROW EXECUTE FUNCTION insight_fill_dims();
--> statement-breakpoint
CREATE TRIGGER person_training_currency_fill_dims BEFORE INSERT ON "person_training_currency"
  FOR EACH ROW EXECUTE FUNCTION insight_fill_dims();
--> statement-breakpoint
CREATE TRIGGER person_journey_progress_fill_dims BEFORE INSERT ON "person_journey_progress"
  FOR EACH ROW EXECUTE FUNCTION insight_fill_dims();
--> statement-breakpoint
-- 0030's trigger functions no longer copy dimensions themselves: the fill trigger above does (one
-- rule). Only the functions are replaced; the triggers that call them are left where they are.
CREATE OR REPLACE FUNCTION topic_ratings_current() RETURNS trigger AS $$
BEGIN
  INSERT INTO "current_topic_levels" AS c ("organisation_id", "person_id", "framework_id", "topic_id",
      "self_level", "self_rating_id", "self_rated_at", "framework_version")
    SELECT pe.organisation_id, l.person_id, l.framework_id, l.topic_id, l.level, l.id, l.rated_at, l.framework_version
      FROM (SELECT DISTINCT ON (n.person_id, n.framework_id, n.topic_id) n.*
              FROM new_rows n
             ORDER BY n.person_id, n.framework_id, n.topic_id, n.rated_at DESC, n.id DESC) l
      JOIN "people" pe ON pe.id = l.person_id
  ON CONFLICT ("organisation_id", "person_id", "framework_id", "topic_id") DO UPDATE
    SET "self_level" = excluded.self_level, "self_rating_id" = excluded.self_rating_id,
        "self_rated_at" = excluded.self_rated_at, "framework_version" = excluded.framework_version
    WHERE c.self_rated_at IS NULL
       OR (excluded.self_rated_at, excluded.self_rating_id) > (c.self_rated_at, c.self_rating_id);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION verification_decisions_current() RETURNS trigger AS $$
BEGIN
  INSERT INTO "current_topic_levels" AS c ("organisation_id", "person_id", "framework_id", "topic_id",
      "verified_level", "verified_decision_id", "verified_at")
    SELECT pe.organisation_id, l.learner_id, l.framework_id, l.topic_id, l.level, l.id, l.decided_at
      FROM (SELECT DISTINCT ON (r.learner_id, r.framework_id, r.topic_id) r.learner_id, r.framework_id, r.topic_id, n.level, n.id, n.decided_at
              FROM new_rows n
              JOIN "verification_requests" r ON r.id = n.request_id AND r.organisation_id = n.organisation_id
             WHERE n.outcome IN ('confirmed', 'adjusted')
             ORDER BY r.learner_id, r.framework_id, r.topic_id, n.decided_at DESC, n.id DESC) l
      JOIN "people" pe ON pe.id = l.learner_id
  ON CONFLICT ("organisation_id", "person_id", "framework_id", "topic_id") DO UPDATE
    SET "verified_level" = excluded.verified_level, "verified_decision_id" = excluded.verified_decision_id,
        "verified_at" = excluded.verified_at
    WHERE c.verified_at IS NULL
       OR (excluded.verified_at, excluded.verified_decision_id) > (c.verified_at, c.verified_decision_id);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Backfill: every person's dimensions, pushed onto their existing current_topic_levels rows.
SELECT insight_sync_person_dims(array(SELECT id FROM people));
