/**
 * How much the insight triggers (dimension fill, rollup deltas) add to a whole self-assessment write
 * (issue 14 §3: a rating write adds ≤ 5 ms). `node bin/run-ts.mjs bench/insight-rollup-write.ts`,
 * on in-memory PGlite, or PostgreSQL when BENCH_DATABASE_URL is set (a throwaway database is used).
 * Each round writes every topic once, as one statement in one transaction, for a new person (inserts)
 * and again for the same people (upserts that change every level). KEEP=1 leaves the PostgreSQL
 * database in place for inspection (auto_explain) and prints where it is; POOL sets the pool size
 * (default 4; with several connections each new one plans the trigger queries once, ~10 ms).
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { DatabaseConfig } from '../src/config.ts';
import { createRepositories } from '../src/db/index.ts';
import { openHub } from '../src/hub.ts';
import { topicInfoLookup } from '../src/services/assessment/topic-info.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 15);
// The dimension fill trigger stays on: 0030's functions leave the dimensions to it.
const INSIGHT_TRIGGERS = ['current_topic_levels_rollup_insert', 'current_topic_levels_rollup_update'];

async function database(): Promise<{ config: DatabaseConfig; drop(): Promise<void> }> {
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) return { config: { kind: 'memory' }, drop: async () => {} };
  const name = `bench_insight_${Date.now()}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { config: { kind: 'postgres', url: url.toString(), poolSize: Number(process.env.POOL ?? 4) }, drop: () => admin(`drop database if exists ${name} with (force)`) };
}

const target = await database();
const hub = await openHub({ database: target.config, host: '127.0.0.1', port: 0, publicUrl: undefined });
const db = hub.database.db;
const { index, version, id: frameworkId } = hub.services.assessmentFramework();
const topicInfo = topicInfoLookup(index);
const topics = [...new Set(index.doc.requirements.map((r) => topicInfo(r.id).id))];
const organisations = hub.services.organisations;
const national = await organisations.createOrganisation({ kind: 'national', name: 'Bench nation', parentId: null });
const region = await organisations.createOrganisation({ kind: 'region', name: 'Bench region', parentId: national.id });
const ics = await organisations.createOrganisation({ kind: 'integrated-care-system', name: 'Bench ICS', parentId: region.id });
const pcn = await organisations.createOrganisation({ kind: 'primary-care-network', name: 'Bench PCN', parentId: ics.id });
const practice = await organisations.createOrganisation({ kind: 'practice', name: 'Bench practice', parentId: pcn.id });
const repositories = createRepositories(db);
const levels = ['not-yet', 'awareness', 'familiarity', 'understanding'];

async function person(n: string) {
  const p = await hub.services.accounts.createAccount({ organisationId: practice.id, email: `bench.${n}@example.nhs.uk`, displayName: n, roles: ['learner'], password: { hash: 'x' } });
  await db.execute(sql`update profiles set archetypes = '{user,driver,creator}', professional_group = 'pharmacy', setting = 'primary-care' where person_id = ${p.id}`);
  return p.id;
}

async function writeAll(personId: string, round: number, count = topics.length): Promise<number> {
  const ratedAt = new Date();
  const rows = topics.slice(0, count).map((topicId, i) => ({ organisationId: practice.id, personId, frameworkId, frameworkVersion: version, topicId, level: levels[(i + round) % 4]!, ratedAt }));
  const start = performance.now();
  await db.transaction(async (tx) => {
    await repositories.assessments.insertRatings(rows, tx as never);
  });
  return performance.now() - start;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(label: string) {
  const inserts: number[] = [];
  const updates: number[] = [];
  const people: string[] = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    const id = await person(`${label}-${r}`);
    people.push(id);
    inserts.push(await writeAll(id, 0));
  }
  for (let r = 0; r < ROUNDS; r += 1) updates.push(await writeAll(people[r]!, 1 + r));
  const pages: number[] = [];
  const singles: number[] = [];
  for (let r = 0; r < ROUNDS; r += 1) pages.push(await writeAll(people[r]!, 2 + r, 12));
  for (let r = 0; r < ROUNDS; r += 1) singles.push(await writeAll(people[r]!, 3 + r, 1));
  console.log(
    `${label}: medians: first write of all ${topics.length} topics ${median(inserts).toFixed(1)} ms, re-rating all ${median(updates).toFixed(1)} ms, ` +
      `re-rating 12 topics ${median(pages).toFixed(1)} ms, one rating ${median(singles).toFixed(2)} ms`,
  );
}

await measure('warm-up');
for (const trigger of INSIGHT_TRIGGERS) await db.execute(sql.raw(`alter table current_topic_levels disable trigger ${trigger}`));
await measure('without rollup triggers');
for (const trigger of INSIGHT_TRIGGERS) await db.execute(sql.raw(`alter table current_topic_levels enable trigger ${trigger}`));
await measure('with rollup triggers');
await hub.close();
if (process.env.KEEP) console.log(target.config);
else await target.drop();
