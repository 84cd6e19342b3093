import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssuranceCast } from '../test/support/assurance-fixtures.ts';
import type { AssuranceCast } from '../test/support/assurance-fixtures.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';
import { openCheckedTab } from './support/page-checks.ts';
import type { CheckedTab } from './support/page-checks.ts';
import { signInChecked } from './support/sign-in-page.ts';
import { SupplierPages } from './support/supplier-pages.ts';
import { guardWalk } from './support/walk.ts';

/**
 * A supplier answering a procurement review through its link, in Chromium, every page checked
 * with axe: the Driver records a candidate product, starts its review and creates a link; the
 * supplier, in a browser with no session and no JavaScript, answers, saves, comes back, uploads a
 * spreadsheet with a wrong row, fixes it and submits; the Driver sees the answers and is told.
 */

const availability = browserAvailability();

describe.skipIf(!availability.isAvailable)(`a supplier answering through a link in Chromium${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  let cast: AssuranceCast;
  const tabs: CheckedTab[] = [];
  let driverTab: CheckedTab;
  let supplierTab: CheckedTab;
  let reviewPath = '';
  let linkPath = '';

  beforeAll(async () => {
    server = await startHubServer();
    cast = await createAssuranceCast(server.hub);
    chromium = await launchChromium();
    for (const options of [{}, { javaScriptEnabled: false }]) tabs.push(await openCheckedTab(chromium.browser, options));
    [driverTab, supplierTab] = tabs as [CheckedTab, CheckedTab];
  });

  guardWalk(() => tabs);

  afterAll(async () => {
    for (const tab of tabs) await tab.close();
    await chromium?.close();
    await server?.close();
  });

  it('the Driver starts a procurement review of a candidate product and creates a supplier link', async () => {
    await signInChecked(driverTab, server.baseUrl, cast.emails.driver);
    const pages = new SupplierPages(driverTab.page, server.baseUrl);
    await pages.open('/assurance/candidates/new');
    await driverTab.checks.check();
    await pages.fill('Product name', 'Scribe');
    await pages.fill('Manufacturer', 'Notely');
    await pages.fill('Intended use', 'Drafts clinic letters.');
    await driverTab.page.locator('input[name="clinicalDecisionMaking"][value="no"]').check();
    await driverTab.page.locator('input[name="autonomy"][value="human-in-the-loop"]').check();
    await pages.press('Record candidate');
    await driverTab.checks.check();
    await pages.check('Procurement (before buying, Table A3)');
    await pages.fillDate('dueOn', '31', '1', '2027');
    await pages.press('Start review');
    await expect(pages.bannerText()).resolves.toContain('The review has been started.');
    reviewPath = new URL(driverTab.page.url()).pathname;
    await driverTab.checks.check();
    await pages.follow('Send, list or revoke supplier links, and use the questionnaire as a spreadsheet');
    await driverTab.checks.check();
    await pages.fill('Days the link works', '120');
    await pages.press('Create link');
    await expect(pages.errorSummaryEntries()).resolves.toEqual([{ text: 'Enter how many days the link works, from 1 to 90', href: '#expiryDays' }]);
    await driverTab.checks.check();
    await pages.fill('Days the link works', '14');
    await pages.fill('Supplier’s name (optional)', 'Notely Ltd');
    await pages.press('Create link');
    await driverTab.checks.check();
    linkPath = await pages.shownLinkPath();
    expect(linkPath).toMatch(/^\/supplier\/[A-Za-z0-9_-]{43}$/);
  });

  it('the supplier, without an account, answers some questions, saves and comes back', async () => {
    const pages = new SupplierPages(supplierTab.page, server.baseUrl);
    await pages.open(linkPath);
    await supplierTab.checks.check();
    await expect(pages.headingText()).resolves.toBe('Questions about Scribe');
    await pages.answer('a3-01', 'Not a medical device: it drafts letters a clinician signs.');
    await pages.answer('a3-02', 'Trained on 12,000 anonymised letters.');
    await pages.press('Save and come back later');
    await expect(pages.bannerText()).resolves.toContain('Your answers have been saved.');
    await supplierTab.checks.check();
    await pages.open('/');
    await supplierTab.checks.check();
    await pages.open(linkPath);
    await supplierTab.checks.check();
    await expect(pages.answerOf('a3-01')).resolves.toBe('Not a medical device: it drafts letters a clinician signs.');
    await pages.follow('Add or withdraw evidence for question 1');
    await supplierTab.checks.check();
    await pages.press('Add link');
    await expect(pages.errorSummaryEntries()).resolves.toHaveLength(1);
    await supplierTab.checks.check();
    await pages.fill('A link', 'https://example.com/notely-dpia.pdf');
    await pages.fill('Title of the link (optional)', 'Our DPIA');
    await pages.press('Add link');
    await expect(pages.bannerText()).resolves.toContain('Your evidence has been added.');
    await supplierTab.checks.check();
    await pages.follow('Back to the questions');
    await supplierTab.checks.check();
    await pages.follow('Printable version of the questions');
    await supplierTab.checks.check();
    await pages.open(linkPath);
    await supplierTab.checks.check();
  });

  it('uploads a spreadsheet with a wrong row, sees the error, fixes it and submits', async () => {
    const pages = new SupplierPages(supplierTab.page, server.baseUrl);
    const csv = (id: string) => `question id,factor,question,supplier response\na3-03,x,x,Monitored monthly for drift.\n${id},x,x,Letters are checked before sending.\n`;
    await pages.uploadCsv(csv('a3-404'));
    const problems = await pages.errorSummaryEntries();
    expect(problems).toEqual([{ text: 'Row 3: "a3-404" is not one of this review\'s questions.', href: '#csv-file' }]);
    await supplierTab.checks.check();
    await pages.uploadCsv(csv('a3-04'));
    await expect(pages.bannerText()).resolves.toContain('Your spreadsheet has been read');
    await supplierTab.checks.check();
    await expect(pages.answerOf('a3-04')).resolves.toBe('Letters are checked before sending.');
    await pages.press('Submit answers');
    await supplierTab.checks.check();
    await expect(supplierTab.page.locator('main').textContent()).resolves.toContain('36 questions not answered');
    await pages.press('Yes, submit my answers');
    await expect(pages.bannerText()).resolves.toContain('Your answers have been submitted.');
    await supplierTab.checks.check();
    await expect(supplierTab.page.locator('textarea').count()).resolves.toBe(0);
  });

  it('the Driver sees the answers and the notification', async () => {
    const pages = new SupplierPages(driverTab.page, server.baseUrl);
    await pages.open('/notifications');
    await driverTab.checks.check();
    await expect(driverTab.page.locator('main').textContent()).resolves.toContain('The supplier has submitted their answers to the procurement review of Scribe.');
    await pages.open(reviewPath);
    await driverTab.checks.check();
    const main = (await driverTab.page.locator('main').textContent()) ?? '';
    expect(main).toContain('Under review');
    expect(main).toContain('Trained on 12,000 anonymised letters.');
    expect(main).toContain('Letters are checked before sending.');
    expect(main).toContain('Our DPIA');
  });
});
