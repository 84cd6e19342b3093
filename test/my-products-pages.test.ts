import { approveDeploymentReview } from './support/assurance-fixtures.ts';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiDeploymentUsers, moduleAttempts } from '../src/db/schema.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { CHECK, ROTA, TRI_X } from './support/product-fixtures.ts';

const REFRESHER_NOTES = 'New model: flags pneumothorax.\n\nCheck every flag on a film with a chest drain.';
/** The first section's own text: raw HTML and a heading the page must nest under the section's. */
const FIRST_SECTION = '# Our local rules\n\nRead <script>alert(1)</script> before you start.';

interface DraftSection {
  requirementId: string;
  prefill: string;
  statement: string;
  needsOwnWords: boolean;
}

/** The error summary's links as "#href text". */
const errorLinks = (html: string) => {
  const summary = /<div class="nhsuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...summary.matchAll(/<a href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => `${m[1]} ${(m[2] ?? '').replace(/\s+/g, ' ').trim()}`);
};
const squash = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const tags = (html: string) => [...html.matchAll(/<strong class="nhsuk-tag[^"]*">([\s\S]*?)<\/strong>/g)].map((m) => (m[1] ?? '').trim());
const h1s = (html: string) => html.match(/<h1[\s>]/g)?.length ?? 0;
const longDate = /\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}/;

describe.each(databaseTargets())('"Your AI products", taking a module and training currency pages on $name', (target) => {
  let hub: TestHub;
  let lead: TestSession;
  let learner: TestSession;
  let otherLead: TestSession;
  let trustId: string;
  let teamId: string;
  let otherTrustId: string;
  let productId: string;
  const versionIds: Record<string, string> = {};
  const moduleIds: Record<string, string> = {};
  let deploymentId: string;
  let otherModuleId: string;

  const attemptCount = async () => (await hub.database.db.select({ n: sql<number>`count(*)::int` }).from(moduleAttempts))[0]?.n ?? 0;

  /** Records a version, then writes and publishes its module with CHECK. */
  async function publishVersion(session: TestSession, product: string, label: string, trainingImpact: string, releaseNotes: string): Promise<{ versionId: string; moduleId: string }> {
    const version = await session.api('POST', `/api/v1/products/${product}/versions`, { label, releasedOn: '2026-01-15', releaseNotes, trainingImpact });
    expect(version.statusCode).toBe(201);
    const versionId = version.json().id as string;
    const url = `/api/v1/products/${product}/versions/${versionId}/module`;
    // A later version's module starts as a copy of the last one (issue 11): save over it, confirming each section.
    const draft = (await session.api('GET', url)).json();
    const sections = draft.sections as DraftSection[];
    const content = Object.fromEntries(sections.filter((s) => s.prefill === '' || s.needsOwnWords).map((s) => [s.requirementId, `Our local guidance on: ${s.statement}`]));
    content[sections[0]!.requirementId] = FIRST_SECTION;
    expect((await session.api('PUT', url, { ...(draft.version === null ? {} : { version: draft.version }), sections: content, reviewed: sections.map((s) => s.requirementId), knowledgeCheck: CHECK })).statusCode).toBe(200);
    const published = await session.api('POST', `${url}/publish`, {});
    expect(published.statusCode).toBe(200);
    return { versionId, moduleId: published.json().moduleId as string };
  }

  beforeAll(async () => {
    hub = await createTestHub(target);
    const orgs = await createTestOrganisations(hub);
    trustId = orgs.trust.id;
    otherTrustId = orgs.otherTrust.id;
    teamId = (await hub.services.organisations.createOrganisation({ kind: 'team', name: 'Radiology team', parentId: trustId })).id;
    const leadPerson = await createTestPerson(hub, { organisationId: trustId, roles: ['learner', 'product-lead'], name: 'Hana Lead' });
    const learnerPerson = await createTestPerson(hub, { organisationId: trustId, name: 'Rae Radiographer' });
    const otherLeadPerson = await createTestPerson(hub, { organisationId: otherTrustId, roles: ['learner', 'product-lead'], name: 'Otto Lead' });
    [lead, learner, otherLead] = await Promise.all([leadPerson, learnerPerson, otherLeadPerson].map((p) => signIn(hub.app, p.email))) as [TestSession, TestSession, TestSession];

    productId = (await lead.api('POST', '/api/v1/products', TRI_X)).json().id;
    for (const [label, impact, notes] of [['1.0', 'none', 'First release.'], ['1.1', 'refresher-required', REFRESHER_NOTES]] as const) {
      const published = await publishVersion(lead, productId, label, impact, notes);
      versionIds[label] = published.versionId;
      moduleIds[label] = published.moduleId;
    }
    const deployed = await lead.api('POST', `/api/v1/products/${productId}/deployments`, { organisationId: trustId, status: 'piloting', startedOn: '2026-02-01', refresherDays: 14 });
    deploymentId = deployed.json().id;
    // Approved for going live (issue 12): these tests are about training, not the review.
    await approveDeploymentReview(hub.database.db, { productId, organisationId: trustId, leadId: (await lead.api('GET', '/api/v1/me')).json().id });
    expect((await lead.api('PATCH', `/api/v1/deployments/${deploymentId}`, { status: 'live', liveVersionId: versionIds['1.0'] })).statusCode).toBe(200);

    const rotaId = (await otherLead.api('POST', '/api/v1/products', ROTA)).json().id as string;
    otherModuleId = (await publishVersion(otherLead, rotaId, 'rota-1', 'none', 'First release.')).moduleId;
  });
  afterAll(() => hub.close());

  it('explains the page when the user has no products yet, and offers what is deployed where they work', async () => {
    const page = await learner.get('/products/mine');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Your AI products</h1>');
    expect(h1s(page.body)).toBe(1);
    expect(page.body).toContain('You have not added any AI products yet.');
    expect(page.body).toMatch(/nhsuk-header__navigation-item--current[^>]*>\s*<a[^>]*href="\/products"/);
    expect(page.body).toContain(`<option value="${deploymentId}">tri-X — Test Trust</option>`);
    expect(page.body).toContain('<label class="nhsuk-label" for="deploymentId">');
    // Learners are not offered the managers' view.
    expect(page.body).not.toContain('Training currency across your organisation');
  });

  it('refuses to add nothing or a product not offered, with an error summary, linking nobody', async () => {
    for (const form of [{}, { deploymentId: '' }, { deploymentId: crypto.randomUUID() }, { deploymentId: 'not-an-id' }] as Array<Record<string, string>>) {
      const refused = await learner.post('/products/mine', form);
      expect(refused.statusCode).toBe(400);
      expect(errorLinks(refused.body)).toEqual(['#deploymentId Choose a product you use from the list']);
      expect(refused.body).toContain('<title>Error: Your AI products');
    }
    expect((await learner.api('GET', '/api/v1/me/products')).json().deployments).toEqual([]);
  });

  it('lets a user add a product they use, then shows it not started with the training to take', async () => {
    const added = await learner.post('/products/mine', { deploymentId });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe('/products/mine?done=added');
    const page = await learner.get('/products/mine?done=added');
    expect(page.body).toContain('The product has been added to your list.');
    expect(page.body).toContain('<h2 id="product-1">tri-X</h2>');
    expect(squash(page.body)).toContain('Where it is deployed Test Trust');
    expect(squash(page.body)).toContain('Live version 1.0');
    expect(tags(page.body)).toEqual(['Not started']);
    expect(squash(page.body)).toMatch(new RegExp(`Complete the training by ${longDate.source}`));
    expect(page.body).toContain(`href="/modules/${moduleIds['1.0']}"`);
    expect(squash(page.body)).toContain('Start training for tri-X version 1.0');
    expect(page.body).toContain(`action="/products/mine/${deploymentId}/remove"`);
    // Already used: no longer offered.
    expect(page.body).not.toContain(`<option value="${deploymentId}"`);
  });

  it('shows the module with its sections safely and the knowledge check as radios and checkboxes', async () => {
    const page = await learner.get(`/modules/${moduleIds['1.0']}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<span class="nhsuk-caption-l">tri-X version 1.0</span>');
    expect(h1s(page.body)).toBe(1);
    expect(page.body).toContain('<strong>Intended use:</strong>');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).toContain('<h3>Our local rules</h3>');
    expect(page.body).toMatch(/<input class="nhsuk-radios__input" id="question-1" name="answer-q1" type="radio" value="a"/);
    expect(page.body).toMatch(/<input class="nhsuk-checkboxes__input" id="question-2" name="answer-q2" type="checkbox" value="a"/);
    expect(page.body).toMatch(/<legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">\s*1\. Who reviews each flagged film\?/);
    expect(page.body).toContain('You need 100% to pass.');
    expect(page.body).toContain('name="_csrf"');
    expect(page.body).toMatch(/<form method="post" action="\/modules\/[^"]+" novalidate>/);
    // Nothing is chosen for the learner, so nothing hints at the answers.
    expect(page.body).not.toMatch(/\schecked[\s>]/);
  });

  it('asks for every answer before recording anything, keeping what was chosen', async () => {
    const refused = await learner.post(`/modules/${moduleIds['1.0']}`, { 'answer-q1': 'a' });
    expect(refused.statusCode).toBe(400);
    expect(errorLinks(refused.body)).toEqual(['#question-2 Select at least one answer to question 2']);
    expect(refused.body).toMatch(/id="question-1" name="answer-q1" type="radio" value="a" checked/);
    expect(refused.body).toContain('id="question-2-error"');

    const nothing = await learner.post(`/modules/${moduleIds['1.0']}`, {});
    expect(errorLinks(nothing.body)).toEqual(['#question-1 Select an answer to question 1', '#question-2 Select at least one answer to question 2']);

    const stale = await learner.post(`/modules/${moduleIds['1.0']}`, { 'answer-q1': 'zzz', 'answer-q2': 'a' });
    expect(stale.statusCode).toBe(400);
    expect(errorLinks(stale.body)[0]).toMatch(/^#knowledge-check Your answers do not match this knowledge check/);
    expect(await attemptCount()).toBe(0);
  });

  it('shows a failed attempt with the score, the pass mark and the questions to revisit, never the answers', async () => {
    const failed = await learner.post(`/modules/${moduleIds['1.0']}`, { 'answer-q1': 'a', 'answer-q2': 'a' });
    expect(failed.statusCode).toBe(303);
    const location = String(failed.headers.location);
    expect(location).toMatch(new RegExp(`^/modules/${moduleIds['1.0']}/result\\?`));
    expect(await attemptCount()).toBe(1);

    const result = await learner.get(location);
    expect(result.statusCode).toBe(200);
    const text = squash(result.body);
    expect(result.body).toContain('<h1>You did not pass this time</h1>');
    expect(text).toContain('You scored 1 out of 2 (50%). You need 100% to pass.');
    expect(text).toContain('Question 2: Which films is it not for?');
    expect(text).not.toContain('Question 1:');
    expect(text).not.toContain('Portable films');
    expect(result.body).toMatch(new RegExp(`href="/modules/${moduleIds['1.0']}"[^>]*>\\s*Try again`));
    // Refreshing shows it again and records nothing more.
    expect((await learner.get(location)).statusCode).toBe(200);
    expect(await attemptCount()).toBe(1);

    // The result is read back from the recorded attempt: only its owner sees it, and a made-up id finds nothing.
    expect(location).toMatch(/\?attempt=[0-9a-f-]{36}$/);
    expect((await learner.get(location.replace(/attempt=.*$/, `attempt=${randomUUID()}`))).statusCode).toBe(404);
    expect((await learner.get(location.replace(/attempt=.*$/, 'attempt=not-an-id'))).statusCode).toBe(404);
    expect((await lead.get(location)).statusCode).toBe(404);
  });

  it('shows a pass in a panel, and the product as current', async () => {
    const passed = await learner.post(`/modules/${moduleIds['1.0']}`, { 'answer-q1': 'a', 'answer-q2': ['b', 'a'] });
    expect(passed.statusCode).toBe(303);
    const result = await learner.get(String(passed.headers.location));
    expect(result.body).toMatch(/<div class="nhsuk-panel">\s*<h1 class="nhsuk-panel__heading">\s*You passed\s*<\/h1>/);
    expect(squash(result.body)).toContain('You scored 2 out of 2 (100%).');
    expect(result.body).toContain('href="/products/mine"');

    const page = await learner.get('/products/mine');
    expect(tags(page.body)).toEqual(['Current']);
    expect(squash(page.body)).toContain('Review the training for tri-X version 1.0');
    expect(page.body).not.toContain('What changed');
  });

  it('makes a refresher due with what changed when the lead makes 1.1 live', async () => {
    expect((await lead.api('PATCH', `/api/v1/deployments/${deploymentId}`, { liveVersionId: versionIds['1.1'] })).statusCode).toBe(200);
    const page = await learner.get('/products/mine');
    const text = squash(page.body);
    expect(tags(page.body)).toEqual([expect.stringMatching(new RegExp(`^Due by ${longDate.source}$`))]);
    expect(page.body).toMatch(/nhsuk-tag nhsuk-tag--yellow/);
    expect(text).toContain('Live version 1.1');
    expect(text).toContain('What changed since you last passed');
    expect(page.body).toContain('<h4>Version 1.1</h4>');
    expect(text).toContain('Needs a refresher');
    expect(page.body).toContain('<p>New model: flags pneumothorax.</p>');
    expect(page.body).toContain('<p>Check every flag on a film with a chest drain.</p>');
    expect(page.body).toContain(`href="/modules/${moduleIds['1.1']}"`);
    expect(text).toContain('Take the refresher for tri-X version 1.1');
  });

  it('shows the lead the deployment’s training currency, with a CSV', async () => {
    const page = await lead.get(`/deployments/${deploymentId}/currency`);
    expect(page.statusCode).toBe(200);
    const text = squash(page.body);
    expect(page.body).toContain('<h1>Training currency</h1>');
    expect(h1s(page.body)).toBe(1);
    expect(text).toContain('tri-X in Test Trust');
    expect(text).toMatch(/Current 0 Due 1 Overdue 0 Not started 0/);
    expect(page.body).toMatch(/<caption class="nhsuk-table__caption[^"]*">Everyone using tri-X in Test Trust, by name<\/caption>/);
    expect(text).toMatch(new RegExp(`Rae Radiographer Due by ${longDate.source} 1\\.1 1\\.0 ${longDate.source}`));
    expect(page.body).toContain(`href="/deployments/${deploymentId}/currency.csv"`);
    expect(page.body).toMatch(/nhsuk-header__navigation-item--current[^>]*>\s*<a[^>]*href="\/products"/);

    const csv = await lead.get(`/deployments/${deploymentId}/currency.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="training-currency-${deploymentId}.csv"`);
    expect(csv.body.trim().split('\n')[1]).toMatch(/^Rae Radiographer,tri-X,Test Trust,due,1\.1,1\.0,\d{4}-\d{2}-\d{2}$/);
  });

  it('shows the lead their organisation’s currency, lets them pick one they manage, with a CSV', async () => {
    const page = await lead.get('/products/training-currency');
    expect(page.statusCode).toBe(200);
    const text = squash(page.body);
    expect(page.body).toContain('<span class="nhsuk-caption-l">Test Trust</span>');
    expect(page.body).toContain(`<a href="/deployments/${deploymentId}/currency">tri-X`);
    expect(text).toContain('Rae Radiographer tri-X in Test Trust Due by');
    expect(page.body).toContain(`<option value="${teamId}">\u00a0\u00a0\u00a0Radiology team</option>`);
    expect(page.body).not.toContain(otherTrustId);
    expect(page.body).toContain(`href="/products/training-currency.csv?organisation=${trustId}"`);

    const team = await lead.get(`/products/training-currency?organisation=${teamId}`);
    expect(team.statusCode).toBe(200);
    expect(team.body).toContain('No AI products are deployed in Radiology team yet.');

    const elsewhere = await lead.get(`/products/training-currency?organisation=${otherTrustId}`);
    expect(elsewhere.statusCode).toBe(400);
    expect(errorLinks(elsewhere.body)).toEqual(['#organisation Choose an organisation you manage from the list']);
    expect(elsewhere.body).toContain('<span class="nhsuk-caption-l">Test Trust</span>');

    const csv = await lead.get(`/products/training-currency.csv?organisation=${trustId}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('attachment;');
    expect(csv.body.split('\n')[0]).toBe('person,product,deployment organisation,status,required version,last passed version,due by');
    expect((await lead.get('/products/training-currency.csv')).body).toBe(csv.body);
    expect((await lead.get(`/products/training-currency.csv?organisation=${otherTrustId}`)).statusCode).toBe(404);
  });

  it('keeps currency pages from learners and from managers elsewhere', async () => {
    for (const url of [`/deployments/${deploymentId}/currency`, `/deployments/${deploymentId}/currency.csv`, '/products/training-currency', '/products/training-currency.csv', `/products/training-currency?organisation=${trustId}`]) {
      expect([403, 404], url).toContain((await learner.get(url)).statusCode);
    }
    expect((await otherLead.get(`/deployments/${deploymentId}/currency`)).statusCode).toBe(404);
    expect((await otherLead.get(`/products/training-currency.csv?organisation=${trustId}`)).statusCode).toBe(404);
  });

  it('keeps another trust’s module from a learner', async () => {
    expect((await learner.get(`/modules/${otherModuleId}`)).statusCode).toBe(404);
    const before = await attemptCount();
    expect((await learner.post(`/modules/${otherModuleId}`, { 'answer-q1': 'a', 'answer-q2': 'a' })).statusCode).toBe(404);
    expect(await attemptCount()).toBe(before);
    expect((await learner.get('/modules/not-a-module')).statusCode).toBe(404);
  });

  it('shows a refresher past its due date as overdue, to the user and on the currency page', async () => {
    // The clock cannot be moved in a running hub; the due date can, as the service would have set it long ago.
    await hub.database.db.update(aiDeploymentUsers).set({ dueBy: new Date(Date.now() - 24 * 60 * 60 * 1000) }).where(eq(aiDeploymentUsers.deploymentId, deploymentId));
    expect(tags((await learner.get('/products/mine')).body)).toContain('Overdue');
    const currency = squash((await lead.get(`/deployments/${deploymentId}/currency`)).body);
    expect(currency).toContain('Rae Radiographer Overdue');
    expect((await lead.get(`/deployments/${deploymentId}/currency.csv`)).body.trim().split('\n')[1]).toMatch(/^Rae Radiographer,tri-X,Test Trust,overdue,/);
  });

  it('lets a user say they no longer use a product', async () => {
    const removed = await learner.post(`/products/mine/${deploymentId}/remove`);
    expect(removed.statusCode).toBe(303);
    expect(removed.headers.location).toBe('/products/mine?done=removed');
    const page = await learner.get('/products/mine?done=removed');
    expect(page.body).toContain('The product has been removed from your list.');
    expect(page.body).toContain('You have not added any AI products yet.');
    expect(page.body).toContain(`<option value="${deploymentId}">tri-X — Test Trust</option>`);
    expect((await lead.api('GET', `/api/v1/deployments/${deploymentId}/users`)).json().users).toEqual([]);
  });
});
