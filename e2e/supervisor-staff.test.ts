import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import { DEFAULT_SETTINGS } from '../src/services/journeys/journey.service.ts';
import { RESOURCE_DEFAULTS } from '../test/support/catalogue-fixtures.ts';
import { createTestOrganisations, createTestPerson } from '../test/support/people-fixtures.ts';
import { viewerOf } from '../test/support/product-fixtures.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { EvidencePage } from './support/evidence-page.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';
import { JourneyPages } from './support/journey-pages.ts';
import { openCheckedTab } from './support/page-checks.ts';
import type { CheckedTab } from './support/page-checks.ts';
import { signInChecked } from './support/sign-in-page.ts';
import { StaffPages } from './support/staff-pages.ts';
import { VerificationPages } from './support/verification-pages.ts';
import { guardWalk } from './support/walk.ts';

/**
 * A learner completes a journey item, raises her rating to what it brought, adds evidence and asks
 * for verification, then withdraws another request. Her supervisor finds her in "My staff",
 * filters, opens her page, verifies two requests at once and a rating nobody asked about, and the
 * learner sees the result. Every page is checked with axe.
 */

const availability = browserAvailability();

const SUBJECTS = {
  applications: 'Examples of AI applications in health and care',
  definitions: 'What algorithms, AI, machine learning and deep learning are',
  problems: 'Healthcare problems best suited to AI',
  learns: 'How AI learns',
};

describe.skipIf(!availability.isAvailable)(`a supervisor's staff and verification${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  let learner: CheckedTab;
  let supervisor: CheckedTab;
  const emails = { learner: '', supervisor: '' };
  let learnsLabel = SUBJECTS.learns;

  beforeAll(async () => {
    server = await startHubServer();
    const { hub } = server;
    const { trust } = await createTestOrganisations(hub);
    const lina = await createTestPerson(hub, { organisationId: trust.id, name: 'Lina Learner' });
    const sam = await createTestPerson(hub, { organisationId: trust.id, roles: ['learner', 'supervisor'], name: 'Sam Supervisor' });
    const educator = await createTestPerson(hub, { organisationId: trust.id, roles: ['learner', 'educator'], name: 'Ed Educator' });
    const other = await createTestPerson(hub, { organisationId: trust.id, name: 'Omar Other' });
    emails.learner = lina.email;
    emails.supervisor = sam.email;
    const { supervisions } = createRepositories(hub.database.db);
    for (const learnerId of [lina.id, other.id]) await supervisions.insertSupervision({ organisationId: trust.id, supervisorId: sam.id, learnerId, assignedBy: sam.id });
    const course = await hub.services.catalogue.createResource({
      viewer: viewerOf(educator),
      input: { ...RESOURCE_DEFAULTS, title: 'Foundations of AI course', durationMinutes: 240, outcomes: [{ topicId: 'ai-applications-in-health', level: 'familiarity' }, { topicId: 'ai-definitions', level: 'familiarity' }] },
    });
    await hub.services.catalogue.publishResource({ viewer: viewerOf(educator), id: course.id });
    await hub.services.selfAssessment.rateTopics({ viewer: viewerOf(lina), ratings: { 'ai-applications-in-health': 'not-yet', 'ai-definitions': 'awareness', 'problems-suited-to-ai': 'awareness', 'how-ai-learns': 'awareness' } });
    await hub.services.journeys.generateJourney({ viewer: viewerOf(lina), settings: DEFAULT_SETTINGS });
    learnsLabel = hub.services.assessmentFramework().index.topicById.get('how-ai-learns')?.label ?? SUBJECTS.learns;
    chromium = await launchChromium();
    learner = await openCheckedTab(chromium.browser);
    supervisor = await openCheckedTab(chromium.browser);
  });

  guardWalk(() => [learner, supervisor]);

  afterAll(async () => {
    await learner?.close();
    await supervisor?.close();
    await chromium?.close();
    await server?.close();
  });

  it('Lina completes the course and is offered to raise her rating before asking for verification', async () => {
    await signInChecked(learner, server.baseUrl, emails.learner);
    const journey = new JourneyPages(learner.page, server.baseUrl);
    await journey.openJourney();
    await learner.checks.check();
    await journey.pressOnItem('Foundations of AI course', 'Start');
    await learner.checks.check();
    // Start leads to the resource's page; its journey panel leads back.
    await journey.follow('Back to your learning journey');
    await learner.checks.check();
    await journey.pressOnItem('Foundations of AI course', 'Mark as completed');
    await learner.checks.check();
    await journey.follow(`Add evidence and ask for verification of ${SUBJECTS.applications}`);
    const evidence = new EvidencePage(learner.page, server.baseUrl);
    await expect(evidence.ratingRow('Your rating')).resolves.toMatch(/^Not yet/);
    await learner.checks.check();
    await evidence.press('Update your rating to Familiarity');
    await expect(evidence.bannerText()).resolves.toContain('Your rating has been updated');
    await expect(evidence.ratingRow('Your rating')).resolves.toMatch(/^Familiarity/);
    await expect(learner.page.getByRole('button', { name: /^Update your rating to/ }).count()).resolves.toBe(0);
    await learner.checks.check();
    await evidence.addNote('Completed the Foundations of AI course and its case studies.', 'Course certificate');
    await learner.checks.check();
    await evidence.askForVerification('Sam Supervisor');
    await expect(evidence.bannerText()).resolves.toContain('Your supervisor has been asked to verify your rating.');
    await learner.checks.check();
  });

  it('she asks about two more subjects and withdraws one of those requests', async () => {
    const evidence = new EvidencePage(learner.page, server.baseUrl);
    for (const topic of ['ai-definitions', 'problems-suited-to-ai']) {
      await evidence.open(`/evidence/topics/${topic}`);
      await learner.checks.check();
      await evidence.askForVerification('Sam Supervisor');
      await learner.checks.check();
    }
    await evidence.press('Withdraw this request');
    await expect(evidence.bannerText()).resolves.toContain('Your request has been withdrawn');
    await expect(evidence.historyRows()).resolves.toEqual([[expect.any(String), 'Sam Supervisor', 'Awareness', 'Withdrawn', '–', '–']]);
    await learner.checks.check();
  });

  it('Sam finds Lina in My staff with a filter and opens her page', async () => {
    await signInChecked(supervisor, server.baseUrl, emails.supervisor);
    const staff = new StaffPages(supervisor.page, server.baseUrl);
    await staff.openMyStaff();
    await expect(staff.headingText()).resolves.toBe('My staff');
    await expect(staff.staffRows().then((rows) => rows.map((r) => r[0]))).resolves.toEqual(['Lina Learner', 'Omar Other']);
    await supervisor.checks.check();
    await staff.filter({ show: 'Waiting for you to verify' });
    expect(staff.path()).toContain('show=open-requests');
    const rows = await staff.staffRows();
    expect(rows.map((r) => r[0])).toEqual(['Lina Learner']);
    expect(rows[0]).toEqual(['Lina Learner', expect.stringMatching(/^4 of \d+ subjects rated$/), '0 (0% of rated)', '2 requests from Lina Learner', 'No archetypes', '1 of 1 items done', 'None needed']);
    await supervisor.checks.check();
    await staff.openPerson('Lina Learner');
    await expect(staff.headingText()).resolves.toBe('Lina Learner');
    await expect(staff.ratingRow(SUBJECTS.applications)).resolves.toEqual([SUBJECTS.applications, 'Familiarity', 'Awareness', 'Waiting for your decision on ' + SUBJECTS.applications]);
    await expect(supervisor.page.getByText('Course certificate').count()).resolves.toBe(1);
    await supervisor.checks.check();
  });

  it('he verifies both waiting requests at once, then a rating nobody asked about', async () => {
    const staff = new StaffPages(supervisor.page, server.baseUrl);
    const queue = new VerificationPages(supervisor.page, server.baseUrl);
    await queue.openQueue();
    await expect(queue.queueRows().then((rows) => rows.length)).resolves.toBe(2);
    await supervisor.checks.check();
    await staff.verifySelected([
      { learner: 'Lina Learner', subject: SUBJECTS.applications },
      { learner: 'Lina Learner', subject: SUBJECTS.definitions },
    ]);
    await expect(staff.bannerText()).resolves.toContain('2 requests verified');
    await expect(supervisor.page.getByText('There are no requests waiting for you.').count()).resolves.toBe(1);
    await supervisor.checks.check();
    await staff.openMyStaff();
    await supervisor.checks.check();
    await staff.openPerson('Lina Learner');
    await supervisor.checks.check();
    await staff.verifyUnasked(learnsLabel, 'Awareness');
    await expect(staff.bannerText()).resolves.toContain('The rating is verified');
    await expect(staff.ratingRow(learnsLabel)).resolves.toEqual([learnsLabel, 'Awareness', expect.any(String), 'Verified: Awareness']);
    await supervisor.checks.check();
  });

  it('Lina sees her ratings verified', async () => {
    const evidence = new EvidencePage(learner.page, server.baseUrl);
    await evidence.open('/evidence/topics/how-ai-learns');
    await expect(evidence.ratingRow('Verified level')).resolves.toBe('Awareness');
    await learner.checks.check();
    await evidence.open('/evidence/topics/ai-applications-in-health');
    await expect(evidence.ratingRow('Verified level')).resolves.toBe('Familiarity');
    await expect(evidence.historyRows()).resolves.toEqual([[expect.any(String), 'Sam Supervisor', 'Familiarity', 'Confirmed', 'Familiarity', '–']]);
    await learner.checks.check();
  });
});
