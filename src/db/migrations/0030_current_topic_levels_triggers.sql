-- current_topic_levels (docs/scale.md §1.2) is derived from history by these insert triggers, in the
-- same transaction as the write. History is immutable (0003), so inserts are all there is to follow.
-- "Latest wins" by the same order as the DISTINCT ON readers it replaces: (rated_at, id) for
-- self-ratings, (decided_at, id) for confirmed/adjusted decisions; a row only replaces a stored level
-- when it sorts later, so out-of-order inserts (imports, demo loads) give the same answer as history.
-- The row is keyed by the person's organisation (people.organisation_id), the distribution key.
CREATE OR REPLACE FUNCTION topic_ratings_current() RETURNS trigger AS $$
BEGIN
  INSERT INTO "current_topic_levels" AS c ("organisation_id", "person_id", "framework_id", "topic_id",
      "self_level", "self_rating_id", "self_rated_at", "framework_version",
      "archetypes", "professional_group", "setting", "clinical_decision_making", "organisation_kind", "counted")
    SELECT pe.organisation_id, l.person_id, l.framework_id, l.topic_id, l.level, l.id, l.rated_at, l.framework_version,
           coalesce(p.archetypes, '{}'::text[]), p.professional_group, p.setting, coalesce(p.clinical_decision_making, false),
           o.kind, pe.status = 'active' AND p.person_id IS NOT NULL
      FROM (SELECT DISTINCT ON (n.person_id, n.framework_id, n.topic_id) n.*
              FROM new_rows n
             ORDER BY n.person_id, n.framework_id, n.topic_id, n.rated_at DESC, n.id DESC) l
      JOIN "people" pe ON pe.id = l.person_id
      JOIN "organisations" o ON o.id = pe.organisation_id
      LEFT JOIN "profiles" p ON p.person_id = pe.id
  ON CONFLICT ("organisation_id", "person_id", "framework_id", "topic_id") DO UPDATE
    SET "self_level" = excluded.self_level, "self_rating_id" = excluded.self_rating_id,
        "self_rated_at" = excluded.self_rated_at, "framework_version" = excluded.framework_version
    WHERE c.self_rated_at IS NULL
       OR (excluded.self_rated_at, excluded.self_rating_id) > (c.self_rated_at, c.self_rating_id);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER topic_ratings_current AFTER INSERT ON "topic_ratings"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION topic_ratings_current();
--> statement-breakpoint
-- Returned and withdrawn decisions verify nothing, so only confirmed and adjusted ones count.
CREATE OR REPLACE FUNCTION verification_decisions_current() RETURNS trigger AS $$
BEGIN
  INSERT INTO "current_topic_levels" AS c ("organisation_id", "person_id", "framework_id", "topic_id",
      "verified_level", "verified_decision_id", "verified_at",
      "archetypes", "professional_group", "setting", "clinical_decision_making", "organisation_kind", "counted")
    SELECT pe.organisation_id, l.learner_id, l.framework_id, l.topic_id, l.level, l.id, l.decided_at,
           coalesce(p.archetypes, '{}'::text[]), p.professional_group, p.setting, coalesce(p.clinical_decision_making, false),
           o.kind, pe.status = 'active' AND p.person_id IS NOT NULL
      FROM (SELECT DISTINCT ON (r.learner_id, r.framework_id, r.topic_id) r.learner_id, r.framework_id, r.topic_id, n.level, n.id, n.decided_at
              FROM new_rows n
              JOIN "verification_requests" r ON r.id = n.request_id AND r.organisation_id = n.organisation_id
             WHERE n.outcome IN ('confirmed', 'adjusted')
             ORDER BY r.learner_id, r.framework_id, r.topic_id, n.decided_at DESC, n.id DESC) l
      JOIN "people" pe ON pe.id = l.learner_id
      JOIN "organisations" o ON o.id = pe.organisation_id
      LEFT JOIN "profiles" p ON p.person_id = pe.id
  ON CONFLICT ("organisation_id", "person_id", "framework_id", "topic_id") DO UPDATE
    SET "verified_level" = excluded.verified_level, "verified_decision_id" = excluded.verified_decision_id,
        "verified_at" = excluded.verified_at
    WHERE c.verified_at IS NULL
       OR (excluded.verified_at, excluded.verified_decision_id) > (c.verified_at, c.verified_decision_id);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER verification_decisions_current AFTER INSERT ON "verification_decisions"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION verification_decisions_current();
--> statement-breakpoint
-- Backfill from existing history, the same DISTINCT ON the readers used.
INSERT INTO "current_topic_levels" ("organisation_id", "person_id", "framework_id", "topic_id",
    "self_level", "self_rating_id", "self_rated_at", "framework_version",
    "archetypes", "professional_group", "setting", "clinical_decision_making", "organisation_kind", "counted")
  SELECT pe.organisation_id, l.person_id, l.framework_id, l.topic_id, l.level, l.id, l.rated_at, l.framework_version,
         coalesce(p.archetypes, '{}'::text[]), p.professional_group, p.setting, coalesce(p.clinical_decision_making, false),
         o.kind, pe.status = 'active' AND p.person_id IS NOT NULL
    FROM (SELECT DISTINCT ON (t.person_id, t.framework_id, t.topic_id) t.*
            FROM "topic_ratings" t
           ORDER BY t.person_id, t.framework_id, t.topic_id, t.rated_at DESC, t.id DESC) l
    JOIN "people" pe ON pe.id = l.person_id
    JOIN "organisations" o ON o.id = pe.organisation_id
    LEFT JOIN "profiles" p ON p.person_id = pe.id;
--> statement-breakpoint
INSERT INTO "current_topic_levels" AS c ("organisation_id", "person_id", "framework_id", "topic_id",
    "verified_level", "verified_decision_id", "verified_at",
    "archetypes", "professional_group", "setting", "clinical_decision_making", "organisation_kind", "counted")
  SELECT pe.organisation_id, l.learner_id, l.framework_id, l.topic_id, l.level, l.id, l.decided_at,
         coalesce(p.archetypes, '{}'::text[]), p.professional_group, p.setting, coalesce(p.clinical_decision_making, false),
         o.kind, pe.status = 'active' AND p.person_id IS NOT NULL
    FROM (SELECT DISTINCT ON (r.learner_id, r.framework_id, r.topic_id) r.learner_id, r.framework_id, r.topic_id, d.level, d.id, d.decided_at
            FROM "verification_decisions" d
            JOIN "verification_requests" r ON r.id = d.request_id AND r.organisation_id = d.organisation_id
           WHERE d.outcome IN ('confirmed', 'adjusted')
           ORDER BY r.learner_id, r.framework_id, r.topic_id, d.decided_at DESC, d.id DESC) l
    JOIN "people" pe ON pe.id = l.learner_id
    JOIN "organisations" o ON o.id = pe.organisation_id
    LEFT JOIN "profiles" p ON p.person_id = pe.id
ON CONFLICT ("organisation_id", "person_id", "framework_id", "topic_id") DO UPDATE
  SET "verified_level" = excluded.verified_level, "verified_decision_id" = excluded.verified_decision_id,
      "verified_at" = excluded.verified_at;
--> statement-breakpoint
-- Created after the backfill: the backfill changes nothing a cached page shows.
CREATE TRIGGER current_topic_levels_person_view AFTER INSERT OR UPDATE OR DELETE ON "current_topic_levels"
  FOR EACH ROW EXECUTE FUNCTION person_view_changed('person_id');
