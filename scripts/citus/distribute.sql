-- Distributing the hub onto Citus (docs/scale.md §4). NOT run by CI or by the hub: a multi-node
-- deployment runs it once, on the coordinator, after the composite-key migration of §4.3 (which
-- weakens single-node checks, so it is kept out of the normal migrations). The test
-- test/citus-script.test.ts checks that every table of the schema appears here exactly once, so a new
-- table cannot be forgotten.

-- Reference tables: small, shared, rarely written; replicated to every node (§4.2).
select create_reference_table('frameworks');
select create_reference_table('organisations');
select create_reference_table('organisation_closure');
select create_reference_table('learning_resources');
select create_reference_table('learning_resource_outcomes');
select create_reference_table('learning_resource_prerequisites');
select create_reference_table('learning_resource_revisions');
select create_reference_table('journey_templates');
select create_reference_table('journey_template_items');
select create_reference_table('ai_products');
select create_reference_table('ai_product_shares');
select create_reference_table('ai_product_versions');
select create_reference_table('ai_deployments');
select create_reference_table('product_modules');
select create_reference_table('product_module_revisions');
select create_reference_table('hub_view_epoch');
-- Progress of the bulk insight refresh, one row per framework version: hub-wide and tiny.
select create_reference_table('insight_refresh');
-- Issue 16: keys are few and read by name on every xAPI request and every credential check.
select create_reference_table('lrs_keys');
select create_reference_table('issuer_keys');

-- Personal data, distributed by the person's organisation and co-located with people (§4.1).
select create_distributed_table('people', 'organisation_id');
select create_distributed_table('profiles', 'organisation_id', colocate_with => 'people');
select create_distributed_table('local_credentials', 'organisation_id', colocate_with => 'people');
select create_distributed_table('invitations', 'organisation_id', colocate_with => 'people');
select create_distributed_table('password_resets', 'organisation_id', colocate_with => 'people');
select create_distributed_table('outbox', 'organisation_id', colocate_with => 'people');
select create_distributed_table('notifications', 'organisation_id', colocate_with => 'people');
select create_distributed_table('audit_events', 'organisation_id', colocate_with => 'people');
select create_distributed_table('supervisions', 'organisation_id', colocate_with => 'people');
select create_distributed_table('topic_ratings', 'organisation_id', colocate_with => 'people');
select create_distributed_table('current_topic_levels', 'organisation_id', colocate_with => 'people');
select create_distributed_table('advanced_focus', 'organisation_id', colocate_with => 'people');
select create_distributed_table('evidence', 'organisation_id', colocate_with => 'people');
select create_distributed_table('evidence_files', 'organisation_id', colocate_with => 'people');
select create_distributed_table('verification_requests', 'organisation_id', colocate_with => 'people');
select create_distributed_table('verification_decisions', 'organisation_id', colocate_with => 'people');
select create_distributed_table('journeys', 'organisation_id', colocate_with => 'people');
select create_distributed_table('journey_items', 'organisation_id', colocate_with => 'people');
select create_distributed_table('learning_claims', 'organisation_id', colocate_with => 'people');
select create_distributed_table('ai_deployment_users', 'organisation_id', colocate_with => 'people');
select create_distributed_table('module_attempts', 'organisation_id', colocate_with => 'people');
select create_distributed_table('person_view_versions', 'organisation_id', colocate_with => 'people');
select create_distributed_table('insight_person_dims', 'organisation_id', colocate_with => 'people');
select create_distributed_table('person_requirement_standing', 'organisation_id', colocate_with => 'people');
select create_distributed_table('person_training_currency', 'organisation_id', colocate_with => 'people');
select create_distributed_table('person_journey_progress', 'organisation_id', colocate_with => 'people');
-- Issue 15: mail delivery, CIS2 identity links and ESR staff records, each by the organisation they belong to.
-- A first CIS2 sign-in reads identity_links by (issuer, subject) across the person's organisations: a
-- multi-shard read once per sign-in, as password sign-in's address lookup is (people_email_idx).
select create_distributed_table('outbox_delivery_attempts', 'organisation_id', colocate_with => 'people');
select create_distributed_table('training_reminders', 'organisation_id', colocate_with => 'people');
select create_distributed_table('identity_links', 'organisation_id', colocate_with => 'people');
select create_distributed_table('profile_suggestions', 'organisation_id', colocate_with => 'people');
select create_distributed_table('staff_people', 'organisation_id', colocate_with => 'people');
select create_distributed_table('staff_assignments', 'organisation_id', colocate_with => 'people');
select create_distributed_table('staff_import_runs', 'organisation_id', colocate_with => 'people');
select create_distributed_table('staff_import_files', 'organisation_id', colocate_with => 'people');
select create_distributed_table('staff_import_maps', 'organisation_id', colocate_with => 'people');

-- AI MDTs and assurance reviews, by the owning (reviewing) organisation.
select create_distributed_table('ai_mdts', 'organisation_id', colocate_with => 'people');
select create_distributed_table('ai_mdt_members', 'organisation_id', colocate_with => 'people');
select create_distributed_table('ai_mdt_responsibilities', 'organisation_id', colocate_with => 'people');
select create_distributed_table('ai_mdt_plans', 'organisation_id', colocate_with => 'people');
select create_distributed_table('ai_mdt_assignments', 'organisation_id', colocate_with => 'people');
select create_distributed_table('ai_mdt_organisations', 'owner_organisation_id', colocate_with => 'people');
select create_distributed_table('ai_mdt_products', 'organisation_id', colocate_with => 'people');
select create_distributed_table('assurance_reviews', 'organisation_id', colocate_with => 'people');
select create_distributed_table('assurance_review_reviewers', 'organisation_id', colocate_with => 'people');
select create_distributed_table('assurance_answers', 'organisation_id', colocate_with => 'people');
select create_distributed_table('assurance_evidence', 'organisation_id', colocate_with => 'people');
select create_distributed_table('assurance_decisions', 'organisation_id', colocate_with => 'people');
select create_distributed_table('assurance_actions', 'organisation_id', colocate_with => 'people');
select create_distributed_table('assurance_action_events', 'organisation_id', colocate_with => 'people');
select create_distributed_table('assurance_supplier_links', 'organisation_id', colocate_with => 'people');

-- Rollups, by the ancestor organisation whose subtree they count: a view reads one shard (§4.2, §4.4).
-- The rollup queue (§2.11): a write queues its changes on its own shard, a router insert in its transaction.
select create_distributed_table('insight_pending', 'organisation_id', colocate_with => 'people');
select create_distributed_table('insight_people', 'organisation_id', colocate_with => 'people');
select create_distributed_table('insight_people_monthly', 'organisation_id', colocate_with => 'people');
select create_distributed_table('insight_topic_levels', 'organisation_id', colocate_with => 'people');
select create_distributed_table('insight_topic_levels_monthly', 'organisation_id', colocate_with => 'people');
select create_distributed_table('insight_requirements', 'organisation_id', colocate_with => 'people');
select create_distributed_table('insight_requirements_monthly', 'organisation_id', colocate_with => 'people');
select create_distributed_table('insight_training', 'organisation_id', colocate_with => 'people');
select create_distributed_table('insight_training_monthly', 'organisation_id', colocate_with => 'people');
select create_distributed_table('insight_journeys', 'organisation_id', colocate_with => 'people');
select create_distributed_table('insight_journeys_monthly', 'organisation_id', colocate_with => 'people');

-- Issue 16: each organisation's learning record store, by the organisation whose key sent it (every
-- key leads with organisation_id); completions queued for journeys; credentials by their issuer,
-- which is the learner's organisation.
select create_distributed_table('xapi_statements', 'organisation_id', colocate_with => 'people');
select create_distributed_table('xapi_statement_terms', 'organisation_id', colocate_with => 'people');
select create_distributed_table('xapi_attachments', 'organisation_id', colocate_with => 'people');
select create_distributed_table('xapi_documents', 'organisation_id', colocate_with => 'people');
select create_distributed_table('xapi_activities', 'organisation_id', colocate_with => 'people');
select create_distributed_table('platform_completion_queue', 'organisation_id', colocate_with => 'people');
select create_distributed_table('issued_credentials', 'organisation_id', colocate_with => 'people');

-- Their own keys, separate co-location groups, no foreign keys to people (§4.2).
select create_distributed_table('sessions', 'token_hash', colocate_with => 'none');
-- A CIS2 sign-in in flight is found by its state alone (the callback knows nothing else); the §4.3
-- migration drops its invitation foreign key as it drops sessions' key to people.
select create_distributed_table('oidc_logins', 'state_hash', colocate_with => 'none');
select create_distributed_table('sign_in_failures', 'key_hash', colocate_with => 'none');
select create_distributed_table('sign_in_known_sources', 'key_hash', colocate_with => 'sign_in_failures');
select create_distributed_table('file_blobs', 'id', colocate_with => 'none');
select create_distributed_table('file_chunks', 'blob_id', colocate_with => 'file_blobs');
