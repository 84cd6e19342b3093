import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import { assertNoSmallCounts } from '../src/domain/insight/disclosure.ts';
import { INSIGHT_PATHS, INSIGHT_VIEWS } from '../src/web/insight/insight.paths.ts';
import { smallCountsInCsv, smallCountsInHtml } from './support/insight-audit.ts';
import { createInsightWorkforce, signInInsightCast, INDIVIDUAL } from './support/insight-fixtures.ts';
import type { InsightTree, InsightViewer, InsightWorkforce } from './support/insight-fixtures.ts';
import { requirementShareOf } from './support/insight-workforce.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

describe.each(databaseTargets())('workforce insight pages on $name', (target) => {
  let hub: TestHub;
  let tree: InsightTree;
  let workforce: InsightWorkforce;
  let as: Record<InsightViewer, TestSession>;

  beforeAll(async () => {
    hub = await createTestHub(target);
    workforce = await createInsightWorkforce(hub);
    const { cast } = workforce;
    tree = workforce.tree;
    as = await signInInsightCast(hub, cast);
  }, 120_000);
  afterAll(() => hub.close());

  it('takes each viewer from /insight to their organisation; platform admins choose among the tops of the tree', async () => {
    const own = await as.icsAdmin.get('/insight');
    expect(own.statusCode).toBe(303);
    expect(own.headers.location).toBe(INSIGHT_PATHS.view(tree.ics.id));
    expect((await as.learner.get('/insight')).statusCode).toBe(404);
    await hub.services.organisations.createOrganisation({ kind: 'national', name: `Another nation ${Date.now()}`, parentId: null });
    const chooser = await as.platformAdmin.get('/insight');
    expect(chooser.statusCode).toBe(200);
    expect(chooser.body).toContain(`href="${INSIGHT_PATHS.view(tree.national.id)}"`);
    expect(chooser.body).toContain('Another nation');
  });

  it('offers the link only to people who may use insight', async () => {
    expect((await as.trustAdmin.get('/self-assessment')).body).toContain('href="/insight"');
    expect((await as.lead.get('/self-assessment')).body).toContain('href="/insight"');
    expect((await as.learner.get('/self-assessment')).body).not.toContain('href="/insight"');
  });

  it('keeps pages and downloads to the viewer’s subtree, and learners out', async () => {
    const view = (id: string, v = 'overview' as const) => INSIGHT_PATHS.view(id, v);
    expect((await as.trustAdmin.get(view(tree.trust.id))).statusCode).toBe(200);
    expect((await as.trustAdmin.get(view(tree.otherTrust.id))).statusCode).toBe(404);
    expect((await as.trustAdmin.get(INSIGHT_PATHS.download(tree.otherTrust.id, 'overview', 'csv'))).statusCode).toBe(404);
    expect((await as.trustAdmin.get(view(tree.ics.id))).statusCode).toBe(404);
    expect((await as.lead.get(view(tree.practice.id))).statusCode).toBe(200);
    expect((await as.platformAdmin.get(view(tree.national.id))).statusCode).toBe(200);
    expect((await as.learner.get(view(tree.trust.id))).statusCode).toBe(404);
    expect((await as.learner.get(INSIGHT_PATHS.download(tree.trust.id, 'trends', 'json'))).statusCode).toBe(404);
  });

  it('shows no unsuppressed small count and no individual on any page, CSV or JSON below national level', async () => {
    const below = (['region', 'ics', 'trust', 'otherTrust', 'pcn', 'practice'] as const).map((k) => tree[k].id);
    for (const id of below) {
      for (const view of INSIGHT_VIEWS) {
        for (const query of ['', '?synthetic=exclude', '?basis=verified', '?by=archetype']) {
          const page = await as.lead.get(`${INSIGHT_PATHS.view(id, view)}${query}`);
          expect(page.statusCode, `${view}${query}`).toBe(200);
          expect(smallCountsInHtml(page.body), `${view}${query} page`).toEqual([]);
          const csv = await as.lead.get(`${INSIGHT_PATHS.download(id, view, 'csv')}${query}`);
          expect(csv.headers['content-type']).toContain('text/csv');
          expect(smallCountsInCsv(csv.body), `${view}${query} CSV`).toEqual([]);
          const json = await as.lead.get(`${INSIGHT_PATHS.download(id, view, 'json')}${query}`);
          assertNoSmallCounts(json.json(), 'sub-national');
          for (const body of [page.body, csv.body, json.body]) expect(body).not.toContain(INDIVIDUAL);
        }
      }
    }
  }, 180_000);

  it('the HTML and CSV checks catch a small count', () => {
    expect(smallCountsInHtml('<table><tr><td class="x">3</td><td>40</td></tr></table><svg><text x="1">5</text></svg>')).toEqual(['3', '5']);
    expect(smallCountsInCsv('Organisation,Section,Row,Measure,Value\nA,B,C,People,6\nA,B,C,People,10\n')).toEqual(['B / C / People']);
  });

  it('shows the overview with charts, equal tables, drill-down links and a breadcrumb only as far up as the viewer may see', async () => {
    const ics = (await as.icsAdmin.get(INSIGHT_PATHS.view(tree.ics.id))).body;
    expect(ics).toContain('People by professional group');
    expect(ics).toContain('<svg');
    expect(ics).toContain('Nursing, midwifery and health visiting');
    expect(ics).toContain(`href="${INSIGHT_PATHS.view(tree.trust.id)}"`);
    expect(ics).toContain(`href="${INSIGHT_PATHS.view(tree.pcn.id)}"`);
    const trust = (await as.icsAdmin.get(INSIGHT_PATHS.view(tree.trust.id))).body;
    expect(trust).toMatch(/nhsuk-breadcrumb[\s\S]*Riverside ICS/);
    expect(trust).not.toContain('North region');
    const fromTop = (await as.platformAdmin.get(INSIGHT_PATHS.view(tree.trust.id))).body;
    expect(fromTop).toContain('North region');
    // Months as people write them, and an explanation of suppression in words.
    const trends = (await as.icsAdmin.get(INSIGHT_PATHS.view(tree.trust.id, 'trends'))).body;
    expect(trends).toMatch(/<th[^>]*>\s*(January|February|March|April|May|June|July|August|September|October|November|December) \d{4} \(so far\)\s*<\/th>/);
    expect(trends).toContain('fewer than 8 people (1 to 7)');
  });

  it('says when synthetic people are counted, and can leave them out', async () => {
    const withSynthetic = (await as.trustAdmin.get(INSIGHT_PATHS.view(tree.trust.id))).body;
    expect(withSynthetic).toContain('Includes synthetic data');
    const without = (await as.trustAdmin.get(`${INSIGHT_PATHS.view(tree.trust.id)}?synthetic=exclude`)).body;
    expect(without).not.toContain('Includes synthetic data');
    expect(without).toContain('Synthetic (generated) people are left out');
    const csv = (await as.trustAdmin.get(INSIGHT_PATHS.download(tree.trust.id, 'overview', 'csv'))).body;
    expect(csv).toContain('Riverside Trust,At a glance,People with a profile,Figure,40');
  });

  it('explains * and - on every view, writes months in words, and keeps the downloads machine-readable', async () => {
    for (const view of INSIGHT_VIEWS) {
      const page = (await as.icsAdmin.get(INSIGHT_PATHS.view(tree.ics.id, view))).body;
      expect(page, view).toContain('Key to the figures');
      expect(page, view).toContain('fewer than 8 people');
    }
    const trends = (await as.icsAdmin.get(INSIGHT_PATHS.view(tree.ics.id, 'trends'))).body;
    expect(trends).toMatch(/(January|February|March|April|May|June|July|August|September|October|November|December) \d{4} \(so far\)/);
    expect(trends).not.toMatch(/>\s*\d{4}-\d{2}/);
    const csv = (await as.icsAdmin.get(INSIGHT_PATHS.download(tree.ics.id, 'trends', 'csv'))).body;
    expect(csv).toMatch(/,\d{4}-\d{2} \(so far\),/);
  });

  it('does not repeat a heading as a visible caption, and lets the wide drill-down scroll in a labelled region', async () => {
    const overview = (await as.icsAdmin.get(INSIGHT_PATHS.view(tree.ics.id))).body;
    expect(overview).toMatch(/<caption[^>]*nhsuk-u-visually-hidden[^>]*>\s*At a glance for Riverside ICS/);
    expect(overview).toMatch(/role="region" aria-labelledby="table-drill-down-caption"/);
    expect(overview).toContain('Share of applicable requirements met, self-rated (%), by organisation');
    expect(overview).toMatch(/<th[^>]*>\s*People with a profile\s*<\/th>/);
  });

  it('compares groups side by side on the equity page, and peers only where the parent is visible', async () => {
    const equity = (await as.trustAdmin.get(`${INSIGHT_PATHS.view(tree.trust.id, 'equity')}?by=professional_group`)).body;
    expect(equity).toContain('The same measures by professional group');
    expect(equity).toContain('name="by"');
    const bySetting = (await as.trustAdmin.get(`${INSIGHT_PATHS.view(tree.trust.id, 'equity')}?by=setting`)).body;
    expect(bySetting).toContain('Acute hospital');
    expect((await as.trustAdmin.get(INSIGHT_PATHS.view(tree.trust.id, 'peers'))).body).toContain('where you can see the organisation above');
    const peers = (await as.icsAdmin.get(INSIGHT_PATHS.view(tree.trust.id, 'peers'))).body;
    expect(peers).toContain('Hillside Trust');
    expect(peers).not.toContain('>Riverside PCN<');
    const top = (await as.platformAdmin.get(INSIGHT_PATHS.view(tree.national.id, 'peers'))).body;
    expect(top).toContain('is at the top of the organisation tree');
    expect(top).not.toContain('where you can see the organisation above');
    expect(top).not.toContain('There are no figures to show here yet');
  });

  it('says while the figures for the version shown are still being worked out, and how far it has got', async () => {
    const { id, version } = hub.services.assessmentFramework();
    const refresh = createRepositories(hub.database.db).insightRefresh;
    const page = async () => (await as.trustAdmin.get(INSIGHT_PATHS.view(tree.trust.id, 'requirements'))).body;
    expect(await page()).not.toContain('being worked out');
    await refresh.startRefresh(id, version, 8, new Date());
    for (let i = 0; i < 3; i += 1) await refresh.recordOrganisationDone(id, version, tree.trust.id);
    expect(await page()).toContain(`The figures for version ${version} of the framework are being worked out (37% done)`);
    const json = (await as.trustAdmin.get(`/api/v1/insight/organisations/${tree.trust.id}/overview`)).json() as { refreshing: unknown };
    expect(json.refreshing).toEqual({ version, percentDone: 37 });
    await hub.services.insightRefresh.refreshAllContributions();
    expect(await page()).not.toContain('being worked out');
  });

  it('moves the figures on the insight page for the organisation of a learner who rates topics on the self-assessment page', async () => {
    /** The cells of one row of the table after a section's heading, as the page shows them. */
    const rowOf = (html: string, sectionId: string, label: string) => {
      const section = html.slice(html.indexOf(`<h2 id="${sectionId}">`));
      const row = new RegExp(`<th[^>]*>\\s*${label}\\s*</th>([\\s\\S]*?)</tr>`).exec(section)?.[1] ?? '';
      return [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => (m[1] ?? '').trim());
    };
    const aiLiteracy = async () => rowOf((await as.trustAdmin.get(INSIGHT_PATHS.view(tree.trust.id, 'requirements'))).body, 'by-factor', 'AI literacy')[1];
    const before = await aiLiteracy();
    const form = (await as.learner.get('/self-assessment/factors/ai-literacy')).body;
    // Each question at the top of its own scale: understanding for knowledge, proficiency for skills.
    const choices = new Map<string, string>();
    for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
      const name = /name="(rating-[^"]+)"/.exec(tag)?.[1];
      const value = /value="([^"]+)"/.exec(tag)?.[1];
      if (name && (value === 'understanding' || value === 'proficiency')) choices.set(name, value);
    }
    expect(choices.size).toBeGreaterThan(0);
    const saved = await as.learner.post('/self-assessment/factors/ai-literacy', { ...Object.fromEntries(choices), then: 'overview' });
    expect(saved.statusCode).toBe(303);
    const after = await aiLiteracy();
    expect(after).not.toBe(before);
    const { workforce: staff, cast } = workforce;
    const trustPeople = [...staff.nurses, ...staff.doctors, ...staff.managers, cast.trustAdmin.id, cast.platformAdmin.id, cast.learner.id];
    expect(after).toBe(`${await requirementShareOf(hub, trustPeople, { topLevelFactor: 'ai-literacy' })}%`);
  }, 60_000);
});
