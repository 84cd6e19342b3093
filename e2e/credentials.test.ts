import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import { createTestOrganisations, createTestPerson } from '../test/support/people-fixtures.ts';
import { viewerOf } from '../test/support/product-fixtures.ts';
import { FRAMEWORK_ID } from '../test/support/verification-fixtures.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { CredentialPages } from './support/credential-pages.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';
import { openCheckedTab } from './support/page-checks.ts';
import type { CheckedTab } from './support/page-checks.ts';
import { signInChecked } from './support/sign-in-page.ts';
import { guardWalk } from './support/walk.ts';

/**
 * A learner whose supervisor verified a level finds the credential the hub issued, downloads it,
 * and a stranger (signed out) checks the file on the public page; a tampered copy and a paste that
 * is not JSON are caught. Every page is checked with axe.
 */

const availability = browserAvailability();
const TOPIC = 'ai-definitions';

describe.skipIf(!availability.isAvailable)(`Open Badges credentials: download and check${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  let learner: CheckedTab;
  let stranger: CheckedTab;
  let admin: CheckedTab;
  let learnerEmail = '';
  let adminEmail = '';
  let trustId = '';
  let downloaded = '';

  beforeAll(async () => {
    server = await startHubServer();
    const { hub } = server;
    const repositories = createRepositories(hub.database.db);
    const { trust } = await createTestOrganisations(hub);
    const person = await createTestPerson(hub, { organisationId: trust.id, name: 'Cara Learner' });
    const supervisor = await createTestPerson(hub, { organisationId: trust.id, roles: ['learner', 'supervisor'], name: 'Sol Supervisor' });
    learnerEmail = person.email;
    trustId = trust.id;
    adminEmail = (await createTestPerson(hub, { organisationId: trust.id, roles: ['learner', 'organisation-admin'], name: 'Ana Admin' })).email;
    await repositories.supervisions.insertSupervision({ organisationId: trust.id, supervisorId: supervisor.id, learnerId: person.id, assignedBy: supervisor.id });
    await repositories.assessments.insertRatings([{ organisationId: trust.id, personId: person.id, frameworkId: FRAMEWORK_ID, frameworkVersion: hub.services.assessmentFramework().version, topicId: TOPIC, level: 'familiarity' }]);
    const request = await hub.services.verification.requestVerification({ viewer: viewerOf(person), topicId: TOPIC, supervisorId: supervisor.id });
    await hub.services.verification.decideVerification({ viewer: viewerOf(supervisor), requestId: request.id, decision: { outcome: 'confirmed' } });
    chromium = await launchChromium();
    learner = await openCheckedTab(chromium.browser);
    stranger = await openCheckedTab(chromium.browser);
    admin = await openCheckedTab(chromium.browser);
  });

  guardWalk(() => [learner, stranger, admin]);

  afterAll(async () => {
    await learner?.close();
    await stranger?.close();
    await admin?.close();
    await chromium?.close();
    await server?.close();
  });

  it('Cara finds her credential and downloads it', async () => {
    await signInChecked(learner, server.baseUrl, learnerEmail);
    const pages = new CredentialPages(learner.page, server.baseUrl);
    await pages.openMyCredentials();
    await expect(pages.headingText()).resolves.toBe('Your credentials');
    await learner.checks.check();
    const [name] = await pages.credentialNames();
    expect(name).toMatch(/: familiarity$/);
    downloaded = await pages.download(name!);
    expect(JSON.parse(downloaded)).toMatchObject({ type: ['VerifiableCredential', 'OpenBadgeCredential'], proof: { cryptosuite: 'eddsa-rdfc-2022' } });
  });

  it('a stranger checks the file on the public page, and catches a tampered copy and a bad paste', async () => {
    const pages = new CredentialPages(stranger.page, server.baseUrl);
    await pages.open('/');
    await stranger.checks.check();
    await pages.openCheckPage();
    await expect(pages.headingText()).resolves.toBe('Check a credential');
    await stranger.checks.check();

    await pages.check(downloaded);
    await stranger.checks.check();
    expect(await pages.result()).toEqual({ heading: 'Verified', rows: { Signature: 'Valid', Issuer: 'Test Trust', Status: 'Not revoked' } });

    await pages.check(downloaded.replace(': familiarity', ': proficiency'));
    await stranger.checks.check();
    expect((await pages.result()).heading).toBe('Not verified');
    expect((await pages.result()).rows.Signature).toBe('Not valid');

    await pages.check('{ not json');
    await stranger.checks.check();
    expect(await pages.errorSummaryEntries()).toEqual([{ text: 'Paste the whole credential, as JSON', href: '#credential' }]);
  });

  it('an admin replaces the signing key and revokes the credential; the stranger’s check then says so', async () => {
    await signInChecked(admin, server.baseUrl, adminEmail);
    const pages = new CredentialPages(admin.page, server.baseUrl);
    await pages.open(`/organisation/credentials?organisationId=${trustId}`);
    await expect(pages.headingText()).resolves.toBe('Credentials issued');
    await admin.checks.check();
    await pages.press('Replace the signing key');
    await admin.checks.check();
    await expect(pages.bannerText()).resolves.toContain('A new signing key is in use.');

    await pages.follow(/^Revoke /);
    await admin.checks.check();
    await pages.press('Revoke the credential');
    await admin.checks.check();
    expect(await pages.errorSummaryEntries()).toEqual([{ text: 'Enter why the credential is revoked', href: '#reason' }]);
    await admin.page.getByLabel('Why it is revoked').fill('Verified by mistake');
    await pages.press('Revoke the credential');
    await admin.checks.check();
    await expect(pages.bannerText()).resolves.toContain('The credential is revoked.');

    const check = new CredentialPages(stranger.page, server.baseUrl);
    await check.check(downloaded);
    await stranger.checks.check();
    expect(await check.result()).toEqual({ heading: 'Not verified', rows: { Signature: 'Valid', Issuer: 'Test Trust', Status: 'Revoked' } });
  });
});
