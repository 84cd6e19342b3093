import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganisations, createTestPerson } from '../test/support/people-fixtures.ts';
import { viewerOf } from '../test/support/product-fixtures.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { HubPage, squash } from './support/hub-page.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';
import { openCheckedTab } from './support/page-checks.ts';
import type { CheckedTab } from './support/page-checks.ts';
import { signInChecked } from './support/sign-in-page.ts';
import { guardWalk } from './support/walk.ts';

/**
 * Issue 14: lists of people are paged 50 at a time. An organisation admin who is also the product
 * lead, browsing without JavaScript, pages through a ward of 60 people on the organisation page
 * and through the 60 users of a deployment there. Every page is checked with axe.
 */

const availability = browserAvailability();
const WARD_SIZE = 60;

describe.skipIf(!availability.isAvailable)(`paged lists of people in Chromium${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  let tab: CheckedTab;
  let adminEmail = '';
  let wardId = '';
  let deploymentPath = '';

  beforeAll(async () => {
    server = await startHubServer();
    const { hub } = server;
    const { trust } = await createTestOrganisations(hub);
    const admin = await createTestPerson(hub, { organisationId: trust.id, roles: ['learner', 'organisation-admin', 'product-lead'], name: 'Ada Admin' });
    adminEmail = admin.email;
    wardId = (await hub.services.organisations.createOrganisation({ kind: 'team', name: 'Ward 7', parentId: trust.id })).id;
    for (let i = 1; i <= WARD_SIZE; i += 1) await createTestPerson(hub, { organisationId: wardId, name: `Ward person ${String(i).padStart(2, '0')}` });
    const { products } = hub.services;
    const viewer = viewerOf(admin);
    const productId = (await products.registerProduct({ viewer, input: { name: 'tri-X', manufacturer: 'Triadix', intendedUse: 'Triages chest X-rays.', clinicalDecisionMaking: true, autonomy: 'human-in-the-loop' } })).id;
    const deployment = await products.createDeployment({ viewer, productId, input: { organisationId: wardId, status: 'piloting', startedOn: '2026-09-01', refresherDays: 28 } });
    await products.assignInBulk({ viewer, deploymentId: deployment.id, input: { by: 'organisation', organisationId: wardId, includeBeneath: true } });
    deploymentPath = `/deployments/${deployment.id}`;
    chromium = await launchChromium();
    tab = await openCheckedTab(chromium.browser, { javaScriptEnabled: false });
  });

  guardWalk(() => (tab ? [tab] : []));

  afterAll(async () => {
    await tab?.close();
    await chromium?.close();
    await server?.close();
  });

  const showing = async (page: HubPage) => squash(await page.page.locator('main p', { hasText: /^\s*Showing/ }).first().textContent());
  const rowCount = (page: HubPage, caption: string) => page.page.locator('main table', { hasText: caption }).locator('tbody tr').count();

  it('pages through the people of a ward on the organisation page', async () => {
    await signInChecked(tab, server.baseUrl, adminEmail);
    const organisation = new HubPage(tab.page, server.baseUrl);
    await organisation.open(`/organisation?organisationId=${wardId}`);
    await tab.checks.check();
    await expect(showing(organisation)).resolves.toBe(`Showing 1 to 50 of ${WARD_SIZE} people`);
    await expect(rowCount(organisation, 'Ward person 01')).resolves.toBe(50);
    await organisation.follow(/^Next/);
    await tab.checks.check();
    expect(organisation.path()).toBe(`/organisation?organisationId=${wardId}&page=2`);
    await expect(showing(organisation)).resolves.toBe(`Showing 51 to ${WARD_SIZE} of ${WARD_SIZE} people`);
    await expect(rowCount(organisation, 'Ward person 60')).resolves.toBe(10);
  });

  it('pages through the users of a deployment', async () => {
    const deployment = new HubPage(tab.page, server.baseUrl);
    await deployment.open(deploymentPath);
    await tab.checks.check();
    await expect(showing(deployment)).resolves.toBe(`Showing 1 to 50 of ${WARD_SIZE} people`);
    await deployment.follow('Page 2');
    await tab.checks.check();
    expect(deployment.path()).toBe(`${deploymentPath}?page=2`);
    await expect(showing(deployment)).resolves.toBe(`Showing 51 to ${WARD_SIZE} of ${WARD_SIZE} people`);
    await expect(rowCount(deployment, 'Ward person 60')).resolves.toBe(10);
    await deployment.open(`${deploymentPath}?page=none`, 400);
    await tab.checks.check();
    await expect(deployment.page.locator('main').textContent()).resolves.toContain('Page must be a whole number, 1 or more');
  });
});
