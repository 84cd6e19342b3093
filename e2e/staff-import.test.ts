import { eq } from 'drizzle-orm';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeopleRepository } from '../src/db/people.repository.ts';
import { people, profileSuggestions } from '../src/db/schema.ts';
import { hashPassword } from '../src/services/identity/password-hasher.ts';
import { generateEsrExtract } from '../test/support/esr-extract.ts';
import { createTestOrganisations, createTestPerson, TEST_PASSWORD } from '../test/support/people-fixtures.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { HubPage } from './support/hub-page.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';
import { OrganisationPages } from './support/organisation-pages.ts';
import { openCheckedTab } from './support/page-checks.ts';
import type { CheckedTab } from './support/page-checks.ts';
import { signInChecked } from './support/sign-in-page.ts';
import { StaffImportPages } from './support/staff-import-pages.ts';
import { guardWalk } from './support/walk.ts';

/**
 * Issue 15 §2 in the browser, without JavaScript: a trust's admin imports an ESR extract (after
 * forgetting to choose it), reads the dry run and applies it; then a nurse the import created
 * finds what her staff record suggests for her profile, and saves it herself. Axe on every page.
 */
const availability = browserAvailability();

describe.skipIf(!availability.isAvailable)(`ESR staff import in Chromium${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  let admin: CheckedTab;
  let nurse: CheckedTab;
  let adminEmail = '';
  const folder = mkdtempSync(join(tmpdir(), 'esr-'));
  const extract = join(folder, 'staff-in-post.csv');

  beforeAll(async () => {
    server = await startHubServer();
    const { trust } = await createTestOrganisations(server.hub);
    adminEmail = (await createTestPerson(server.hub, { organisationId: trust.id, roles: ['organisation-admin'], name: 'Ada Admin' })).email;
    writeFileSync(extract, generateEsrExtract({ seed: 21, people: 25, secondaryAssignments: 2, badDates: 1 }));
    chromium = await launchChromium();
    admin = await openCheckedTab(chromium.browser, { javaScriptEnabled: false });
    nurse = await openCheckedTab(chromium.browser, { javaScriptEnabled: false });
  });

  guardWalk(() => [admin, nurse].filter(Boolean));

  afterAll(async () => {
    await admin?.close();
    await nurse?.close();
    await chromium?.close();
    await server?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('the admin checks an extract, reads what it would do and applies it', async () => {
    await signInChecked(admin, server.baseUrl, adminEmail);
    await new OrganisationPages(admin.page, server.baseUrl).openOrganisation();
    await admin.checks.check();
    const imports = new StaffImportPages(admin.page, server.baseUrl);
    await imports.openFromOrganisation();
    await expect(imports.headingText()).resolves.toBe('Import staff from ESR');
    await admin.checks.check();

    await imports.checkFile();
    await expect(imports.errorSummaryEntries()).resolves.toEqual([{ text: 'Select the ESR staff extract, a CSV file', href: '#file' }]);
    await admin.checks.check();

    await imports.checkFile(extract);
    await expect(imports.headingText()).resolves.toBe('staff-in-post.csv');
    await expect(imports.figures()).resolves.toMatchObject({ 'New people to add': '24', 'Rows in error (left out)': '1' });
    await admin.checks.check();

    await imports.apply();
    await expect(imports.bannerText()).resolves.toContain('The import has been applied.');
    await expect(imports.figures()).resolves.toMatchObject({ 'New people added': '24' });
    await admin.checks.check();

    await imports.follow('Back to staff imports');
    await admin.checks.check();
    await imports.follow(/^Column names and options/);
    await expect(imports.headingText()).resolves.toBe('ESR extract settings');
    await admin.checks.check();
  });

  it('a nurse the import created is offered what her staff record suggests, and saves it herself', async () => {
    const db = server.hub.database.db;
    const [record] = await db
      .select({ personId: profileSuggestions.personId, email: people.email })
      .from(profileSuggestions)
      .innerJoin(people, eq(people.id, profileSuggestions.personId))
      .where(eq(profileSuggestions.professionalGroup, 'nursing-midwifery-and-health-visiting'))
      .limit(1);
    // Imported people sign in with NHS CIS2; a hub password stands in for it here.
    await createPeopleRepository(db).setPasswordHash(record!.personId, await hashPassword(TEST_PASSWORD));
    await signInChecked(nurse, server.baseUrl, record!.email);
    const profile = new HubPage(nurse.page, server.baseUrl);
    await profile.open('/self-assessment/profile');
    await expect(profile.page.locator('#staff-record').textContent()).resolves.toContain('Your staff record suggests professional group Nursing');
    await nurse.checks.check();
    await profile.follow('Fill in the form with these suggestions');
    await nurse.checks.check();
    await profile.page.getByLabel('No', { exact: true }).check();
    await profile.page.getByLabel('Where you work').selectOption('acute');
    await profile.press('Save your roles');
    expect(profile.path()).toBe('/self-assessment?saved=profile');
    await nurse.checks.check();
  });
});
