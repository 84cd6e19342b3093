import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import { csrfTokenIn, createTestOrganisations, createTestPerson, formBody, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { FRAMEWORK_ID, knowledgeTopics } from './support/verification-fixtures.ts';
import { viewerOf } from './support/product-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

/** The learner's credentials page and the public "check a credential" page (issue 16 §2). */
describe.each(databaseTargets())('credential pages on $name', (target) => {
  let hub: TestHub;
  let learner: TestSession;
  let document: string;
  let trustId: string;
  let adminEmail: string;

  beforeAll(async () => {
    hub = await createTestHub(target);
    const repositories = createRepositories(hub.database.db);
    const { trust } = await createTestOrganisations(hub);
    trustId = trust.id;
    adminEmail = (await createTestPerson(hub, { organisationId: trust.id, roles: ['learner', 'organisation-admin'], name: 'Ada Admin' })).email;
    const person = await createTestPerson(hub, { organisationId: trust.id, name: 'Pat Learner' });
    const supervisor = await createTestPerson(hub, { organisationId: trust.id, roles: ['learner', 'supervisor'], name: 'Sid Supervisor' });
    await repositories.supervisions.insertSupervision({ organisationId: trust.id, supervisorId: supervisor.id, learnerId: person.id, assignedBy: supervisor.id });
    const [topicId] = knowledgeTopics(hub, 1);
    await repositories.assessments.insertRatings([{ organisationId: trust.id, personId: person.id, frameworkId: FRAMEWORK_ID, frameworkVersion: hub.services.assessmentFramework().version, topicId: topicId!, level: 'awareness' }]);
    learner = await signIn(hub.app, person.email);
    // The page is cached per viewer: seen once before the credential exists, it must not go stale.
    expect((await learner.get('/credentials')).body).toContain('You have no credentials yet.');
    const request = await hub.services.verification.requestVerification({ viewer: viewerOf(person), topicId: topicId!, supervisorId: supervisor.id });
    await hub.services.verification.decideVerification({ viewer: viewerOf(supervisor), requestId: request.id, decision: { outcome: 'confirmed' } });
    document = (await repositories.credentials.listCredentialsOf(person.id))[0]!.document;
  });
  afterAll(() => hub.close());

  it('lists the learner’s credentials with a download of each', async () => {
    const page = await learner.get('/credentials');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(': awareness');
    expect(page.body).toContain('Verified level');
    const link = /href="(\/api\/v1\/me\/credentials\/[0-9a-f-]+)" download/.exec(page.body)?.[1];
    expect(link).toBeDefined();
    expect((await learner.get(link!)).body).toBe(document);
    expect((await hub.app.inject({ method: 'GET', url: '/credentials' })).statusCode).toBe(303);
  });

  it('checks a pasted credential for anyone, signed out', async () => {
    const form = await hub.app.inject({ method: 'GET', url: '/verify' });
    expect(form.statusCode).toBe(200);
    const cookie = form.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const post = (credential: string) =>
      hub.app.inject({ method: 'POST', url: '/verify', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: csrfTokenIn(form.body), credential }) });
    const verified = await post(document);
    expect(verified.statusCode).toBe(200);
    expect(verified.body).toContain('<h2 class="nhsuk-card__heading nhsuk-card__heading--feature nhsuk-heading-m">Verified</h2>');
    expect(verified.body).toContain('Not revoked');

    const tampered = await post(document.replace(': awareness', ': proficiency'));
    expect(tampered.body).toContain('Not verified');
    expect(tampered.body).toContain('Not valid');

    const junk = await post('not json at all');
    expect(junk.statusCode).toBe(400);
    expect(junk.body).toContain('There is a problem');
    expect(junk.body).toContain('href="#credential"');
  });

  it('lets an organisation admin see the issuer, replace its key and revoke a credential', async () => {
    const admin = await signIn(hub.app, adminEmail);
    const pagePath = `/organisation/credentials?organisationId=${trustId}`;
    const page = await admin.get(pagePath);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/ob/issuers/${trustId}`);
    expect(page.body).toContain('Signing new credentials');
    expect(page.body).toContain('to Pat Learner');
    expect((await learner.get(pagePath)).statusCode).toBe(403);

    const rotated = await admin.post('/organisation/credentials/rotate-key', { organisationId: trustId });
    expect(rotated.statusCode).toBe(303);
    const after = await admin.get(rotated.headers.location as string);
    expect(after.body).toContain('A new signing key is in use.');
    expect(after.body).toContain('Retired: still verifies what it signed');

    const signedWith = JSON.parse(document).proof.verificationMethod as string;
    expect((await learner.post('/organisation/credentials/withdraw-key', { organisationId: trustId, verificationMethodId: signedWith })).statusCode).toBe(403);
    const withdrawn = await admin.post('/organisation/credentials/withdraw-key', { organisationId: trustId, verificationMethodId: signedWith });
    expect(withdrawn.statusCode).toBe(303);
    expect((await admin.get(withdrawn.headers.location as string)).body).toContain('Compromised: withdrawn');
    expect((await hub.app.inject({ method: 'POST', url: '/api/v1/credentials/verify', payload: JSON.parse(document) })).json()).toMatchObject({ verified: false, signature: 'invalid' });
    expect((await admin.post('/organisation/credentials/withdraw-key', { organisationId: trustId, verificationMethodId: signedWith })).statusCode).toBe(404);

    const revokeLink = /href="(\/organisation\/credentials\/[0-9a-f-]+\/revoke\?organisationId=[0-9a-f-]+)"/.exec(after.body)?.[1];
    expect(revokeLink).toBeDefined();
    const form = await admin.get(revokeLink!.replace(/&amp;/g, '&'));
    expect(form.statusCode).toBe(200);
    const action = revokeLink!.split('?')[0]!;
    const blank = await admin.post(action, { organisationId: trustId, reason: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('href="#reason"');
    const revoked = await admin.post(action, { organisationId: trustId, reason: 'Issued in error' });
    expect(revoked.statusCode).toBe(303);
    expect((await admin.get(revoked.headers.location as string)).body).toContain('The credential is revoked.');
    expect((await hub.app.inject({ method: 'GET', url: `/ob/status/${trustId}/1` })).statusCode).toBe(200);
  });
});
