import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResourceInput } from '../src/services/catalogue/catalogue.types.ts';
import type { Viewer } from '../src/services/identity/viewer.ts';
import { createTestOrganisations, createTestPerson } from '../test/support/people-fixtures.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';
import { JourneyPages } from './support/journey-pages.ts';
import { guardWalk } from './support/walk.ts';
import { openCheckedTab } from './support/page-checks.ts';
import type { CheckedTab } from './support/page-checks.ts';
import { signInChecked } from './support/sign-in-page.ts';
import { RESOURCE_DEFAULTS } from '../test/support/catalogue-fixtures.ts';

/**
 * A learner plans a learning journey from her gaps, fixes a mistyped form, swaps an item for an
 * alternative, starts and completes one and is prompted to update her self-assessment; an educator
 * publishes a journey template which she then follows. Every page is checked with axe.
 */

const availability = browserAvailability();


describe.skipIf(!availability.isAvailable)(`a learner's journey and an educator's template${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  let learner: CheckedTab;
  let educator: CheckedTab;
  const accounts: Record<'learner' | 'educator', { email: string }> = { learner: { email: '' }, educator: { email: '' } };

  beforeAll(async () => {
    server = await startHubServer();
    const { hub } = server;
    const { trust } = await createTestOrganisations(hub);
    const learnerPerson = await createTestPerson(hub, { organisationId: trust.id, name: 'Lina Learner' });
    const educatorPerson = await createTestPerson(hub, { organisationId: trust.id, roles: ['learner', 'educator'], name: 'Ed Educator' });
    accounts.learner = learnerPerson;
    accounts.educator = educatorPerson;
    const viewer: Viewer = { personId: educatorPerson.id, organisationId: trust.id, displayName: educatorPerson.displayName, email: educatorPerson.email, roles: ['learner', 'educator'] };
    const publish = async (title: string, durationMinutes: number, outcomes: ResourceInput['outcomes']) => {
      const created = await hub.services.catalogue.createResource({ viewer, input: { ...RESOURCE_DEFAULTS, title, durationMinutes, outcomes } });
      await hub.services.catalogue.publishResource({ viewer, id: created.id });
    };
    await publish('AI in health: a short video', 20, [
      { topicId: 'ai-applications-in-health', level: 'awareness' },
      { topicId: 'problems-suited-to-ai', level: 'awareness' },
    ]);
    await publish('Foundations of AI course', 240, [
      { topicId: 'ai-applications-in-health', level: 'familiarity' },
      { topicId: 'problems-suited-to-ai', level: 'awareness' },
      { topicId: 'ai-definitions', level: 'familiarity' },
    ]);
    await publish('Defining AI: a reading', 45, [{ topicId: 'ai-definitions', level: 'familiarity' }]);
    chromium = await launchChromium();
    learner = await openCheckedTab(chromium.browser);
    educator = await openCheckedTab(chromium.browser);
  });

  guardWalk(() => [learner, educator]);

  afterAll(async () => {
    await learner?.close();
    await educator?.close();
    await chromium?.close();
    await server?.close();
  });


  it('Lina plans a journey, after mistyping her hours', async () => {
    await signInChecked(learner, server.baseUrl, accounts.learner.email);
    const journey = new JourneyPages(learner.page, server.baseUrl);
    await journey.openJourney();
    await expect(journey.headingText()).resolves.toBe('Your learning journey');
    await learner.checks.check();

    await journey.press('Plan my learning journey');
    await learner.checks.check();
    await journey.fillPlanForm({ hoursPerWeek: 'two' });
    await journey.press('Plan my journey');
    await expect(journey.errorSummaryEntries()).resolves.toEqual([{ text: 'Hours a week must be a number, like 2 or 1.5', href: '#hoursPerWeek' }]);
    await expect(journey.fieldError('hoursPerWeek')).resolves.toBe('Hours a week must be a number, like 2 or 1.5');
    await learner.checks.check();

    await journey.fillPlanForm({ hoursPerWeek: '1' });
    await journey.press('Plan my journey');
    expect(journey.path()).toBe('/journey?done=planned');
    await expect(journey.bannerText()).resolves.toContain('Your learning journey has been planned.');
    await expect(journey.upcomingTitles()).resolves.toEqual(['AI in health: a short video', 'Defining AI: a reading']);
    await expect(journey.explanationsFor('Defining AI: a reading')).resolves.toEqual(['Familiarity: What algorithms, AI, machine learning and deep learning are (you have not rated this yet)']);
    await learner.checks.check();
  });

  it('she swaps the video for the course, and the plan drops the reading the course covers', async () => {
    const journey = new JourneyPages(learner.page, server.baseUrl);
    await journey.openAlternatives('AI in health: a short video');
    await expect(journey.headingText()).resolves.toBe('Alternatives to AI in health: a short video');
    await learner.checks.check();
    await journey.press('Swap and re-plan');
    await expect(journey.errorSummaryEntries()).resolves.toEqual([{ text: 'Choose an alternative', href: '#alternativeId' }]);
    await learner.checks.check();
    await journey.chooseAlternative('Foundations of AI course');
    await journey.press('Swap and re-plan');
    await expect(journey.upcomingTitles()).resolves.toEqual(['Foundations of AI course']);
    await learner.checks.check();
  });

  it('she starts and completes the course and is asked to update her self-assessment', async () => {
    const journey = new JourneyPages(learner.page, server.baseUrl);
    await journey.pressOnItem('Foundations of AI course', 'Start');
    await expect(journey.bannerText()).resolves.toContain('Marked as started.');
    await learner.checks.check();
    // Start leads to the resource's page (issue 11); its journey panel leads back.
    await journey.follow('Back to your learning journey');
    await learner.checks.check();
    await journey.pressOnItem('Foundations of AI course', 'Mark as completed');
    await expect(journey.page.locator('.nhsuk-panel').textContent()).resolves.toContain('Marked as completed');
    await expect(journey.page.getByRole('link', { name: 'Update your rating of What algorithms, AI, machine learning and deep learning are' }).count()).resolves.toBe(1);
    await learner.checks.check();
    await journey.press('Back to your journey');
    await expect(journey.upcomingTitles()).resolves.toEqual([]);
    await learner.checks.check();
  });

  it('an educator publishes a journey template and Lina follows it', async () => {
    await signInChecked(educator, server.baseUrl, accounts.educator.email);
    const pages = new JourneyPages(educator.page, server.baseUrl);
    await pages.open('/journey/templates');
    await educator.checks.check();
    await pages.press('Create a journey template');
    await educator.checks.check();
    await pages.press('Save journey template');
    await expect(pages.errorSummaryEntries()).resolves.toEqual([
      { text: 'Enter a title', href: '#title' },
      { text: 'Enter a description', href: '#description' },
    ]);
    await educator.checks.check();
    await pages.page.getByLabel('Title').fill('Foundational AI for all staff');
    await pages.page.getByLabel('Description').fill('Where everyone starts.');
    await pages.page.getByLabel('AI in health: a short video').check();
    await pages.press('Save journey template');
    await expect(pages.headingText()).resolves.toBe('Foundational AI for all staff');
    await educator.checks.check();
    await pages.press('Publish');
    await expect(pages.bannerText()).resolves.toContain('status has changed');
    await educator.checks.check();

    const journey = new JourneyPages(learner.page, server.baseUrl);
    await journey.open('/journey/templates');
    await learner.checks.check();
    await journey.follow('Foundational AI for all staff');
    await learner.checks.check();
    await journey.press('Use this journey');
    await expect(journey.page.getByText('You are following the journey template “Foundational AI for all staff”.').count()).resolves.toBe(1);
    await learner.checks.check();
  });
});
