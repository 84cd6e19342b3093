import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInsightRepository } from '../src/db/insight.repository.ts';
import { assertNoSmallCounts } from '../src/domain/insight/disclosure.ts';
import { INSIGHT_VIEWS } from '../src/web/insight/insight.paths.ts';
import { createInsightTree, seedInsightRollups } from './support/insight-fixtures.ts';
import type { InsightTree } from './support/insight-fixtures.ts';
import { createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

interface Figure { kind: string; suppressed: boolean; value: number | null }
interface TrendsJson { scope: string; asOf: string; months: Array<{ month: string; isSoFar: boolean; people: Figure; training: Record<string, Figure>; topicLevels: Array<{ kind: string; levels: { parts: Array<{ label: string; count: Figure }> } }> }> }
interface TrainingJson { currency: { statuses: string[]; table: { cells: Figure[][]; rowTotals: Figure[] }; productTable: { cells: Figure[][] } } }

const api = (organisationId: string, view: string, query = '') => `/api/v1/insight/organisations/${organisationId}/${view}${query}`;

describe.each(databaseTargets())('workforce insight API on $name', (target) => {
  let hub: TestHub;
  let tree: InsightTree;
  let dueOn: string;
  let as: Record<'trustAdmin' | 'icsAdmin' | 'lead' | 'platformAdmin' | 'learner', TestSession>;

  beforeAll(async () => {
    hub = await createTestHub(target);
    tree = await createInsightTree(hub);
    ({ dueOn } = await seedInsightRollups(hub, tree));
    const person = async (organisationId: string, roles: Parameters<typeof createTestPerson>[1]['roles']) => signIn(hub.app, (await createTestPerson(hub, { organisationId, roles })).email);
    as = {
      trustAdmin: await person(tree.trust.id, ['learner', 'organisation-admin']),
      icsAdmin: await person(tree.ics.id, ['learner', 'organisation-admin']),
      lead: await person(tree.region.id, ['learner', 'workforce-lead']),
      platformAdmin: await person(tree.trust.id, ['learner', 'platform-admin']),
      learner: await person(tree.trust.id, ['learner']),
    };
  }, 120_000);
  afterAll(() => hub.close());

  it('shows each viewer their organisation and beneath, and nothing else exists for them', async () => {
    const cases: Array<[keyof typeof as, keyof InsightTree, number]> = [
      ['trustAdmin', 'trust', 200], ['trustAdmin', 'otherTrust', 404], ['trustAdmin', 'ics', 404], ['trustAdmin', 'national', 404],
      ['icsAdmin', 'ics', 200], ['icsAdmin', 'trust', 200], ['icsAdmin', 'practice', 200], ['icsAdmin', 'region', 404],
      ['lead', 'region', 200], ['lead', 'practice', 200], ['lead', 'national', 404],
      ['platformAdmin', 'national', 200], ['platformAdmin', 'otherTrust', 200],
      ['learner', 'trust', 404], ['learner', 'national', 404],
    ];
    for (const [who, where, status] of cases) {
      for (const view of ['overview', 'trends'] as const) expect((await as[who].get(api(tree[where].id, view))).statusCode, `${who} ${where} ${view}`).toBe(status);
    }
    expect((await as.learner.get('/api/v1/insight/organisations')).statusCode).toBe(404);
    expect((await as.trustAdmin.get('/api/v1/insight/organisations')).json()).toMatchObject({ organisations: [{ id: tree.trust.id }] });
    expect((await as.icsAdmin.get(api('00000000-0000-4000-8000-000000000000', 'overview'))).statusCode).toBe(404);
    expect((await as.icsAdmin.get(api('not-an-id', 'overview'))).statusCode).toBe(404);
    expect((await as.icsAdmin.get(api(tree.ics.id, 'equity', '?by=shoe-size'))).statusCode).toBe(400);
    expect((await hub.app.inject({ method: 'GET', url: api(tree.ics.id, 'overview') })).statusCode).toBe(401);
  });

  it('plants small counts the disclosure check must catch', async () => {
    const rows = await createInsightRepository(hub.database.db).listPeople({ organisationIds: [tree.trust.id], dimension: 'professional_group', includeSynthetic: true });
    expect(() => assertNoSmallCounts(rows, 'sub-national')).toThrow(/Small counts/);
  });

  it('returns no unsuppressed small count from any view below national level', async () => {
    const below = (['region', 'ics', 'trust', 'otherTrust', 'pcn', 'practice'] as const).map((k) => tree[k].id);
    for (const id of below) {
      for (const view of INSIGHT_VIEWS) {
        for (const query of ['', '?synthetic=exclude', '?basis=verified', '?by=archetype', '?by=setting']) {
          const response = await as.lead.get(api(id, view, query));
          expect(response.statusCode, `${view}${query}`).toBe(200);
          const body = response.json() as { scope: string; asOf: string };
          expect(body.scope).toBe('sub-national');
          expect(Date.parse(body.asOf)).not.toBeNaN();
          assertNoSmallCounts(body, 'sub-national');
        }
      }
    }
  }, 120_000);

  it('rounds and suppresses below national level and shows national figures exactly', async () => {
    const trust = (await as.trustAdmin.get(api(tree.trust.id, 'overview'))).json() as { people: Figure; countsSynthetic: boolean };
    expect(trust.people).toMatchObject({ suppressed: false, value: 40 });
    expect(trust.countsSynthetic).toBe(true);
    const real = (await as.trustAdmin.get(api(tree.trust.id, 'overview', '?synthetic=exclude'))).json() as { people: Figure; countsSynthetic: boolean };
    expect(real.people.value).toBe(35);
    expect(real.countsSynthetic).toBe(false);
    const national = (await as.platformAdmin.get(api(tree.national.id, 'overview'))).json() as { scope: string; people: Figure };
    expect(national).toMatchObject({ scope: 'national', people: { value: 60 } });
  });

  it('classifies training on today’s UK date: current, due, not started, overdue; not required left out', async () => {
    const national = (await as.platformAdmin.get(api(tree.national.id, 'training'))).json() as TrainingJson;
    expect(national.currency.statuses).toEqual(['current', 'due', 'not-started', 'overdue']);
    expect(national.currency.table.cells[0]?.map((c) => c.value)).toEqual([20, 5, 4, 10]);
    expect(national.currency.table.rowTotals[0]?.value).toBe(39);
    expect(national.currency.productTable.cells[0]?.map((c) => c.value)).toEqual([20, 5, 4, 10]);
    const trust = (await as.trustAdmin.get(api(tree.trust.id, 'training'))).json() as TrainingJson;
    expect(trust.currency.table.cells[0]?.map((c) => (c.suppressed ? '*' : c.value))).toEqual([20, '*', '*', 10]);
  });

  it('sums monthly changes into each month’s figures, and turns training overdue in the month its due date passes', async () => {
    const trends = (await as.platformAdmin.get(api(tree.national.id, 'trends'))).json() as TrendsJson;
    expect(trends.months).toHaveLength(13);
    expect(trends.months.map((m) => m.people.value)).toEqual([30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 38, 38, 60]);
    expect(trends.months.at(-1)?.isSoFar).toBe(true);
    const dueMonth = trends.months.findIndex((m) => m.month === `${dueOn.slice(0, 8)}01`);
    expect(dueMonth).toBe(6);
    expect(trends.months[dueMonth - 1]?.training).toMatchObject({ 'not-started': { value: 10 }, overdue: { value: 0 } });
    expect(trends.months[dueMonth]?.training).toMatchObject({ 'not-started': { value: 0 }, overdue: { value: 10 } });
    const knowledge = (i: number) => Object.fromEntries(trends.months[i]?.topicLevels[0]?.levels.parts.map((p) => [p.label, p.count.value]) ?? []);
    expect(knowledge(11)).toMatchObject({ awareness: 20, familiarity: 0 });
    expect(knowledge(12)).toMatchObject({ awareness: 17, familiarity: 3 });
    const trust = (await as.trustAdmin.get(api(tree.trust.id, 'trends'))).json() as TrendsJson;
    expect(trust.months.map((m) => m.people.value)).toEqual([30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 40, 40, 40]);
  });

  it('describes every insight route in the OpenAPI document', async () => {
    const doc = (await hub.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, object>; components: { schemas: Record<string, object> } };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/insight/organisations', ...INSIGHT_VIEWS.map((v) => `/api/v1/insight/organisations/{organisationId}/${v}`)]));
    expect(doc.components.schemas).toHaveProperty('InsightOverview');
    expect(doc.components.schemas).toHaveProperty('InsightTrends');
  });
});
