import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/services/identity/viewer.ts';
import { createTestOrganisations, createTestPerson } from '../test/support/people-fixtures.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';
import { ModuleEditorPages } from './support/module-editor-pages.ts';
import { openCheckedTab } from './support/page-checks.ts';
import type { CheckedTab } from './support/page-checks.ts';
import { signInChecked } from './support/sign-in-page.ts';
import { guardWalk } from './support/walk.ts';
import { TRI_X as TRI_X_FACTS } from '../test/support/product-fixtures.ts';

/**
 * Authoring a product module in Chromium: a product lead opens the module page of a product
 * version, saves with a mistake and sees the error summary, writes every section, adds two
 * questions and publishes. Every page the walk sees, error states included, is checked with axe:
 * `afterEach` fails a step that left a page unchecked.
 */

const availability = browserAvailability();

const TRI_X = { ...TRI_X_FACTS, deviceClass: '', marking: '' };

describe.skipIf(!availability.isAvailable)(`authoring a product module in Chromium${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  let leadEmail = '';
  let productId = '';
  let versionId = '';
  const tabs: CheckedTab[] = [];
  let lead: CheckedTab;

  beforeAll(async () => {
    server = await startHubServer();
    const { hub } = server;
    const { trust } = await createTestOrganisations(hub);
    const person = await createTestPerson(hub, { organisationId: trust.id, roles: ['learner', 'product-lead'], name: 'Hana Lead' });
    leadEmail = person.email;
    const viewer: Viewer = { personId: person.id, organisationId: trust.id, displayName: person.displayName, email: person.email, roles: ['learner', 'product-lead'] };
    productId = (await hub.services.products.registerProduct({ viewer, input: TRI_X })).id;
    versionId = (await hub.services.products.addVersion({ viewer, productId, input: { label: '2.1', releasedOn: '2026-03-01', releaseNotes: 'First release here.', trainingImpact: 'none' } })).id;
    chromium = await launchChromium();
    tabs.push(await openCheckedTab(chromium.browser));
    [lead] = tabs as [CheckedTab];
  });

  guardWalk(() => tabs);

  afterAll(async () => {
    for (const tab of tabs) await tab.close();
    await chromium?.close();
    await server?.close();
  });

  it('the product lead signs in and opens the module of a version', async () => {
    await signInChecked(lead, server.baseUrl, leadEmail);

    const editor = new ModuleEditorPages(lead.page, server.baseUrl);
    await editor.openModule(productId, versionId);
    await expect(editor.headingText()).resolves.toBe('Training module');
    await expect(editor.caption()).resolves.toBe('tri-X, version 2.1');
    await expect(editor.status()).resolves.toBe('Not started');
    await expect(editor.prefillText(5)).resolves.toContain('Intended use: Prioritises chest X-rays for review by radiologists.');
    const blockers = await editor.publishBlockers();
    expect(blockers.at(-1)).toEqual({ text: 'Add at least one question', href: '#question-1-prompt' });
    for (const blocker of blockers) await expect(lead.page.locator(blocker.href).count()).resolves.toBe(1);
    await lead.checks.check();
  });

  it('saves with a mistake, then tries to publish too soon, and is shown both in the error summary', async () => {
    const editor = new ModuleEditorPages(lead.page, server.baseUrl);
    await editor.writeSection(1, 'Our trust follows the RCR guidance for AI triage.');
    await editor.setPassMark('eighty');
    await editor.saveDraft();
    await expect(editor.errorSummaryEntries()).resolves.toEqual([{ text: 'Enter a pass mark as a whole number from 1 to 100', href: '#passMarkPercent' }]);
    await expect(editor.fieldError('passMarkPercent')).resolves.toBe('Enter a pass mark as a whole number from 1 to 100');
    await expect(lead.page.getByLabel('Your content for section 1', { exact: true }).inputValue()).resolves.toBe('Our trust follows the RCR guidance for AI triage.');
    await expect(editor.status()).resolves.toBe('Not started');
    await lead.checks.check();

    await editor.setPassMark('80');
    await editor.saveAndPublish();
    const refusals = await editor.errorSummaryEntries();
    expect(refusals.at(-1)).toEqual({ text: 'Add at least one question', href: '#question-1-prompt' });
    expect(refusals.every((r) => r.href !== '#section-t2-01')).toBe(true);
    await expect(lead.page.locator('main').textContent()).resolves.toContain('Your changes have been saved as a draft, but the module cannot be published');
    await expect(editor.status()).resolves.toBe('Draft');
    await lead.checks.check();
  });

  it('writes every section and adds two questions', async () => {
    const editor = new ModuleEditorPages(lead.page, server.baseUrl);
    const sections = await editor.sectionCount();
    expect(sections).toBeGreaterThan(10);
    for (let section = 2; section <= sections; section += 1) await editor.writeSection(section, `Local guidance for section ${section}, agreed by the AI MDT.`);
    await editor.setPassMark('80');
    await editor.addQuestion({ prompt: 'Who reviews each film tri-X flags?', kind: 'One right answer', options: ['A radiologist', 'Nobody'], correct: [1] });
    await editor.saveDraft();
    await expect(editor.bannerText()).resolves.toContain('Your changes have been saved.');
    await expect(editor.status()).resolves.toBe('Draft');
    await expect(editor.questionLegends()).resolves.toEqual(['Question 1', 'Add a question (optional)']);
    await lead.checks.check();

    await editor.addQuestion({ prompt: 'Which films is tri-X not for?', kind: 'Several right answers', options: ['Under-16s', 'Portable films', 'Adult PA films'], correct: [1, 2] });
    await editor.saveDraft();
    await expect(editor.bannerText()).resolves.toContain('Your changes have been saved.');
    await expect(editor.questionLegends()).resolves.toEqual(['Question 1', 'Question 2', 'Add a question (optional)']);
    await expect(editor.question('Question 2').getByLabel('Question text', { exact: true }).inputValue()).resolves.toBe('Which films is tri-X not for?');
    await expect(editor.publishBlockers()).resolves.toEqual([]);
    await lead.checks.check();
  });

  it('publishes the module', async () => {
    const editor = new ModuleEditorPages(lead.page, server.baseUrl);
    await editor.saveAndPublish();
    await expect(editor.bannerText()).resolves.toContain('The module has been published as a new revision.');
    await expect(editor.status()).resolves.toBe('Published');
    // Later changes are published as a new revision; the one learners read never changes (issue 11).
    await expect(lead.page.getByRole('button', { name: 'Save and publish', exact: true }).count()).resolves.toBe(0);
    await expect(lead.page.getByRole('button', { name: 'Save and publish changes', exact: true }).count()).resolves.toBe(1);
    await expect(lead.page.getByRole('button', { name: 'Save changes' }).count()).resolves.toBe(1);
    await lead.checks.check();
  });
});
