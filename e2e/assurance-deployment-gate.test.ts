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
import { ProductAdminPages } from './support/product-admin-pages.ts';
import { publishTrainingAs } from './support/publish-training.ts';
import { signInChecked } from './support/sign-in-page.ts';
import { guardWalk } from './support/walk.ts';

/**
 * The go-live gate in Chromium, every page checked with axe (issue 12): the product lead cannot
 * make tri-X live at the trust before its deployment review is approved, and is told why; an
 * Embedder starts that review, judges questions and approves it with a condition, reading its
 * crosswalk and report; then the product lead makes it live. The lead works without JavaScript.
 */

const availability = browserAvailability();
const GATE_MESSAGE = 'tri-X has no approved deployment review for Test Trust. Approve its deployment review first. Only an organisation admin can let it go live without one';

describe.skipIf(!availability.isAvailable)(`the deployment go-live gate in Chromium${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  let cast: AssuranceCast;
  const tabs: CheckedTab[] = [];
  let leadTab: CheckedTab;
  let embedderTab: CheckedTab;
  let deploymentPath = '';
  let reviewPath = '';

  beforeAll(async () => {
    server = await startHubServer();
    const { hub } = server;
    cast = await createAssuranceCast(hub);
    const viewer = cast.viewers.productLead;
    await hub.services.products.addVersion({ viewer, productId: cast.productId, input: { label: '1.0', releasedOn: '2026-01-15', releaseNotes: 'First release.', trainingImpact: 'none' } });
    await publishTrainingAs(hub, viewer, 'tri-X', '1.0');
    const deployment = await hub.services.products.createDeployment({ viewer, productId: cast.productId, input: { organisationId: cast.trustId, status: 'piloting', startedOn: '2026-02-01', refresherDays: 14 } });
    deploymentPath = `/deployments/${deployment.id}`;
    chromium = await launchChromium();
    for (const options of [{ javaScriptEnabled: false }, {}]) tabs.push(await openCheckedTab(chromium.browser, options));
    [leadTab, embedderTab] = tabs as [CheckedTab, CheckedTab];
  });

  guardWalk(() => tabs);

  afterAll(async () => {
    for (const tab of tabs) await tab.close();
    await chromium?.close();
    await server?.close();
  });

  it('refuses to make tri-X live before its deployment review is approved, with an error summary', async () => {
    await signInChecked(leadTab, server.baseUrl, cast.emails.productLead);
    const products = new ProductAdminPages(leadTab.page, server.baseUrl);
    await products.open(deploymentPath);
    await leadTab.checks.check();
    await products.changeDeployment({ status: 'Live', version: '1.0' });
    await expect(products.errorSummaryEntries()).resolves.toEqual([{ text: GATE_MESSAGE, href: '#assuranceOverrideReason' }]);
    await leadTab.checks.check();
    await products.open(deploymentPath);
    await expect(products.summaryRows()).resolves.toMatchObject({ 'Live since': 'Not live yet', 'Deployment review': 'None approved yet' });
    await leadTab.checks.check();
  });

  it('the Embedder starts the deployment review for her trust and judges questions', async () => {
    await signInChecked(embedderTab, server.baseUrl, cast.emails.embedder);
    const pages = new AssurancePages(embedderTab.page, server.baseUrl);
    await pages.open('/assurance/reviews/new');
    await embedderTab.checks.check();
    await pages.choose('Product', 'tri-X');
    await pages.check('Deployment (before deploying, Table A6)');
    const place = embedderTab.page.getByLabel('Where it will be deployed (deployment reviews only)', { exact: true });
    await place.selectOption((await place.locator('option', { hasText: 'Test Trust' }).first().getAttribute('value')) ?? '');
    await pages.choose('Lead', cast.viewers.embedder.displayName);
    await pages.fillDate('dueOn', '31', '1', '2027');
    await pages.press('Start review');
    await expect(pages.bannerText()).resolves.toContain('The review has been started.');
    await expect(pages.headingText()).resolves.toBe('Deployment review of tri-X');
    reviewPath = new URL(embedderTab.page.url()).pathname;
    await embedderTab.checks.check();
    for (const [number, judgement] of [['1', 'Met'], ['2', 'Partly met']] as const) {
      await pages.follow(`Answer and add evidence for question ${number}`);
      await embedderTab.checks.check();
      await pages.fill('Supplier’s response', `Answered for question ${number}.`);
      await pages.check(judgement);
      if (judgement === 'Partly met') await pages.fill('Risk (optional)', 'Local population not in the validation set');
      await pages.press('Save answer');
      await expect(pages.bannerText()).resolves.toContain('The answer has been saved.');
      await embedderTab.checks.check();
      await pages.open(reviewPath);
      await embedderTab.checks.check();
    }
  });

  it('decides it: approved with a condition', async () => {
    const pages = new AssurancePages(embedderTab.page, server.baseUrl);
    await pages.press('Send to the supplier');
    await embedderTab.checks.check();
    await pages.press('Start reviewing the answers');
    await embedderTab.checks.check();
    await pages.press('Record the decision');
    await embedderTab.checks.check();
    await pages.check('Approved with conditions');
    await pages.fill('Decision statement', 'Deploy at the trust, with a local audit after three months.');
    expect(await pages.giveReasonsForUnjudged('Covered by the procurement review')).toBe(23);
    await embedderTab.page.locator('#condition-1').fill('Audit flag rates after three months');
    await embedderTab.page.locator('#conditionOwner-1').selectOption({ label: cast.viewers.embedder.displayName });
    await pages.fillDate('conditionDue-1', '1', '6', '2099');
    await pages.press('Record decision');
    await expect(pages.bannerText()).resolves.toContain('The decision has been recorded.');
    await embedderTab.checks.check();
  });

  it('reads the review against the NHS checklists and its report', async () => {
    const pages = new AssurancePages(embedderTab.page, server.baseUrl);
    await pages.follow('See the review against NHS checklists (DTAC and others)');
    await expect(pages.headingText()).resolves.toBe('The review against NHS checklists');
    await expect(embedderTab.page.locator('table.hub-crosswalk').count()).resolves.toBe(6);
    await embedderTab.checks.check();
    await pages.follow('The review’s report');
    await expect(pages.headingText()).resolves.toBe('Deployment review of tri-X');
    const all = await embedderTab.page.locator('main table', { has: embedderTab.page.locator('caption', { hasText: 'Judgements by factor' }) }).locator('tbody tr').last().locator('th, td').allTextContents();
    expect(all.map((c) => c.trim())).toEqual(['All questions', '1', '1', '0', '0', '23', '25']);
    await expect(embedderTab.page.locator('#conditions + table').textContent()).resolves.toContain('Audit flag rates after three months');
    await expect(embedderTab.page.locator('main').textContent()).resolves.toContain('Approved with conditions');
    await embedderTab.checks.check();
  });

  it('the product lead then makes tri-X live, unflagged', async () => {
    const products = new ProductAdminPages(leadTab.page, server.baseUrl);
    await products.open(deploymentPath);
    await leadTab.checks.check();
    await products.changeDeployment({ status: 'Live', version: '1.0' });
    await expect(products.bannerText()).resolves.toContain('The deployment has been updated.');
    await expect(products.summaryRows()).resolves.toMatchObject({ 'Live version': '1.0' });
    expect((await products.summaryRows())['Deployment review']).not.toBe('None approved yet');
    await expect(leadTab.page.locator('main').textContent()).resolves.not.toContain('Live without an approved deployment review');
    await leadTab.checks.check();
  });
});
