import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssuranceCast } from '../test/support/assurance-fixtures.ts';
import type { AssuranceCast } from '../test/support/assurance-fixtures.ts';
import { AssurancePages } from './support/assurance-pages.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';
import { openCheckedTab } from './support/page-checks.ts';
import type { CheckedTab } from './support/page-checks.ts';
import { signInChecked } from './support/sign-in-page.ts';
import { guardWalk } from './support/walk.ts';

/**
 * The assurance review pages in Chromium, each checked with axe (error re-renders included): a
 * Driver starts a procurement review of tri-X, answers a question with evidence, adds a reviewer,
 * moves it to review and decides it with a condition; a member of staff without JavaScript then
 * reads the decided review. The supplier's link and the go-live gate are walked elsewhere.
 */

const availability = browserAvailability();

describe.skipIf(!availability.isAvailable)(`assurance review pages in Chromium${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  let cast: AssuranceCast;
  const tabs: CheckedTab[] = [];
  let driverTab: CheckedTab;
  let staffTab: CheckedTab;
  let reviewPath = '';

  beforeAll(async () => {
    server = await startHubServer();
    cast = await createAssuranceCast(server.hub);
    chromium = await launchChromium();
    for (const options of [{}, { javaScriptEnabled: false }]) tabs.push(await openCheckedTab(chromium.browser, options));
    [driverTab, staffTab] = tabs as [CheckedTab, CheckedTab];
  });

  guardWalk(() => tabs);

  afterAll(async () => {
    for (const tab of tabs) await tab.close();
    await chromium?.close();
    await server?.close();
  });

  it('the Driver starts a procurement review from the start page, after an error summary', async () => {
    await signInChecked(driverTab, server.baseUrl, cast.emails.driver);
    const pages = new AssurancePages(driverTab.page, server.baseUrl);
    await pages.open('/');
    await driverTab.checks.check();
    await pages.follow('Assurance reviews of AI products');
    await driverTab.checks.check();
    await pages.press('Start a review');
    await driverTab.checks.check();
    await pages.follow('Record a candidate product');
    await driverTab.checks.check();
    await pages.press('Record candidate');
    await expect(pages.errorSummaryEntries()).resolves.toEqual(expect.arrayContaining([{ text: 'Enter the product’s name', href: '#name' }]));
    await driverTab.checks.check();
    await pages.open('/assurance/reviews/new');
    await driverTab.checks.check();
    await pages.press('Start review');
    await expect(pages.errorSummaryEntries()).resolves.toEqual(expect.arrayContaining([{ text: 'Enter the due date', href: '#dueOn-day' }]));
    await driverTab.checks.check();
    await pages.choose('Product', 'tri-X');
    await pages.check('Procurement (before buying, Table A3)');
    await pages.fillDate('dueOn', '31', '1', '2027');
    await pages.press('Start review');
    await expect(pages.bannerText()).resolves.toContain('The review has been started.');
    reviewPath = new URL(driverTab.page.url()).pathname;
    await driverTab.checks.check();
  });

  it('answers a question with evidence, and sees its history', async () => {
    const pages = new AssurancePages(driverTab.page, server.baseUrl);
    await pages.follow('Answer and add evidence for question 1');
    await driverTab.checks.check();
    await pages.fill('Supplier’s response', 'UKCA marked, class IIa.');
    await pages.check('Not applicable');
    await pages.press('Save answer');
    await expect(pages.errorSummaryEntries()).resolves.toEqual([{ text: 'Say why this question does not apply', href: '#notApplicableReason' }]);
    await driverTab.checks.check();
    await pages.check('Met');
    await pages.press('Save answer');
    await expect(pages.bannerText()).resolves.toContain('The answer has been saved.');
    await driverTab.checks.check();
    await pages.follow('Answer and add evidence for question 1');
    await driverTab.checks.check();
    await pages.fill('A link', 'https://example.com/ukca.pdf');
    await pages.press('Add link');
    await expect(pages.bannerText()).resolves.toContain('The evidence has been added.');
    await driverTab.checks.check();
    await pages.follow('See every change to this answer');
    await driverTab.checks.check();
  });

  it('adds a reviewer, moves the review on and decides it with a condition', async () => {
    const pages = new AssurancePages(driverTab.page, server.baseUrl);
    await pages.open(reviewPath);
    await driverTab.checks.check();
    await pages.choose('Add a reviewer', cast.viewers.reviewer.displayName);
    await pages.press('Add reviewer');
    await driverTab.checks.check();
    await pages.press('Send to the supplier');
    await driverTab.checks.check();
    await pages.press('Start reviewing the answers');
    await driverTab.checks.check();
    await pages.press('Record the decision');
    await driverTab.checks.check();
    await pages.check('Approved with conditions');
    await pages.fill('Decision statement', 'Buy it, once validated locally.');
    await pages.press('Record decision');
    const problems = await pages.errorSummaryEntries();
    expect(problems).toHaveLength(40);
    await driverTab.checks.check();
    expect(await pages.giveReasonsForUnjudged('Will be asked at contract stage')).toBe(39);
    await driverTab.page.locator('#condition-1').fill('Validate on 200 local films');
    await driverTab.page.locator('#conditionOwner-1').selectOption({ label: cast.viewers.reviewer.displayName });
    await pages.fillDate('conditionDue-1', '1', '3', '2027');
    await pages.press('Record decision');
    await expect(pages.bannerText()).resolves.toContain('The decision has been recorded.');
    await driverTab.checks.check();
  });

  it('staff without JavaScript read the decided review', async () => {
    await signInChecked(staffTab, server.baseUrl, cast.emails.staff);
    const pages = new AssurancePages(staffTab.page, server.baseUrl);
    await pages.open('/assurance/reviews');
    await staffTab.checks.check();
    await pages.follow(/^tri-X$/);
    await expect(pages.headingText()).resolves.toBe('Procurement review of tri-X');
    await staffTab.checks.check();
  });
});
