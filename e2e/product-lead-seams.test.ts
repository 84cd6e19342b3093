import { approveDeploymentReview } from '../test/support/assurance-fixtures.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganisations, createTestPerson } from '../test/support/people-fixtures.ts';
import { viewerOf } from '../test/support/product-fixtures.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';
import { ModuleEditorPages } from './support/module-editor-pages.ts';
import { MyProductsPages } from './support/my-products-pages.ts';
import { openCheckedTab } from './support/page-checks.ts';
import type { CheckedTab } from './support/page-checks.ts';
import { ProductAdminPages } from './support/product-admin-pages.ts';
import { publishTrainingAs } from './support/publish-training.ts';
import { signInChecked } from './support/sign-in-page.ts';
import { guardWalk } from './support/walk.ts';

/**
 * Issue 11's product-lead seams in Chromium. tri-X 1.1 is live at the trust and a radiographer
 * has passed its training. The product lead records 1.2 (refresher required, changing what the
 * product's limitations are), tries to make it live and is refused because its training is not
 * published; opens 1.2's module, which starts as a copy of 1.1's with the limitations section
 * marked for review, rewrites that section and publishes; then makes 1.2 live. The radiographer is
 * told, takes the refresher, and the result names the module revision she answered. Every page is
 * checked with axe.
 */

const availability = browserAvailability();

const TRI_X = {
  name: 'tri-X',
  manufacturer: 'Triadix',
  intendedUse: 'Triages adult chest X-rays into urgent and routine worklists for radiologists.',
  exclusionCriteria: 'Under-16s; lateral views.',
  clinicalDecisionMaking: true,
  autonomy: 'human-in-the-loop',
  deviceClass: 'Class IIa',
  marking: 'UKCA',
  contacts: 'The AI MDT, clinical informatics',
};
const CHECK = {
  passMarkPercent: 100,
  questions: [{ id: 'q1', prompt: 'Who reports each film?', kind: 'single' as const, options: [{ id: 'a', text: 'A radiologist' }, { id: 'b', text: 'Nobody' }], correct: ['a'] }],
};
const LIMITATIONS_TOPIC = 'An AI product’s limitations and when it is likely to err';
const NEW_LIMITATIONS = 'tri-X 1.2 no longer triages films from mobile units: report those yourself.';

describe.skipIf(!availability.isAvailable)(`a product lead's version 1.2 from record to a learner's pass in Chromium${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  const tabs: CheckedTab[] = [];
  let leadTab: CheckedTab;
  let learnerTab: CheckedTab;
  const people = { lead: '', radiographer: '' };
  let productId = '';
  let deploymentPath = '';

  beforeAll(async () => {
    server = await startHubServer();
    const { hub } = server;
    const { trust } = await createTestOrganisations(hub);
    const leadPerson = await createTestPerson(hub, { organisationId: trust.id, roles: ['learner', 'product-lead'], name: 'Priya Lead' });
    const radiographer = await createTestPerson(hub, { organisationId: trust.id, name: 'Ben Radiographer' });
    people.lead = leadPerson.email;
    people.radiographer = radiographer.email;
    const lead = viewerOf(leadPerson);

    // What came before: 1.0 and then 1.1 live, each with published training; the radiographer passed 1.1's.
    const { products, productTraining } = hub.services;
    productId = (await products.registerProduct({ viewer: lead, input: TRI_X })).id;
    const deployment = await products.createDeployment({ viewer: lead, productId, input: { organisationId: trust.id, status: 'piloting', startedOn: '2025-09-01', refresherDays: 28 } });
    deploymentPath = `/deployments/${deployment.id}`;
    await approveDeploymentReview(hub.database.db, { productId, organisationId: trust.id, leadId: lead.personId });
    for (const [label, releasedOn] of [['1.0', '2025-09-01'], ['1.1', '2026-03-01']] as const) {
      const version = await products.addVersion({ viewer: lead, productId, input: { label, releasedOn, releaseNotes: `Release ${label}.`, trainingImpact: 'none' } });
      await publishTrainingAs(hub, lead, 'tri-X', label, CHECK);
      await products.changeDeployment({ viewer: lead, deploymentId: deployment.id, status: 'live', liveVersionId: version.id });
    }
    await products.linkUser({ viewer: lead, deploymentId: deployment.id, personId: radiographer.id });
    const mine = await productTraining.myProducts({ viewer: viewerOf(radiographer) });
    await productTraining.submitAttempt({ viewer: viewerOf(radiographer), moduleId: mine[0]!.module!.id, input: { answers: { q1: ['a'] } } });

    chromium = await launchChromium();
    // The radiographer browses without JavaScript.
    for (const options of [{}, { javaScriptEnabled: false }]) tabs.push(await openCheckedTab(chromium.browser, options));
    [leadTab, learnerTab] = tabs as [CheckedTab, CheckedTab];
  });

  guardWalk(() => tabs);

  afterAll(async () => {
    for (const tab of tabs) await tab.close();
    await chromium?.close();
    await server?.close();
  });

  it('the product lead records 1.2, which needs a refresher because its limitations change', async () => {
    await signInChecked(leadTab, server.baseUrl, people.lead);
    const admin = new ProductAdminPages(leadTab.page, server.baseUrl);
    await admin.open(`/products/${productId}`);
    await leadTab.checks.check();
    await admin.press('Record a new version');
    await leadTab.checks.check();
    await admin.fillVersion({ label: '1.2', releasedOn: '1 11 2026', releaseNotes: 'Mobile-unit films are no longer triaged.', impact: 'Refresher required', topics: [LIMITATIONS_TOPIC] });
    await admin.press('Record version');
    await expect(admin.bannerText()).resolves.toContain('The version has been recorded.');
    await leadTab.checks.check();
  });

  it('tries to make 1.2 live and is refused until its training is published', async () => {
    const admin = new ProductAdminPages(leadTab.page, server.baseUrl);
    await admin.open(deploymentPath);
    await leadTab.checks.check();
    await admin.changeDeployment({ version: '1.2' });
    await expect(admin.errorSummaryEntries()).resolves.toEqual([{ text: 'Publish the training module for tri-X 1.2 before it is live, or give a reason to go ahead without it', href: '#liveVersionId' }]);
    await expect(admin.summaryRows()).resolves.toMatchObject({ 'Live version': '1.1' });
    await leadTab.checks.check();
  });

  it('edits the module copied from 1.1, reviewing the section 1.2 changes, and publishes it', async () => {
    const editor = new ModuleEditorPages(leadTab.page, server.baseUrl);
    await editor.open(`/products/${productId}`);
    await leadTab.checks.check();
    await editor.follow('Edit training module for version 1.2');
    await expect(editor.status()).resolves.toBe('Draft');
    const page = leadTab.page;
    await expect(page.locator('#review-needed').textContent()).resolves.toContain('started as a copy of the module for version 1.1');
    const flagged = page.locator('main h3', { hasText: 'Needs review' });
    await expect(flagged.count()).resolves.toBe(1);
    const number = Number(/^(\d+)\./.exec((await flagged.textContent())?.trim() ?? '')?.[1]);
    await leadTab.checks.check();

    // Publishing waits for the review.
    await editor.saveAndPublish();
    await expect(editor.errorSummaryEntries()).resolves.toEqual([expect.objectContaining({ text: expect.stringContaining('Review the section') })]);
    await leadTab.checks.check();
    await editor.writeSection(number, NEW_LIMITATIONS);
    await editor.saveAndPublish();
    await expect(editor.bannerText()).resolves.toContain('published as a new revision');
    await expect(editor.status()).resolves.toBe('Published');
    await expect(page.locator('main h3', { hasText: 'Needs review' }).count()).resolves.toBe(0);
    await leadTab.checks.check();
  });

  it('makes 1.2 live once its training is published', async () => {
    const admin = new ProductAdminPages(leadTab.page, server.baseUrl);
    await admin.open(deploymentPath);
    await leadTab.checks.check();
    await admin.changeDeployment({ version: '1.2' });
    await expect(admin.bannerText()).resolves.toContain('The deployment has been updated.');
    await expect(admin.summaryRows()).resolves.toMatchObject({ 'Live version': '1.2' });
    await leadTab.checks.check();
  });

  it('pastes a list of people to assign: a line naming nobody there refuses the list, line by line', async () => {
    const admin = new ProductAdminPages(leadTab.page, server.baseUrl);
    const form = leadTab.page.locator('#bulk-emails-form');
    await form.getByLabel('A list of e-mail addresses', { exact: true }).fill(`${people.radiographer}\nnobody@example.nhs.uk`);
    await admin.press(form.getByRole('button', { name: 'Assign the list' }));
    await expect(admin.errorSummaryEntries()).resolves.toEqual([{ text: 'Line 2: nobody at Test Trust has the address nobody@example.nhs.uk', href: '#emails' }]);
    await leadTab.checks.check();
    await form.getByLabel('A list of e-mail addresses', { exact: true }).fill(people.radiographer);
    await admin.press(form.getByRole('button', { name: 'Assign the list' }));
    await expect(admin.bannerText()).resolves.toContain('0 people assigned, and told about the training to complete. 1 person already used it and was left as they were.');
    await leadTab.checks.check();
  });

  it('the radiographer is told, takes the refresher and sees the revision her attempt was marked against', async () => {
    await signInChecked(learnerTab, server.baseUrl, people.radiographer);
    const mine = new MyProductsPages(learnerTab.page, server.baseUrl);
    await mine.followHeaderLink(/^Notifications \(\d+ unread\)$/);
    await learnerTab.checks.check();
    await mine.follow(/^tri-X 1\.2 is live and needs a refresher/);
    expect(mine.path()).toBe('/products/mine');
    await learnerTab.checks.check();
    await mine.openTraining('Take the refresher', 'tri-X');
    await expect(mine.mainText()).resolves.toContain(NEW_LIMITATIONS);
    await expect(learnerTab.page.locator('#module-revision').textContent()).resolves.toMatch(/^Revision 1, published \d{1,2} \w+ \d{4}$/);
    await learnerTab.checks.check();
    await mine.answer({ 'Who reports each film?': ['A radiologist'] });
    await mine.submitAnswers();
    await expect(mine.panelText()).resolves.toContain('You passed');
    await expect(learnerTab.page.locator('#attempt-revision').textContent()).resolves.toMatch(/^Marked against revision 1 of the training, published \d{1,2} \w+ \d{4}\.$/);
    await learnerTab.checks.check();
    await mine.press('Back to your AI products');
    await expect(mine.statusTags()).resolves.toEqual(['Current']);
    await learnerTab.checks.check();
  });
});
