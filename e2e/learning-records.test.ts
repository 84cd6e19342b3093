import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../src/services/journeys/journey.service.ts';
import { approveDeploymentReview } from '../test/support/assurance-fixtures.ts';
import { RESOURCE_DEFAULTS } from '../test/support/catalogue-fixtures.ts';
import { createTestOrganisations, createTestPerson } from '../test/support/people-fixtures.ts';
import { CHECK, TRI_X, viewerOf } from '../test/support/product-fixtures.ts';
import { browserAvailability, launchChromium } from './support/browser.ts';
import type { LaunchedBrowser } from './support/browser.ts';
import { CredentialPages } from './support/credential-pages.ts';
import { startHubServer } from './support/hub-server.ts';
import type { RunningHub } from './support/hub-server.ts';
import { HubPage, squash } from './support/hub-page.ts';
import { JourneyPages } from './support/journey-pages.ts';
import { MyProductsPages } from './support/my-products-pages.ts';
import { openCheckedTab } from './support/page-checks.ts';
import type { CheckedTab } from './support/page-checks.ts';
import { signInChecked } from './support/sign-in-page.ts';
import { guardWalk } from './support/walk.ts';

/**
 * Learning records in, credentials out (issue 16), across three people: a trust admin issues the
 * NHS Learning Hub a key for the hub's learning record store; the Learning Hub (a test client
 * speaking xAPI over HTTP) reports that a nurse completed a course in her journey, and her journey
 * moves on without her ticking anything; she passes her AI product's training module, downloads the
 * credential the hub issued and checks it on the public page. Every page is checked with axe.
 */

const availability = browserAvailability();
const COURSE = 'AI foundations on NHS Learning Hub';
const COURSE_ACTIVITY = 'https://learninghub.example/catalogue/ai-foundations';

describe.skipIf(!availability.isAvailable)(`learning records in, credentials out${availability.reason ? ` (skipped: ${availability.reason})` : ''}`, () => {
  let server: RunningHub;
  let chromium: LaunchedBrowser;
  let admin: CheckedTab;
  let nurse: CheckedTab;
  let stranger: CheckedTab;
  const emails = { admin: '', nurse: '' };
  let trustId = '';
  const lrs = { key: '', secret: '', endpoint: '' };
  let downloaded = '';

  beforeAll(async () => {
    server = await startHubServer();
    const { hub } = server;
    const { trust } = await createTestOrganisations(hub);
    trustId = trust.id;
    const nursePerson = await createTestPerson(hub, { organisationId: trust.id, name: 'Nia Nurse' });
    const educator = await createTestPerson(hub, { organisationId: trust.id, roles: ['learner', 'educator'], name: 'Ed Educator' });
    const lead = await createTestPerson(hub, { organisationId: trust.id, roles: ['learner', 'product-lead'], name: 'Lee Lead' });
    emails.admin = (await createTestPerson(hub, { organisationId: trust.id, roles: ['learner', 'organisation-admin'], name: 'Ada Admin' })).email;
    emails.nurse = nursePerson.email;

    // The educator's catalogue: the Learning Hub course carries the activity id the platform reports with.
    const publish = async (title: string, minutes: number, outcomes: Array<{ topicId: string; level: string }>, activityId: string | null = null) => {
      const created = await hub.services.catalogue.createResource({ viewer: viewerOf(educator), input: { ...RESOURCE_DEFAULTS, title, durationMinutes: minutes, outcomes, activityId } });
      await hub.services.catalogue.publishResource({ viewer: viewerOf(educator), id: created.id });
    };
    await publish(COURSE, 90, [{ topicId: 'ai-applications-in-health', level: 'familiarity' }, { topicId: 'ai-definitions', level: 'familiarity' }], COURSE_ACTIVITY);
    await publish('Problems suited to AI: a reading', 30, [{ topicId: 'problems-suited-to-ai', level: 'awareness' }]);
    await hub.services.journeys.generateJourney({ viewer: viewerOf(nursePerson), settings: DEFAULT_SETTINGS });

    // Her trust uses tri-X, with published training, live.
    const { products, productTraining } = hub.services;
    const product = await products.registerProduct({ viewer: viewerOf(lead), input: TRI_X });
    const version = await products.addVersion({ viewer: viewerOf(lead), productId: product.id, input: { label: '1.0', releasedOn: '2026-01-15', releaseNotes: 'First release.', trainingImpact: 'none' } });
    const ids = { viewer: viewerOf(lead), productId: product.id, productVersionId: version.id };
    const draft = await productTraining.getModuleDraft(ids);
    const sections = Object.fromEntries(draft.sections.filter((s) => s.prefill === '' || s.needsOwnWords).map((s) => [s.requirementId, `Our local guidance on: ${s.statement}`]));
    await productTraining.saveModule({ ...ids, input: { sections, knowledgeCheck: CHECK } });
    await productTraining.publishModule(ids);
    const deployment = await products.createDeployment({ viewer: viewerOf(lead), productId: product.id, input: { organisationId: trust.id, status: 'piloting', startedOn: '2026-02-01', refresherDays: 14 } });
    await approveDeploymentReview(hub.database.db, { productId: product.id, organisationId: trust.id, leadId: lead.id });
    await products.changeDeployment({ viewer: viewerOf(lead), deploymentId: deployment.id, status: 'live', liveVersionId: version.id });

    chromium = await launchChromium();
    admin = await openCheckedTab(chromium.browser);
    nurse = await openCheckedTab(chromium.browser);
    stranger = await openCheckedTab(chromium.browser);
  });

  guardWalk(() => [admin, nurse, stranger]);

  afterAll(async () => {
    for (const tab of [admin, nurse, stranger]) await tab?.close();
    await chromium?.close();
    await server?.close();
  });

  it('the trust admin issues the NHS Learning Hub a key, after a missing platform name', async () => {
    await signInChecked(admin, server.baseUrl, emails.admin);
    const pages = new HubPage(admin.page, server.baseUrl);
    await pages.open(`/organisation?organisationId=${trustId}`);
    await admin.checks.check();
    await pages.follow('Learning record store keys');
    await expect(pages.headingText()).resolves.toBe('Learning record store keys');
    await admin.checks.check();

    await pages.press('Issue key');
    await expect(pages.errorSummaryEntries()).resolves.toEqual([{ text: 'Enter the name of the learning platform that will use the key', href: '#platform' }]);
    await admin.checks.check();

    await admin.page.getByLabel('Learning platform').fill('NHS Learning Hub');
    await pages.press('Issue key');
    const issued = admin.page.locator('.nhsuk-card--feature');
    await expect(issued.locator('h2').textContent()).resolves.toBe('Key issued to NHS Learning Hub');
    const value = async (row: string) => squash(await issued.locator('.nhsuk-summary-list__row', { hasText: row }).locator('dd').textContent());
    lrs.endpoint = await value('Endpoint');
    lrs.key = await value('Key (user name)');
    lrs.secret = await value('Secret (password)');
    // The page names the hub's public address (PUBLIC_URL); the test client calls the server it started.
    expect(lrs.endpoint).toMatch(/\/xapi$/);
    lrs.endpoint = `${server.baseUrl}/xapi`;
    await admin.checks.check();
  });

  it('the nurse’s journey starts with the Learning Hub course; the Learning Hub reports she completed it and the journey moves on', async () => {
    await signInChecked(nurse, server.baseUrl, emails.nurse);
    const journey = new JourneyPages(nurse.page, server.baseUrl);
    await journey.openJourney();
    await expect(journey.upcomingTitles()).resolves.toContain(COURSE);
    await nurse.checks.check();

    const statement = {
      actor: { objectType: 'Agent', name: 'Nia Nurse', mbox: `mailto:${emails.nurse}` },
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-GB': 'completed' } },
      object: { objectType: 'Activity', id: COURSE_ACTIVITY, definition: { name: { 'en-GB': 'AI foundations' } } },
      result: { completion: true, duration: 'PT1H25M' },
      timestamp: new Date().toISOString(),
    };
    const sent = await fetch(`${lrs.endpoint}/statements`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${lrs.key}:${lrs.secret}`).toString('base64')}`, 'x-experience-api-version': '2.0.0', 'content-type': 'application/json' },
      body: JSON.stringify(statement),
    });
    expect(sent.status).toBe(200);
    const [statementId] = (await sent.json()) as string[];
    expect(statementId).toMatch(/^[0-9a-f-]{36}$/);

    await journey.openJourney();
    await expect(journey.upcomingTitles()).resolves.not.toContain(COURSE);
    const completed = nurse.page.locator('.nhsuk-card', { hasText: COURSE });
    await expect(completed.locator('.nhsuk-tag').first().textContent()).resolves.toBe('Completed');
    await expect(completed.textContent()).resolves.toContain('Completed on NHS Learning Hub: the platform reported it to the hub.');
    await nurse.checks.check();
  });

  it('she passes her product training, downloads the credential, and a stranger checks it on the public page', async () => {
    const products = new MyProductsPages(nurse.page, server.baseUrl);
    await products.openMyProducts();
    await nurse.checks.check();
    await products.addProduct('tri-X — Test Trust');
    await nurse.checks.check();
    await products.openTraining('Start training', 'tri-X');
    await nurse.checks.check();
    await products.answer({ 'Who reviews each flagged film?': ['A radiologist'], 'Which films is it not for?': ['Under-16s', 'Portable films'] });
    await products.submitAnswers();
    await expect(products.panelText()).resolves.toBe('You passed You scored 2 out of 2 (100%).');
    await nurse.checks.check();

    const credentials = new CredentialPages(nurse.page, server.baseUrl);
    await credentials.openMyCredentials();
    await nurse.checks.check();
    const names = await credentials.credentialNames();
    const name = names.find((n) => n.startsWith('tri-X 1.0'));
    expect(name, `credentials listed: ${names.join(', ')}`).toBeDefined();
    downloaded = await credentials.download(name!);
    const credential = JSON.parse(downloaded) as { credentialSubject: { achievement: { version?: string } } };
    expect(credential.credentialSubject.achievement.version).toBe('1.0');

    const check = new CredentialPages(stranger.page, server.baseUrl);
    await check.open('/');
    await stranger.checks.check();
    await check.openCheckPage();
    await stranger.checks.check();
    await check.check(downloaded);
    await stranger.checks.check();
    expect(await check.result()).toEqual({ heading: 'Verified', rows: { Signature: 'Valid', Issuer: 'Test Trust', Status: 'Not revoked' } });
  });
});
