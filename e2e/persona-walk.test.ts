import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestOrganisations, createTestPerson, TEST_PASSWORD } from '../test/support/people-fixtures.ts';
import { AccountPages } from './support/account-pages.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { EvidencePage } from './support/evidence-page.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';
import { InvitationPage, OrganisationPages } from './support/organisation-pages.ts';
import { guardWalk } from './support/walk.ts';
import { openCheckedTab } from './support/page-checks.ts';
import type { CheckedTab } from './support/page-checks.ts';
import { solidPng } from './support/sample-files.ts';
import { SelfAssessmentPages } from './support/self-assessment-pages.ts';
import { SignInPage } from './support/sign-in-page.ts';
import { VerificationPages } from './support/verification-pages.ts';

/**
 * One nurse's journey through the hub with the people around her: her organisation admin makes
 * Sam her supervisor; she finds her archetypes, rates herself, adds evidence and asks Sam to verify
 * a rating; Sam sets a different level and agrees an advanced focus; she sees both levels and
 * downloads her data; the admin invites a colleague. Every page any of them sees is checked with
 * axe, error pages included: `afterEach` fails a step that left a page unchecked.
 *
 * The steps share one hub and run in order; each carries on from where the last one left off.
 */

const availability = browserAvailability();

const POSTER = { name: 'ward-poster.png', mimeType: 'image/png', buffer: solidPng(24, 16, [0, 94, 184]) };
const NOT_A_PDF = { name: 'certificate.pdf', mimeType: 'application/pdf', buffer: Buffer.from('This is a text file, whatever its name says.\n') };
const ADJUST_REASON = 'Running the ward session shows familiarity; understanding needs you to apply it to new situations.';

describe.skipIf(!availability.isAvailable)(`a nurse, her supervisor and their organisation admin${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  let people: Record<'nurse' | 'supervisor' | 'admin', { id: string; email: string; displayName: string }>;
  const tabs: CheckedTab[] = [];
  /** The subjects Nia rated on the first factor page, in page order. */
  let literacySubjects: string[] = [];

  let nurse: CheckedTab;
  let supervisor: CheckedTab;
  let admin: CheckedTab;

  async function openTab(options: Parameters<typeof openCheckedTab>[1] = {}): Promise<CheckedTab> {
    const tab = await openCheckedTab(chromium.browser, options);
    tabs.push(tab);
    return tab;
  }

  beforeAll(async () => {
    server = await startHubServer();
    const { hub } = server;
    const { trust } = await createTestOrganisations(hub);
    people = {
      nurse: await createTestPerson(hub, { organisationId: trust.id, name: 'Nia Nurse' }),
      supervisor: await createTestPerson(hub, { organisationId: trust.id, roles: ['supervisor'], name: 'Sam Supervisor' }),
      admin: await createTestPerson(hub, { organisationId: trust.id, roles: ['organisation-admin'], name: 'Ada Admin' }),
    };
    chromium = await launchChromium();
    [nurse, supervisor, admin] = await Promise.all([openTab(), openTab(), openTab()]);
  });

  guardWalk(() => tabs);

  afterAll(async () => {
    for (const tab of tabs) await tab.close();
    await chromium?.close();
    await server?.close();
  });

  async function signIn(tab: CheckedTab, email: string): Promise<SignInPage> {
    const signInPage = new SignInPage(tab.page, server.baseUrl);
    await signInPage.openSignIn();
    await tab.checks.check();
    await signInPage.signIn(email, TEST_PASSWORD);
    expect(signInPage.path()).toBe('/');
    await tab.checks.check();
    return signInPage;
  }

  it('the organisation admin makes Sam the supervisor of Nia, after a blank email address', async () => {
    await signIn(admin, people.admin.email);
    const organisation = new OrganisationPages(admin.page, server.baseUrl);
    await organisation.openOrganisation();
    await expect(organisation.headingText()).resolves.toBe('Test Trust');
    await admin.checks.check();

    await organisation.openPerson('Nia Nurse');
    expect(organisation.path()).toBe(`/organisation/people/${people.nurse.id}`);
    await expect(organisation.page.getByText('Nia Nurse has no supervisor.').count()).resolves.toBe(1);
    await admin.checks.check();

    await organisation.assignSupervisor('');
    await expect(organisation.errorSummaryEntries()).resolves.toEqual([{ text: "Enter the supervisor's email address", href: '#supervisor' }]);
    await expect(organisation.fieldError('supervisor')).resolves.toBe("Enter the supervisor's email address");
    await admin.checks.check();

    await organisation.assignSupervisor(people.supervisor.email);
    await expect(organisation.bannerText()).resolves.toContain('Supervisor assigned.');
    await expect(organisation.supervisorNames()).resolves.toEqual(['Sam Supervisor']);
    await admin.checks.check();
  });

  it('the organisation admin reads the activity that records it, and lets CIS2 sign-in create accounts', async () => {
    const organisation = new OrganisationPages(admin.page, server.baseUrl);
    await organisation.openOrganisation();
    await admin.checks.check();
    await organisation.openActivity();
    await expect(organisation.headingText()).resolves.toBe('Sign-ins and account activity');
    const supervisorRow = (await organisation.activityRows()).find((cells) => cells[1] === 'Supervisor assigned');
    expect(supervisorRow?.slice(2)).toEqual(['Ada Admin', 'Nia Nurse', 'Test Trust']);
    await admin.checks.check();

    await organisation.openOrganisation();
    await admin.checks.check();
    await organisation.openSignInSettings();
    await expect(organisation.headingText()).resolves.toBe('Sign-in settings');
    await admin.checks.check();
    await organisation.allowCis2AccountCreation();
    await expect(organisation.bannerText()).resolves.toContain('The sign-in settings for Test Trust have been saved.');
    await admin.checks.check();
  });

  it('Nia signs in, after mistyping her password', async () => {
    const signInPage = new SignInPage(nurse.page, server.baseUrl);
    await signInPage.openSignIn();
    await expect(signInPage.headingText()).resolves.toBe('Sign in');
    await nurse.checks.check();

    await signInPage.signIn(people.nurse.email, 'not my password at all');
    await expect(signInPage.errorSummaryEntries()).resolves.toEqual([{ text: 'Enter a correct email address and password', href: '#email' }]);
    await expect(signInPage.page.getByLabel('Email address').inputValue()).resolves.toBe(people.nurse.email);
    await nurse.checks.check();

    await signInPage.signIn(people.nurse.email, TEST_PASSWORD);
    expect(signInPage.path()).toBe('/');
    // Her start page: nothing done yet, so it tells her to start with her work with AI.
    await expect(signInPage.headingText()).resolves.toMatch(/^Welcome, /);
    await expect(signInPage.page.getByRole('link', { name: 'Tell us about your work' }).count()).resolves.toBe(1);
    await nurse.checks.check();

    // Pages for admins are closed to her, with a page that says so.
    await signInPage.open('/organisation', 403);
    await nurse.checks.check();
  });

  it('Nia finds her archetypes and saves her roles with AI, after missing questions on both forms', async () => {
    const assessment = new SelfAssessmentPages(nurse.page, server.baseUrl);
    await assessment.openOverview();
    await expect(assessment.headingText()).resolves.toBe('Your self-assessment');
    await nurse.checks.check();

    await assessment.follow('your roles with AI');
    await nurse.checks.check();
    await assessment.follow('Not sure? Find your archetypes by ticking what you do');
    await expect(assessment.headingText()).resolves.toBe('Find your archetypes');
    await nurse.checks.check();

    await assessment.press('Suggest archetypes');
    await expect(assessment.errorSummaryEntries()).resolves.toEqual([{ text: 'Select at least one statement that describes your work', href: '#responsibilities' }]);
    await nurse.checks.check();

    await assessment.tickStatements(['Use AI within healthcare settings in accordance with guidelines', 'Communicate with patients and the public about AI']);
    await assessment.press('Suggest archetypes');
    await expect(assessment.headingText()).resolves.toBe('Archetypes that fit what you do');
    await expect(assessment.suggestedArchetypes()).resolves.toEqual(['User']);
    await nurse.checks.check();

    await assessment.press('Use these archetypes');
    expect(assessment.path()).toBe('/self-assessment/profile?suggested=user');
    await expect(assessment.archetypeBox('User').isChecked()).resolves.toBe(true);
    await expect(assessment.archetypeBox('Driver').isChecked()).resolves.toBe(false);
    await nurse.checks.check();

    await assessment.fillProfile({ professionalGroup: 'Nursing, midwifery and health visiting', setting: 'Acute hospital' });
    await assessment.press('Save your roles');
    await expect(assessment.errorSummaryEntries()).resolves.toEqual([
      { text: 'Select yes if AI you work with is used in clinical reasoning and decision making', href: '#clinicalDecisionMaking' },
    ]);
    await expect(assessment.archetypeBox('User').isChecked()).resolves.toBe(true);
    await expect(assessment.page.getByLabel('Professional group').inputValue()).resolves.toBe('nursing-midwifery-and-health-visiting');
    await nurse.checks.check();

    await assessment.fillProfile({ clinicalDecisionMaking: 'Yes' });
    await assessment.press('Save your roles');
    expect(assessment.path()).toBe('/self-assessment?saved=profile');
    await expect(assessment.bannerText()).resolves.toContain('Your roles with AI have been saved.');
    await expect(assessment.profileRows()).resolves.toMatchObject({
      Archetypes: 'User',
      'AI in clinical decisions': 'Yes',
      'Professional group': 'Nursing, midwifery and health visiting',
      'Where you work': 'Acute hospital',
    });
    await expect(assessment.progressText()).resolves.toMatch(/^You have rated 0 of \d+ subjects/);
    await nurse.checks.check();
  });

  it('Nia rates two factor pages by their labels and sees her progress', async () => {
    const assessment = new SelfAssessmentPages(nurse.page, server.baseUrl);
    await assessment.openFactor('AI literacy');
    await expect(assessment.headingText()).resolves.toBe('AI literacy');
    literacySubjects = await assessment.subjects();
    expect(literacySubjects).toHaveLength(4);
    await nurse.checks.check();

    const levels = ['Understanding', 'Familiarity', 'Awareness', 'Not yet'];
    for (const [i, subject] of literacySubjects.entries()) await assessment.rate(subject, levels[i] ?? 'Not yet');
    await assessment.press('Save and continue');
    expect(assessment.path()).toBe('/self-assessment/factors/regulation-and-standards');
    await expect(assessment.headingText()).resolves.toBe('Regulation and standards');
    await nurse.checks.check();

    const [first, second] = await assessment.subjects();
    await assessment.rate(first ?? '', 'Familiarity');
    await assessment.rate(second ?? '', 'Awareness');
    await assessment.press('Save and come back later');
    expect(assessment.path()).toBe('/self-assessment?saved=ratings');
    await expect(assessment.bannerText()).resolves.toContain('Your ratings have been saved.');
    await expect(assessment.progressText()).resolves.toMatch(/^You have rated 6 of \d+ subjects/);
    await expect(assessment.factorStatus('AI literacy')).resolves.toBe('Completed');
    await expect(assessment.factorStatus('Regulation and standards')).resolves.toBe('2 of 4 rated');
    await expect(assessment.factorStatus('Guidelines')).resolves.toBe('Not started');
    await nurse.checks.check();
  });

  it('Nia reads her summary, as a chart and a table, and the history of her ratings', async () => {
    const assessment = new SelfAssessmentPages(nurse.page, server.baseUrl);
    await assessment.openSummary();
    await expect(assessment.headingText()).resolves.toBe('Your self-assessment summary');
    // Four statements are met (three at their level, one above it); one asks for more; one is "not yet".
    await expect(assessment.summarySentence()).resolves.toMatch(/^Of the \d+ requirement statements that apply to you, 4 are met, 2 are not met and \d+ are not yet rated\.$/);
    const charts = assessment.page.locator('main figure svg[role="img"]');
    await expect(charts.count()).resolves.toBeGreaterThanOrEqual(2);
    await expect(charts.first().getAttribute('aria-labelledby')).resolves.toBe('chart-tier-title chart-tier-desc');
    await expect(assessment.tableRows('By tier: the numbers behind the chart')).resolves.toContainEqual(['Foundational', '4', '2', expect.stringMatching(/^\d+$/), expect.stringMatching(/^\d+$/)]);
    await nurse.checks.check();

    await assessment.open('/self-assessment/history');
    await expect(assessment.headingText()).resolves.toBe('How your ratings have changed');
    const history = await assessment.tableRows('Your ratings');
    expect(history).toHaveLength(6);
    expect(history.map((row) => row[1])).toEqual(expect.arrayContaining(literacySubjects));
    await nurse.checks.check();
  });

  it('Nia adds a note, a link and a picture as evidence, is told a text file is not a PDF, and asks Sam to verify', async () => {
    const assessment = new SelfAssessmentPages(nurse.page, server.baseUrl);
    const subject = literacySubjects[0] ?? '';
    await assessment.openOverview();
    await nurse.checks.check();
    await assessment.openFactor('AI literacy');
    await expect(assessment.page.getByText(/You last rated this understanding on /).count()).resolves.toBe(1);
    await nurse.checks.check();

    await assessment.openEvidenceFor(subject);
    const evidence = new EvidencePage(nurse.page, server.baseUrl);
    await expect(evidence.headingText()).resolves.toBe(subject);
    await expect(evidence.ratingRow('Your rating')).resolves.toMatch(/^Understanding \(rated /);
    await expect(evidence.ratingRow('Verified level')).resolves.toBe('Not verified yet');
    await nurse.checks.check();

    await evidence.addNote('Ran a lunchtime session for the ward on where AI is already used in our hospital.', 'Ward teaching session');
    await expect(evidence.bannerText()).resolves.toContain('Your evidence has been added.');
    await nurse.checks.check();

    await evidence.addLink('https://learning.example.nhs.uk/certificates/ai-101', 'AI 101 certificate');
    await nurse.checks.check();

    await evidence.uploadFile(POSTER);
    await expect(evidence.evidenceTitles()).resolves.toEqual(expect.arrayContaining(['Ward teaching session', 'AI 101 certificate', 'ward-poster.png']));
    await nurse.checks.check();

    await evidence.uploadFile(NOT_A_PDF, 'My certificate');
    await expect(evidence.errorSummaryEntries()).resolves.toEqual([{ text: 'The selected file must be a PDF, PNG or JPEG', href: '#file' }]);
    await expect(evidence.fieldError('file')).resolves.toBe('The selected file must be a PDF, PNG or JPEG');
    await expect(evidence.page.getByLabel('Title of the file (optional)').inputValue()).resolves.toBe('My certificate');
    await expect(evidence.evidenceTitles()).resolves.toHaveLength(3);
    await nurse.checks.check();

    await evidence.askForVerification('Sam Supervisor', 'The poster is from our AI awareness week.');
    await expect(evidence.bannerText()).resolves.toContain('Your supervisor has been asked to verify your rating.');
    await expect(evidence.page.locator('main .nhsuk-inset-text').textContent()).resolves.toMatch(/You asked Sam Supervisor on .* to verify your rating of Understanding\./);
    await expect(evidence.historyRows()).resolves.toEqual([[expect.any(String), 'Sam Supervisor', 'Understanding', 'Waiting for a decision', '–', '–']]);
    await nurse.checks.check();
  });

  it('Nia signs out', async () => {
    const signInPage = new SignInPage(nurse.page, server.baseUrl);
    await signInPage.openSignOut();
    await expect(signInPage.headingText()).resolves.toBe('Sign out');
    await nurse.checks.check();
    await signInPage.confirmSignOut();
    await expect(signInPage.headingText()).resolves.toBe('You have signed out');
    await nurse.checks.check();
  });

  it('Sam is told of the request, finds it in his queue and opens Nia’s evidence', async () => {
    await signIn(supervisor, people.supervisor.email);
    const account = new AccountPages(supervisor.page, server.baseUrl);
    await expect(account.notificationsLinkText()).resolves.toBe('Notifications (2 unread)');
    await account.openNotifications();
    const subject = literacySubjects[0] ?? '';
    await expect(account.notifications()).resolves.toEqual([
      expect.stringMatching(new RegExp(`^New Nia Nurse asked you to verify their self-rating of “${escapeRegExp(subject)}”\\.`)),
      expect.stringMatching(/^New You now supervise Nia Nurse\./),
    ]);
    await supervisor.checks.check();
    await account.markAllRead();
    await expect(account.notificationsLinkText()).resolves.toBe('Notifications');
    await supervisor.checks.check();

    const verification = new VerificationPages(supervisor.page, server.baseUrl);
    await verification.openQueue();
    await expect(verification.queueRows()).resolves.toEqual([['Nia Nurse', subject, 'Understanding', '3', expect.any(String)]]);
    await supervisor.checks.check();

    await verification.openRequest(subject);
    await expect(verification.headingText()).resolves.toBe(subject);
    await expect(verification.page.getByText('The poster is from our AI awareness week.').count()).resolves.toBe(1);
    await supervisor.checks.check();
    const download = await verification.downloadEvidence('ward-poster.png');
    expect(download.suggestedFilename()).toBe('ward-poster.png');
    expect((await readFile(await download.path())).equals(POSTER.buffer)).toBe(true);
  });

  it('Sam sets a different level, once he has given his reason, and the decision is kept as made', async () => {
    const verification = new VerificationPages(supervisor.page, server.baseUrl);
    await verification.decide({ outcome: 'Set a different level', level: 'Familiarity' });
    await expect(verification.errorSummaryEntries()).resolves.toEqual([{ text: 'Enter why you are setting a different level', href: '#reason' }]);
    await expect(verification.fieldError('reason')).resolves.toBe('Enter why you are setting a different level');
    await expect(verification.page.getByLabel('Set a different level').isChecked()).resolves.toBe(true);
    await expect(verification.page.getByLabel('The level you can verify').inputValue()).resolves.toBe('familiarity');
    await supervisor.checks.check();

    await verification.decide({ outcome: 'Set a different level', reason: ADJUST_REASON });
    expect(verification.path()).toBe('/verification?done=decided');
    await expect(verification.bannerText()).resolves.toContain('Your decision has been saved and the learner has been told.');
    await expect(verification.page.getByText('There are no requests waiting for you.').count()).resolves.toBe(1);
    await supervisor.checks.check();

    // The notification still leads to the request, which now shows the decision as it was made.
    const account = new AccountPages(supervisor.page, server.baseUrl);
    await account.openNotifications();
    await supervisor.checks.check();
    await account.follow(/^Nia Nurse asked you to verify/);
    await expect(verification.decisionRows()).resolves.toMatchObject({
      Outcome: 'Different level set',
      'Self-rated level': 'Understanding',
      'Verified level': 'Familiarity',
      Reason: ADJUST_REASON,
    });
    await expect(verification.page.getByRole('button', { name: 'Save decision' }).count()).resolves.toBe(0);
    await supervisor.checks.check();
  });

  it('Sam agrees an advanced focus for Nia (R7), after forgetting the reason', async () => {
    const account = new AccountPages(supervisor.page, server.baseUrl);
    await account.openAccount('Sam Supervisor');
    await supervisor.checks.check();
    await account.follow('Nia Nurse', account.page.locator('main'));
    expect(account.path()).toBe(`/organisation/people/${people.nurse.id}`);
    await supervisor.checks.check();
    await account.follow('Nia Nurse’s self-assessment');
    expect(account.path()).toBe(`/people/${people.nurse.id}/assessment`);
    await expect(account.page.locator('main .nhsuk-summary-list').textContent()).resolves.toMatch(/Requirements met \(verified\)\s*1 of \d+/);
    await supervisor.checks.check();

    const verification = new VerificationPages(supervisor.page, server.baseUrl);
    await verification.agreeFocus('User', ['Cognitive biases'], '');
    await expect(verification.errorSummaryEntries()).resolves.toEqual([{ text: 'Enter the reason for the focus', href: '#reason-user' }]);
    await supervisor.checks.check();

    await verification.agreeFocus('User', ['Cognitive biases'], 'Nia leads on bias for the stroke unit team; colleagues cover the other advanced factors.');
    expect(verification.path()).toBe(`/people/${people.nurse.id}/assessment`);
    await expect(verification.focusText('User')).resolves.toMatch(/^Focused on Cognitive biases since .*: Nia leads on bias/);
    await supervisor.checks.check();

    const signInPage = new SignInPage(supervisor.page, server.baseUrl);
    await signInPage.openSignOut();
    await supervisor.checks.check();
    await signInPage.confirmSignOut();
    await supervisor.checks.check();
  });

  it('Nia sees the outcome, her self-rated and verified levels side by side, and her verified summary', async () => {
    const signInPage = new SignInPage(nurse.page, server.baseUrl);
    await signInPage.follow('Sign in again');
    await nurse.checks.check();
    await signInPage.signIn(people.nurse.email, TEST_PASSWORD);
    await nurse.checks.check();

    const account = new AccountPages(nurse.page, server.baseUrl);
    await expect(account.notificationsLinkText()).resolves.toBe('Notifications (3 unread)');
    await account.openNotifications();
    const subject = literacySubjects[0] ?? '';
    const [focus, outcome] = await account.notifications();
    expect(focus).toMatch(/^New Sam Supervisor agreed a focus for your advanced User requirements: Cognitive biases\./);
    expect(outcome).toMatch(new RegExp(`^New Sam Supervisor set a different level for your self-rating of “${escapeRegExp(subject)}”\\.`));
    await nurse.checks.check();

    await account.follow(/^Sam Supervisor set a different level/);
    const evidence = new EvidencePage(nurse.page, server.baseUrl);
    await expect(evidence.headingText()).resolves.toBe(subject);
    await expect(evidence.ratingRow('Your rating')).resolves.toMatch(/^Understanding \(rated /);
    await expect(evidence.ratingRow('Verified level')).resolves.toBe('Familiarity');
    await expect(evidence.historyRows()).resolves.toEqual([[expect.any(String), 'Sam Supervisor', 'Understanding', 'Different level set', 'Familiarity', ADJUST_REASON]]);
    await nurse.checks.check();

    await evidence.withdraw('AI 101 certificate');
    await expect(evidence.bannerText()).resolves.toContain('Your evidence has been withdrawn.');
    await expect(evidence.evidenceItem('AI 101 certificate').getByText('Withdrawn', { exact: true }).count()).resolves.toBe(1);
    await nurse.checks.check();

    const assessment = new SelfAssessmentPages(nurse.page, server.baseUrl);
    await assessment.openOverview();
    await nurse.checks.check();
    await assessment.openSummary();
    await nurse.checks.check();
    await assessment.follow('Show verified levels');
    expect(assessment.path()).toBe('/self-assessment/summary?basis=verified');
    await expect(assessment.page.getByText('Based on levels your supervisor has verified.').count()).resolves.toBe(1);
    await expect(assessment.summarySentence()).resolves.toMatch(/^Of the \d+ requirement statements that apply to you, 1 is met, 0 are not met and \d+ are not yet verified\.$/);
    await nurse.checks.check();
  });

  it('Nia downloads everything the hub holds about her, ratings included', async () => {
    const account = new AccountPages(nurse.page, server.baseUrl);
    await account.openAccount('Nia Nurse');
    await expect(account.headingText()).resolves.toBe('Your account');
    await expect(account.page.locator('main').textContent()).resolves.toMatch(/Sam Supervisor, since/);
    await nurse.checks.check();

    const download = await account.downloadMyData();
    expect(download.suggestedFilename()).toMatch(/^ai-confidence-hub-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(await readFile(await download.path(), 'utf8')) as { format: string; person: { email: string }; ratings: Array<{ topicId: string; level: string }> };
    expect(data.format).toBe('ai-confidence-hub/personal-data@1');
    expect(data.person.email).toBe(people.nurse.email);
    expect(data.ratings).toHaveLength(6);
    expect(data.ratings.map((r) => r.level).sort()).toEqual(['awareness', 'awareness', 'familiarity', 'familiarity', 'not-yet', 'understanding']);
  });

  it('Nia’s choices survive her session ending mid-form: she signs in again and they are put back', async () => {
    const assessment = new SelfAssessmentPages(nurse.page, server.baseUrl);
    await assessment.openOverview();
    await nurse.checks.check();
    await assessment.openFactor('Regulation and standards');
    await nurse.checks.check();
    const subjects = await assessment.subjects();
    const third = subjects[2] ?? '';
    await assessment.rate(third, 'Awareness');

    await server.hub.services.sessions.endAllSessions({ personId: people.nurse.id });
    await assessment.press('Save and continue');
    expect(assessment.path()).toBe(`/sign-in?returnTo=${encodeURIComponent('/self-assessment/factors/regulation-and-standards')}`);
    await expect(assessment.page.locator('main .nhsuk-inset-text').textContent()).resolves.toContain('what you entered will be put back');
    await nurse.checks.check();

    await new SignInPage(nurse.page, server.baseUrl).signIn(people.nurse.email, TEST_PASSWORD);
    expect(assessment.path()).toBe('/self-assessment/factors/regulation-and-standards');
    await expect(assessment.page.locator('main .nhsuk-inset-text').textContent()).resolves.toContain('We have put back what you entered');
    await expect(assessment.page.getByRole('group', { name: `How would you rate yourself on ${third}?` }).getByLabel('Awareness', { exact: true }).isChecked()).resolves.toBe(true);
    await nurse.checks.check();

    await assessment.press('Save and continue');
    expect(assessment.path()).toBe('/self-assessment/factors/evaluation-and-validation');
    await nurse.checks.check();
  });

  it('the admin invites a pharmacist, who sets a password without JavaScript, after one too short', async () => {
    const organisation = new OrganisationPages(admin.page, server.baseUrl);
    await organisation.openOrganisation();
    await expect(organisation.page.locator('main table', { hasText: 'Nia Nurse' }).textContent()).resolves.toContain('Sam Supervisor');
    await admin.checks.check();

    await organisation.openInvite();
    await expect(organisation.headingText()).resolves.toBe('Invite a member of staff');
    await admin.checks.check();
    await organisation.invite({});
    await expect(organisation.errorSummaryEntries()).resolves.toEqual([
      { text: 'Enter their full name', href: '#displayName' },
      { text: 'Enter their email address', href: '#email' },
    ]);
    await admin.checks.check();

    await organisation.invite({ name: 'Priya Pharmacist', email: 'priya.pharmacist@example.nhs.uk' });
    expect(organisation.path()).toMatch(/^\/organisation\/outbox\?organisationId=[\w-]+&invited=1$/);
    await expect(organisation.bannerText()).resolves.toContain('Invitation sent.');
    await admin.checks.check();

    await organisation.openEmail(/^Your invitation to the AI Confidence Hub to priya\.pharmacist@example\.nhs\.uk/);
    await expect(organisation.headingText()).resolves.toBe('Your invitation to the AI Confidence Hub');
    const invitationPath = await organisation.linkInEmail('/invitations/');
    await admin.checks.check();

    // The invitee follows the link in a browser of their own, with JavaScript turned off.
    const invitee = await openTab({ javaScriptEnabled: false });
    const invitation = new InvitationPage(invitee.page, server.baseUrl);
    await invitation.open(invitationPath);
    await expect(invitation.headingText()).resolves.toBe('Accept your invitation');
    await invitee.checks.check();

    await invitation.createAccount('too short');
    await expect(invitation.errorSummaryEntries()).resolves.toEqual([{ text: 'Password must be 12 characters or more', href: '#password' }]);
    await expect(invitation.fieldError('password')).resolves.toBe('Password must be 12 characters or more');
    await invitee.checks.check();

    await invitation.createAccount('four unrelated words make a good password');
    expect(invitation.path()).toBe('/account?welcome=1');
    // Still a page no script has touched, axe checks included: the NHS.UK template marks the body when one runs.
    expect((await invitation.page.locator('body').getAttribute('class')) ?? '').not.toContain('js-enabled');
    await expect(invitation.page.locator('.nhsuk-notification-banner').textContent()).resolves.toContain('Your account is ready');
    await expect(invitation.page.locator('main').textContent()).resolves.toContain('priya.pharmacist@example.nhs.uk');
    await invitee.checks.check();

    await expect(new AccountPages(invitee.page, server.baseUrl).notificationsLinkText()).resolves.toBe('Notifications');
    await invitation.followHeaderLink('Notifications');
    await expect(invitation.page.getByText('You have no notifications.').count()).resolves.toBe(1);
    await invitee.checks.check();

    await invitation.open(invitationPath, 410);
    await expect(invitation.headingText()).resolves.toBe('This invitation has already been used');
    await invitee.checks.check();
    await invitation.open('/invitations/no-such-invitation', 404);
    await expect(invitation.headingText()).resolves.toBe('This invitation link is not valid');
    await invitee.checks.check();
  });

  it('the admin adds a team beneath the trust, after leaving out its name, then checks Nia and her own account', async () => {
    const organisation = new OrganisationPages(admin.page, server.baseUrl);
    await organisation.openOrganisation();
    await admin.checks.check();
    await organisation.openAddOrganisation();
    await expect(organisation.headingText()).resolves.toBe('Add an organisation');
    await admin.checks.check();

    await organisation.addOrganisation({ kind: 'Team' });
    await expect(organisation.errorSummaryEntries()).resolves.toEqual([{ text: 'Enter the name of the organisation', href: '#name' }]);
    await admin.checks.check();
    await organisation.addOrganisation({ name: 'Stroke unit AI group' });
    await expect(organisation.headingText()).resolves.toBe('Stroke unit AI group');
    await expect(organisation.bannerText()).resolves.toContain('Stroke unit AI group has been added.');
    await admin.checks.check();

    await organisation.open(`/organisation/people/${people.nurse.id}`);
    await expect(organisation.supervisorNames()).resolves.toEqual(['Sam Supervisor']);
    await admin.checks.check();

    const account = new AccountPages(admin.page, server.baseUrl);
    await account.openAccount('Ada Admin');
    await expect(account.page.locator('main .nhsuk-summary-list').textContent()).resolves.toContain('Organisation admin');
    await admin.checks.check();
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
