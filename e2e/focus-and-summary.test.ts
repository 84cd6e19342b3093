import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import { DEMO_PASSWORD, demoEmail } from '../src/services/demo/demo-dataset.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { FocusAndSummaryPages } from './support/focus-and-summary-pages.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';
import { JourneyPages } from './support/journey-pages.ts';
import { openCheckedTab } from './support/page-checks.ts';
import type { CheckedTab } from './support/page-checks.ts';
import { SignInPage } from './support/sign-in-page.ts';
import { guardWalk } from './support/walk.ts';

/**
 * On the demo data: Hannah Lloyd, Jodie Turner's supervisor, agrees a focus for Jodie's advanced
 * User requirements. Jodie is told, sees the focus and its reason on her self-assessment and
 * summary, finds her saved journey marked out of date and re-plans it in one click; from the
 * summary she goes on to plan her learning, and "Update your rating" takes her to the subject's
 * question. Every page either of them sees is checked with axe.
 */

const availability = browserAvailability();
const REASON = 'The MDT covers liability and guidelines: focus on biases at the bedside';

describe.skipIf(!availability.isAvailable)(`a supervisor's focus reaches the learner${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  let jodie: CheckedTab;
  let hannah: CheckedTab;
  let jodieId = '';

  beforeAll(async () => {
    server = await startHubServer();
    await server.hub.services.demo.loadDemoData();
    jodieId = (await createRepositories(server.hub.database.db).people.findPersonByEmail(demoEmail('jodie.turner')))?.id ?? '';
    chromium = await launchChromium();
    jodie = await openCheckedTab(chromium.browser);
    hannah = await openCheckedTab(chromium.browser);
  });

  guardWalk(() => [jodie, hannah]);

  afterAll(async () => {
    await jodie?.close();
    await hannah?.close();
    await chromium?.close();
    await server?.close();
  });

  async function signInAs(tab: CheckedTab, name: string) {
    const page = new SignInPage(tab.page, server.baseUrl);
    await page.openSignIn();
    await tab.checks.check();
    await page.signIn(demoEmail(name), DEMO_PASSWORD);
    await tab.checks.check();
  }

  it('Jodie plans a learning journey', async () => {
    expect(jodieId).not.toBe('');
    await signInAs(jodie, 'jodie.turner');
    const journey = new JourneyPages(jodie.page, server.baseUrl);
    await journey.openJourney();
    await jodie.checks.check();
    await journey.press('Plan my learning journey');
    await jodie.checks.check();
    await journey.press('Plan my journey');
    await jodie.checks.check();
    await expect(journey.bannerText()).resolves.toContain('Your learning journey has been planned.');
    await expect(new FocusAndSummaryPages(jodie.page, server.baseUrl).outOfDateText()).resolves.toBe('');
  });

  it('Hannah agrees a focus for Jodie, and sees who saved it and when', async () => {
    await signInAs(hannah, 'hannah.lloyd');
    const pages = new FocusAndSummaryPages(hannah.page, server.baseUrl);
    await pages.open(`/people/${jodieId}/assessment`);
    await hannah.checks.check();
    await pages.agreeFocus('User', ['Cognitive biases', 'Interface with patients'], REASON);
    await hannah.checks.check();
    const body = await hannah.page.locator('main').textContent();
    expect(body).toMatch(new RegExp(`Focused on Cognitive biases, Interface with patients since \\d{1,2} \\w+ \\d{4}: ${REASON}`));
    expect(body).toMatch(/Saved by Hannah Lloyd on \d{1,2} \w+ \d{4}/);
  });

  it('Jodie is told, and sees the focus and its reason on her self-assessment and summary', async () => {
    const pages = new FocusAndSummaryPages(jodie.page, server.baseUrl);
    await pages.open('/notifications');
    await jodie.checks.check();
    const [latest] = await pages.notificationTexts();
    expect(latest).toContain('Hannah Lloyd agreed a focus for your advanced User requirements: Cognitive biases, Interface with patients');
    await pages.follow(/Hannah Lloyd agreed a focus/);
    await jodie.checks.check();
    expect(pages.path()).toBe('/self-assessment');
    await expect(pages.agreedFocusText()).resolves.toMatch(new RegExp(`User: Cognitive biases, Interface with patients\\. Reason: ${REASON} Saved by Hannah Lloyd on`));
    await pages.follow('Summary: requirements met, not met and not yet rated');
    await jodie.checks.check();
    await expect(pages.agreedFocusText()).resolves.toContain(REASON);
  });

  it('her journey is marked out of date, and one click re-plans it', async () => {
    const journey = new JourneyPages(jodie.page, server.baseUrl);
    const pages = new FocusAndSummaryPages(jodie.page, server.baseUrl);
    await journey.openJourney();
    await jodie.checks.check();
    await expect(pages.outOfDateText()).resolves.toMatch(/Your learning journey is out of date because your supervisor changed the focus of your advanced requirements on \d{1,2} \w+ \d{4}/);
    await pages.press('Re-plan with my current profile');
    await jodie.checks.check();
    expect(pages.path()).toBe('/journey?done=planned');
    await expect(pages.outOfDateText()).resolves.toBe('');
  });

  it('from her summary she goes on to plan her learning, and "Update your rating" lands on the subject', async () => {
    const pages = new FocusAndSummaryPages(jodie.page, server.baseUrl);
    // A subject she is not yet at, so the summary has a gap to update.
    await pages.open('/self-assessment/factors/ai-literacy');
    await jodie.checks.check();
    const firstQuestion = jodie.page.locator('main fieldset').first();
    const subject = (await firstQuestion.locator('legend').textContent())?.trim().replace(/^How would you rate yourself on (.*)\?$/, '$1') ?? '';
    await firstQuestion.getByLabel('Not yet', { exact: true }).check();
    await pages.press('Save and come back later');
    await jodie.checks.check();
    await pages.follow('Summary: requirements met, not met and not yet rated');
    await jodie.checks.check();
    await pages.press('Plan your learning');
    await jodie.checks.check();
    expect(pages.path()).toBe('/journey/plan');
    await pages.open('/self-assessment/summary');
    await jodie.checks.check();
    const updateLinks = (await jodie.page.getByRole('link', { name: /^Update your rating of / }).allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    expect(updateLinks).toContain(`Update your rating of ${subject}`);
    await pages.follow(`Update your rating of ${subject}`);
    await jodie.checks.check();
    const target = await pages.fragmentTarget();
    expect(target.isFieldset).toBe(true);
    expect(target.legend).toBe(`How would you rate yourself on ${subject}?`);
  });
});
