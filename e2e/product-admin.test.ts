import { eq } from 'drizzle-orm';
import { aiDeployments } from '../src/db/schema.ts';
import { approveDeploymentReview } from '../test/support/assurance-fixtures.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganisations, createTestPerson } from '../test/support/people-fixtures.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';
import { guardWalk } from './support/walk.ts';
import { openCheckedTab } from './support/page-checks.ts';
import type { CheckedTab } from './support/page-checks.ts';
import { ProductAdminPages } from './support/product-admin-pages.ts';
import { signInChecked } from './support/sign-in-page.ts';
import { publishTrainingAs } from './support/publish-training.ts';
import { viewerOf } from '../test/support/product-fixtures.ts';
import type { Viewer } from '../src/services/identity/viewer.ts';

/**
 * An AI product lead in Chromium registers a product (after leaving out what it needs), records
 * versions 1.0 and 1.1, deploys it, makes 1.0 live, assigns a radiographer and makes 1.1 live,
 * which gives her a refresher due. A learner meets the deployment page as "Page not found". Every
 * page any of them sees, error pages included, is checked with axe: `afterEach` fails a step that
 * left a page unchecked.
 */

const availability = browserAvailability();

describe.skipIf(!availability.isAvailable)(`the AI product lead's pages in Chromium${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  let leadEmail = '';
  let leadViewer: Viewer;
  let learnerEmail = '';
  let deploymentPath = '';
  const tabs: CheckedTab[] = [];
  let lead: CheckedTab;
  let learner: CheckedTab;

  beforeAll(async () => {
    server = await startHubServer();
    const { hub } = server;
    const { trust } = await createTestOrganisations(hub);
    const leadPerson = await createTestPerson(hub, { organisationId: trust.id, roles: ['learner', 'product-lead'], name: 'Hana Lead' });
    leadEmail = leadPerson.email;
    leadViewer = viewerOf(leadPerson);
    learnerEmail = (await createTestPerson(hub, { organisationId: trust.id, name: 'Rae Radiographer' })).email;
    chromium = await launchChromium();
    for (const options of [{}, {}]) tabs.push(await openCheckedTab(chromium.browser, options));
    [lead, learner] = tabs as [CheckedTab, CheckedTab];
  });

  guardWalk(() => tabs);

  afterAll(async () => {
    for (const tab of tabs) await tab.close();
    await chromium?.close();
    await server?.close();
  });

  it('a product lead registers a product, after leaving out what it needs', async () => {
    await signInChecked(lead, server.baseUrl, leadEmail);

    const products = new ProductAdminPages(lead.page, server.baseUrl);
    await products.openProducts();
    await expect(products.headingText()).resolves.toBe('AI products');
    await lead.checks.check();
    await products.press('Register an AI product');
    await expect(products.headingText()).resolves.toBe('Register an AI product');
    await lead.checks.check();

    await products.fillProduct({ manufacturer: 'Triadix' });
    await products.press('Register product');
    await expect(products.errorSummaryEntries()).resolves.toEqual([
      { text: 'Enter the product’s name', href: '#name' },
      { text: 'Enter the intended use', href: '#intendedUse' },
      { text: 'Say whether it is used in clinical reasoning and decision making', href: '#clinicalDecisionMaking' },
      { text: 'Say whether it acts autonomously or with a human in the loop', href: '#autonomy' },
    ]);
    await expect(products.fieldError('name')).resolves.toBe('Enter the product’s name');
    await expect(lead.page.getByLabel('Manufacturer', { exact: true }).inputValue()).resolves.toBe('Triadix');
    await lead.checks.check();

    await products.fillProduct({
      name: 'tri-X',
      intendedUse: 'Prioritises chest X-rays for review by radiologists.',
      exclusionCriteria: 'Under-16s; portable films.',
      clinicalDecisionMaking: 'Yes',
      autonomy: 'Human in the loop',
      deviceClass: 'Class IIa',
    });
    await products.press('Register product');
    await expect(products.headingText()).resolves.toBe('tri-X');
    await expect(products.bannerText()).resolves.toContain('The product has been registered.');
    await expect(products.summaryRows()).resolves.toMatchObject({ Manufacturer: 'Triadix', 'Medical device class': 'Class IIa', Limitations: 'Not recorded', 'Owned by': 'Test Trust' });
    await lead.checks.check();
  });

  it('the product lead records versions 1.0 and 1.1', async () => {
    const products = new ProductAdminPages(lead.page, server.baseUrl);
    await products.press('Record a new version');
    await expect(products.headingText()).resolves.toBe('Record a new version');
    await lead.checks.check();
    await products.fillVersion({ label: '1.0', releasedOn: '15 1 2026', releaseNotes: 'First release.', impact: 'None' });
    await products.press('Record version');
    await expect(products.bannerText()).resolves.toContain('The version has been recorded.');
    await lead.checks.check();

    await products.press('Record a new version');
    await lead.checks.check();
    await products.fillVersion({ label: '1.1', releasedOn: '1 3 2026', releaseNotes: 'Detects nodules too.', impact: 'Refresher required', topics: ['An AI product’s limitations and when it is likely to err'] });
    await products.press('Record version');
    await expect(products.bannerText()).resolves.toContain('The version has been recorded.');
    const versions = await products.tableRows('Versions of tri-X');
    expect(versions.map((row) => row.slice(0, 3))).toEqual([
      ['1.0', '15 January 2026', 'None'],
      ['1.1', '1 March 2026', 'Refresher required'],
    ]);
    expect(versions[1]?.[4]).toBe('Write training module for version 1.1');
    await lead.checks.check();
  });

  it('the product lead deploys it and makes 1.0 live', async () => {
    const products = new ProductAdminPages(lead.page, server.baseUrl);
    await products.press('Deploy it');
    await expect(products.headingText()).resolves.toBe('Deploy tri-X');
    await lead.checks.check();
    await products.fillDeployment({ where: 'Test Trust', status: 'Piloting', refresherDays: '14' });
    await products.press('Deploy product');
    await expect(products.headingText()).resolves.toBe('tri-X at Test Trust');
    await expect(products.bannerText()).resolves.toContain('The product has been deployed.');
    deploymentPath = new URL(lead.page.url()).pathname;
    await lead.checks.check();

    // Not before its training is published (issue 11), nor before a deployment review is approved (issue 12): both said at once.
    await products.changeDeployment({ status: 'Live', version: '1.0' });
    await expect(products.errorSummaryEntries()).resolves.toEqual([
      { text: 'Publish the training module for tri-X 1.0 before it is live, or give a reason to go ahead without it', href: '#liveVersionId' },
      { text: 'tri-X has no approved deployment review for Test Trust. Approve its deployment review first. Only an organisation admin can let it go live without one', href: '#assuranceOverrideReason' },
    ]);
    await lead.checks.check();
    for (const label of ['1.0', '1.1']) await publishTrainingAs(server.hub, leadViewer, 'tri-X', label);
    // With the training published, the review is what is missing.
    await products.changeDeployment({ status: 'Live', version: '1.0' });
    await expect(products.errorSummaryEntries()).resolves.toEqual([
      { text: 'tri-X has no approved deployment review for Test Trust. Approve its deployment review first. Only an organisation admin can let it go live without one', href: '#assuranceOverrideReason' },
    ]);
    await lead.checks.check();
    const [deployment] = await server.hub.database.db.select().from(aiDeployments).where(eq(aiDeployments.id, deploymentPath.split('/').pop() ?? ''));
    await approveDeploymentReview(server.hub.database.db, { productId: deployment?.productId ?? '', organisationId: deployment?.organisationId ?? '', leadId: leadViewer.personId });
    await products.changeDeployment({ status: 'Live', version: '1.0' });
    await expect(products.bannerText()).resolves.toContain('The deployment has been updated.');
    await expect(products.summaryRows()).resolves.toMatchObject({ 'Live version': '1.0', 'Refreshers due within': '14 days' });
    await lead.checks.check();
  });

  it('the product lead assigns a radiographer, then makes 1.1 live', async () => {
    const products = new ProductAdminPages(lead.page, server.baseUrl);
    await products.assign('Rae Radiographer');
    await expect(products.bannerText()).resolves.toContain('They have been assigned');
    const [assigned] = await products.tableRows('People who use tri-X');
    expect(assigned?.slice(0, 2)).toEqual(['Rae Radiographer', 'Assigned']);
    await lead.checks.check();

    await products.changeDeployment({ version: '1.1' });
    await expect(products.bannerText()).resolves.toContain('The deployment has been updated.');
    await expect(products.summaryRows()).resolves.toMatchObject({ 'Live version': '1.1' });
    const [user] = await products.tableRows('People who use tri-X');
    expect(user?.[3]).toMatch(/^\d{1,2} \w+ \d{4}$/);
    await lead.checks.check();

    await products.follow('Back to tri-X');
    await expect(products.tableRows('Where tri-X is deployed')).resolves.toEqual([['Test Trust deployment', 'Live', '1.1']]);
    await lead.checks.check();
  });

  it('a learner gets "Page not found" for the deployment page', async () => {
    await signInChecked(learner, server.baseUrl, learnerEmail);
    const products = new ProductAdminPages(learner.page, server.baseUrl);
    await products.open(deploymentPath, 404);
    await expect(products.headingText()).resolves.toBe('Page not found');
    await learner.checks.check();
  });
});
