import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.ts';
import type { Database, DatabaseHandle } from '../src/db/client.ts';
import { createRepositories } from '../src/db/index.ts';
import { createRatingPartitionsRepository } from '../src/db/rating-partitions.repository.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

const MIGRATIONS = fileURLToPath(new URL('../src/db/migrations', import.meta.url));
const ORG = '00000000-0000-4000-8000-0000000000a1';
const ADA = '00000000-0000-4000-8000-0000000000b1';
const SUPERVISOR = '00000000-0000-4000-8000-0000000000b2';
const OLD_RATING = '00000000-0000-4000-8000-0000000000c1';
const VERIFIED_RATING = '00000000-0000-4000-8000-0000000000c2';
const REQUEST = '00000000-0000-4000-8000-0000000000d1';
/** Microseconds on purpose: a request's key must match the stored rated_at exactly. */
const VERIFIED_AT = '2025-03-10 10:00:00.123456+00';

async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Why the database refused a statement ('accepted' if it did not). */
async function refusal(db: Database, statement: SQL): Promise<string> {
  try {
    await db.execute(statement);
    return 'accepted';
  } catch (error) {
    return (error as { cause?: { message?: string } }).cause?.message ?? String(error);
  }
}

/** The partition holding each rating, by id. */
async function partitionOf(db: Database, id: string): Promise<string | undefined> {
  return (await rows<{ partition: string }>(db, sql`select tableoid::regclass::text as partition from topic_ratings where id = ${id}`))[0]?.partition;
}

/** The UTC month `offset` months from now, as a partition name suffix and a moment inside it. */
function utcMonth(offset: number): { suffix: string; inside: Date } {
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  return { suffix: `${start.getUTCFullYear()}_${String(start.getUTCMonth() + 1).padStart(2, '0')}`, inside: new Date(start.getTime() + 36 * 3600 * 1000) };
}

async function partitionNames(db: Database): Promise<string[]> {
  const found = await rows<{ name: string }>(db, sql`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'topic_ratings'::regclass order by 1`);
  return found.map((r) => r.name);
}

/** Migrations up to (not including) the first one of the partitioning, in a folder of their own. */
function migrationsBeforePartitioning(): string {
  const folder = mkdtempSync(join(tmpdir(), 'migrations-before-partitions-'));
  cpSync(MIGRATIONS, folder, { recursive: true });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> };
  const cut = journal.entries.findIndex((e) => e.tag.endsWith('_topic_ratings_partition_keys'));
  if (cut < 1) throw new Error('no partitioning migration in the journal');
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
  return folder;
}

async function migrateTo(handle: DatabaseHandle, migrationsFolder: string): Promise<void> {
  if (handle.kind === 'postgres') await migratePg(handle.db as unknown as Parameters<typeof migratePg>[0], { migrationsFolder });
  else await migratePglite(handle.db as unknown as Parameters<typeof migratePglite>[0], { migrationsFolder });
}

/** What a hub held before the partitioning: two people, three ratings, one verified by request. */
async function seedHistory(db: Database): Promise<void> {
  await db.execute(sql`insert into organisations (id, kind, name) values (${ORG}, 'trust', 'Partition Trust')`);
  await db.execute(sql`insert into people (id, organisation_id, email, display_name) values
    (${ADA}, ${ORG}, 'ada@partition.test', 'Ada'), (${SUPERVISOR}, ${ORG}, 'sam@partition.test', 'Sam')`);
  await db.execute(sql`insert into topic_ratings (id, organisation_id, person_id, framework_id, framework_version, topic_id, level, rated_at) values
    (${OLD_RATING}, ${ORG}, ${ADA}, 'dart-ed-2022', '1.0.0', 'k1', 'awareness', '2024-01-31 23:59:59.999999+00'),
    (${VERIFIED_RATING}, ${ORG}, ${ADA}, 'dart-ed-2022', '1.0.0', 'k1', 'familiarity', ${VERIFIED_AT}),
    (gen_random_uuid(), ${ORG}, ${ADA}, 'dart-ed-2022', '1.0.0', 'k2', 'understanding', '2025-02-01 00:00:00+00')`);
  await db.execute(sql`insert into verification_requests (id, organisation_id, learner_id, supervisor_id, framework_id, topic_id, rating_id)
    values (${REQUEST}, ${ORG}, ${ADA}, ${SUPERVISOR}, 'dart-ed-2022', 'k1', ${VERIFIED_RATING})`);
  await db.execute(sql`insert into verification_decisions (organisation_id, request_id, decided_by, outcome, level) values (${ORG}, ${REQUEST}, ${SUPERVISOR}, 'confirmed', 'familiarity')`);
}

const ratingOf = (id: string, topicId: string, level: string, ratedAt: Date | string) =>
  sql`insert into topic_ratings (id, organisation_id, person_id, framework_id, framework_version, topic_id, level, rated_at)
      values (${id}, ${ORG}, ${ADA}, 'dart-ed-2022', '1.0.0', ${topicId}, ${level}, ${ratedAt instanceof Date ? ratedAt.toISOString() : ratedAt})`;

describe.each(databaseTargets())('partitioning topic_ratings on $name, a database holding ratings', (target) => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  let before: string;
  const db = () => handle.db;

  beforeAll(async () => {
    before = migrationsBeforePartitioning();
    const created = await target.create();
    drop = created.drop;
    handle = await openDatabase(created.config);
    await migrateTo(handle, before);
    await seedHistory(handle.db);
    await migrateTo(handle, MIGRATIONS);
  });
  afterAll(async () => {
    await handle.close();
    await drop();
    rmSync(before, { recursive: true, force: true });
  });

  it('keeps every old rating in the legacy partition, with a partition for this month on', async () => {
    const counts = await rows<{ partition: string; n: number }>(db(), sql`select tableoid::regclass::text as partition, count(*)::int as n from topic_ratings group by 1`);
    expect(counts).toEqual([{ partition: 'topic_ratings_legacy', n: 3 }]);
    // The newest rating (March 2025) is long past, so the legacy partition ends at this month's start.
    const names = await partitionNames(db());
    expect(names).toEqual(['topic_ratings_default', 'topic_ratings_legacy', ...[0, 1, 2, 3].map((m) => `topic_ratings_${utcMonth(m).suffix}`)].sort());
  });

  it('fills the request with its rating\'s rated_at to the microsecond, and the request still joins its rating', async () => {
    const [request] = await rows<{ exact: boolean }>(db(), sql`select r.rating_rated_at = t.rated_at as exact from verification_requests r
      join topic_ratings t on (t.organisation_id, t.id, t.rated_at) = (r.organisation_id, r.rating_id, r.rating_rated_at) where r.id = ${REQUEST}`);
    expect(request?.exact).toBe(true);
    const record = await createRepositories(db()).verifications.findRecord(REQUEST);
    expect(record?.selfRatedLevel).toBe('familiarity');
    expect(record?.decision?.outcome).toBe('confirmed');
    // The key now names the partitioned table: a request for a rating that does not exist is refused.
    await expect(db().execute(sql`insert into verification_requests (organisation_id, learner_id, supervisor_id, framework_id, topic_id, rating_id, rating_rated_at)
      values (${ORG}, ${ADA}, ${SUPERVISOR}, 'dart-ed-2022', 'k1', ${VERIFIED_RATING}, '2025-03-10 10:00:00.123+00')`)).rejects.toThrow();
  });

  it('still refuses to change or delete a rating, through the parent and in any partition', async () => {
    expect(await refusal(db(), sql`update topic_ratings set level = 'proficiency' where id = ${OLD_RATING}`)).toMatch(/is history/);
    expect(await refusal(db(), sql`delete from topic_ratings where id = ${OLD_RATING}`)).toMatch(/is history/);
    expect(await refusal(db(), sql`delete from topic_ratings_legacy`)).toMatch(/is history/);
    await db().execute(ratingOf('00000000-0000-4000-8000-0000000000c3', 'k3', 'awareness', utcMonth(1).inside));
    expect(await refusal(db(), sql`update topic_ratings set level = 'proficiency' where id = '00000000-0000-4000-8000-0000000000c3'`)).toMatch(/is history/);
    expect((await rows<{ level: string }>(db(), sql`select level from topic_ratings where id = ${OLD_RATING}`))[0]?.level).toBe('awareness');
  });

  it('puts next month\'s rating in its month and a far-off one in the default partition, and keeps the current levels and view stamps', async () => {
    const stampBefore = (await rows<{ version: number }>(db(), sql`select version from person_view_versions where person_id = ${ADA}`))[0]?.version ?? 0;
    const nextMonth = utcMonth(1);
    await db().execute(ratingOf('00000000-0000-4000-8000-0000000000c4', 'k1', 'capability', nextMonth.inside));
    await db().execute(ratingOf('00000000-0000-4000-8000-0000000000c5', 'k2', 'proficiency', '2999-06-01 00:00:00+00'));
    expect(await partitionOf(db(), '00000000-0000-4000-8000-0000000000c4')).toBe(`topic_ratings_${nextMonth.suffix}`);
    expect(await partitionOf(db(), '00000000-0000-4000-8000-0000000000c5')).toBe('topic_ratings_default');
    const current = await rows<{ topic_id: string; self_level: string; verified_level: string | null }>(
      db(),
      sql`select topic_id, self_level, verified_level from current_topic_levels where person_id = ${ADA} and topic_id in ('k1', 'k2') order by topic_id`,
    );
    expect(current).toEqual([
      { topic_id: 'k1', self_level: 'capability', verified_level: 'familiarity' },
      { topic_id: 'k2', self_level: 'proficiency', verified_level: null },
    ]);
    const stampAfter = (await rows<{ version: number }>(db(), sql`select version from person_view_versions where person_id = ${ADA}`))[0]?.version ?? 0;
    expect(Number(stampAfter)).toBeGreaterThanOrEqual(Number(stampBefore) + 2);
    // An older rating inserted later does not displace the current one.
    await db().execute(ratingOf('00000000-0000-4000-8000-0000000000c6', 'k1', 'awareness', '2023-05-01 00:00:00+00'));
    expect(await partitionOf(db(), '00000000-0000-4000-8000-0000000000c6')).toBe('topic_ratings_legacy');
    expect((await rows<{ self_level: string }>(db(), sql`select self_level from current_topic_levels where person_id = ${ADA} and topic_id = 'k1'`))[0]?.self_level).toBe('capability');
  });

  it('pins a rating read back (to the millisecond) by its exact key when asking for verification', async () => {
    const repositories = createRepositories(db());
    await db().execute(ratingOf('00000000-0000-4000-8000-0000000000c7', 'k4', 'familiarity', '2025-04-02 08:00:00.654321+00'));
    const rating = (await repositories.assessments.listCurrentRatings(ADA, 'dart-ed-2022')).find((r) => r.topicId === 'k4');
    expect(rating?.id).toBe('00000000-0000-4000-8000-0000000000c7');
    const request = await repositories.verifications.insertRequest({
      organisationId: ORG, learnerId: ADA, supervisorId: SUPERVISOR, frameworkId: 'dart-ed-2022', topicId: 'k4', ratingId: rating!.id, ratingRatedAt: rating!.ratedAt,
    });
    const [stored] = await rows<{ exact: boolean }>(db(), sql`select rating_rated_at = '2025-04-02 08:00:00.654321+00'::timestamptz as exact from verification_requests where id = ${request.id}`);
    expect(stored?.exact).toBe(true);
    expect((await repositories.verifications.findRecord(request.id))?.selfRatedLevel).toBe('familiarity');
  });

  it('makes missing months ahead, skipping one whose ratings sit in the default partition', async () => {
    const partitions = createRatingPartitionsRepository(db());
    expect(await partitions.ensureRatingPartitions()).toEqual({ made: 0, inDefault: 1 });
    await db().execute(ratingOf('00000000-0000-4000-8000-0000000000c8', 'k5', 'awareness', utcMonth(5).inside));
    expect(await partitionOf(db(), '00000000-0000-4000-8000-0000000000c8')).toBe('topic_ratings_default');
    expect(await partitions.ensureRatingPartitions(6)).toEqual({ made: 2, inDefault: 2 });
    const names = await partitionNames(db());
    expect(names).toContain(`topic_ratings_${utcMonth(4).suffix}`);
    expect(names).toContain(`topic_ratings_${utcMonth(6).suffix}`);
    expect(names).not.toContain(`topic_ratings_${utcMonth(5).suffix}`);
  });
});

describe.each(databaseTargets())('partitioned topic_ratings on $name, a fresh install', (target) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(target);
  });
  afterAll(() => hub.close());

  it('starts the months at this one, with an empty legacy partition before it', async () => {
    expect(await partitionNames(hub.database.db)).toEqual(['topic_ratings_default', 'topic_ratings_legacy', ...[0, 1, 2, 3].map((m) => `topic_ratings_${utcMonth(m).suffix}`)].sort());
    expect(hub.ratingPartitions).toEqual({ made: 0, inDefault: 0 });
  });

  it('puts a rating given through the API in this month\'s partition, where the legacy one ends', async () => {
    const db = hub.database.db;
    const { trust } = await createTestOrganisations(hub);
    const person = await createTestPerson(hub, { organisationId: trust.id, name: 'Pat Partition' });
    const session = await signIn(hub.app, person.email);
    await session.api('PUT', '/api/v1/me/profile', { archetypes: ['user'], clinicalDecisionMaking: false, professionalGroup: 'medical-and-dental', setting: 'acute' });
    const assessment = (await session.api('GET', '/api/v1/me/assessment')).json<{ pages: Array<{ topics: Array<{ topicId: string; kind: string }> }> }>();
    const topicId = assessment.pages.flatMap((p) => p.topics).find((t) => t.kind === 'knowledge')!.topicId;
    expect((await session.api('PUT', '/api/v1/me/ratings', { ratings: { [topicId]: 'awareness' } })).statusCode).toBeLessThan(300);
    const [rating] = await rows<{ id: string }>(db, sql`select id from topic_ratings where person_id = ${person.id}`);
    expect(await partitionOf(db, rating!.id)).toBe(`topic_ratings_${utcMonth(0).suffix}`);
    const [current] = await rows<{ self_rating_id: string }>(db, sql`select self_rating_id from current_topic_levels where person_id = ${person.id}`);
    expect(current?.self_rating_id).toBe(rating!.id);
    // The legacy partition ends where this month begins (UTC).
    const monthStart = new Date(utcMonth(0).inside.getTime() - 36 * 3600 * 1000);
    const { version } = hub.services.assessmentFramework();
    const [before, at] = await rows<{ id: string }>(db, sql`insert into topic_ratings (organisation_id, person_id, framework_id, framework_version, topic_id, level, rated_at)
      values (${trust.id}, ${person.id}, 'dart-ed-2022', ${version}, ${topicId}, 'awareness', ${monthStart.toISOString()}::timestamptz - interval '1 microsecond'),
             (${trust.id}, ${person.id}, 'dart-ed-2022', ${version}, ${topicId}, 'awareness', ${monthStart.toISOString()}) returning id`);
    expect(await partitionOf(db, before!.id)).toBe('topic_ratings_legacy');
    expect(await partitionOf(db, at!.id)).toBe(`topic_ratings_${utcMonth(0).suffix}`);
  });
});
