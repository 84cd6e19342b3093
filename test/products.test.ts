import { approveDeploymentReview } from './support/assurance-fixtures.ts';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/services/identity/viewer.ts';
import { createOutboxRepository } from '../src/db/outbox.repository.ts';
import { aiProductVersions } from '../src/db/schema.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { publishTrainingFor, TRI_X, viewerOf } from './support/product-fixtures.ts';


describe.each(databaseTargets())('AI products, versions and deployments on $name', (target) => {
  let hub: TestHub;
  let lead: TestSession;
  let otherLead: TestSession;
  let radiographer: TestSession;
  let outsider: TestSession;
  let radiographerId: string;
  let radiographerEmail: string;
  let viewers: Record<'lead' | 'radiographer' | 'outsider', Viewer>;
  let trustId: string;
  let icsId: string;
  let otherTrustId: string;
  let productId: string;
  const versionIds: Record<string, string> = {};
  let deploymentId: string;

  beforeAll(async () => {
    hub = await createTestHub(target);
    const orgs = await createTestOrganisations(hub);
    trustId = orgs.trust.id;
    icsId = orgs.ics.id;
    otherTrustId = orgs.otherTrust.id;
    const leadPerson = await createTestPerson(hub, { organisationId: orgs.trust.id, roles: ['learner', 'product-lead'], name: 'Hana Lead' });
    const otherLeadPerson = await createTestPerson(hub, { organisationId: orgs.otherTrust.id, roles: ['learner', 'product-lead'], name: 'Otto Lead' });
    const radiographerPerson = await createTestPerson(hub, { organisationId: orgs.trust.id, name: 'Rae Radiographer' });
    const outsiderPerson = await createTestPerson(hub, { organisationId: orgs.otherTrust.id, name: 'Olu Outsider' });
    radiographerId = radiographerPerson.id;
    radiographerEmail = radiographerPerson.email;
    viewers = { lead: viewerOf(leadPerson), radiographer: viewerOf(radiographerPerson), outsider: viewerOf(outsiderPerson) };
    lead = await signIn(hub.app, leadPerson.email);
    otherLead = await signIn(hub.app, otherLeadPerson.email);
    radiographer = await signIn(hub.app, radiographerPerson.email);
    outsider = await signIn(hub.app, outsiderPerson.email);
  });
  afterAll(() => hub.close());

  it('lets an AI product lead register a product, with clear errors first; learners cannot', async () => {
    const invalid = await lead.api('POST', '/api/v1/products', { name: '', manufacturer: 'Triadix' });
    expect(invalid.statusCode).toBe(400);
    const fields = invalid.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'intendedUse', 'clinicalDecisionMaking', 'autonomy']));
    expect((await radiographer.api('POST', '/api/v1/products', TRI_X)).statusCode).toBe(403);
    const created = await lead.api('POST', '/api/v1/products', TRI_X);
    expect(created.statusCode).toBe(201);
    productId = created.json().id;
    expect(created.json()).toMatchObject({ name: 'tri-X', clinicalDecisionMaking: true, organisationId: trustId, version: 1 });
  });

  it('shows the product to staff of its organisation, hides it from other trusts unless shared, and edits with optimistic concurrency', async () => {
    expect((await radiographer.api('GET', `/api/v1/products/${productId}`)).json().canManage).toBe(false);
    expect((await outsider.api('GET', `/api/v1/products/${productId}`)).statusCode).toBe(404);
    expect((await outsider.api('GET', '/api/v1/products/not-a-uuid')).statusCode).toBe(404);
    expect((await otherLead.api('PUT', `/api/v1/products/${productId}`, { ...TRI_X, version: 1 })).statusCode).toBe(404);
    const edited = await lead.api('PUT', `/api/v1/products/${productId}`, { ...TRI_X, limitations: 'Less reliable on films with lines and tubes.', version: 1 });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().version).toBe(2);
    const stale = await lead.api('PUT', `/api/v1/products/${productId}`, { ...TRI_X, version: 1 });
    expect(stale.statusCode).toBe(409);
  });

  it('records versions with their training impact, immutably', async () => {
    const v1 = await lead.api('POST', `/api/v1/products/${productId}/versions`, { label: '1.0', releasedOn: '2026-01-15', releaseNotes: 'First release.', trainingImpact: 'none' });
    expect(v1.statusCode).toBe(201);
    versionIds['1.0'] = v1.json().id;
    const v11 = await lead.api('POST', `/api/v1/products/${productId}/versions`, { label: '1.1', releasedOn: '2026-10-01', releaseNotes: 'New model: flags pneumothorax.', trainingImpact: 'refresher-required', affectedTopics: ['product-limitations'] });
    expect(v11.statusCode).toBe(201);
    versionIds['1.1'] = v11.json().id;
    const duplicate = await lead.api('POST', `/api/v1/products/${productId}/versions`, { label: '1.1', releasedOn: '2026-10-02', releaseNotes: 'Again.', trainingImpact: 'none' });
    expect(duplicate.statusCode).toBe(400);
    const badTopic = await lead.api('POST', `/api/v1/products/${productId}/versions`, { label: '1.2', releasedOn: '2026-13-40', releaseNotes: 'x', trainingImpact: 'none', affectedTopics: ['nope'] });
    expect(badTopic.statusCode).toBe(400);
    await expect(hub.database.db.update(aiProductVersions).set({ releaseNotes: 'rewritten' }).where(eq(aiProductVersions.id, versionIds['1.0']!))).rejects.toThrow();
  });

  it('deploys the product, links users, and sets a refresher when a refresher-required version goes live', async () => {
    const deployed = await lead.api('POST', `/api/v1/products/${productId}/deployments`, { organisationId: trustId, status: 'piloting', startedOn: '2026-02-01', refresherDays: 14 });
    expect(deployed.statusCode).toBe(201);
    deploymentId = deployed.json().id;
    expect((await lead.api('PATCH', `/api/v1/deployments/${deploymentId}`, { status: 'live' })).statusCode).toBe(400); // which version?
    await publishTrainingFor(lead, productId, versionIds['1.0']!);
    // Going live needs an approved deployment review of tri-X for the trust (issue 12).
    const unreviewed = await lead.api('PATCH', `/api/v1/deployments/${deploymentId}`, { status: 'live', liveVersionId: versionIds['1.0'] });
    expect(unreviewed.statusCode).toBe(400);
    expect(unreviewed.json().detail).toBe('tri-X has no approved deployment review for Test Trust.');
    expect((await lead.api('PATCH', `/api/v1/deployments/${deploymentId}`, { status: 'live', liveVersionId: versionIds['1.0'], assuranceOverrideReason: 'Leads may not' })).statusCode).toBe(403);
    const unchanged = (await lead.api('GET', `/api/v1/products/${productId}`)).json().deployments.find((d: { id: string }) => d.id === deploymentId);
    expect(unchanged).toMatchObject({ status: 'piloting', liveVersionId: null, assuranceOverrideReason: null });
    await approveDeploymentReview(hub.database.db, { productId, organisationId: trustId, leadId: viewers.lead.personId });
    const live = await lead.api('PATCH', `/api/v1/deployments/${deploymentId}`, { status: 'live', liveVersionId: versionIds['1.0'] });
    expect(live.json()).toMatchObject({ status: 'live', liveVersionId: versionIds['1.0'], assuranceOverrideReason: null });

    // The radiographer links herself; an outsider cannot link to a deployment where they do not work.
    expect((await radiographer.api('POST', `/api/v1/deployments/${deploymentId}/users`, { personId: radiographerId })).statusCode).toBe(204);
    expect((await outsider.api('POST', `/api/v1/deployments/${deploymentId}/users`, { personId: (await outsider.api('GET', '/api/v1/me')).json().id })).statusCode).toBe(404);
    const mine = (await radiographer.api('GET', '/api/v1/me/products')).json().deployments;
    expect(mine).toHaveLength(1);
    const firstDue = mine[0].dueBy as string;

    await publishTrainingFor(lead, productId, versionIds['1.1']!);
    const refresher = await lead.api('PATCH', `/api/v1/deployments/${deploymentId}`, { liveVersionId: versionIds['1.1'] });
    expect(refresher.statusCode).toBe(200);
    const users = (await lead.api('GET', `/api/v1/deployments/${deploymentId}/users`)).json().users;
    expect(users).toHaveLength(1);
    expect(users[0].dueBy).not.toBe(firstDue);
    const notes = (await radiographer.api('GET', '/api/v1/notifications')).json().notifications as Array<{ message: string }>;
    expect(notes[0]?.message).toContain('tri-X 1.1 is live and needs a refresher');
    // The same news goes by mail, through the outbox, with a link to the page that shows it.
    const mail = await createOutboxRepository(hub.database.db).listRecentMessages([trustId], 20);
    const refresherMail = mail.find((m) => m.toAddress === radiographerEmail && m.subject === 'Refresher training due: tri-X 1.1');
    expect(refresherMail?.bodyText).toContain('tri-X 1.1 is live and needs a refresher');
    expect(refresherMail?.bodyText).toMatch(/https?:\/\/[^\s]+\/products\/mine/);
    expect((await radiographer.api('GET', `/api/v1/deployments/${deploymentId}/users`)).statusCode).toBe(404);
  });

  it('offers the choices the pages need: where to deploy, whom to assign, what a user may link to', async () => {
    const { products } = hub.services;
    expect((await products.deployableOrganisations({ viewer: viewers.lead })).map((o) => o.id)).toContain(trustId);
    expect(await products.deployableOrganisations({ viewer: viewers.radiographer })).toEqual([]);
    // The radiographer already uses it; the lead works there too and does not.
    const assignable = (await products.assignablePeople({ viewer: viewers.lead, deploymentId })).map((p) => p.id);
    expect(assignable).toContain(viewers.lead.personId);
    expect(assignable).not.toContain(radiographerId);
    await expect(products.assignablePeople({ viewer: viewers.radiographer, deploymentId })).rejects.toMatchObject({ code: 'not_found' });
    expect((await products.listLinkableDeployments({ viewer: viewers.lead })).map((d) => d.id)).toContain(deploymentId);
    expect((await products.listLinkableDeployments({ viewer: viewers.radiographer })).map((d) => d.id)).not.toContain(deploymentId);
    expect((await products.listLinkableDeployments({ viewer: viewers.outsider })).map((d) => d.id)).not.toContain(deploymentId);
  });

  it('answers someone who may not assign users the same whether the person exists or not', async () => {
    const unknownPerson = await outsider.api('POST', `/api/v1/deployments/${deploymentId}/users`, { personId: randomUUID() });
    const realPerson = await outsider.api('POST', `/api/v1/deployments/${deploymentId}/users`, { personId: radiographerId });
    expect([unknownPerson.statusCode, realPerson.statusCode]).toEqual([404, 404]);
    expect(unknownPerson.json().detail).toBe(realPerson.json().detail);
  });

  it('lists for a manager the products owned beneath their organisation, and shows others only deployments where they work', async () => {
    const icsLeadPerson = await createTestPerson(hub, { organisationId: icsId, roles: ['learner', 'product-lead'], name: 'Ian ICS Lead' });
    const icsLead = await signIn(hub.app, icsLeadPerson.email);
    const listed = (await icsLead.api('GET', '/api/v1/products')).json().products as Array<{ id: string }>;
    expect(listed.map((p) => p.id)).toContain(productId);
    // The other trust's lead, once it is shared with them, sees the product but not the trust's deployment.
    expect((await lead.api('POST', `/api/v1/products/${productId}/shares`, { organisationId: otherTrustId })).statusCode).toBe(204);
    const shared = (await otherLead.api('GET', `/api/v1/products/${productId}`)).json();
    expect(shared.deployments).toEqual([]);
    expect((await lead.api('GET', `/api/v1/products/${productId}`)).json().deployments).toHaveLength(1);
  });

  it('withdraws a deployment, ending what is due but keeping the record', async () => {
    const withdrawn = await lead.api('PATCH', `/api/v1/deployments/${deploymentId}`, { status: 'withdrawn' });
    expect(withdrawn.json().status).toBe('withdrawn');
    const users = (await lead.api('GET', `/api/v1/deployments/${deploymentId}/users`)).json().users;
    expect(users[0]).toMatchObject({ dueBy: null });
    expect((await lead.api('PATCH', `/api/v1/deployments/${deploymentId}`, { status: 'live' })).statusCode).toBe(409);
  });
  it('lets a lead manage a deployment in their trust of a product they cannot see', async () => {
    const icsLeadPerson = await createTestPerson(hub, { organisationId: icsId, roles: ['learner', 'product-lead'], name: 'Ines ICS Lead' });
    const icsLead = await signIn(hub.app, icsLeadPerson.email);
    const thirdTrust = await hub.services.organisations.createOrganisation({ kind: 'trust', name: 'Third Trust', parentId: icsId });
    const thirdLead = await signIn(hub.app, (await createTestPerson(hub, { organisationId: thirdTrust.id, roles: ['learner', 'product-lead'], name: 'Theo Lead' })).email);
    const elsewhere = await icsLead.api('POST', `/api/v1/products/${productId}/deployments`, { organisationId: thirdTrust.id, status: 'piloting', startedOn: '2026-03-01' });
    expect(elsewhere.statusCode).toBe(201);
    expect((await thirdLead.api('GET', `/api/v1/products/${productId}`)).statusCode).toBe(404);
    expect((await thirdLead.get(`/deployments/${elsewhere.json().id}`)).statusCode).toBe(200);
  });
});
