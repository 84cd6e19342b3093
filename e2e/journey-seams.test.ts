import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResourceInput } from '../src/services/catalogue/catalogue.types.ts';
import type { Viewer } from '../src/services/identity/viewer.ts';
import { RESOURCE_DEFAULTS } from '../test/support/catalogue-fixtures.ts';
import { createTestOrganisations, createTestPerson } from '../test/support/people-fixtures.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';
import { JourneySeamsPages } from './support/journey-seams-pages.ts';
import { openCheckedTab } from './support/page-checks.ts';
import type { CheckedTab } from './support/page-checks.ts';
import { signInChecked } from './support/sign-in-page.ts';
import { guardWalk } from './support/walk.ts';

/**
 * A learner who wants free learning only plans a journey, sees which of her settings left a gap
 * open and which gap the plan takes only part of the way, starts an item and lands on the
 * resource with her journey beside it, marks it completed there and finds her way back. Every
 * page is checked with axe.
 */

const availability = browserAvailability();

describe.skipIf(!availability.isAvailable)(`a journey that holds together end to end${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  let learner: CheckedTab;
  let email = '';

  beforeAll(async () => {
    server = await startHubServer();
    const { hub } = server;
    const { trust } = await createTestOrganisations(hub);
    const person = await createTestPerson(hub, { organisationId: trust.id, name: 'Fran Freeonly' });
    const educator = await createTestPerson(hub, { organisationId: trust.id, roles: ['learner', 'educator'], name: 'Ed Educator' });
    email = person.email;
    const viewer: Viewer = { personId: educator.id, organisationId: trust.id, displayName: educator.displayName, email: educator.email, roles: ['learner', 'educator'] };
    const publish = async (title: string, outcomes: ResourceInput['outcomes'], extra: Partial<ResourceInput> = {}) => {
      const created = await hub.services.catalogue.createResource({ viewer, input: { ...RESOURCE_DEFAULTS, title, durationMinutes: 30, outcomes, ...extra } });
      await hub.services.catalogue.publishResource({ viewer, id: created.id });
    };
    await publish('AI in health: a short video', [{ topicId: 'ai-applications-in-health', level: 'awareness' }], { durationMinutes: 40 });
    // Taught only to awareness; the familiarity every worker needs is not in the catalogue.
    await publish('Definitions in five minutes', [{ topicId: 'ai-definitions', level: 'awareness' }], { url: 'https://example.org/definitions', durationMinutes: 5 });
    // Taught to familiarity, but not for free.
    await publish('Regulator guidance workshop', [{ topicId: 'professional-regulator-guidance', level: 'familiarity' }], { costPence: 5000, format: 'workshop' });
    chromium = await launchChromium();
    learner = await openCheckedTab(chromium.browser);
  });

  guardWalk(() => [learner]);

  afterAll(async () => {
    await learner?.close();
    await chromium?.close();
    await server?.close();
  });

  it('Fran plans free learning only and sees why each gap is open', async () => {
    await signInChecked(learner, server.baseUrl, email);
    const journey = new JourneySeamsPages(learner.page, server.baseUrl);
    await journey.openJourney();
    await learner.checks.check();
    await journey.press('Plan my learning journey');
    await learner.checks.check();
    await journey.fillPlanForm({ hoursPerWeek: '1', freeOnly: true });
    await journey.press('Plan my journey');
    expect(journey.path()).toBe('/journey?done=planned');
    await expect(journey.plannedTitles()).resolves.toEqual(['Definitions in five minutes', 'AI in health: a short video']);
    await expect(journey.gapLinesUnder('Gaps your settings leave open')).resolves.toEqual([
      'Familiarity: Guidance from professional regulators (GMC, NMC, HCPC) on technology and AI (not rated yet) 1 resource would close this but is not free.',
    ]);
    await expect(journey.gapLinesUnder('Gaps closed part of the way')).resolves.toEqual([
      'Familiarity: What algorithms, AI, machine learning and deep learning are (not rated yet) Reaches Awareness; Familiarity is not taught in the catalogue yet.',
    ]);
    await expect(journey.explanationsFor('Definitions in five minutes')).resolves.toEqual([
      'Awareness: What algorithms, AI, machine learning and deep learning are (you have not rated this yet), part of the way to Familiarity',
    ]);
    await learner.checks.check();
  });

  it('she starts the short read and lands on it, with her journey beside it', async () => {
    const journey = new JourneySeamsPages(learner.page, server.baseUrl);
    await journey.pressOnItem('Definitions in five minutes', 'Start');
    expect(journey.path()).toMatch(/^\/catalogue\/resources\/[\w-]+\?journey=started$/);
    await expect(journey.headingText()).resolves.toBe('Definitions in five minutes');
    await expect(journey.bannerText()).resolves.toContain('Marked as started.');
    await expect(journey.journeyPanelStatus()).resolves.toBe('Started');
    await expect(journey.openResourceHref('Definitions in five minutes')).resolves.toBe('https://example.org/definitions');
    await learner.checks.check();
  });

  it('she marks it completed there, sees what is next and goes back to her journey', async () => {
    const journey = new JourneySeamsPages(learner.page, server.baseUrl);
    await journey.press('Mark as completed');
    expect(journey.path()).toMatch(/^\/journey\/items\/[\w-]+\/completed$/);
    await expect(journey.page.locator('.nhsuk-panel').textContent()).resolves.toContain('Marked as completed');
    await expect(journey.page.locator('main h2:text-is("Up next") + p a').textContent()).resolves.toBe('AI in health: a short video');
    await learner.checks.check();
    await journey.press('Back to your journey');
    expect(journey.path()).toBe('/journey');
    await expect(journey.plannedTitles()).resolves.toEqual(['AI in health: a short video']);
    await expect(journey.gapLinesUnder('Gaps no resource in the catalogue closes yet')).resolves.toContain(
      'Familiarity: What algorithms, AI, machine learning and deep learning are (you reached Awareness through earlier learning) Familiarity is not taught in the catalogue yet.',
    );
    await learner.checks.check();
  });
});
