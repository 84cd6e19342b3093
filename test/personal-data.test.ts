import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
