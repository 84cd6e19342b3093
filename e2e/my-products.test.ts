import { approveDeploymentReview } from '../test/support/assurance-fixtures.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/services/identity/viewer.ts';
import { createTestOrganisations, createTestPerson } from '../test/support/people-fixtures.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';
import { MyProductsPages } from './support/my-products-pages.ts';
import { guardWalk } from './support/walk.ts';
import { openCheckedTab } from './support/page-checks.ts';
import type { CheckedTab } from './support/page-checks.ts';
import { signInChecked } from './support/sign-in-page.ts';
import { CHECK, TRI_X } from '../test/support/product-fixtures.ts';

/**
 * A radiographer without JavaScript adds the AI product she uses, reads its training, submits the
 * knowledge check with a question left out, fails, then passes; her product lead opens the
 * training currency of the deployment and of the trust. Every page, error states included, is
 * checked with axe.
 */

const availability = browserAvailability();


describe.skipIf(!availability.isAvailable)(`"Your AI products" and training currency in Chromium${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  const tabs: CheckedTab[] = [];
  let radiographer: CheckedTab;
  let lead: CheckedTab;
  const emails = { radiographer: '', lead: '' };
  let deploymentId = '';
  let otherTrustId = '';

  beforeAll(async () => {
    server = await startHubServer();
    const { hub } = server;
    const { trust, otherTrust } = await createTestOrganisations(hub);
    otherTrustId = otherTrust.id;
    const leadPerson = await createTestPerson(hub, { organisationId: trust.id, roles: ['learner', 'product-lead'], name: 'Hana Lead' });
    const radiographerPerson = await createTestPerson(hub, { organisationId: trust.id, name: 'Rae Radiographer' });
    emails.lead = leadPerson.email;
    emails.radiographer = radiographerPerson.email;
    const viewer: Viewer = { personId: leadPerson.id, organisationId: trust.id, displayName: leadPerson.displayName, email: leadPerson.email, roles: ['learner', 'product-lead'] };

    const { products, productTraining } = hub.services;
    const product = await products.registerProduct({ viewer, input: TRI_X });
    const version = await products.addVersion({ viewer, productId: product.id, input: { label: '1.0', releasedOn: '2026-01-15', releaseNotes: 'First release.', trainingImpact: 'none' } });
    const ids = { viewer, productId: product.id, productVersionId: version.id };
    const draft = await productTraining.getModuleDraft(ids);
    const sections = Object.fromEntries(draft.sections.filter((s) => s.prefill === '' || s.needsOwnWords).map((s) => [s.requirementId, `Our local guidance on: ${s.statement}`]));
    await productTraining.saveModule({ ...ids, input: { sections, knowledgeCheck: CHECK } });
    await productTraining.publishModule(ids);
    const deployment = await products.createDeployment({ viewer, productId: product.id, input: { organisationId: trust.id, status: 'piloting', startedOn: '2026-02-01', refresherDays: 14 } });
    await approveDeploymentReview(hub.database.db, { productId: product.id, organisationId: trust.id, leadId: leadPerson.id });
    await products.changeDeployment({ viewer, deploymentId: deployment.id, status: 'live', liveVersionId: version.id });
    deploymentId = deployment.id;

    chromium = await launchChromium();
    for (const options of [{ javaScriptEnabled: false }, {}]) tabs.push(await openCheckedTab(chromium.browser, options));
    [radiographer, lead] = tabs as [CheckedTab, CheckedTab];
  });

  guardWalk(() => tabs);

  afterAll(async () => {
    for (const tab of tabs) await tab.close();
    await chromium?.close();
    await server?.close();
  });

  it('a radiographer without JavaScript adds the product she uses, after choosing nothing', async () => {
    await signInChecked(radiographer, server.baseUrl, emails.radiographer);

    const pages = new MyProductsPages(radiographer.page, server.baseUrl);
    await pages.openMyProducts();
    await expect(pages.headingText()).resolves.toBe('Your AI products');
    await expect(pages.mainText()).resolves.toContain('You have not added any AI products yet.');
    await radiographer.checks.check();

    await pages.addProduct();
    await expect(pages.errorSummaryEntries()).resolves.toEqual([{ text: 'Choose a product you use from the list', href: '#deploymentId' }]);
    await expect(pages.fieldError('deploymentId')).resolves.toBe('Choose a product you use from the list');
    await radiographer.checks.check();

    await pages.addProduct('tri-X — Test Trust');
    expect(pages.path()).toBe('/products/mine?done=added');
    await expect(pages.bannerText()).resolves.toContain('The product has been added to your list.');
    await expect(pages.statusTags()).resolves.toEqual(['Not started']);
    await radiographer.checks.check();
  });

  it('she reads the training and submits the check with a question left out', async () => {
    const pages = new MyProductsPages(radiographer.page, server.baseUrl);
    await pages.openTraining('Start training', 'tri-X');
    await expect(pages.headingText()).resolves.toBe('Training for tri-X');
    const sections = await pages.sectionHeadings();
    expect(sections.length).toBeGreaterThan(0);
    await radiographer.checks.check();

    await pages.answer({ 'Who reviews each flagged film?': ['A radiologist'] });
    await pages.submitAnswers();
    await expect(pages.errorSummaryEntries()).resolves.toEqual([{ text: 'Select at least one answer to question 2', href: '#question-2' }]);
    await expect(pages.questionError('Which films is it not for?')).resolves.toBe('Select at least one answer to question 2');
    await expect(radiographer.page.getByLabel('A radiologist', { exact: true }).isChecked()).resolves.toBe(true);
    await radiographer.checks.check();
  });

  it('she fails, is told which question to look at again, then passes', async () => {
    const pages = new MyProductsPages(radiographer.page, server.baseUrl);
    await pages.answer({ 'Which films is it not for?': ['Under-16s'] });
    await pages.submitAnswers();
    await expect(pages.headingText()).resolves.toBe('You did not pass this time');
    await expect(pages.mainText()).resolves.toContain('You scored 1 out of 2 (50%). You need 100% to pass.');
    await expect(pages.questionsToRevisit()).resolves.toEqual(['Question 2: Which films is it not for?']);
    await radiographer.checks.check();

    await pages.press(radiographer.page.getByRole('button', { name: 'Try again' }));
    await expect(pages.headingText()).resolves.toBe('Training for tri-X');
    await radiographer.checks.check();
    await pages.answer({ 'Who reviews each flagged film?': ['A radiologist'], 'Which films is it not for?': ['Under-16s', 'Portable films'] });
    await pages.submitAnswers();
    await expect(pages.panelText()).resolves.toBe('You passed You scored 2 out of 2 (100%).');
    await radiographer.checks.check();

    await pages.press(radiographer.page.getByRole('button', { name: 'Back to your AI products' }));
    await expect(pages.statusTags()).resolves.toEqual(['Current']);
    await radiographer.checks.check();
  });

  it('her product lead opens the training currency of the deployment and of the trust', async () => {
    await signInChecked(lead, server.baseUrl, emails.lead);

    const pages = new MyProductsPages(lead.page, server.baseUrl);
    await pages.open('/products/training-currency');
    await expect(pages.headingText()).resolves.toBe('Training currency');
    await expect(pages.counts()).resolves.toEqual({ Current: '1', Due: '0', Overdue: '0', 'Not started': '0' });
    await expect(pages.tableRows('How many people are current with each deployed product')).resolves.toEqual([['tri-X in Test Trust: training currency', 'Test Trust', '1', '0', '0', '0']]);
    await expect(pages.tableRows('Everyone using an AI product in Test Trust')).resolves.toEqual([['Rae Radiographer', 'tri-X in Test Trust', 'Current', '1.0', '1.0', '–']]);
    await lead.checks.check();

    await pages.open(`/products/training-currency?organisation=${otherTrustId}`, 400);
    await expect(pages.errorSummaryEntries()).resolves.toEqual([{ text: 'Choose an organisation you manage from the list', href: '#organisation' }]);
    await expect(pages.fieldError('organisation')).resolves.toBe('Choose an organisation you manage from the list');
    await lead.checks.check();

    await pages.follow(/^tri-X in Test Trust: training currency$/);
    expect(pages.path()).toBe(`/deployments/${deploymentId}/currency`);
    await expect(pages.headingText()).resolves.toBe('Training currency');
    await expect(pages.tableRows('Everyone using tri-X in Test Trust')).resolves.toEqual([['Rae Radiographer', 'Current', '1.0', '1.0', '–']]);
    const [download] = await Promise.all([lead.page.waitForEvent('download'), lead.page.getByRole('link', { name: /^Download CSV/ }).click()]);
    expect(download.suggestedFilename()).toBe(`training-currency-${deploymentId}.csv`);
    await lead.checks.check();
  });
});
