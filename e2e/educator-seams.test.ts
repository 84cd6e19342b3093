import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyItems, journeys, learningResources } from '../src/db/schema.ts';
import { DEFAULT_SETTINGS } from '../src/services/journeys/journey.service.ts';
import type { PlannerReport } from '../src/services/journeys/journey.service.ts';
import type { Viewer } from '../src/services/identity/viewer.ts';
import { createTestOrganisations, createTestPerson } from '../test/support/people-fixtures.ts';
import { RESOURCE_DEFAULTS } from '../test/support/catalogue-fixtures.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { EducatorPages } from './support/educator-pages.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';
import { openCheckedTab } from './support/page-checks.ts';
import type { CheckedTab } from './support/page-checks.ts';
import { signInChecked } from './support/sign-in-page.ts';
import { guardWalk } from './support/walk.ts';

/**
 * Issue 11, educators, in Chromium: Anika reads the curation gaps and downloads them, downloads the
 * import template, imports a file naming topics by label (one mistyped, which the hub suggests a
 * fix for), edits a broad resource on a form of closed factor expanders, retires a resource saying
 * why and opens the list of resources due for review; Lena, who had that resource in her journey,
 * is told. Every page is checked with axe.
 */

const availability = browserAvailability();
const RETIRED_TITLE = 'AI safety basics (2023 edition)';
const BROAD_TITLE = 'Foundations of AI confidence';
const REASON = 'Replaced by the 2025 edition, which covers the new regulations.';
const HEADER = 'title,provider,url,description,format,duration_minutes,vendor_neutral,outcomes';
const importRow = (topic: string) =>
  `Evaluating AI evidence,Test Trust academy,https://academy.example.nhs.uk/evidence,How to read the evidence for an AI product.,course,90,true,"${topic}:awareness;What algorithms, AI, machine learning and deep learning are:familiarity"`;
const daysFromNow = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

describe.skipIf(!availability.isAvailable)(`educators' journeys in Chromium${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  let educatorEmail = '';
  let learnerEmail = '';
  const tabs: CheckedTab[] = [];
  let educator: CheckedTab;
  let learner: CheckedTab;

  beforeAll(async () => {
    server = await startHubServer();
    const { hub } = server;
    const { trust } = await createTestOrganisations(hub);
    const anika = await createTestPerson(hub, { organisationId: trust.id, roles: ['learner', 'educator'], name: 'Anika Desai' });
    const lena = await createTestPerson(hub, { organisationId: trust.id, name: 'Lena Learner' });
    educatorEmail = anika.email;
    learnerEmail = lena.email;
    const viewer: Viewer = { personId: anika.id, organisationId: trust.id, displayName: anika.displayName, email: anika.email, roles: ['learner', 'educator'] };
    const catalogue = hub.services.catalogue;
    const retiring = await catalogue.createResource({ viewer, input: { ...RESOURCE_DEFAULTS, title: RETIRED_TITLE, durationMinutes: 30, reviewDate: daysFromNow(-10), outcomes: [{ topicId: 'model-bias', level: 'familiarity' }] } });
    await catalogue.publishResource({ viewer, id: retiring.id });
    const broadOutcomes = ['ai-definitions', 'how-ai-learns', 'model-bias', 'testing-and-validation', 'ce-ukca-marking', 'professional-regulator-guidance', 'ongoing-monitoring', 'deployment-risks', 'explainability', 'cognitive-biases', 'appropriate-confidence', 'patient-choice'];
    await catalogue.createResource({ viewer, input: { ...RESOURCE_DEFAULTS, title: BROAD_TITLE, durationMinutes: 360, reviewDate: daysFromNow(20), outcomes: broadOutcomes.map((topicId) => ({ topicId, level: 'awareness' })) } });
    // Lena's journey has the resource still to do, as a plan of it would have left it.
    const planner: PlannerReport = { solver: 'exact', optimal: true, solveMs: 1, gapCount: 1, closedCount: 1, unclosable: [], outOfBudget: [] };
    const [journey] = await hub.database.db
      .insert(journeys)
      .values({ organisationId: trust.id, personId: lena.id, frameworkId: 'dart-ed-2022', frameworkVersion: hub.services.assessmentFramework().version, settings: DEFAULT_SETTINGS, planner })
      .returning();
    await hub.database.db.insert(journeyItems).values({ organisationId: trust.id, journeyId: journey!.id, resourceId: retiring.id, position: 1, closes: [], status: 'planned', addedBecause: 'plan' });
    chromium = await launchChromium();
    for (let i = 0; i < 2; i += 1) tabs.push(await openCheckedTab(chromium.browser));
    [educator, learner] = tabs as [CheckedTab, CheckedTab];
  });

  guardWalk(() => tabs);

  afterAll(async () => {
    for (const tab of tabs) await tab.close();
    await chromium?.close();
    await server?.close();
  });

  it('Anika reads the curation gaps, which agree with themselves, and downloads them as CSV', async () => {
    await signInChecked(educator, server.baseUrl, educatorEmail);
    const pages = new EducatorPages(educator.page, server.baseUrl);
    await pages.openCatalogue();
    await educator.checks.check();
    await pages.follow('Curation gaps: what to commission next');
    await expect(pages.headingText()).resolves.toBe('Curation gaps');
    const headline = await educator.page.locator('#untaught-headline').textContent();
    expect(headline).not.toContain('Every topic');
    const csv = await pages.download('Download this report (CSV)');
    expect(csv.filename).toBe('curation-gaps.csv');
    const rows = parse(csv.text, { columns: true }) as Array<Record<string, string>>;
    const untaught = new Set(rows.filter((r) => r.best_available_now === 'Nothing published').map((r) => r.topic_id));
    expect(untaught.has('model-bias')).toBe(false);
    expect(headline).toContain(`${untaught.size} topics have nothing published`);
    await expect(pages.tableRowTitles('Topics nothing published teaches')).resolves.toHaveLength(untaught.size);
    await educator.checks.check();
  });

  it('Anika downloads the import template, imports topics by label, and fixes the one the hub suggests a fix for', async () => {
    const pages = new EducatorPages(educator.page, server.baseUrl);
    await pages.follow('Back to the learning catalogue');
    await educator.checks.check();
    await pages.follow('Import resources from a CSV or JSON file');
    await expect(pages.tableCaptions()).resolves.toContain('Columns of a resources CSV file');
    const template = await pages.download('Download the template (CSV)');
    expect(template.filename).toBe('learning-resources-template.csv');
    expect(template.text.split('\n')[0]).toContain('title,provider,url,description,format,duration_minutes');
    const topics = await pages.download('Download the framework’s topics (CSV)');
    expect(topics.text).toContain('problems-suited-to-ai,Healthcare problems best suited to AI');
    await educator.checks.check();

    await pages.pasteImport('CSV', [HEADER, importRow('Healthcare problems suited to AI')].join('\n'));
    await expect(pages.errorSummaryEntries()).resolves.toEqual([
      { text: 'Row 2 – outcomes: “Healthcare problems suited to AI” is not a topic of the framework. Did you mean “Healthcare problems best suited to AI” (problems-suited-to-ai)?', href: '#content' },
    ]);
    await educator.checks.check();

    await educator.page.getByLabel('Content', { exact: true }).fill([HEADER, importRow('Healthcare problems best suited to AI')].join('\n'));
    await pages.press('Import');
    await expect(pages.panelText()).resolves.toContain('1 resource created');
    await educator.checks.check();
  });

  it('Anika edits a broad resource on a short form of closed factor expanders', async () => {
    const pages = new EducatorPages(educator.page, server.baseUrl);
    const [row] = await server.hub.database.db.select({ id: learningResources.id }).from(learningResources).where(eq(learningResources.title, BROAD_TITLE));
    await pages.open(`/catalogue/resources/${row!.id}`);
    await educator.checks.check();
    await pages.press('Edit');
    await expect(pages.headingText()).resolves.toBe(`Edit ${BROAD_TITLE}`);
    for (const factor of ['AI literacy', 'Governance', 'Implementation', 'Clinical use']) await expect(pages.outcomeExpander(factor).getAttribute('open')).resolves.toBeNull();
    await expect(pages.outcomeExpander('Governance').locator('summary').textContent()).resolves.toMatch(/Governance \(\d+ chosen\)/);
    await expect(educator.page.locator('#chosen-outcomes li').count()).resolves.toBe(12);
    expect(await pages.pageHeight()).toBeLessThan(5000);
    await educator.checks.check();
    await pages.chooseOutcome('AI literacy', 'Healthcare problems best suited to AI', 'Awareness');
    await pages.press('Save changes');
    await expect(pages.bannerText()).resolves.toContain('Your changes have been saved.');
    await educator.checks.check();
  });

  it('Anika retires a resource, which needs a reason, then opens the resources due for review', async () => {
    const pages = new EducatorPages(educator.page, server.baseUrl);
    await pages.follow('Back to the learning catalogue');
    await educator.checks.check();
    await pages.openResource(RETIRED_TITLE);
    await educator.checks.check();
    await pages.press('Retire');
    await expect(pages.headingText()).resolves.toBe('Retire this resource');
    await expect(educator.page.locator('main .nhsuk-inset-text').textContent()).resolves.toContain('1 learner has it ahead in their learning journey');
    await educator.checks.check();
    await pages.retireWithReason('');
    await expect(pages.errorSummaryEntries()).resolves.toEqual([{ text: 'Enter why the resource is being retired', href: '#reason' }]);
    await educator.checks.check();
    await pages.retireWithReason(REASON);
    await expect(pages.bannerText()).resolves.toContain('The resource has been retired.');
    await expect(pages.detailRows()).resolves.toMatchObject({ Status: expect.stringContaining(`Reason: ${REASON}`) });
    await educator.checks.check();

    await pages.follow('Back to the learning catalogue');
    await educator.checks.check();
    await pages.follow('Resources due for review');
    await expect(pages.headingText()).resolves.toBe('Resources due for review');
    // The retired resource needs no review; the broad one is due within 30 days.
    await expect(pages.tableRowTitles('Resources to review')).resolves.toEqual([BROAD_TITLE]);
    await educator.checks.check();
    await educator.page.getByLabel('Show resources', { exact: true }).selectOption({ label: 'Due within a year' });
    await pages.press('Show');
    await expect(pages.tableRowTitles('Resources to review')).resolves.toEqual([BROAD_TITLE]);
    await educator.checks.check();
  });

  it('Lena, who had the resource in her journey, is told why it went and where to choose another', async () => {
    await signInChecked(learner, server.baseUrl, learnerEmail);
    const pages = new EducatorPages(learner.page, server.baseUrl);
    await pages.followHeaderLink('Notifications (1 unread)');
    const notice = learner.page.locator('main li', { hasText: RETIRED_TITLE });
    await expect(notice.textContent()).resolves.toContain(`Reason: “${REASON.slice(0, -1)}”`);
    await learner.checks.check();
    await pages.follow(new RegExp(`${RETIRED_TITLE.replace(/[()]/g, '\\$&')}.*has been retired`));
    expect(pages.path()).toBe('/journey');
    await learner.checks.check();
  });
});
