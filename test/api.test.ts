import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHub, databaseTargets, loadFrameworkWithoutTopics } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

describe.each(databaseTargets())('JSON API on $name', (target) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(target);
  });
  afterAll(async () => {
    await hub?.close();
  });
  const getJson = async (url: string) => {
    const response = await hub.app.inject({ method: 'GET', url });
    return { status: response.statusCode, type: String(response.headers['content-type']), body: response.json() };
  };
  const api = '/api/v1/frameworks/dart-ed-2022';

  it('lists frameworks', async () => {
    const { status, body } = await getJson('/api/v1/frameworks');
    expect(status).toBe(200);
    expect(body.frameworks).toEqual([{ id: 'dart-ed-2022', version: '1.1.0', title: expect.any(String), format: 'hub', items: 242 }]);
  });

  it('serves archetypes, factors, taxonomy and question sets', async () => {
    expect((await getJson(`${api}/archetypes`)).body.archetypes).toHaveLength(5);
    expect((await getJson(`${api}/archetypes/driver`)).body.requirements).toHaveLength(35);
    expect((await getJson(`${api}/factors`)).body.factors).toHaveLength(15);
    expect((await getJson(`${api}/taxonomy`)).body.skill).toHaveLength(2);
    expect((await getJson(`${api}/question-sets`)).body.questionSets.map((s: { id: string }) => s.id)).toEqual(['a3', 'a6']);
    expect((await getJson(`${api}/question-sets/a3`)).body.questions).toHaveLength(40);
  });

  it('filters requirements like the explorer', async () => {
    expect((await getJson(`${api}/requirements`)).body.count).toBe(242);
    expect((await getJson(`${api}/requirements?tier=foundational`)).body.count).toBe(30);
    expect((await getJson(`${api}/requirements?archetype=embedder&kind=skill`)).body.count).toBe(22);
    expect((await getJson(`${api}/requirements?factor=governance&tier=product-specific`)).body.count).toBe(4);
    const one = await getJson(`${api}/requirements/a4-20`);
    expect(one.body).toMatchObject({ id: 'a4-20', tier: 'advanced', archetype: 'creator', source: { table: 'A4', item: 20 } });
  });

  it('lists topics with the requirements rated under each, and gives every requirement its topic', async () => {
    const { status, body } = await getJson(`${api}/topics`);
    expect(status).toBe(200);
    expect(body.framework).toEqual({ id: 'dart-ed-2022', version: '1.1.0' });
    expect(body.count).toBe(body.topics.length);
    const ceUkca = body.topics.find((t: { id: string }) => t.id === 'ce-ukca-limitations');
    expect(ceUkca).toEqual({
      id: 'ce-ukca-limitations',
      kind: 'knowledge',
      label: 'Limitations of CE/UKCA marking for AI products',
      factor: 'regulation-and-standards',
      restsOn: null,
      isImplicit: false,
      requirements: ['a1-06', 'a2-03', 'a4-16', 'a5-12', 'a7-01'],
    });
    const listed = body.topics.flatMap((t: { requirements: string[] }) => t.requirements);
    expect(new Set(listed).size).toBe(242);
    expect((await getJson(`${api}/requirements/a7-01`)).body.topic).toBe('ce-ukca-limitations');
    const users = (await getJson(`${api}/requirements?archetype=user`)).body.requirements as Array<{ topic?: string }>;
    expect(users.every((r) => typeof r.topic === 'string')).toBe(true);
  });

  it('serves topics of a pinned version, and implicit ones for a framework without topics', async () => {
    await loadFrameworkWithoutTopics(hub, '1.0.1-no-topics');
    const { status, body } = await getJson(`${api}/topics?version=1.0.1-no-topics`);
    expect(status).toBe(200);
    expect(body.count).toBe(242);
    expect(body.topics[0]).toMatchObject({ id: 't1-01', kind: 'knowledge', isImplicit: true, requirements: ['t1-01'] });
    expect((await getJson(`${api}/requirements/a7-01?version=1.0.1-no-topics`)).body.topic).toBe('a7-01');
    expect((await getJson(`${api}/topics?version=99`)).status).toBe(404);
  });

  it.each([
    [`${api}/requirements?tier=bogus`, 400],
    [`${api}/requirements?archetype=wizard`, 400],
    [`${api}/requirements/nope`, 404],
    ['/api/v1/frameworks/nope', 404],
    [`${api}/archetypes?version=7`, 404],
    [`${api}/export?format=pdf`, 400],
  ])('GET %s answers %i with a JSON problem', async (url, status) => {
    const response = await getJson(url);
    expect(response.status).toBe(status);
    expect(response.type).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  });

  it('exports through the API', async () => {
    const response = await hub.app.inject({ method: 'GET', url: `${api}/export?format=csv` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
  });

  it('publishes a valid OpenAPI 3.1 document that describes every API route', async () => {
    const { body } = await getJson('/api/openapi.json');
    const validator = new Validator();
    const result = await validator.validate(body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(body.openapi).toBe('3.1.0');
    for (const [path, operations] of Object.entries(body.paths as Record<string, { get?: { security?: unknown } }>)) {
      if (!operations.get || operations.get.security) continue; // signed-in operations are tested in people-api.test.ts
      const concrete = path
        .replace('{frameworkId}', 'dart-ed-2022')
        .replace('{requirementId}', 't1-01')
        .replace('{archetypeId}', 'user')
        .replace('{setId}', 'a6');
      expect((await hub.app.inject({ method: 'GET', url: concrete })).statusCode, concrete).toBe(200);
    }
  });
});
