import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { ROTA } from './support/product-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

const EVIL = '=HYPERLINK("http://evil","x")';
/** What a spreadsheet would run: a cell starting with one of these. */
const STARTS_LIKE_FORMULA = /^[=+\-@\t\r]/;

/** Every CSV the hub writes neutralises spreadsheet formulas (issue 10), and the catalogue's still round-trips. */
describe.each(databaseTargets())('formulas in CSV files on $name', (target) => {
  let hub: TestHub;
  let educator: TestSession;
  let lead: TestSession;
  let trustId: string;
  let resourceId: string;

  beforeAll(async () => {
    hub = await createTestHub(target);
    trustId = (await createTestOrganisations(hub)).trust.id;
    const [educatorPerson, leadPerson] = await Promise.all([
      createTestPerson(hub, { organisationId: trustId, roles: ['educator'] }),
      createTestPerson(hub, { organisationId: trustId, roles: ['product-lead'], name: '@Lead' }),
    ]);
    [educator, lead] = await Promise.all([signIn(hub.app, educatorPerson.email), signIn(hub.app, leadPerson.email)]);
    const created = await educator.api('POST', '/api/v1/resources', {
      title: EVIL, provider: '+Provider', url: 'https://example.org/evil', description: '-1+1', format: 'reading', durationMinutes: 10, vendorNeutral: true,
      outcomes: [{ topicId: 'model-bias', level: 'awareness' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    resourceId = created.json().id;
    expect((await educator.api('POST', `/api/v1/resources/${resourceId}/publish`)).statusCode).toBe(200);
  });
  afterAll(() => hub.close());

  const cellsOf = (csv: string) => (parse(csv, { bom: true }) as string[][]).flat();

  it.each([
    ['the public catalogue page download', '/catalogue/export/csv', false],
    ['the API export, to a visitor', '/api/v1/resources/export?format=csv', false],
    ['the API export, to its curator', '/api/v1/resources/export?format=csv', true],
  ])('neutralises a formula title in %s', async (_, url, asCurator) => {
    const response = asCurator ? await educator.get(url) : await hub.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
    const records = parse(response.body, { columns: true }) as Array<Record<string, string>>;
    expect(records.find((r) => r.id === resourceId)).toMatchObject({ title: `'${EVIL}`, provider: "'+Provider", description: "'-1+1" });
    expect(cellsOf(response.body).filter((cell) => STARTS_LIKE_FORMULA.test(cell))).toEqual([]);
  });

  it('reads its own export back unchanged: the apostrophe is not kept', async () => {
    const read = async () => (await hub.app.inject({ method: 'GET', url: `/api/v1/resources/${resourceId}` })).json() as { title: string; version: number };
    const before = await read();
    const csv = (await educator.get('/api/v1/resources/export?format=csv')).body;
    const imported = await educator.api('POST', '/api/v1/resources/import', { format: 'csv', content: csv });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ created: 0, updated: 0 });
    expect(await read()).toMatchObject({ title: EVIL, provider: '+Provider', description: '-1+1', version: before.version });
  });

  it('neutralises formulas in the training-currency CSV (product and person names)', async () => {
    const productId = (await lead.api('POST', '/api/v1/products', { ...ROTA, name: EVIL })).json().id as string;
    const deployed = await lead.api('POST', `/api/v1/products/${productId}/deployments`, { organisationId: trustId, status: 'piloting', startedOn: '2026-02-01', refresherDays: 14 });
    expect(deployed.statusCode, deployed.body).toBe(201);
    const me = (await lead.api('GET', '/api/v1/me')).json() as { id: string };
    expect((await lead.api('POST', `/api/v1/deployments/${deployed.json().id}/users`, { personId: me.id })).statusCode).toBe(204);
    for (const url of [`/api/v1/deployments/${deployed.json().id}/currency?format=csv`, `/api/v1/organisations/${trustId}/training-currency?format=csv`]) {
      const csv = (await lead.api('GET', url)).body;
      expect(parse(csv, { columns: true })).toContainEqual(expect.objectContaining({ person: "'@Lead", product: `'${EVIL}` }));
      expect(cellsOf(csv).filter((cell) => STARTS_LIKE_FORMULA.test(cell))).toEqual([]);
    }
  });

  it('writes the framework CSV through the same writer', async () => {
    const response = await hub.app.inject({ method: 'GET', url: '/api/v1/frameworks/dart-ed-2022/export?format=csv' });
    expect(response.statusCode).toBe(200);
    expect(response.body.startsWith('\uFEFFframework,version,id,')).toBe(true);
    expect(cellsOf(response.body).filter((cell) => STARTS_LIKE_FORMULA.test(cell))).toEqual([]);
  });
});
