import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORTED_TABLES, NOT_PERSONAL_DATA } from '../src/db/personal-data.repository.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

describe.each(databaseTargets())('downloading your data on $name', (target) => {
  let hub: TestHub;
  let session: TestSession;
  let email: string;
  beforeAll(async () => {
    hub = await createTestHub(target);
    const { trust } = await createTestOrganisations(hub);
    const person = await createTestPerson(hub, { organisationId: trust.id, name: 'Ada Export' });
    email = person.email;
    session = await signIn(hub.app, email);
    await session.api('PUT', '/api/v1/me/profile', { archetypes: ['user'], clinicalDecisionMaking: true, professionalGroup: 'medical-and-dental', setting: 'acute' });
    await session.api('PUT', '/api/v1/me/ratings', { ratings: { [await firstTopic()]: 'awareness' } });
  });
  afterAll(() => hub.close());

  async function firstTopic(): Promise<string> {
    const assessment = (await session.api('GET', '/api/v1/me/assessment')).json<{ pages: Array<{ topics: Array<{ topicId: string; kind: string }> }> }>();
    return assessment.pages.flatMap((p) => p.topics).find((t) => t.kind === 'knowledge')!.topicId;
  }

  it('downloads everything held about the signed-in person as a JSON file, without secrets', async () => {
    const response = await session.get('/account/export');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="ai-confidence-hub-my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const data = response.json<Record<string, unknown> & { person: { email: string }; ratings: unknown[]; profile: { archetypes: string[] }; organisationPath: Array<{ kind: string }>; auditEvents: unknown[]; sessions: unknown[] }>();
    expect(data.format).toBe('ai-confidence-hub/personal-data@1');
    expect(data.person.email).toBe(email);
    expect(data.profile.archetypes).toEqual(['user']);
    expect(data.ratings).toHaveLength(1);
    expect(data.organisationPath.map((o) => o.kind)).toEqual(['national', 'region', 'integrated-care-system', 'trust']);
    expect(data.auditEvents.length).toBeGreaterThanOrEqual(2);
    expect(data.sessions.length).toBeGreaterThanOrEqual(1);
    for (const secret of ['passwordHash', 'tokenHash', 'csrfSecret', 'scrypt$']) expect(response.body).not.toContain(secret);
  });

  it('is the same through the API, and only for the person themselves', async () => {
    const api = await session.api('GET', '/api/v1/me/export');
    expect(api.json<{ person: { email: string } }>().person.email).toBe(email);
    expect((await hub.app.inject({ method: 'GET', url: '/api/v1/me/export' })).statusCode).toBe(401);
    expect((await hub.app.inject({ method: 'GET', url: '/account/export' })).statusCode).toBe(303);
  });

  it('carries the learning journeys, claims, AI products used and module attempts', async () => {
    await session.api('POST', '/api/v1/me/journey', {});
    const data = (await session.api('GET', '/api/v1/me/export')).json<Record<string, unknown[]>>();
    for (const key of ['journeys', 'journeyItems', 'learningClaims', 'productUses', 'moduleAttempts']) expect(Array.isArray(data[key]), key).toBe(true);
    expect(data.journeys).toHaveLength(1);
  });

  it('covers every table that names a person: a new one must be exported or say why not', async () => {
    // Columns that refer to a person: foreign keys to people, and any column named for one.
    const result = await hub.database.db.execute(sql`
      select distinct kcu.table_name as table_name
        from information_schema.referential_constraints rc
        join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name and kcu.constraint_schema = rc.constraint_schema
        join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.unique_constraint_name and ccu.constraint_schema = rc.unique_constraint_schema
       where ccu.table_name = 'people' and kcu.table_schema = 'public'
      union
      select distinct table_name from information_schema.columns
       where table_schema = 'public' and (column_name like '%person_id' or column_name in ('learner_id', 'supervisor_id'))`);
    // A partition (topic_ratings_2026_12) is part of its table, which is the one to account for.
    const partitions = new Set((await hub.database.db.execute(sql`select relname from pg_class where relispartition`) as unknown as { rows: Array<{ relname: string }> }).rows.map((r) => r.relname));
    const tables = (result as unknown as { rows: Array<{ table_name: string }> }).rows.map((r) => r.table_name).filter((t) => !partitions.has(t)).sort();
    const accounted = new Set<string>([...EXPORTED_TABLES, ...Object.keys(NOT_PERSONAL_DATA)]);
    expect(tables.filter((t) => !accounted.has(t))).toEqual([]);
    expect(tables.length).toBeGreaterThan(15);
  });
});
