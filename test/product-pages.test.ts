import { approveDeploymentReview } from './support/assurance-fixtures.ts';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiDeployments, aiDeploymentUsers, aiProducts, aiProductVersions, outbox } from '../src/db/schema.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { publishTrainingFor } from './support/product-fixtures.ts';

const TRI_X = {
  name: 'tri-X',
  manufacturer: 'Triadix',
  intendedUse: 'Prioritises chest X-rays for review by radiologists.',
  inclusionCriteria: '',
  exclusionCriteria: 'Under-16s; portable films.',
  clinicalDecisionMaking: 'yes',
  autonomy: 'human-in-the-loop',
  deviceClass: 'Class IIa',
  marking: 'UKCA',
  explanations: '',
  limitations: '',
  outlierSituations: '',
  contacts: 'AI MDT clinical scientist',
  errorReporting: '',
  fallbackPathway: '',
  decisionRecording: '',
};

describe.each(databaseTargets())('AI product pages on $name', (target) => {
  let hub: TestHub;
  let lead: TestSession;
  let otherLead: TestSession;
  let learner: TestSession;
  let learnerId: string;
  let leadId: string;
  let admin: TestSession;
  let trustId: string;
  let otherTrustId: string;
  let productId: string;
  let deploymentId: string;
  const versionIds: Record<string, string> = {};

  beforeAll(async () => {
    hub = await createTestHub(target);
    const orgs = await createTestOrganisations(hub);
    trustId = orgs.trust.id;
    otherTrustId = orgs.otherTrust.id;
    const leadPerson = await createTestPerson(hub, { organisationId: trustId, roles: ['learner', 'product-lead'], name: 'Hana Lead' });
    const otherLeadPerson = await createTestPerson(hub, { organisationId: otherTrustId, roles: ['learner', 'product-lead'], name: 'Otto Lead' });
    const learnerPerson = await createTestPerson(hub, { organisationId: trustId, name: 'Rae Radiographer' });
    const adminPerson = await createTestPerson(hub, { organisationId: trustId, roles: ['learner', 'organisation-admin'], name: 'Ada Admin' });
    learnerId = learnerPerson.id;
    leadId = leadPerson.id;
    [lead, otherLead, learner, admin] = (await Promise.all([leadPerson, otherLeadPerson, learnerPerson, adminPerson].map((p) => signIn(hub.app, p.email)))) as [TestSession, TestSession, TestSession, TestSession];
  });
  afterAll(() => hub.close());

  const productCount = async () => (await hub.database.db.select({ n: sql<number>`count(*)::int` }).from(aiProducts))[0]?.n ?? 0;
  /** The error summary's links as "#href text", whitespace collapsed. */
  const errorLinks = (html: string) => {
    const summary = /<div class="nhsuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
    return [...summary.matchAll(/<a href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => `${m[1]} ${(m[2] ?? '').replace(/\s+/g, ' ').trim()}`);
  };
  const banner = (html: string) => /<div class="nhsuk-notification-banner nhsuk-notification-banner--success"[\s\S]*?<\/div>\s*<\/div>/.exec(html)?.[0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  const follow = async (session: TestSession, response: { statusCode: number; headers: Record<string, unknown> }) => {
    expect(response.statusCode).toBe(303);
    return session.get(String(response.headers.location));
  };

  it('lists the products a signed-in person can see, with the register button only for product leads', async () => {
    const signedOut = await hub.app.inject({ method: 'GET', url: '/products' });
    expect(signedOut.statusCode).toBe(303);
    const page = await lead.get('/products');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>AI products</h1>');
    expect(page.body).toContain('href="/products/new"');
    expect(page.body).toContain('href="/products/mine"');
    expect(page.body).toContain('href="/products/training-currency"');
    expect(page.body).toContain('aria-current="true"><strong class="nhsuk-header__navigation-item-current-fallback">AI products</strong>');
    const learnerPage = await learner.get('/products');
    expect(learnerPage.body).not.toContain('Register an AI product');
    expect(learnerPage.body).not.toContain('/products/training-currency');
  });

  it('registers a product after showing every missing answer, saving nothing until it is right', async () => {
    expect((await learner.get('/products/new')).statusCode).toBe(403);
    expect((await learner.post('/products/new', TRI_X)).statusCode).toBe(403);
    const form = await lead.get('/products/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('novalidate');
    expect(form.body).toContain('rule R3');

    const invalid = await lead.post('/products/new', { ...TRI_X, name: '', intendedUse: ' ', clinicalDecisionMaking: '', autonomy: '' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('<title>Error: Register an AI product');
    expect(errorLinks(invalid.body)).toEqual([
      '#name Enter the product’s name',
      '#intendedUse Enter the intended use',
      '#clinicalDecisionMaking Say whether it is used in clinical reasoning and decision making',
      '#autonomy Say whether it acts autonomously or with a human in the loop',
    ]);
    expect(invalid.body).toContain('id="name-error"');
    expect(invalid.body).toContain('value="Triadix"');
    expect(await productCount()).toBe(0);

    const created = await lead.post('/products/new', TRI_X);
    expect(created.statusCode).toBe(303);
    productId = String(created.headers.location).match(/^\/products\/([0-9a-f-]+)\?done=registered$/)?.[1] ?? '';
    expect(productId).not.toBe('');
    const page = await lead.get(String(created.headers.location));
    expect(banner(page.body)).toContain('The product has been registered.');
    expect(page.body).toContain('<h1>tri-X</h1>');
    expect(page.body).toContain('Class IIa');
    expect(page.body).toContain('Not recorded');
    for (const button of ['Edit product', 'Record a new version', 'Deploy it']) expect(page.body).toContain(button);
    // A banner name it does not know (an old or mistyped link) shows the page without a banner.
    const unknownBanner = await lead.get(`/products/${productId}?done=nonsense`);
    expect(unknownBanner.statusCode).toBe(200);
    expect(banner(unknownBanner.body)).toBeUndefined();
  });

  it('edits the product, and refuses a stale version with a warning, keeping what was typed', async () => {
    const form = await lead.get(`/products/${productId}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="version" value="1"');
    const saved = await lead.post(`/products/${productId}/edit`, { ...TRI_X, limitations: 'Less reliable on films with lines.', version: '1' });
    const page = await follow(lead, saved);
    expect(banner(page.body)).toContain('Your changes have been saved.');
    expect(page.body).toContain('Less reliable on films with lines.');

    const stale = await lead.post(`/products/${productId}/edit`, { ...TRI_X, limitations: 'My stale change.', version: '1' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Your changes have not been saved');
    expect(errorLinks(stale.body)).toEqual(['#product-form Someone else changed this product while you were editing it. Check their changes, then make yours again.']);
    expect(stale.body).toContain('My stale change.');
    expect(stale.body).toContain('name="version" value="2"');
    const [row] = await hub.database.db.select().from(aiProducts).where(eq(aiProducts.id, productId));
    expect(row?.limitations).toBe('Less reliable on films with lines.');
  });

  it('records versions, with errors for a bad date and a repeated label', async () => {
    expect((await learner.get(`/products/${productId}/versions/new`)).statusCode).toBe(403);
    const form = await lead.get(`/products/${productId}/versions/new`);
    expect(form.body).toContain('value="intended-use"');
    expect(form.body).not.toContain('value="how-ai-learns"');

    const invalid = await lead.post(`/products/${productId}/versions/new`, { label: '1.0', releasedDay: '31', releasedMonth: '2', releasedYear: '2026', releaseNotes: '', trainingImpact: '' });
    expect(invalid.statusCode).toBe(400);
    expect(errorLinks(invalid.body)).toEqual([
      '#releasedOn-day Release date must be a real date, like 27 11 2026',
      '#releaseNotes Enter release notes',
      '#trainingImpact Say what the release means for training',
    ]);

    const v1 = await lead.post(`/products/${productId}/versions/new`, { label: '1.0', releasedDay: '15', releasedMonth: '1', releasedYear: '2026', releaseNotes: 'First release.', trainingImpact: 'none' });
    expect(banner((await follow(lead, v1)).body)).toContain('The version has been recorded.');
    const v11 = await lead.post(`/products/${productId}/versions/new`, {
      label: '1.1',
      releasedDay: '1',
      releasedMonth: '3',
      releasedYear: '2026',
      releaseNotes: 'New nodule detection.',
      trainingImpact: 'refresher-required',
      affectedTopics: ['product-limitations', 'intended-use'],
    });
    const page = await follow(lead, v11);
    expect(page.body).toContain('15 January 2026');
    expect(page.body).toContain('Refresher required');
    expect(page.body).toContain('Write training module');
    expect(page.body).toContain(`href="/products/${productId}/versions/`);

    const repeated = await lead.post(`/products/${productId}/versions/new`, { label: '1.0', releasedDay: '2', releasedMonth: '3', releasedYear: '2026', releaseNotes: 'Again.', trainingImpact: 'minor' });
    expect(repeated.statusCode).toBe(400);
    expect(errorLinks(repeated.body)).toEqual(['#label Version 1.0 is already recorded']);
    for (const v of await hub.database.db.select().from(aiProductVersions).where(eq(aiProductVersions.productId, productId))) versionIds[v.label] = v.id;
    expect(Object.keys(versionIds).sort()).toEqual(['1.0', '1.1']);
  });

  it('deploys the product where the lead manages, after errors', async () => {
    expect((await learner.get(`/products/${productId}/deployments/new`)).statusCode).toBe(403);
    const form = await lead.get(`/products/${productId}/deployments/new`);
    expect(form.body).toContain(`<option value="${trustId}">Test Trust</option>`);
    expect(form.body).toContain('value="28"');

    const invalid = await lead.post(`/products/${productId}/deployments/new`, { organisationId: otherTrustId, status: 'live', startedDay: '', startedMonth: '', startedYear: '', refresherDays: 'soon' });
    expect(invalid.statusCode).toBe(400);
    expect(errorLinks(invalid.body)).toEqual([
      '#organisationId Choose where it is deployed from the list',
      '#status Choose evaluating or piloting',
      '#startedOn-day Enter the start date',
      '#refresherDays Enter the number of days as a whole number, like 28',
    ]);

    const created = await lead.post(`/products/${productId}/deployments/new`, { organisationId: trustId, status: 'piloting', startedDay: '1', startedMonth: '2', startedYear: '2026', refresherDays: '14' });
    expect(created.statusCode).toBe(303);
    deploymentId = String(created.headers.location).match(/^\/deployments\/([0-9a-f-]+)\?done=created$/)?.[1] ?? '';
    const page = await lead.get(String(created.headers.location));
    expect(page.statusCode).toBe(200);
    expect(banner(page.body)).toContain('The product has been deployed.');
    expect(page.body).toContain('<h1>tri-X at Test Trust</h1>');
    expect(page.body).toContain('1 February 2026');
    expect(page.body).toContain(`href="/deployments/${deploymentId}/currency"`);
    expect((await lead.get(`/products/${productId}`)).body).toContain(`href="/deployments/${deploymentId}"`);
  });

  it('keeps the deployment page to its managers', async () => {
    expect((await learner.get(`/deployments/${deploymentId}`)).statusCode).toBe(404);
    expect((await otherLead.get(`/deployments/${deploymentId}`)).statusCode).toBe(404);
    expect((await learner.post(`/deployments/${deploymentId}`, { status: 'withdrawn' })).statusCode).toBe(404);
    expect((await learner.post(`/deployments/${deploymentId}/users`, { personId: learnerId })).statusCode).toBe(404);
    expect((await lead.get('/deployments/not-a-deployment')).statusCode).toBe(404);
  });

  it('assigns a user and removes them, refusing someone not offered', async () => {
    const unknown = await lead.post(`/deployments/${deploymentId}/users`, { personId: '' });
    expect(unknown.statusCode).toBe(400);
    expect(errorLinks(unknown.body)).toEqual(['#personId Choose someone to assign']);

    const assigned = await lead.post(`/deployments/${deploymentId}/users`, { personId: learnerId });
    const page = await follow(lead, assigned);
    expect(banner(page.body)).toContain('They have been assigned');
    expect(page.body).toContain('Rae Radiographer');
    expect(page.body).toContain(`action="/deployments/${deploymentId}/users/${learnerId}/remove"`);

    const removed = await lead.post(`/deployments/${deploymentId}/users/${learnerId}/remove`);
    const after = await follow(lead, removed);
    expect(banner(after.body)).toContain('They no longer use the product here.');
    expect(after.body).toContain('Nobody is linked to it yet.');
    await follow(lead, await lead.post(`/deployments/${deploymentId}/users`, { personId: learnerId }));
  });

  it('makes versions live: a refresher-required one gives users a new due date and tells them', async () => {
    const currentDueBy = async () => {
      const rows = await hub.database.db.select().from(aiDeploymentUsers).where(eq(aiDeploymentUsers.personId, learnerId));
      return rows.find((r) => r.unlinkedAt === null)?.dueBy?.toISOString();
    };
    const noVersion = await lead.post(`/deployments/${deploymentId}`, { status: 'live', liveVersionId: '' });
    expect(noVersion.statusCode).toBe(400);
    expect(errorLinks(noVersion.body)).toEqual(['#liveVersionId Choose the version that goes live']);

    await publishTrainingFor(lead, productId, versionIds['1.0']!);
    // No approved deployment review: the lead is told, and only an organisation admin may go ahead (issue 12).
    const unreviewed = await lead.post(`/deployments/${deploymentId}`, { status: 'live', liveVersionId: versionIds['1.0'] ?? '' });
    expect(unreviewed.statusCode).toBe(400);
    expect(errorLinks(unreviewed.body)).toEqual(['#assuranceOverrideReason tri-X has no approved deployment review for Test Trust. Approve its deployment review first. Only an organisation admin can let it go live without one']);
    expect(unreviewed.body).not.toContain('name="assuranceOverrideReason"');
    const adminPage = await admin.get(`/deployments/${deploymentId}`);
    expect(adminPage.body).toContain('If it must go live without an approved deployment review, say why (optional)');
    const reason = 'The winter backlog cannot wait for the ICS review panel in March';
    const live = await admin.post(`/deployments/${deploymentId}`, { status: 'live', liveVersionId: versionIds['1.0'] ?? '', assuranceOverrideReason: reason });
    const page = await follow(admin, live);
    expect(banner(page.body)).toContain('The deployment has been updated.');
    expect(page.body).toMatch(/Live version\s*<\/dt>\s*<dd class="nhsuk-summary-list__value">\s*1\.0/);
    expect(page.body).toContain('Live without an approved deployment review');
    expect(page.body).toContain(reason);
    const [overridden] = await hub.database.db.select().from(aiDeployments).where(eq(aiDeployments.id, deploymentId));
    expect(overridden).toMatchObject({ assuranceOverrideReason: reason, status: 'live' });
    // Once a review is approved, the flag goes and the page says so.
    await approveDeploymentReview(hub.database.db, { productId, organisationId: trustId, leadId });
    const reviewed = await lead.get(`/deployments/${deploymentId}`);
    expect(reviewed.body).not.toContain('Live without an approved deployment review');
    expect(reviewed.body).toMatch(/Deployment review\s*<\/dt>\s*<dd class="nhsuk-summary-list__value">\s*Approved on/);

    const dueBefore = await currentDueBy();
    await publishTrainingFor(lead, productId, versionIds['1.1']!);
    const refresher = await lead.post(`/deployments/${deploymentId}`, { status: 'live', liveVersionId: versionIds['1.1'] ?? '' });
    const after = await follow(lead, refresher);
    expect(after.body).toContain('gives everyone who uses it here a refresher due in 14 days');
    expect(await currentDueBy()).not.toEqual(dueBefore);
    const mail = await hub.database.db.select().from(outbox).where(eq(outbox.subject, 'Refresher training due: tri-X 1.1'));
    expect(mail).toHaveLength(1);
    const product = await lead.get(`/products/${productId}`);
    expect(product.body).toMatch(/Live\s*<\/strong>\s*<\/td>\s*<td>1\.1<\/td>/);
  });

  it('shares the product with a neighbouring trust, whose staff can then see it', async () => {
    expect((await otherLead.get(`/products/${productId}`)).statusCode).toBe(404);
    expect((await learner.post(`/products/${productId}/shares`, { organisationId: otherTrustId })).statusCode).toBe(403);
    const page = await lead.get(`/products/${productId}`);
    expect(page.body).toContain(`<option value="${otherTrustId}">Other Trust</option>`);
    const bad = await lead.post(`/products/${productId}/shares`, { organisationId: trustId });
    expect(bad.statusCode).toBe(400);
    expect(errorLinks(bad.body)).toEqual(['#organisationId Choose an organisation from the list']);

    const shared = await lead.post(`/products/${productId}/shares`, { organisationId: otherTrustId });
    expect(banner((await follow(lead, shared)).body)).toContain('The product has been shared.');
    const seen = await otherLead.get(`/products/${productId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toContain('Edit product');
    expect(seen.body).toContain('Deploy it');
    expect((await otherLead.get(`/products/${productId}/edit`)).statusCode).toBe(403);
  });

  it('hides another trust’s products: a product lead there gets 404s', async () => {
    const theirs = await otherLead.post('/products/new', { ...TRI_X, name: 'Other product' });
    const theirId = String(theirs.headers.location).match(/^\/products\/([0-9a-f-]+)/)?.[1] ?? '';
    expect((await lead.get(`/products/${theirId}`)).statusCode).toBe(404);
    expect((await lead.get(`/products/${theirId}/edit`)).statusCode).toBe(404);
    expect((await lead.post(`/products/${theirId}/versions/new`, { label: '9' })).statusCode).toBe(404);
    expect((await learner.get(`/products/${theirId}`)).statusCode).toBe(404);
    expect((await lead.get('/products')).body).not.toContain('Other product');
  });

  it('lists a deployment’s users 50 to a page, counting only current users, and keeps the page to its managers', async () => {
    const team = await hub.services.organisations.createOrganisation({ kind: 'team', name: 'Paged team', parentId: trustId });
    const staff = [];
    for (let i = 1; i <= 62; i += 1) staff.push(await createTestPerson(hub, { organisationId: team.id, name: `Paged ${String(i).padStart(3, '0')}` }));
    const created = await lead.post(`/products/${productId}/deployments/new`, { organisationId: team.id, status: 'piloting', startedDay: '1', startedMonth: '3', startedYear: '2026', refresherDays: '14' });
    const pagedId = String(created.headers.location).match(/^\/deployments\/([0-9a-f-]+)/)?.[1] ?? '';
    const bulk = await lead.post(`/deployments/${pagedId}/users/bulk`, { by: 'organisation', organisationId: team.id, includeBeneath: 'yes' });
    expect(bulk.statusCode).toBe(303);
    await follow(lead, await lead.post(`/deployments/${pagedId}/users/${staff[0]?.id ?? ''}/remove`));
    const rowsOf = (html: string) => [...html.matchAll(/<th scope="row">(Paged \d+)<\/th>/g)].map((m) => m[1]);
    const named = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `Paged ${String(from + i).padStart(3, '0')}`);

    const first = await lead.get(`/deployments/${pagedId}`);
    expect(first.statusCode).toBe(200);
    expect(rowsOf(first.body)).toEqual(named(2, 51));
    expect(first.body).toContain('Showing 1 to 50 of 61 people');
    expect(first.body).toContain(`<a href="/deployments/${pagedId}?page=2#users" class="nhsuk-pagination__next" rel="next">`);

    const second = await lead.get(`/deployments/${pagedId}?page=2`);
    expect(rowsOf(second.body)).toEqual(named(52, 62));
    expect(second.body).toContain('Showing 51 to 61 of 61 people');
    expect(second.body).toContain(`<a href="/deployments/${pagedId}#users" class="nhsuk-pagination__previous" rel="prev">`);
    expect(second.body).not.toContain('nhsuk-pagination__next');
    expect(rowsOf((await lead.get(`/deployments/${pagedId}?page=7`)).body)).toEqual(named(52, 62));

    const bad = await lead.get(`/deployments/${pagedId}?page=two`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Page must be a whole number, 1 or more');
    expect((await learner.get(`/deployments/${pagedId}?page=2`)).statusCode).toBe(404);
    expect((await otherLead.get(`/deployments/${pagedId}?page=2`)).statusCode).toBe(404);
    // The API still lists every user: paging is the page's, not the service's default.
    expect(((await lead.api('GET', `/api/v1/deployments/${pagedId}/users`)).json() as { users?: unknown[] }).users ?? []).toHaveLength(61);
  });
});
