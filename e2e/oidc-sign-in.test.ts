import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { DevCis2User } from '../src/dev/oidc-dev-provider.ts';
import { createTestOrganisations } from '../test/support/people-fixtures.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { OidcSignInPages, startOidcHubServer } from './support/oidc-pages.ts';
import type { RunningOidcHub } from './support/oidc-pages.ts';
import { openCheckedTab } from './support/page-checks.ts';

/**
 * Signing in with NHS CIS2 in a browser (issue 15): through the provider's page, choosing between
 * roles at two trusts, seeing the right organisation, and switching; the refusal pages too. Every
 * page, the stand-in provider's included, is checked with axe.
 */

const availability = browserAvailability();
const nurse = { roleName: 'Nurse Access Role', roleCode: 'S8000:G8000:R8001' };
const USERS: DevCis2User[] = [
  { uid: '555100000001', givenName: 'Tess', familyName: 'Tworoles', roles: [{ roleId: 't-1', orgCode: 'RX1', ...nurse }, { roleId: 't-2', orgCode: 'RY2', roleName: 'Clinical Director', roleCode: 'S8000:G8000:R8003' }] },
  { uid: '555100000002', givenName: 'Nell', familyName: 'Noroles', roles: [] },
];

describe.skipIf(!availability.isAvailable)(`signing in with NHS CIS2${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningOidcHub;
  let chromium: LaunchedBrowser;

  beforeAll(async () => {
    server = await startOidcHubServer(USERS);
    const orgs = await createTestOrganisations(server.hub);
    await server.hub.database.db.execute(sql`update organisations set ods_code = 'RX1', cis2_create_accounts = true where id = ${orgs.trust.id}`);
    await server.hub.database.db.execute(sql`update organisations set ods_code = 'RY2', cis2_create_accounts = true where id = ${orgs.otherTrust.id}`);
    chromium = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  it('chooses between roles at two trusts, sees the organisation, and switches role', async () => {
    const tab = await openCheckedTab(chromium.browser);
    const pages = new OidcSignInPages(tab.page, server.baseUrl);
    await pages.startFromSignInPage(() => tab.checks.check());
    await tab.checks.check(); // the provider's page
    await pages.signInAtProvider(/Tess Tworoles/, 'AAL3_ANY');
    expect(pages.path()).toBe('/sign-in/nhs/role');
    await tab.checks.check();
    await pages.press('Continue');
    expect(await pages.errorSummaryEntries()).toEqual([{ text: 'Select the role you want to use', href: '#roleId' }]);
    await tab.checks.check();
    await pages.chooseRole('Clinical Director');
    await tab.checks.check();
    expect(await pages.accountMenuText()).toContain('Tess Tworoles (Clinical Director, Other Trust)');

    await pages.open('/account');
    await tab.checks.check();
    await pages.chooseRole('Nurse Access Role', 'Switch role');
    expect(pages.path()).toBe('/account');
    await tab.checks.check();
    expect(await pages.accountMenuText()).toContain('Tess Tworoles (Nurse Access Role, Test Trust)');
    tab.checks.expectEveryPageChecked();
    await tab.close();
  }, 60_000);

  it('tells someone with no role, or too weak an authentication, what to do', async () => {
    const tab = await openCheckedTab(chromium.browser);
    const pages = new OidcSignInPages(tab.page, server.baseUrl);
    await pages.startFromSignInPage(() => tab.checks.check());
    await tab.checks.check();
    await pages.signInAtProvider(/Nell Noroles/, 'AAL3_ANY');
    expect(await pages.headingText()).toBe('You have no role at an organisation on this hub');
    await tab.checks.check();

    tab.checks.expectEveryPageChecked();
    await tab.close();

    // Another browser, so the provider asks again who signs in.
    const weak = await openCheckedTab(chromium.browser);
    const weakPages = new OidcSignInPages(weak.page, server.baseUrl);
    await weakPages.startFromSignInPage(() => weak.checks.check());
    await weak.checks.check();
    await weakPages.signInAtProvider(/Tess Tworoles/, 'AAL1_USERPASS');
    expect(await weakPages.headingText()).toBe('Sign in with a stronger method');
    await weak.checks.check();
    weak.checks.expectEveryPageChecked();
    await weak.close();
  }, 60_000);
});
