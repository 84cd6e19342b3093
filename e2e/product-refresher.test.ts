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
import { signInChecked } from './support/sign-in-page.ts';
import { guardWalk } from './support/walk.ts';

/**
 * The issue's story in Chromium: tri-X 1.0 is live and a radiographer has passed its training.
 * The Embedder (an AI product lead) records version 1.1, which needs a refresher, writes and
 * publishes its module, and makes it live. The radiographer is told, sees on Your AI products what
 * changed and that a refresher is due, finds it first on their learning journey, takes it (first
 * failing), passes, and is current again; the Embedder sees that on the currency page. Every page
 * either of them sees is checked with axe.
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
  limitations: 'Less reliable on films with lines and tubes.',
};
const FIRST_CHECK = {
  passMarkPercent: 100,
  questions: [{ id: 'q1', prompt: 'Who reports each film?', kind: 'single' as const, options: [{ id: 'a', text: 'A radiologist' }, { id: 'b', text: 'Nobody' }], correct: ['a'] }],
};
const NEW_NOTES = 'New model: flags suspected pneumothorax as urgent. Films with more than two lines or tubes are no longer triaged.';

describe.skipIf(!availability.isAvailable)(`a tri-X refresher from release to pass in Chromium${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  const tabs: CheckedTab[] = [];
  let embedderTab: CheckedTab;
  let radiographerTab: CheckedTab;
  const people = { embedder: '', radiographer: '' };
  let productId = '';

  beforeAll(async () => {
    server = await startHubServer();
    const { hub } = server;
    const { trust } = await createTestOrganisations(hub);
    const embedder = await createTestPerson(hub, { organisationId: trust.id, roles: ['learner', 'product-lead'], name: 'Priya Embedder' });
    const radiographer = await createTestPerson(hub, { organisationId: trust.id, name: 'Ben Radiographer' });
    people.embedder = embedder.email;
    people.radiographer = radiographer.email;
    const lead = viewerOf(embedder);

    // What came before: 1.0 live with a published module that the radiographer passed.
    const { products, productTraining } = hub.services;
    productId = (await products.registerProduct({ viewer: lead, input: TRI_X })).id;
    const v1 = await products.addVersion({ viewer: lead, productId, input: { label: '1.0', releasedOn: '2025-09-01', releaseNotes: 'First release.', trainingImpact: 'none' } });
    const draft = await productTraining.getModuleDraft({ viewer: lead, productId, productVersionId: v1.id });
    const sections = Object.fromEntries(draft.sections.map((s) => [s.requirementId, `Our guidance on: ${s.statement}`]));
    await productTraining.saveModule({ viewer: lead, productId, productVersionId: v1.id, input: { sections, knowledgeCheck: FIRST_CHECK } });
    const published = await productTraining.publishModule({ viewer: lead, productId, productVersionId: v1.id, version: 1 });
    const deployment = await products.createDeployment({ viewer: lead, productId, input: { organisationId: trust.id, status: 'piloting', startedOn: '2025-09-01', refresherDays: 28 } });
    await approveDeploymentReview(hub.database.db, { productId, organisationId: trust.id, leadId: lead.personId });
    await products.changeDeployment({ viewer: lead, deploymentId: deployment.id, status: 'live', liveVersionId: v1.id });
    await products.linkUser({ viewer: lead, deploymentId: deployment.id, personId: radiographer.id });
    await productTraining.submitAttempt({ viewer: viewerOf(radiographer), moduleId: published.module!.id, input: { answers: { q1: ['a'] } } });

    chromium = await launchChromium();
    // The radiographer browses without JavaScript: every step works as plain HTML forms and links.
    for (const options of [{}, { javaScriptEnabled: false }]) tabs.push(await openCheckedTab(chromium.browser, options));
    [embedderTab, radiographerTab] = tabs as [CheckedTab, CheckedTab];
  });

  guardWalk(() => tabs);

  afterAll(async () => {
    for (const tab of tabs) await tab.close();
    await chromium?.close();
    await server?.close();
  });


  it('the Embedder records version 1.1 of tri-X, which needs a refresher', async () => {
    await signInChecked(embedderTab, server.baseUrl, people.embedder);
    const admin = new ProductAdminPages(embedderTab.page, server.baseUrl);
    await admin.openProducts();
    await expect(admin.headingText()).resolves.toBe('AI products');
    await embedderTab.checks.check();
    await admin.follow('tri-X');
    await embedderTab.checks.check();
    await admin.press('Record a new version');
    await embedderTab.checks.check();
    await admin.fillVersion({ label: '1.1', releasedOn: '15 10 2026', releaseNotes: NEW_NOTES, impact: 'Refresher required' });
    await admin.press('Record version');
    expect(admin.path()).toMatch(new RegExp(`^/products/${productId}\\?`));
    await expect(admin.bannerText()).resolves.toContain('The version has been recorded.');
    expect((await admin.tableRows('Versions of tri-X')).map((row) => row[0])).toEqual(['1.0', '1.1']);
    await embedderTab.checks.check();
  });

  it('the Embedder writes the 1.1 module, adds a question about the change and publishes it', async () => {
    const editor = new ModuleEditorPages(embedderTab.page, server.baseUrl);
    await editor.follow('Edit training module for version 1.1');
    // It starts as a copy of 1.0's module, every section marked for review (issue 11).
    await expect(editor.status()).resolves.toBe('Draft');
    await embedderTab.checks.check();
    const sections = await editor.sectionCount();
    // tri-X is used in clinical decisions, so all 20 Table 2 statements are sections (R3).
    expect(sections).toBe(20);
    for (let section = 1; section <= sections; section += 1) await editor.writeSection(section, `What 1.1 changes for statement ${section}: see the release notes.`);
    await editor.setPassMark('100');
    await editor.addQuestion({ prompt: 'Which films does tri-X 1.1 no longer triage?', kind: 'One right answer', options: ['Films with more than two lines or tubes', 'Adult PA films'], correct: [1] });
    await editor.saveAndPublish();
    await expect(editor.bannerText()).resolves.toMatch(/published/i);
    await expect(editor.status()).resolves.toBe('Published');
    await embedderTab.checks.check();
  });

  it('the Embedder makes 1.1 live at the trust, which makes the radiographer’s refresher due', async () => {
    const admin = new ProductAdminPages(embedderTab.page, server.baseUrl);
    await admin.open(`/products/${productId}`);
    await embedderTab.checks.check();
    await admin.follow(/^Test Trust deployment$/);
    await embedderTab.checks.check();
    await admin.changeDeployment({ version: '1.1' });
    await expect(admin.bannerText()).resolves.toBeTruthy();
    await expect(admin.summaryRows()).resolves.toMatchObject({ 'Live version': expect.stringContaining('1.1') });
    await embedderTab.checks.check();
  });

  it('the radiographer is told, sees what changed on Your AI products, and fails the refresher once', async () => {
    await signInChecked(radiographerTab, server.baseUrl, people.radiographer);
    const mine = new MyProductsPages(radiographerTab.page, server.baseUrl);
    await mine.followHeaderLink(/^Notifications \(\d+ unread\)$/);
    await radiographerTab.checks.check();
    await mine.follow(/^tri-X 1\.1 is live and needs a refresher/);
    expect(mine.path()).toBe('/products/mine');
    const [tag] = await mine.statusTags();
    expect(tag).toMatch(/^Due by \d{1,2} \w+ \d{4}$/);
    const text = await mine.mainText();
    expect(text).toContain('What changed since you last passed');
    expect(text).toContain(NEW_NOTES.split(':')[0]);
    await radiographerTab.checks.check();

    // The journey page puts the owed refresher before any planned learning, and leads to it too.
    await mine.followHeaderLink('My learning journey');
    await expect(mine.mainText()).resolves.toContain('Training for the AI products you use');
    await radiographerTab.checks.check();
    await mine.follow('Take the refresher for tri-X');
    await expect(mine.sectionHeadings()).resolves.toHaveLength(20);
    await radiographerTab.checks.check();
    // 1.0's question came forward with its module; the new one is about the change.
    await mine.answer({ 'Who reports each film?': ['A radiologist'], 'Which films does tri-X 1.1 no longer triage?': ['Adult PA films'] });
    await mine.submitAnswers();
    await expect(mine.headingText()).resolves.toBe('You did not pass this time');
    await expect(mine.questionsToRevisit()).resolves.toEqual([expect.stringContaining('Which films does tri-X 1.1 no longer triage?')]);
    await radiographerTab.checks.check();
  });

  it('the radiographer passes the refresher and is current again', async () => {
    const mine = new MyProductsPages(radiographerTab.page, server.baseUrl);
    await mine.press('Try again');
    await radiographerTab.checks.check();
    await mine.answer({ 'Who reports each film?': ['A radiologist'], 'Which films does tri-X 1.1 no longer triage?': ['Films with more than two lines or tubes'] });
    await mine.submitAnswers();
    await expect(mine.panelText()).resolves.toContain('You passed');
    await radiographerTab.checks.check();
    await mine.press('Back to your AI products');
    await expect(mine.statusTags()).resolves.toEqual(['Current']);
    await radiographerTab.checks.check();
  });

  it('the Embedder sees everyone current on the deployment’s training', async () => {
    const admin = new ProductAdminPages(embedderTab.page, server.baseUrl);
    await admin.follow('See who is current with training');
    await embedderTab.checks.check();
    const currency = new MyProductsPages(embedderTab.page, server.baseUrl);
    await expect(currency.counts()).resolves.toMatchObject({ Current: '1' });
    const rows = await currency.tableRows('');
    expect(rows[0]).toEqual(expect.arrayContaining(['Ben Radiographer', 'Current', '1.1']));
  });
});
