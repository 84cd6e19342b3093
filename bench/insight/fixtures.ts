/**
 * The fixed part of the insight benchmark's national workforce (docs/scale.md §6): the database,
 * the organisation tree from src/domain/synthetic, twelve months of rating partitions, an admin,
 * 40 products × 3 versions with 300 deployments (each live version with a published module), and a
 * small published catalogue for journeys.
 * Small enough to write with ordinary statements, triggers on (the closure is kept by them).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { SyntheticTraining } from '../../src/db/synthetic.repository.ts';
import type { KnowledgeCheck } from '../../src/domain/products/knowledge-check.ts';
import { nationalTree } from '../../src/domain/synthetic/national-tree.ts';
import type { SyntheticOrganisation } from '../../src/domain/synthetic/national-tree.ts';

export const BENCH_SEED = 2026;
const PRODUCTS = 40;
const DEPLOYMENTS = 300;
const RESOURCES = 12;

/** Drops and recreates `name` on the server `adminUrl` names; returns the new database's URL. */
export async function freshDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface Tree {
  organisations: SyntheticOrganisation[];
  ids: Map<string, string>;
  /** Keys from the organisation up to the nation. */
  chain: (key: string) => string[];
}

async function insertMany(client: pg.Client, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  for (let at = 0; at < rows.length; at += 500) {
    const batch = rows.slice(at, at + 500);
    const values = batch.map((row, r) => `(${row.map((_, c) => `$${r * row.length + c + 1}`).join(', ')})`).join(', ');
    await client.query(`insert into ${table} (${columns.join(', ')}) values ${values}`, batch.flat());
  }
}

/** The whole tree, parents first, in batches that keep every parent in an earlier statement or row. */
export async function insertTree(client: pg.Client): Promise<Tree> {
  const organisations = [...nationalTree(BENCH_SEED)];
  const ids = new Map(organisations.map((o) => [o.key, randomUUID()]));
  const parentOf = new Map(organisations.map((o) => [o.key, o.parentKey]));
  // One kind a statement: each kind's parents are all of an earlier kind.
  for (const kind of ['national', 'region', 'integrated-care-system', 'trust', 'primary-care-network', 'practice']) {
    const rows = organisations.filter((o) => o.kind === kind).map((o) => [ids.get(o.key), o.parentKey ? ids.get(o.parentKey) : null, o.kind, o.name, o.odsCode]);
    await insertMany(client, 'organisations', ['id', 'parent_id', 'kind', 'name', 'ods_code'], rows);
  }
  const chain = (key: string): string[] => {
    const keys: string[] = [];
    for (let k: string | null | undefined = key; k; k = parentOf.get(k)) keys.push(k);
    return keys;
  };
  return { organisations, ids, chain };
}

/**
 * History goes back a year: a partition per month, as ensure_rating_partitions makes them going
 * forward. In a fresh database migration 0034's legacy partition is empty but covers everything up
 * to now, so it is dropped first.
 */
export async function ratingPartitions(client: pg.Client, monthsBack: number): Promise<void> {
  if ((await client.query(`select to_regclass('topic_ratings_legacy') as t`)).rows[0].t) {
    await client.query('alter table topic_ratings detach partition topic_ratings_legacy');
    await client.query('drop table topic_ratings_legacy');
  }
  await client.query('select ensure_rating_partitions(3)');
  await client.query(`do $$
    declare m timestamp; n text;
    begin
      for i in 1..${monthsBack} loop
        m := date_trunc('month', now() at time zone 'UTC') - make_interval(months => i);
        n := 'topic_ratings_' || to_char(m, 'YYYY_MM');
        continue when to_regclass(quote_ident(n)) is not null;
        execute format('create table %I partition of topic_ratings for values from (%L) to (%L)', n,
          to_char(m, 'YYYY-MM-DD HH24:MI:SS') || '+00', to_char(m + interval '1 month', 'YYYY-MM-DD HH24:MI:SS') || '+00');
      end loop;
    end $$`);
}

/** The platform admin the views are read as, in the nation. */
export async function insertAdmin(client: pg.Client, tree: Tree): Promise<string> {
  const id = randomUUID();
  await client.query(`insert into people (id, organisation_id, email, display_name, roles) values ($1, $2, 'bench.admin@example.nhs.uk', 'Bench admin', '{learner,platform-admin}')`, [id, tree.ids.get('nation')]);
  return id;
}

export interface Catalogue {
  /** Live deployments by the organisation key they are in. */
  deploymentsAt: Map<string, string[]>;
  /** The module and revision a pass of each deployment's live version is recorded against. */
  trainingOf: Map<string, SyntheticTraining>;
  resources: string[];
}

/** A five-question knowledge check, pass mark 80 %, for every bench module. */
const CHECK: KnowledgeCheck = {
  passMarkPercent: 80,
  questions: Array.from({ length: 5 }, (_, q) => ({
    id: `q${q + 1}`,
    prompt: `Bench question ${q + 1}`,
    kind: 'single' as const,
    options: ['a', 'b', 'c'].map((o) => ({ id: o, text: `Option ${o}` })),
    correct: [['a', 'b', 'c'][q % 3] as string],
  })),
};

/** A published module with one revision for each product's live (latest) version: synthetic users pass it. */
async function insertModules(client: pg.Client, versions: readonly unknown[][], adminId: string): Promise<Map<string, SyntheticTraining>> {
  const modules: unknown[][] = [];
  const revisions: unknown[][] = [];
  const byVersion = new Map<string, SyntheticTraining>();
  for (const [versionId, organisationId, productId] of versions.filter((_, i) => i % 3 === 2) as string[][]) {
    const training = { moduleId: randomUUID(), productVersionId: versionId as string, revisionId: randomUUID(), check: CHECK };
    const check = JSON.stringify(CHECK);
    modules.push([training.moduleId, organisationId, productId, versionId, 'published', '{}', check, adminId, '2026-03-01']);
    revisions.push([training.revisionId, organisationId, training.moduleId, versionId, 1, '[]', '{}', check, `bench-${training.moduleId}`, adminId, '2026-03-01']);
    byVersion.set(versionId as string, training);
  }
  await insertMany(client, 'product_modules', ['id', 'organisation_id', 'product_id', 'product_version_id', 'status', 'sections', 'knowledge_check', 'created_by', 'published_at'], modules);
  await insertMany(client, 'product_module_revisions', ['id', 'organisation_id', 'module_id', 'product_version_id', 'number', 'sections', 'content', 'knowledge_check', 'content_hash', 'published_by', 'published_at'], revisions);
  return byVersion;
}

/** Products owned nationally; deployments in every ICS and in trusts, the rest of them; a published catalogue. */
export async function insertProductsAndCatalogue(client: pg.Client, tree: Tree, adminId: string, frameworkId: string): Promise<Catalogue> {
  const nation = tree.ids.get('nation');
  const products: unknown[][] = [];
  const versions: unknown[][] = [];
  for (let p = 0; p < PRODUCTS; p++) {
    const productId = randomUUID();
    products.push([productId, nation, `Bench product ${p + 1}`, 'Bench Ltd', 'Benchmark product', p % 2 === 0, p % 3 === 0 ? 'autonomous' : 'human-in-the-loop', 'registered', adminId]);
    for (let v = 0; v < 3; v++) versions.push([randomUUID(), nation, productId, `${v + 1}.0`, `2026-0${v + 1}-01`, 'Bench release', v === 2 ? 'refresher-required' : 'minor', adminId]);
  }
  await insertMany(client, 'ai_products', ['id', 'organisation_id', 'name', 'manufacturer', 'intended_use', 'clinical_decision_making', 'autonomy', 'lifecycle', 'created_by'], products);
  await insertMany(client, 'ai_product_versions', ['id', 'organisation_id', 'product_id', 'label', 'released_on', 'release_notes', 'training_impact', 'created_by'], versions);
  const places = [...tree.organisations.filter((o) => o.kind === 'integrated-care-system'), ...tree.organisations.filter((o) => o.kind === 'trust')].slice(0, DEPLOYMENTS);
  const moduleOf = await insertModules(client, versions, adminId);
  const deploymentsAt = new Map<string, string[]>();
  const trainingOf = new Map<string, SyntheticTraining>();
  const deployments = places.map((o, i) => {
    const id = randomUUID();
    deploymentsAt.set(o.key, [...(deploymentsAt.get(o.key) ?? []), id]);
    const version = versions[(i % PRODUCTS) * 3 + 2] as unknown[];
    const training = moduleOf.get(version[0] as string);
    if (training) trainingOf.set(id, training);
    return [id, tree.ids.get(o.key), version[2], version[0], 'live', '2025-06-01', '2025-07-01', adminId];
  });
  await insertMany(client, 'ai_deployments', ['id', 'organisation_id', 'product_id', 'live_version_id', 'status', 'started_on', 'live_since', 'created_by'], deployments);
  const resources = Array.from({ length: RESOURCES }, () => randomUUID());
  const rows = resources.map((id, i) => [id, nation, frameworkId, `Bench course ${i + 1}`, 'Bench provider', `https://example.org/${i}`, 'A course', 'e-learning', 30, true, 'published', adminId]);
  await insertMany(client, 'learning_resources', ['id', 'organisation_id', 'framework_id', 'title', 'provider', 'url', 'description', 'format', 'duration_minutes', 'vendor_neutral', 'status', 'created_by'], rows);
  return { deploymentsAt, trainingOf, resources };
}
