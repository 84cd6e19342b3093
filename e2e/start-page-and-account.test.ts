import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import { DEMO_PASSWORD, demoEmail } from '../src/services/demo/demo-dataset.ts';
import { createTestOrganisations, createTestPerson, TEST_PASSWORD } from '../test/support/people-fixtures.ts';
import { viewerOf } from '../test/support/product-fixtures.ts';
import { knowledgeTopics } from '../test/support/verification-fixtures.ts';
import { AccountPages } from './support/account-pages.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';
import { OrganisationPages } from './support/organisation-pages.ts';
import { openCheckedTab } from './support/page-checks.ts';
import type { CheckedTab } from './support/page-checks.ts';
import { signInChecked, SignInPage } from './support/sign-in-page.ts';
import { AccountSettingsPages, StartPage } from './support/start-page-pages.ts';
import { guardWalk } from './support/walk.ts';

/**
 * A learner signs in to her own start page, opens a notification from it (the count drops),
 * changes her name, job title and password on her account, signs out, forgets her password, and
 * resets it from the link an admin finds in the outbox; then signs in with the new one. Every page
 * is checked with axe.
 */

const availability = browserAvailability();
const NEW_PASSWORD = 'correct horse battery staple';
const RESET_PASSWORD = 'a password chosen from the email link';

describe.skipIf(!availability.isAvailable)(`the start page and your account${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  let learner: CheckedTab;
  let admin: CheckedTab;
  let ben: CheckedTab;
  const people = { learner: { email: '' }, admin: { email: '' } };
  let resetPath = '';

  beforeAll(async () => {
    server = await startHubServer();
    const { hub } = server;
    const { trust } = await createTestOrganisations(hub);
    const learnerPerson = await createTestPerson(hub, { organisationId: trust.id, name: 'Lina Start' });
    people.learner = learnerPerson;
    people.admin = await createTestPerson(hub, { organisationId: trust.id, roles: ['learner', 'organisation-admin'], name: 'Ada Admin' });
    await hub.services.notifications.notify({ organisationId: trust.id, personId: learnerPerson.id, message: 'Welcome to the hub. Your organisation admin has set up your account.' });
    await hub.services.notifications.notify({ organisationId: trust.id, personId: learnerPerson.id, message: 'Ada Admin is now your supervisor.', link: '/account' });
    chromium = await launchChromium();
    learner = await openCheckedTab(chromium.browser);
    admin = await openCheckedTab(chromium.browser);
    ben = await openCheckedTab(chromium.browser);
  });

  guardWalk(() => [learner, admin, ben]);

  afterAll(async () => {
    await learner?.close();
    await admin?.close();
    await ben?.close();
    await chromium?.close();
    await server?.close();
  });

  it('Ben, a radiographer in the demo data, sees his tri-X refresher and a returned verification first', async () => {
    const { hub } = server;
    await hub.services.demo.loadDemoData();
    const benPerson = (await hub.services.accounts.findPersonByEmail(demoEmail('ben.ashworth')))!;
    const hannah = (await hub.services.accounts.findPersonByEmail(demoEmail('hannah.lloyd')))!;
    await createRepositories(hub.database.db).supervisions.insertSupervision({ organisationId: benPerson.organisationId, supervisorId: hannah.id, learnerId: benPerson.id, assignedBy: hannah.id });
    const [topicId] = knowledgeTopics(hub, 1) as [string];
    await hub.services.selfAssessment.rateTopics({ viewer: viewerOf(benPerson), ratings: { [topicId]: 'awareness' } });
    const request = await hub.services.verification.requestVerification({ viewer: viewerOf(benPerson), topicId, supervisorId: hannah.id });
    await hub.services.verification.decideVerification({ viewer: viewerOf(hannah), requestId: request.id, decision: { outcome: 'returned', comment: 'Add your course certificate' } });

    const signIn = new SignInPage(ben.page, server.baseUrl);
    await signIn.openSignIn();
    await ben.checks.check();
    await signIn.signIn(benPerson.email, DEMO_PASSWORD);
    const start = new StartPage(ben.page, server.baseUrl);
    await expect(start.headingText()).resolves.toBe('Welcome, Ben Ashworth');
    await expect(start.sectionText('To do')).resolves.toMatch(/^Due by .+ Take the refresher: tri-X .+ Returned Look again at “.+” Hannah Lloyd returned your request .+“Add your course certificate”/);
    await expect(start.sectionText('Your self-assessment')).resolves.toMatch(/^You have rated yourself on 1 of \d+ topics\./);
    await ben.checks.check();

    await start.openNotification(/returned your self-rating of/);
    expect(start.path()).toBe(`/evidence/topics/${encodeURIComponent(topicId)}`);
    await ben.checks.check();
  });

  it('Lina signs in to her start page and opens her notification from it', async () => {
    await signInChecked(learner, server.baseUrl, people.learner.email);
    const start = new StartPage(learner.page, server.baseUrl);
    expect(start.path()).toBe('/');
    await expect(start.headingText()).resolves.toBe('Welcome, Lina Start');
    await expect(start.sectionText('To do')).resolves.toMatch(/^Nothing is due\./);
    await expect(start.sectionText('Your self-assessment')).resolves.toMatch(/^Start by telling us about your work with AI\./);
    await expect(start.sectionText('New notifications')).resolves.toMatch(/^Ada Admin is now your supervisor\./);
    const account = new AccountPages(learner.page, server.baseUrl);
    await expect(account.notificationsLinkText()).resolves.toBe('Notifications (2 unread)');

    await start.openNotification(/^Ada Admin is now your supervisor\./);
    expect(start.path()).toBe('/account');
    await expect(account.notificationsLinkText()).resolves.toBe('Notifications (1 unread)');
    await learner.checks.check();

    // A notice with nowhere to go is read where it is shown, with its own button.
    await account.openNotifications();
    await learner.checks.check();
    await account.press(learner.page.getByRole('button', { name: /^Mark as read/ }));
    expect(account.path()).toBe('/notifications');
    await expect(account.notificationsLinkText()).resolves.toBe('Notifications');
    await learner.checks.check();

    await start.openStartPage();
    await expect(start.sectionText('New notifications')).resolves.toMatch(/^You have no new notifications\./);
    await learner.checks.check();
  });

  it('Lina changes her name and job title, after leaving her name blank', async () => {
    const settings = new AccountSettingsPages(learner.page, server.baseUrl);
    await settings.open('/account');
    await learner.checks.check();
    await settings.follow('Change name');
    await expect(settings.headingText()).resolves.toBe('Change your name and job title');
    await learner.checks.check();

    await settings.changeDetails({ name: '', jobTitle: 'Diagnostic radiographer' });
    await expect(settings.errorSummaryEntries()).resolves.toEqual([{ text: 'Enter your name', href: '#displayName' }]);
    await learner.checks.check();

    await settings.changeDetails({ name: 'Lina Started', jobTitle: 'Diagnostic radiographer' });
    expect(settings.path()).toBe('/account?done=details');
    await expect(settings.bannerText()).resolves.toContain('Your name and job title have been changed.');
    await expect(learner.page.locator('header').getByRole('link', { name: 'Lina Started' }).count()).resolves.toBe(1);
    await learner.checks.check();
  });

  it('Lina changes her password, after mistyping the current one', async () => {
    const settings = new AccountSettingsPages(learner.page, server.baseUrl);
    await settings.follow('Change password');
    await learner.checks.check();
    await settings.changePassword({ current: 'not my password at all', next: NEW_PASSWORD });
    await expect(settings.errorSummaryEntries()).resolves.toEqual([{ text: 'Your current password is not correct', href: '#currentPassword' }]);
    await learner.checks.check();

    await settings.changePassword({ current: TEST_PASSWORD, next: NEW_PASSWORD });
    await expect(settings.bannerText()).resolves.toContain('Your password has been changed.');
    await learner.checks.check();

    const signIn = new SignInPage(learner.page, server.baseUrl);
    await signIn.openSignOut();
    await learner.checks.check();
    await signIn.confirmSignOut();
    await expect(signIn.headingText()).resolves.toBe('You have signed out');
    await learner.checks.check();
  });

  it('Lina forgets her password and asks for a link', async () => {
    const signIn = new SignInPage(learner.page, server.baseUrl);
    await signIn.openSignIn();
    await learner.checks.check();
    await signIn.follow('Forgot your password?');
    await expect(signIn.headingText()).resolves.toBe('Reset your password');
    await learner.checks.check();
    await new AccountSettingsPages(learner.page, server.baseUrl).askForResetLink(people.learner.email);
    await expect(signIn.headingText()).resolves.toBe('Check your email');
    await learner.checks.check();
  });

  it('the admin finds the email in the outbox', async () => {
    await signInChecked(admin, server.baseUrl, people.admin.email);
    const organisation = new OrganisationPages(admin.page, server.baseUrl);
    await organisation.open('/organisation/outbox');
    await admin.checks.check();
    await organisation.openEmail(new RegExp(`^Reset your AI Confidence Hub password to ${people.learner.email.replace(/\./g, '\\.')}`));
    await admin.checks.check();
    resetPath = await organisation.linkInEmail('/sign-in/reset/');
  });

  it('Lina resets her password from the link, after choosing one too short, and signs in with it', async () => {
    const settings = new AccountSettingsPages(learner.page, server.baseUrl);
    await settings.open(resetPath);
    await expect(settings.headingText()).resolves.toBe('Choose a new password');
    await learner.checks.check();
    await settings.chooseNewPassword('short');
    await expect(settings.errorSummaryEntries()).resolves.toEqual([{ text: 'Password must be 12 characters or more', href: '#password' }]);
    await learner.checks.check();
    await settings.chooseNewPassword(RESET_PASSWORD);
    await expect(settings.headingText()).resolves.toBe('Your password has been changed');
    await learner.checks.check();

    // The link works once.
    await settings.open(resetPath, 410);
    await learner.checks.check();

    const signIn = new SignInPage(learner.page, server.baseUrl);
    await signIn.openSignIn();
    await learner.checks.check();
    await signIn.signIn(people.learner.email, RESET_PASSWORD);
    expect(signIn.path()).toBe('/');
    await expect(signIn.headingText()).resolves.toBe('Welcome, Lina Started');
    await learner.checks.check();
  });
});
