import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganisations, createTestPerson } from '../test/support/people-fixtures.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { FrameworkImportPages } from './support/framework-import-pages.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';
import { openCheckedTab } from './support/page-checks.ts';
import type { CheckedTab } from './support/page-checks.ts';
import { signInChecked } from './support/sign-in-page.ts';
import { guardWalk } from './support/walk.ts';

/**
 * Issue 16 §3 in the browser, without JavaScript: a platform admin imports a CASE package shaped
 * like a 2017 OpenSALT export (after forgetting to choose it), reads what the hub found and did,
 * and sees the same warnings on the framework's page. Axe on every page.
 */
const availability = browserAvailability();
const fixture = new URL('../test/fixtures/opensalt-2017-style-case-package.json', import.meta.url).pathname;

describe.skipIf(!availability.isAvailable)(`CASE import in Chromium${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  let admin: CheckedTab;
  let adminEmail = '';

  beforeAll(async () => {
    server = await startHubServer();
    const { national } = await createTestOrganisations(server.hub);
    adminEmail = (await createTestPerson(server.hub, { organisationId: national.id, roles: ['platform-admin'], name: 'Pat Platform' })).email;
    chromium = await launchChromium();
    admin = await openCheckedTab(chromium.browser, { javaScriptEnabled: false });
  });

  guardWalk(() => [admin].filter(Boolean));

  afterAll(async () => {
    await admin?.close();
    await chromium?.close();
    await server?.close();
  });

  it('a platform admin imports an imperfect CASE package and sees what the hub found and did', async () => {
    await signInChecked(admin, server.baseUrl, adminEmail);
    const pages = new FrameworkImportPages(admin.page, server.baseUrl);
    await pages.open('/frameworks');
    await admin.checks.check();
    await pages.follow('Import a framework file');
    await expect(pages.headingText()).resolves.toBe('Import a framework');
    await admin.checks.check();

    await pages.importFile();
    await expect(pages.errorSummaryEntries()).resolves.toEqual([{ text: 'Select a framework file, a JSON file', href: '#file' }]);
    await admin.checks.check();

    await pages.importFile(fixture);
    await expect(pages.headingText()).resolves.toBe('Imported Coastal Ecology Standards (invented sample)');
    const rows = await pages.warningRows();
    expect(rows).toHaveLength(11);
    expect(rows).toContainEqual(['A number written as text: "1"', 'CFAssociations[*].sequenceNumber, 6 times (first at CFAssociations[0].sequenceNumber)', 'Read as 1']);
    expect(rows).toContainEqual(['An item type without a description: null', 'CFDefinitions.CFItemTypes[*].description, 3 times (first at CFDefinitions.CFItemTypes[0].description)', 'Used the title as its description']);
    await admin.checks.check();

    await pages.follow('Coastal Ecology Standards (invented sample)');
    await expect(pages.headingText()).resolves.toBe('Coastal Ecology Standards (invented sample)');
    await expect(pages.page.getByText('When it was imported the hub found 49 deviations').count()).resolves.toBe(1);
    await expect(pages.page.getByText('Describe the daily rhythm of high and low tide at a rocky shore.').count()).resolves.toBe(1);
    await admin.checks.check();
  });
});
