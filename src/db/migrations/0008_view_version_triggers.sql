-- Cached views (a person's self-assessment, their pages) are stamped with person_view_versions and
-- hub_view_epoch. These triggers bump the stamps in the same transaction as the change, so a view
-- cached in any process is known stale as soon as the change commits, whatever made it.
INSERT INTO "hub_view_epoch" ("id", "version") VALUES (1, 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION bump_person_view(subject uuid) RETURNS void AS $$
  INSERT INTO "person_view_versions" AS v ("person_id", "version") VALUES (subject, 1)
  ON CONFLICT ("person_id") DO UPDATE SET "version" = v."version" + 1;
$$ LANGUAGE sql;
--> statement-breakpoint
-- Row trigger; its arguments name the columns that hold the people the row is about.
CREATE OR REPLACE FUNCTION person_view_changed() RETURNS trigger AS $$
DECLARE
  old_row jsonb := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END;
  new_row jsonb := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END;
  subject_column text;
BEGIN
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
-- A decision is about its request's learner and supervisor; a journey item about its journey's owner.
CREATE OR REPLACE FUNCTION verification_decision_changed() RETURNS trigger AS $$
BEGIN
  PERFORM bump_person_view(r.learner_id), bump_person_view(r.supervisor_id)
    FROM "verification_requests" r WHERE r.id = NEW.request_id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION journey_item_changed() RETURNS trigger AS $$
BEGIN
  PERFORM bump_person_view(j.person_id) FROM "journeys" j
    WHERE j.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.journey_id ELSE NEW.journey_id END;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hub_view_changed() RETURNS trigger AS $$
BEGIN
  UPDATE "hub_view_epoch" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER people_person_view AFTER INSERT OR UPDATE OR DELETE ON "people"
  FOR EACH ROW EXECUTE FUNCTION person_view_changed('id');
--> statement-breakpoint
CREATE TRIGGER profiles_person_view AFTER INSERT OR UPDATE OR DELETE ON "profiles"
  FOR EACH ROW EXECUTE FUNCTION person_view_changed('person_id');
--> statement-breakpoint
CREATE TRIGGER topic_ratings_person_view AFTER INSERT OR UPDATE OR DELETE ON "topic_ratings"
  FOR EACH ROW EXECUTE FUNCTION person_view_changed('person_id');
--> statement-breakpoint
CREATE TRIGGER advanced_focus_person_view AFTER INSERT OR UPDATE OR DELETE ON "advanced_focus"
  FOR EACH ROW EXECUTE FUNCTION person_view_changed('person_id');
--> statement-breakpoint
CREATE TRIGGER evidence_person_view AFTER INSERT OR UPDATE OR DELETE ON "evidence"
  FOR EACH ROW EXECUTE FUNCTION person_view_changed('person_id');
--> statement-breakpoint
CREATE TRIGGER verification_requests_person_view AFTER INSERT OR UPDATE OR DELETE ON "verification_requests"
  FOR EACH ROW EXECUTE FUNCTION person_view_changed('learner_id', 'supervisor_id');
--> statement-breakpoint
CREATE TRIGGER supervisions_person_view AFTER INSERT OR UPDATE OR DELETE ON "supervisions"
  FOR EACH ROW EXECUTE FUNCTION person_view_changed('learner_id', 'supervisor_id');
--> statement-breakpoint
CREATE TRIGGER notifications_person_view AFTER INSERT OR UPDATE OR DELETE ON "notifications"
  FOR EACH ROW EXECUTE FUNCTION person_view_changed('person_id');
--> statement-breakpoint
CREATE TRIGGER journeys_person_view AFTER INSERT OR UPDATE OR DELETE ON "journeys"
  FOR EACH ROW EXECUTE FUNCTION person_view_changed('person_id');
--> statement-breakpoint
CREATE TRIGGER learning_claims_person_view AFTER INSERT OR UPDATE OR DELETE ON "learning_claims"
  FOR EACH ROW EXECUTE FUNCTION person_view_changed('person_id');
--> statement-breakpoint
CREATE TRIGGER ai_deployment_users_person_view AFTER INSERT OR UPDATE OR DELETE ON "ai_deployment_users"
  FOR EACH ROW EXECUTE FUNCTION person_view_changed('person_id');
--> statement-breakpoint
CREATE TRIGGER module_attempts_person_view AFTER INSERT OR UPDATE OR DELETE ON "module_attempts"
  FOR EACH ROW EXECUTE FUNCTION person_view_changed('person_id');
--> statement-breakpoint
CREATE TRIGGER verification_decisions_person_view AFTER INSERT ON "verification_decisions"
  FOR EACH ROW EXECUTE FUNCTION verification_decision_changed();
--> statement-breakpoint
CREATE TRIGGER journey_items_person_view AFTER INSERT OR UPDATE OR DELETE ON "journey_items"
  FOR EACH ROW EXECUTE FUNCTION journey_item_changed();
--> statement-breakpoint
CREATE TRIGGER frameworks_hub_view AFTER INSERT OR UPDATE OR DELETE ON "frameworks"
  FOR EACH STATEMENT EXECUTE FUNCTION hub_view_changed();
--> statement-breakpoint
CREATE TRIGGER organisations_hub_view AFTER INSERT OR UPDATE OR DELETE ON "organisations"
  FOR EACH STATEMENT EXECUTE FUNCTION hub_view_changed();
--> statement-breakpoint
CREATE TRIGGER people_hub_view AFTER INSERT OR UPDATE OR DELETE ON "people"
  FOR EACH STATEMENT EXECUTE FUNCTION hub_view_changed();
--> statement-breakpoint
CREATE TRIGGER learning_resources_hub_view AFTER INSERT OR UPDATE OR DELETE ON "learning_resources"
  FOR EACH STATEMENT EXECUTE FUNCTION hub_view_changed();
--> statement-breakpoint
CREATE TRIGGER learning_resource_outcomes_hub_view AFTER INSERT OR UPDATE OR DELETE ON "learning_resource_outcomes"
  FOR EACH STATEMENT EXECUTE FUNCTION hub_view_changed();
--> statement-breakpoint
CREATE TRIGGER learning_resource_prerequisites_hub_view AFTER INSERT OR UPDATE OR DELETE ON "learning_resource_prerequisites"
  FOR EACH STATEMENT EXECUTE FUNCTION hub_view_changed();
--> statement-breakpoint
CREATE TRIGGER journey_templates_hub_view AFTER INSERT OR UPDATE OR DELETE ON "journey_templates"
  FOR EACH STATEMENT EXECUTE FUNCTION hub_view_changed();
--> statement-breakpoint
CREATE TRIGGER journey_template_items_hub_view AFTER INSERT OR UPDATE OR DELETE ON "journey_template_items"
  FOR EACH STATEMENT EXECUTE FUNCTION hub_view_changed();
--> statement-breakpoint
CREATE TRIGGER ai_products_hub_view AFTER INSERT OR UPDATE OR DELETE ON "ai_products"
  FOR EACH STATEMENT EXECUTE FUNCTION hub_view_changed();
--> statement-breakpoint
CREATE TRIGGER ai_product_shares_hub_view AFTER INSERT OR UPDATE OR DELETE ON "ai_product_shares"
  FOR EACH STATEMENT EXECUTE FUNCTION hub_view_changed();
--> statement-breakpoint
CREATE TRIGGER ai_product_versions_hub_view AFTER INSERT OR UPDATE OR DELETE ON "ai_product_versions"
  FOR EACH STATEMENT EXECUTE FUNCTION hub_view_changed();
--> statement-breakpoint
CREATE TRIGGER ai_deployments_hub_view AFTER INSERT OR UPDATE OR DELETE ON "ai_deployments"
  FOR EACH STATEMENT EXECUTE FUNCTION hub_view_changed();
--> statement-breakpoint
CREATE TRIGGER product_modules_hub_view AFTER INSERT OR UPDATE OR DELETE ON "product_modules"
  FOR EACH STATEMENT EXECUTE FUNCTION hub_view_changed();
