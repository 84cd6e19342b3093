import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInsightRepository } from '../src/db/insight.repository.ts';
import { assertNoSmallCounts } from '../src/domain/insight/disclosure.ts';
import { INSIGHT_VIEWS } from '../src/web/insight/insight.paths.ts';
import { createInsightWorkforce, signInInsightCast, EXPERT_NURSES, VERIFIED_NURSES } from './support/insight-fixtures.ts';
import type { InsightTree, InsightViewer, InsightWorkforce } from './support/insight-fixtures.ts';
import { requirementShareOf } from './support/insight-workforce.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

interface Figure { kind: string; suppressed: boolean; value: number | null }
interface TrendsJson { scope: string; asOf: string; months: Array<{ month: string; isSoFar: boolean; people: Figure; training: Record<string, Figure>; topicLevels: Array<{ kind: string; levels: { parts: Array<{ label: string; count: Figure }> } }> }> }
interface ShareRow { key: string; people: Figure; self: Figure; verified: Figure }
interface TrainingJson { currency: { statuses: string[]; table: { cells: Figure[][]; rowTotals: Figure[] }; productTable: { cells: Figure[][] } } }

const api = (organisationId: string, view: string, query = '') => `/api/v1/insight/organisations/${organisationId}/${view}${query}`;

describe.each(databaseTargets())('workforce insight API on $name', (target) => {
  let hub: TestHub;
  let tree: InsightTree;
  let workforce: InsightWorkforce;
  let as: Record<InsightViewer, TestSession>;

  beforeAll(async () => {
    hub = await createTestHub(target);
    workforce = await createInsightWorkforce(hub);
    ({ tree } = workforce);
    const { cast } = workforce;
    as = await signInInsightCast(hub, cast);
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
    // The nation holds the trust's 42, the other trust's 6, the practice's 12 and a lead at each of three levels.
    expect(national).toMatchObject({ scope: 'national', people: { value: 63 } });
    // A national body on its own (no regions beneath it) is not the nation: its figures are controlled.
    const body = await hub.services.organisations.createOrganisation({ kind: 'national', name: 'An arm’s-length body', parentId: null });
    expect((await as.platformAdmin.get(api(body.id, 'overview'))).json()).toMatchObject({ scope: 'sub-national' });
    const doctors = (await as.trustAdmin.get(api(tree.trust.id, 'equity', '?by=professional_group'))).json() as { people: { rows: Array<{ value: string; people: Figure }> } };
    expect(doctors.people.rows.find((r) => r.value === 'medical-and-dental')?.people).toMatchObject({ suppressed: true, value: null });
    expect(doctors.people.rows.find((r) => r.value === 'nursing-midwifery-and-health-visiting')?.people).toMatchObject({ suppressed: false, value: 25 });
  });

  it('shows the share of requirements met that people see on their own pages, summed', async () => {
    const { nurses, doctors, managers } = workforce.workforce;
    const { cast } = workforce;
    const trustPeople = [...nurses, ...doctors, ...managers, cast.trustAdmin.id, cast.platformAdmin.id, cast.learner.id];
    const trust = (await as.trustAdmin.get(api(tree.trust.id, 'requirements'))).json() as { shares: { byTier: ShareRow[]; byFactor: Array<ShareRow & { label: string }> } };
    const foundational = trust.shares.byTier.find((r) => r.key === 'foundational');
    expect(foundational?.self).toMatchObject({ kind: 'percent', suppressed: false, value: await requirementShareOf(hub, trustPeople, { tier: 'foundational' }) });
    // Standing is kept by each requirement's own factor, sub-factors included; the view reports the report's top-level factors.
    expect(trust.shares.byFactor.map((f) => f.label)).toEqual(['AI literacy', 'Governance', 'Implementation', 'Clinical use']);
    for (const factor of ['governance', 'clinical-use']) {
      expect(trust.shares.byFactor.find((f) => f.key === factor)?.self.value, factor).toBe(await requirementShareOf(hub, trustPeople, { topLevelFactor: factor }));
    }
    expect(foundational?.people.value).toBe(40);
    const national = (await as.platformAdmin.get(api(tree.national.id, 'overview'))).json() as { headline: { requirementsSelf: Figure } };
    const everyone = [...trustPeople, ...workforce.workforce.otherTrust, ...workforce.workforce.practice, cast.icsAdmin.id, cast.lead.id, cast.nationalLead.id];
    expect(national.headline.requirementsSelf.value).toBe(await requirementShareOf(hub, everyone));
  }, 60_000);

  it('counts levels confirmed by a supervisor on the verified basis', async () => {
    interface TopicsJson { distributions: Array<{ kind: string; topics: Array<{ id: string }>; levels: Array<{ id: string }>; table: { cells: Figure[][] } }> }
    const cell = (body: TopicsJson, level: string) => {
      const knowledge = body.distributions.find((d) => d.kind === 'knowledge')!;
      return knowledge.table.cells[knowledge.topics.findIndex((t) => t.id === workforce.trendTopic)]?.[knowledge.levels.findIndex((l) => l.id === level)];
    };
    const national = (await as.platformAdmin.get(api(tree.national.id, 'topics', '?basis=verified'))).json() as TopicsJson;
    expect(cell(national, 'understanding')?.value).toBe(VERIFIED_NURSES);
    const selfRated = (await as.platformAdmin.get(api(tree.national.id, 'topics', '?basis=self'))).json() as TopicsJson;
    expect(cell(selfRated, 'understanding')?.value).toBe(EXPERT_NURSES);
    const practice = (await as.icsAdmin.get(api(tree.practice.id, 'topics', '?basis=verified'))).json() as TopicsJson;
    expect(cell(practice, 'understanding')?.value).toBe(0);
  });

  it('counts journeys, items and learning minutes as the journey pages do', async () => {
    interface JourneysJson { journeys: Record<'peopleWithJourney' | 'journeysStarted' | 'itemsPlanned' | 'itemsCompleted' | 'minutesPlanned' | 'minutesDone', Figure> }
    const values = (j: JourneysJson) => Object.fromEntries(Object.entries(j.journeys).map(([k, f]) => [k, f.value]));
    const { journeys } = workforce;
    const national = (await as.platformAdmin.get(api(tree.national.id, 'journeys'))).json() as JourneysJson;
    expect(values(national)).toMatchObject({ peopleWithJourney: 30, journeysStarted: 20, itemsPlanned: journeys.itemsPlanned, itemsCompleted: 100, minutesPlanned: journeys.minutesPlanned, minutesDone: journeys.minutesDone });
    // Below national level minutes are measures over the 30 people with a journey: shown, not rounded.
    const trust = (await as.trustAdmin.get(api(tree.trust.id, 'journeys'))).json() as JourneysJson;
    expect(values(trust)).toMatchObject({ peopleWithJourney: 30, journeysStarted: 20, minutesPlanned: 6000, minutesDone: 2500 });
  });

  it('classifies training on today’s UK date: current, due, not started, overdue; not required left out', async () => {
    const national = (await as.platformAdmin.get(api(tree.national.id, 'training'))).json() as TrainingJson;
    expect(national.currency.statuses).toEqual(['current', 'due', 'not-started', 'overdue']);
    expect(national.currency.table.cells[0]?.map((c) => c.value)).toEqual([20, 5, 4, 10]);
    expect(national.currency.table.rowTotals[0]?.value).toBe(39);
    expect(national.currency.productTable.cells[0]?.map((c) => c.value)).toEqual([20, 5, 4, 10]);
    const trust = (await as.trustAdmin.get(api(tree.trust.id, 'training'))).json() as TrainingJson;
    expect(trust.currency.table.cells[0]?.map((c) => (c.suppressed ? '*' : c.value))).toEqual([20, '*', '*', 10]);
    // What is stored does not change with the clock: the 10 are owed by a date that has passed, and the read calls that overdue.
    const stored = await hub.database.db.execute(sql`select state, started, due_on::text as due_on, count(*)::int as n from person_training_currency group by 1, 2, 3 order by n desc, 3`);
    expect((stored as unknown as { rows: unknown[] }).rows).toEqual([
      { state: 'current', started: true, due_on: 'infinity', n: 20 },
      { state: 'owed', started: false, due_on: workforce.dueOn, n: 10 },
      { state: 'owed', started: true, due_on: expect.any(String), n: 5 },
      { state: 'owed', started: false, due_on: expect.any(String), n: 4 },
    ]);
  });

  it('sums monthly changes into each month’s figures, from joining dates and back-dated ratings', async () => {
    const trends = (await as.platformAdmin.get(api(tree.national.id, 'trends'))).json() as TrendsJson;
    expect(trends.months).toHaveLength(13);
    expect(trends.months.map((m) => m.people.value)).toEqual([30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 38, 38, 63]);
    expect(trends.months.at(-1)?.isSoFar).toBe(true);
    const knowledge = (i: number) => Object.fromEntries(trends.months[i]?.topicLevels[0]?.levels.parts.map((p) => [p.label, p.count.value]) ?? []);
    expect(knowledge(11)).toMatchObject({ awareness: 20, familiarity: 0, understanding: 0 });
    expect(knowledge(12)).toMatchObject({ awareness: 17, familiarity: 3 });
    // Training is counted from when it was written: this month, judged on today, the June-style due date has passed.
    expect(trends.months.at(-1)?.training).toMatchObject({ current: { value: 20 }, 'not-started': { value: 4 }, overdue: { value: 10 } });
    expect(workforce.dueOn < trends.asOf.slice(0, 10)).toBe(true);
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
