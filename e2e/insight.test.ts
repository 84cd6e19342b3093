import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInsightWorkforce } from '../test/support/insight-fixtures.ts';
import type { InsightTree, InsightWorkforce } from '../test/support/insight-fixtures.ts';
import { requirementShareOf } from '../test/support/insight-workforce.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';
import { InsightPage } from './support/insight-pages.ts';
import { openCheckedTab } from './support/page-checks.ts';
import type { CheckedTab } from './support/page-checks.ts';
import { signInChecked } from './support/sign-in-page.ts';
import { guardWalk } from './support/walk.ts';

/**
 * A national workforce lead drills from the nation to a practice and downloads its CSV, opening
 * every view on the way; a trust admin compares professional groups. Every page is checked with axe.
 */
const availability = browserAvailability();

describe.skipIf(!availability.isAvailable)(`workforce insight in the browser${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  let tabs: CheckedTab[] = [];
  let tree: InsightTree;
  let workforce: InsightWorkforce;
  let leadEmail = '';
  let trustAdminEmail = '';

  beforeAll(async () => {
    server = await startHubServer();
    workforce = await createInsightWorkforce(server.hub);
    ({ tree } = workforce);
    leadEmail = workforce.cast.nationalLead.email;
    trustAdminEmail = workforce.cast.trustAdmin.email;
    chromium = await launchChromium();
    tabs = [await openCheckedTab(chromium.browser), await openCheckedTab(chromium.browser)];
  });

  guardWalk(() => tabs);

  afterAll(async () => {
    for (const tab of tabs) await tab.close();
    await chromium?.close();
    await server?.close();
  });

  it('a national lead drills from the nation to a practice, reads every view, and downloads the CSV', async () => {
    const [tab] = tabs;
    if (!tab) throw new Error('no tab');
    await signInChecked(tab, server.baseUrl, leadEmail);
    const page = new InsightPage(tab.page, server.baseUrl);
    await page.follow('Workforce insight', tab.page.locator('header'));
    await tab.checks.check();
    expect(page.path()).toBe(`/insight/organisations/${tree.national.id}`);
    for (const title of ['Requirements met', 'Levels by topic', 'Product training', 'Learning journeys', 'Trends by month', 'Equity', 'Peer organisations', 'Overview']) {
      await page.openView(title);
      await tab.checks.check();
      await expect(page.headingText()).resolves.toBe(title);
    }
    for (const name of ['North region', 'Riverside ICS', 'Riverside PCN', 'Riverside Surgery']) {
      await page.drillInto(name);
      await tab.checks.check();
      await expect(page.caption()).resolves.toBe(`Workforce insight: ${name}`);
    }
    const csv = await page.downloadCsv();
    expect(csv).toContain('Riverside Surgery,At a glance,People with a profile,Figure,10');
  });

  it('a trust admin compares professional groups side by side', async () => {
    const tab = tabs[1];
    if (!tab) throw new Error('no tab');
    await signInChecked(tab, server.baseUrl, trustAdminEmail);
    const page = new InsightPage(tab.page, server.baseUrl);
    await page.openHome();
    await tab.checks.check();
    await page.openView('Equity');
    await tab.checks.check();
    await page.compareBy('Setting');
    await tab.checks.check();
    await page.compareBy('Professional group');
    await tab.checks.check();
    const rows = await page.tableRows('The same measures by professional group');
    expect(rows.map((r) => r[0])).toEqual(['Medical and dental', 'Nursing, midwifery and health visiting', 'Management and administration', 'Everyone']);
    expect(rows[0]?.[1]).toBe('* (suppressed to protect individuals)');
    // The nurses' share of requirements met, as the 23 of them see it on their own pages, summed.
    expect(rows[1]?.[1]).toBe(`${await requirementShareOf(server.hub, workforce.workforce.nurses)}%`);
  });
});
