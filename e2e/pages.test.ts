import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAccessibility } from './support/accessibility.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { ExplorerPage } from './support/explorer-page.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';

const FRAMEWORK = '/frameworks/dart-ed-2022';
const CASE_FIXTURE = path.join(import.meta.dirname, '..', 'test', 'fixtures', 'third-party-case-package.json');
const TOTAL_REQUIREMENTS = 242;

interface PageCase {
  name: string;
  path: string | (() => string);
  status?: number;
  heading: string | RegExp;
  /** Key content beyond the main heading. */
  expectContent?(page: Page): Promise<void>;
}

const availability = browserAvailability();

/** Each matching element's text with whitespace collapsed, as a reader would see it. */
async function textsOf(locator: Locator): Promise<string[]> {
  return (await locator.allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());
}

describe.skipIf(!availability.isAvailable)(`hub pages in Chromium${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  let context: BrowserContext;
  let page: Page;
  let caseFrameworkId = '';

  beforeAll(async () => {
    server = await startHubServer();
    const content = await readFile(CASE_FIXTURE, 'utf8');
    const imported = await server.hub.services.frameworks.importFramework({ content, format: 'case' });
    caseFrameworkId = imported.id;
    chromium = await launchChromium();
    context = await chromium.browser.newContext();
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await chromium?.close();
    await server?.close();
  });

  async function visit(pagePath: string, status = 200): Promise<void> {
    const response = await page.goto(`${server.baseUrl}${pagePath}`);
    expect(response?.status(), `status of ${pagePath}`).toBe(status);
  }

  const h1 = () => page.locator('main h1');
  const resultCount = () => page.locator('#results');

  const archetypePages: PageCase[] = (['shaper', 'driver', 'creator', 'embedder', 'user'] as const).map((id) => ({
    name: `archetype ${id}`,
    path: `${FRAMEWORK}/archetypes/${id}`,
    heading: id.charAt(0).toUpperCase() + id.slice(1),
    async expectContent(p) {
      await expect(p.getByRole('heading', { level: 2, name: /^Advanced requirements \(\d+\)$/ }).count()).resolves.toBe(1);
      await expect(p.locator('ul.hub-requirements > li').count()).resolves.toBeGreaterThan(0);
    },
  }));

  const pages: PageCase[] = [
    {
      name: 'home',
      path: '/',
      heading: 'Build your confidence in AI',
      async expectContent(p) {
        await expect(p.getByRole('link', { name: 'Or browse every requirement without signing in' }).getAttribute('href')).resolves.toBe(`${FRAMEWORK}/requirements`);
        await expect(textsOf(p.getByRole('heading', { level: 3 }))).resolves.toEqual(['Which archetypes are you?', 'Factors and levels', 'Questions to ask of an AI product']);
      },
    },
    {
      name: 'framework list',
      path: '/frameworks',
      heading: 'Frameworks',
      async expectContent(p) {
        const rows = p.locator('table tbody tr');
        await expect(rows.count()).resolves.toBe(2);
        await expect(p.locator('table').textContent()).resolves.toContain('Example Digital Skills Framework');
      },
    },
    {
      name: 'hub framework',
      path: FRAMEWORK,
      heading: /^Developing healthcare workers’ confidence in AI/,
      async expectContent(p) {
        await expect(p.locator('.nhsuk-summary-list').textContent()).resolves.toContain(String(TOTAL_REQUIREMENTS));
        await expect(p.locator('a[download]').count()).resolves.toBe(3);
      },
    },
    {
      name: 'archetypes',
      path: `${FRAMEWORK}/archetypes`,
      heading: 'Workforce archetypes',
      async expectContent(p) {
        await expect(textsOf(p.locator('.nhsuk-card__link'))).resolves.toEqual(['Shaper', 'Driver', 'Creator', 'Embedder', 'User']);
      },
    },
    ...archetypePages,
    {
      name: 'factors',
      path: `${FRAMEWORK}/factors`,
      heading: 'Factors and levels',
      async expectContent(p) {
        await expect(p.getByRole('link', { name: 'AI literacy' }).count()).resolves.toBeGreaterThan(0);
        await expect(p.getByRole('heading', { name: 'Knowledge taxonomy' }).count()).resolves.toBe(1);
      },
    },
    {
      name: 'explorer',
      path: `${FRAMEWORK}/requirements`,
      heading: 'Requirement explorer',
      async expectContent(p) {
        await expect(resultCount().textContent()).resolves.toBe(`${TOTAL_REQUIREMENTS} of ${TOTAL_REQUIREMENTS} requirements`);
        // The report repeats some statements in several tables; each link must still say where it goes.
        const names = await p.locator('ul.hub-requirements a').allTextContents();
        expect(names).toHaveLength(TOTAL_REQUIREMENTS);
        expect(new Set(names).size).toBe(TOTAL_REQUIREMENTS);
      },
    },
    {
      name: 'explorer with filters',
      path: `${FRAMEWORK}/requirements?tier=advanced&archetype=user&q=bias`,
      heading: 'Requirement explorer',
      async expectContent(p) {
        await expect(resultCount().textContent()).resolves.toBe(`3 of ${TOTAL_REQUIREMENTS} requirements`);
        await expect(p.locator('#tier').inputValue()).resolves.toBe('advanced');
        await expect(p.locator('#archetype').inputValue()).resolves.toBe('user');
        await expect(p.locator('#q').inputValue()).resolves.toBe('bias');
        await expect(p.locator('.nhsuk-error-summary').count()).resolves.toBe(0);
      },
    },
    {
      name: 'explorer with an invalid filter',
      path: `${FRAMEWORK}/requirements?tier=bogus`,
      heading: 'Requirement explorer',
      async expectContent(p) {
        const summary = p.locator('.nhsuk-error-summary');
        await expect(summary.getByRole('heading').textContent()).resolves.toContain('There is a problem');
        await expect(summary.getByRole('link', { name: 'Select a tier from the list' }).getAttribute('href')).resolves.toBe('#tier');
        await expect(p.title()).resolves.toMatch(/^Error: /);
        // The field the summary links to explains the problem too.
        await expect(p.locator('#tier-error').textContent()).resolves.toContain('Select a tier from the list');
        await expect(p.locator('#tier').getAttribute('aria-describedby')).resolves.toContain('tier-error');
        await expect(p.locator('.nhsuk-form-group--error').count()).resolves.toBe(1);
        // The bad value is ignored rather than failing the page.
        await expect(resultCount().textContent()).resolves.toBe(`${TOTAL_REQUIREMENTS} of ${TOTAL_REQUIREMENTS} requirements`);
      },
    },
    {
      name: 'explorer with too long a search',
      path: `${FRAMEWORK}/requirements?archetype=user&q=${'x'.repeat(201)}`,
      heading: 'Requirement explorer',
      async expectContent(p) {
        await expect(textsOf(p.locator('.nhsuk-error-summary a'))).resolves.toEqual(['Search text must be 200 characters or fewer']);
        await expect(p.locator('#q-error').textContent()).resolves.toContain('Search text must be 200 characters or fewer');
        await expect(p.locator('.nhsuk-form-group--error').count()).resolves.toBe(1);
        // The valid archetype filter still applies.
        await expect(resultCount().textContent()).resolves.toMatch(new RegExp(`^\\d+ of ${TOTAL_REQUIREMENTS} requirements$`));
        await expect(p.locator('#archetype').inputValue()).resolves.toBe('user');
      },
    },
    {
      name: 'requirement with notes',
      path: `${FRAMEWORK}/requirements/a4-20`,
      heading: /^Proficient in applying NHS Digital Standards for clinical risk management/,
      async expectContent(p) {
        await expect(p.locator('main .nhsuk-caption-l').textContent()).resolves.toBe('Table A4, item 20');
        await expect(p.getByRole('heading', { name: 'Notes' }).count()).resolves.toBe(1);
        await expect(p.locator('.nhsuk-inset-text').textContent()).resolves.toContain('DCB 0160');
      },
    },
    {
      name: 'requirement with its topic',
      path: `${FRAMEWORK}/requirements/a1-06`,
      heading: 'Understanding of the limitations of CE/UKCA marking, particularly relating to performance and evaluation',
      async expectContent(p) {
        await expect(p.locator('.nhsuk-summary-list').textContent()).resolves.toContain('Limitations of CE/UKCA marking for AI products');
        await expect(p.getByRole('heading', { level: 2, name: 'Other statements on this topic' }).count()).resolves.toBe(1);
        const captions = await textsOf(p.locator('main ul.nhsuk-list .nhsuk-body-s'));
        expect(captions).toEqual([
          'Familiarity · Driver · Table A2, item 3',
          'Understanding · Creator · Table A4, item 16',
          'Understanding · Embedder · Table A5, item 12',
          'Familiarity · User · Table A7, item 1',
        ]);
      },
    },
    {
      name: 'advanced matrix',
      path: `${FRAMEWORK}/advanced-matrix`,
      heading: 'Workforce archetypes and needs for advanced AI education',
      async expectContent(p) {
        await expect(p.locator('table caption').textContent()).resolves.toContain('Figure A1');
        await expect(p.locator('table thead th').count()).resolves.toBe(6);
        await expect(textsOf(p.locator('table th[scope="rowgroup"]'))).resolves.toEqual(['Governance', 'Implementation', 'Clinical use**']);
      },
    },
    {
      name: 'question sets',
      path: `${FRAMEWORK}/question-sets`,
      heading: 'Questions to establish confidence in specific AI technologies',
      async expectContent(p) {
        await expect(p.locator(`main a[href="${FRAMEWORK}/question-sets/a3"]`).count()).resolves.toBe(1);
        await expect(p.locator(`main a[href="${FRAMEWORK}/question-sets/a6"]`).count()).resolves.toBe(1);
      },
    },
    {
      name: 'question set A3',
      path: `${FRAMEWORK}/question-sets/a3`,
      heading: /^Table A3: Drivers/,
      async expectContent(p) {
        await expect(p.locator('main ol > li').count()).resolves.toBe(40);
      },
    },
    {
      name: 'question set A6',
      path: `${FRAMEWORK}/question-sets/a6`,
      heading: /^Table A6: Embedders/,
      async expectContent(p) {
        await expect(p.locator('main ol > li').count()).resolves.toBe(25);
      },
    },
    {
      name: 'personas',
      path: `${FRAMEWORK}/personas`,
      heading: 'Personas and education journeys',
      async expectContent(p) {
        await expect(p.locator('main section[id]').count()).resolves.toBe(11);
        await expect(p.locator('#user-1 h2').textContent()).resolves.toMatch(/^User Persona 1: /);
        await expect(p.locator('#user-1').getByRole('list', { name: 'Archetypes' }).getByRole('link').allTextContents()).resolves.toEqual(['User']);
      },
    },
    {
      name: 'case study',
      path: `${FRAMEWORK}/case-study`,
      heading: 'AI workforce archetypes - Fictional case study',
      async expectContent(p) {
        await expect(p.getByRole('heading', { level: 2, name: 'Roles and responsibilities' }).count()).resolves.toBe(1);
      },
    },
    {
      name: 'AI MDTs',
      path: `${FRAMEWORK}/mdt`,
      heading: 'AI multidisciplinary teams',
      async expectContent(p) {
        await expect(p.getByRole('heading', { level: 2, name: 'AI MDT – Fictional case study' }).count()).resolves.toBe(1);
      },
    },
    {
      name: 'not found',
      path: `${FRAMEWORK}/requirements/nope`,
      status: 404,
      heading: 'Page not found',
      async expectContent(p) {
        await expect(p.locator('main').textContent()).resolves.toContain('There is no requirement nope');
      },
    },
    {
      name: 'sign-in, on the way to a personal page',
      path: '/self-assessment',
      heading: 'Sign in',
      async expectContent(p) {
        expect(new URL(p.url()).pathname).toBe('/sign-in');
        await expect(p.locator('input[name="returnTo"]').inputValue()).resolves.toBe('/self-assessment');
        await expect(p.getByLabel('Email address').count()).resolves.toBe(1);
      },
    },
    {
      name: 'bad request',
      path: `${FRAMEWORK}?version=${'9'.repeat(61)}`,
      status: 400,
      heading: 'Bad request',
      async expectContent(p) {
        await expect(p.locator('main').textContent()).resolves.toContain('Some of the values in the request are not valid.');
      },
    },
    {
      name: 'imported CASE framework',
      path: () => `/frameworks/${encodeURIComponent(caseFrameworkId)}`,
      heading: 'Example Digital Skills Framework',
      async expectContent(p) {
        await expect(p.locator('main').textContent()).resolves.toContain('Find information online using appropriate search techniques');
        await expect(p.locator('.nhsuk-summary-list').textContent()).resolves.toContain('Example Digital Skills Council');
      },
    },
  ];

  it.each(pages)('$name has its key content and no axe violations', async ({ path: pagePath, status, heading, expectContent }) => {
    await visit(typeof pagePath === 'function' ? pagePath() : pagePath, status);
    const text = (await h1().textContent())?.trim() ?? '';
    if (typeof heading === 'string') expect(text).toBe(heading);
    else expect(text).toMatch(heading);
    await expectContent?.(page);
    await checkAccessibility(page);
  });

  it('serves every download linked from the framework page', async () => {
    await visit(FRAMEWORK);
    const hrefs = await page.locator('a[download]').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
    const expected: Record<string, RegExp> = { json: /^application\/json/, csv: /^text\/csv/, case: /^application\/json/ };
    expect(hrefs.map((href) => href.split('/').pop())).toEqual(Object.keys(expected));
    for (const href of hrefs) {
      const response = await page.request.get(new URL(href, page.url()).toString());
      expect(response.status(), href).toBe(200);
      expect(response.headers()['content-type'], href).toMatch(expected[href.split('/').pop() ?? ''] ?? /^$/);
      expect(response.headers()['content-disposition'], href).toMatch(/^attachment; filename=/);
      expect((await response.body()).length, href).toBeGreaterThan(0);
    }
  });

  it('lists the demo accounts on the sign-in page of a hub holding the demo data, with no axe violations', async () => {
    await expect(server.hub.services.demo.loadDemoDataIfNoPeople()).resolves.toMatchObject({ loaded: true });
    await visit('/sign-in');
    await expect(page.getByRole('heading', { level: 2, name: 'Demo accounts' }).count()).resolves.toBe(1);
    await expect(page.locator('main ul.nhsuk-list > li').count()).resolves.toBeGreaterThan(1);
    await checkAccessibility(page);
  });

  it('filters requirements and opens one without JavaScript', async () => {
    const noScript = await chromium.browser.newContext({ javaScriptEnabled: false });
    try {
      const nsPage = await noScript.newPage();
      const explorer = new ExplorerPage(nsPage);
      await explorer.open(server.baseUrl, 'dart-ed-2022');
      await expect(explorer.resultCount.textContent()).resolves.toBe(`${TOTAL_REQUIREMENTS} of ${TOTAL_REQUIREMENTS} requirements`);

      await explorer.applyFilters({ tier: 'Advanced', archetype: 'User', search: 'bias' });
      const url = new URL(nsPage.url());
      expect(url.pathname).toBe(`${FRAMEWORK}/requirements`);
      expect(url.searchParams.get('tier')).toBe('advanced');
      expect(url.searchParams.get('archetype')).toBe('user');
      expect(url.searchParams.get('q')).toBe('bias');
      await expect(explorer.resultCount.textContent()).resolves.toBe(`3 of ${TOTAL_REQUIREMENTS} requirements`);
      const captions = await explorer.results.locator('.nhsuk-body-s').allTextContents();
      expect(captions).toHaveLength(3);
      for (const caption of captions) expect(caption).toContain('Table A7, item');

      await explorer.openResult('Familiarity with different ways in which bias in AI algorithms may occur');
      expect(new URL(nsPage.url()).pathname).toBe(`${FRAMEWORK}/requirements/a7-09`);
      await expect(nsPage.locator('main .nhsuk-caption-l').textContent()).resolves.toBe('Table A7, item 9');
    } finally {
      await noScript.close();
    }
  });
});
