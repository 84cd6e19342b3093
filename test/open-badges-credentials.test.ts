import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../src/db/index.ts';
import { auditEvents, issuerKeys } from '../src/db/schema.ts';
import type { IssuedCredentialRow } from '../src/db/credential.repository.ts';
import { createDocumentLoader } from '../src/services/credentials/document-loader.ts';
import { verifySignedCredential } from '../src/services/credentials/signing.ts';
import { createTestOrganisations, createTestPerson, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { CHECK, publishTrainingFor, TRI_X, viewerOf } from './support/product-fixtures.ts';
import { RESOURCE_DEFAULTS } from './support/catalogue-fixtures.ts';
import { FRAMEWORK_ID, knowledgeTopics } from './support/verification-fixtures.ts';
import { createTestHub, databaseTargets, TEST_BASE_URL } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

type Person = Awaited<ReturnType<typeof createTestPerson>>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- reading nested credential JSON in assertions

const PASS = Object.fromEntries(CHECK.questions.map((q) => [q.id, q.correct]));
const FAIL = { q1: ['b'], q2: ['a'] };

describe.each(databaseTargets())('Open Badges 3.0 credentials on $name (issue 16 §2)', (target) => {
  let hub: TestHub;
  let repositories: ReturnType<typeof createRepositories>;
  let trustId: string;
  let learner: Person;
  let supervisor: Person;
  let educator: Person;
  let admin: Person;
  let outsiderAdmin: Person;
  let learnerSession: TestSession;

  const credentialsOf = (personId: string) => repositories.credentials.listCredentialsOf(personId);
  const documentOf = (row: IssuedCredentialRow): Json => JSON.parse(row.document) as Json;
  const verify = async (credential: Json) => verifySignedCredential({ credential, documentLoader: createDocumentLoader(hub.services.credentials.hubDocuments()), checkStatus: true });

  beforeAll(async () => {
    hub = await createTestHub(target);
    repositories = createRepositories(hub.database.db);
    const orgs = await createTestOrganisations(hub);
    trustId = orgs.trust.id;
    learner = await createTestPerson(hub, { organisationId: trustId, name: 'Lee Learner' });
    supervisor = await createTestPerson(hub, { organisationId: trustId, roles: ['learner', 'supervisor'], name: 'Sue Supervisor' });
    educator = await createTestPerson(hub, { organisationId: trustId, roles: ['learner', 'educator'], name: 'Eve Educator' });
    admin = await createTestPerson(hub, { organisationId: trustId, roles: ['learner', 'organisation-admin'], name: 'Ada Admin' });
    outsiderAdmin = await createTestPerson(hub, { organisationId: orgs.otherTrust.id, roles: ['learner', 'organisation-admin'], name: 'Oz Outsider' });
    await repositories.supervisions.insertSupervision({ organisationId: trustId, supervisorId: supervisor.id, learnerId: learner.id, assignedBy: supervisor.id });
    learnerSession = await signIn(hub.app, learner.email);
  });
  afterAll(() => hub.close());

  it('issues one credential for passing a product module, naming the product version, signed by the trust', async () => {
    const lead = await signIn(hub.app, (await createTestPerson(hub, { organisationId: trustId, roles: ['learner', 'product-lead'], name: 'Hana Lead' })).email);
    const productId = (await lead.api('POST', '/api/v1/products', TRI_X)).json().id as string;
    const version = await lead.api('POST', `/api/v1/products/${productId}/versions`, { label: '5.2', releasedOn: '2026-01-15', releaseNotes: 'First release.', trainingImpact: 'none' });
    const moduleId = await publishTrainingFor(lead, productId, version.json().id);
    const attempt = (answers: object) => learnerSession.api('POST', `/api/v1/modules/${moduleId}/attempts`, { answers });

    expect((await attempt(FAIL)).json()).toMatchObject({ passed: false });
    expect(await credentialsOf(learner.id)).toHaveLength(0);
    expect((await attempt(PASS)).json()).toMatchObject({ passed: true });
    expect((await attempt(PASS)).json()).toMatchObject({ passed: true });

    const rows = await credentialsOf(learner.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'product-module', organisationId: trustId, achievementId: `${TEST_BASE_URL}/ob/achievements/product-modules/${moduleId}` });
    const credential = documentOf(rows[0]!);
    expect(credential).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: `${TEST_BASE_URL}/ob/issuers/${trustId}`, type: ['Profile'], name: 'Test Trust' },
      credentialSubject: { achievement: { version: '5.2', achievementType: 'Assessment', name: 'tri-X 5.2: product training' }, result: [{ value: '2/2' }] },
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' },
    });
    const [identity] = credential.credentialSubject.identifier as Json[];
    expect(identity!.identityHash).toBe(`sha256$${createHash('sha256').update(learner.email + identity!.salt).digest('hex')}`);
    expect(rows[0]!.document).not.toContain(learner.email);
    expect((await verify(credential)).verified).toBe(true);

    const achievement = await hub.app.inject({ method: 'GET', url: `/ob/achievements/product-modules/${moduleId}` });
    expect(achievement.statusCode).toBe(200);
    expect(achievement.json()).toMatchObject({ id: credential.credentialSubject.achievement.id, type: ['Achievement'], version: '5.2' });
    expect(achievement.body).not.toContain('identityHash');
    expect((await hub.app.inject({ method: 'GET', url: '/ob/achievements/product-modules/unknown' })).statusCode).toBe(404);
  });

  it('keeps the signing key only sealed, and audits its creation and every issue', async () => {
    const [key] = await hub.database.db.select().from(issuerKeys).where(eq(issuerKeys.organisationId, trustId));
    expect(key).toMatchObject({ status: 'active', verificationMethodId: `${TEST_BASE_URL}/ob/issuers/${trustId}#${key!.publicKeyMultibase}` });
    expect(Buffer.from(key!.secretCiphertext, 'base64')).toHaveLength(32);
    const actions = (await hub.database.db.select().from(auditEvents).where(eq(auditEvents.organisationId, trustId))).map((e) => e.action);
    expect(actions.filter((a) => a === 'credentials.issuer-key-created')).toHaveLength(1);
    expect(actions.filter((a) => a === 'credentials.issued')).toHaveLength(1);
  });

  it('publishes the issuer as a Profile and controller document, and nothing for an organisation that has not issued', async () => {
    const response = await hub.app.inject({ method: 'GET', url: `/ob/issuers/${trustId}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/ld+json');
    const document = response.json() as Json;
    expect(document['@context'][0]).toBe('https://www.w3.org/ns/did/v1');
    expect(document).toMatchObject({ id: `${TEST_BASE_URL}/ob/issuers/${trustId}`, type: 'Profile', name: 'Test Trust' });
    expect(document.verificationMethod).toHaveLength(1);
    expect(document.assertionMethod).toEqual([document.verificationMethod[0].id]);
    expect((await hub.app.inject({ method: 'GET', url: `/ob/issuers/${outsiderAdmin.organisationId}` })).statusCode).toBe(404);
    expect((await hub.app.inject({ method: 'GET', url: '/ob/issuers/not-a-uuid' })).statusCode).toBe(404);
  });

  it('issues a credential for a level a supervisor verified, and none for a returned request', async () => {
    const [confirmed, returned] = knowledgeTopics(hub, 2);
    const rate = (topicId: string) =>
      repositories.assessments.insertRatings([{ organisationId: trustId, personId: learner.id, frameworkId: FRAMEWORK_ID, frameworkVersion: hub.services.assessmentFramework().version, topicId, level: 'familiarity' }]);
    const verification = hub.services.verification;
    for (const [topicId, decision] of [[confirmed!, { outcome: 'confirmed' }], [returned!, { outcome: 'returned', comment: 'Add evidence first' }]] as const) {
      await rate(topicId);
      const request = await verification.requestVerification({ viewer: viewerOf(learner), topicId, supervisorId: supervisor.id });
      await verification.decideVerification({ viewer: viewerOf(supervisor), requestId: request.id, decision });
    }
    const rows = (await credentialsOf(learner.id)).filter((r) => r.kind === 'topic-level');
    expect(rows).toHaveLength(1);
    const credential = documentOf(rows[0]!);
    expect(credential.credentialSubject).toMatchObject({
      achievement: { achievementType: 'Competency', alignment: [{ type: ['Alignment'], targetCode: confirmed, targetFramework: FRAMEWORK_ID }] },
      result: [{ value: 'familiarity' }],
    });
    // Who verified is about this award, not the achievement every holder shares.
    expect(credential.evidence).toEqual([{ type: ['Evidence'], name: 'Supervisor verification', narrative: expect.stringContaining('Verified by Sue Supervisor') }]);
    expect(JSON.stringify(credential.credentialSubject.achievement)).not.toContain('Sue');
    expect((await verify(credential)).verified).toBe(true);
  });

  it('issues a credential when every resource of a followed journey template is completed, not before', async () => {
    const educatorViewer = viewerOf(educator);
    const topics = knowledgeTopics(hub, 4).slice(2);
    const resourceIds: string[] = [];
    for (const [i, topicId] of topics.entries()) {
      const created = await hub.services.catalogue.createResource({ viewer: educatorViewer, input: { ...RESOURCE_DEFAULTS, title: `Badge resource ${i}`, durationMinutes: 20, outcomes: [{ topicId: topicId!, level: 'awareness' }] } });
      await hub.services.catalogue.publishResource({ viewer: educatorViewer, id: created.id });
      resourceIds.push(created.id);
    }
    const template = await hub.services.journeyTemplates.createTemplate({ viewer: educatorViewer, input: { title: 'Badge basics', description: 'Two short resources.', audienceArchetypes: [], resourceIds } });
    await hub.services.journeyTemplates.setTemplateStatus({ viewer: educatorViewer, templateId: template.id, status: 'published' });
    const followed = await learnerSession.api('POST', '/api/v1/me/journey', { templateId: template.id, mode: 'follow' });
    expect(followed.statusCode).toBe(201);
    const items = (followed.json().journey.upcoming as Array<{ id: string; resourceId: string }>).filter((i) => resourceIds.includes(i.resourceId));
    expect(items).toHaveLength(2);
    const templateCredentials = async () => (await credentialsOf(learner.id)).filter((r) => r.kind === 'journey-template');

    expect((await learnerSession.api('POST', `/api/v1/me/journey/items/${items[0]!.id}/complete`)).statusCode).toBe(200);
    expect(await templateCredentials()).toHaveLength(0);
    expect((await learnerSession.api('POST', `/api/v1/me/journey/items/${items[1]!.id}/complete`)).statusCode).toBe(200);
    const rows = await templateCredentials();
    expect(rows).toHaveLength(1);
    expect(documentOf(rows[0]!)).toMatchObject({ name: 'Badge basics', credentialSubject: { achievement: { achievementType: 'LearningProgram', id: `${TEST_BASE_URL}/ob/achievements/journey-templates/${template.id}` } } });
    expect((await verify(documentOf(rows[0]!))).verified).toBe(true);
  });

  it('rotates the key without breaking earlier credentials; a compromised key stops verifying', async () => {
    const [earliest] = (await credentialsOf(learner.id)).filter((r) => r.kind === 'product-module');
    await expect(hub.services.credentials.issuerAdmin.rotateIssuerKey({ viewer: viewerOf(learner), organisationId: trustId, compromised: false })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(hub.services.credentials.issuerAdmin.rotateIssuerKey({ viewer: viewerOf(outsiderAdmin), organisationId: trustId, compromised: false })).rejects.toMatchObject({ code: 'not_found' });

    const rotated = await hub.services.credentials.issuerAdmin.rotateIssuerKey({ viewer: viewerOf(admin), organisationId: trustId, compromised: false });
    expect(rotated.verificationMethodId).not.toBe(documentOf(earliest!).proof.verificationMethod);
    expect((await verify(documentOf(earliest!))).verified).toBe(true);

    // A credential signed with the new key, then that key marked compromised.
    const [topicId] = knowledgeTopics(hub, 5).slice(4);
    await repositories.assessments.insertRatings([{ organisationId: trustId, personId: learner.id, frameworkId: FRAMEWORK_ID, frameworkVersion: hub.services.assessmentFramework().version, topicId: topicId!, level: 'awareness' }]);
    const request = await hub.services.verification.requestVerification({ viewer: viewerOf(learner), topicId: topicId!, supervisorId: supervisor.id });
    await hub.services.verification.decideVerification({ viewer: viewerOf(supervisor), requestId: request.id, decision: { outcome: 'confirmed' } });
    const signedWithNew = (await credentialsOf(learner.id)).find((r) => r.achievementId.includes(encodeURIComponent(topicId!)))!;
    expect(documentOf(signedWithNew).proof.verificationMethod).toBe(rotated.verificationMethodId);
    expect((await verify(documentOf(signedWithNew))).verified).toBe(true);

    await hub.services.credentials.issuerAdmin.rotateIssuerKey({ viewer: viewerOf(admin), organisationId: trustId, compromised: true });
    expect((await verify(documentOf(signedWithNew))).verified).toBe(false);
    expect((await verify(documentOf(earliest!))).verified).toBe(true);
    const document = (await hub.app.inject({ method: 'GET', url: `/ob/issuers/${trustId}` })).json() as Json;
    expect(document.verificationMethod).toHaveLength(3);
    expect(document.assertionMethod).toHaveLength(2);
    expect(document.assertionMethod).not.toContain(rotated.verificationMethodId);
    const actions = (await hub.database.db.select().from(auditEvents).where(eq(auditEvents.organisationId, trustId))).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['credentials.issuer-key-retired', 'credentials.issuer-key-compromised']));
  });

  it('gives learners their own credentials as files, and nobody else’s', async () => {
    const list = await learnerSession.api('GET', '/api/v1/me/credentials');
    expect(list.statusCode).toBe(200);
    const summaries = list.json().credentials as Json[];
    expect(summaries.length).toBeGreaterThanOrEqual(3);
    const [row] = (await credentialsOf(learner.id)).filter((r) => r.id === summaries[0]!.id);
    const download = await learnerSession.api('GET', summaries[0]!.download);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="[a-z0-9-]+\.json"$/);
    expect(download.body).toBe(row!.document);
    const other = await signIn(hub.app, supervisor.email);
    expect((await other.api('GET', summaries[0]!.download)).statusCode).toBe(404);
    expect((await hub.app.inject({ method: 'GET', url: summaries[0]!.download })).statusCode).toBe(401);
  });

  it('revokes through the issuer’s signed Bitstring Status List; the public verifier reports it', async () => {
    const [row] = (await credentialsOf(learner.id)).filter((r) => r.kind === 'journey-template');
    const credential = documentOf(row!);
    expect(credential.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListCredential: `${TEST_BASE_URL}/ob/status/${trustId}/1` });
    const check = async () => (await hub.app.inject({ method: 'POST', url: '/api/v1/credentials/verify', payload: credential })).json() as Json;
    expect(await check()).toMatchObject({ verified: true, signature: 'valid', status: 'active', issuer: { known: true, name: 'Test Trust' } });

    const list = await hub.app.inject({ method: 'GET', url: `/ob/status/${trustId}/1` });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ type: ['VerifiableCredential', 'BitstringStatusListCredential'], issuer: `${TEST_BASE_URL}/ob/issuers/${trustId}`, credentialSubject: { statusPurpose: 'revocation' } });
    expect((await hub.app.inject({ method: 'GET', url: `/ob/status/${trustId}/2` })).statusCode).toBe(404);

    await expect(hub.services.credentials.learnerCredentials.revokeCredential({ viewer: viewerOf(outsiderAdmin), credentialId: row!.id, reason: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(hub.services.credentials.learnerCredentials.revokeCredential({ viewer: viewerOf(learner), credentialId: row!.id, reason: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
    const adminSession = await signIn(hub.app, admin.email);
    const revoked = await adminSession.api('POST', `/api/v1/credentials/${row!.id}/revoke`, { reason: 'Issued in error' });
    expect(revoked.statusCode).toBe(200);
    expect((await adminSession.api('POST', `/api/v1/credentials/${row!.id}/revoke`, { reason: 'Again' })).statusCode).toBe(409);

    const report = await check();
    expect(report).toMatchObject({ verified: false, signature: 'valid', status: 'revoked' });
    expect(report.problems).toContain('The issuer has revoked this credential.');
    // The library itself still says verified: the status has to be read separately.
    expect((await verify(credential)).verified).toBe(true);
    const others = (await credentialsOf(learner.id)).filter((r) => r.id !== row!.id && r.kind === 'product-module');
    expect((await hub.app.inject({ method: 'POST', url: '/api/v1/credentials/verify', payload: documentOf(others[0]!) })).json()).toMatchObject({ verified: true, status: 'active' });
  });

  it('verifies only what this hub issued, and refuses what is not a credential', async () => {
    const foreign = { ...documentOf((await credentialsOf(learner.id))[0]!), issuer: { id: 'https://elsewhere.example/issuer', type: ['Profile'], name: 'Elsewhere' } };
    expect((await hub.app.inject({ method: 'POST', url: '/api/v1/credentials/verify', payload: foreign })).json()).toMatchObject({ verified: false, signature: 'not-checked', issuer: { known: false } });
    expect((await hub.app.inject({ method: 'POST', url: '/api/v1/credentials/verify', payload: { hello: 'world' } })).statusCode).toBe(400);
  });

  it('rejects a credential whose content was changed after signing', async () => {
    const [row] = await credentialsOf(learner.id);
    const tampered = documentOf(row!);
    tampered.credentialSubject.achievement.name = 'Something grander';
    expect((await verify(tampered)).verified).toBe(false);
  });

  it('limits how often one network address may ask the public verifier, with a clear 429', async () => {
    const answers = [];
    for (let i = 0; i < 32; i++) answers.push((await hub.app.inject({ method: 'POST', url: '/api/v1/credentials/verify', remoteAddress: '192.0.2.77', payload: { hello: 'world' } })).statusCode);
    expect(answers.filter((s) => s === 429).length).toBeGreaterThan(0);
    const refused = await hub.app.inject({ method: 'POST', url: '/api/v1/credentials/verify', remoteAddress: '192.0.2.77', payload: { hello: 'world' } });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().detail).toMatch(/^Too many requests from your network address\. Try again in/);
    // Another address is not held up.
    expect((await hub.app.inject({ method: 'POST', url: '/api/v1/credentials/verify', remoteAddress: '192.0.2.78', payload: { hello: 'world' } })).statusCode).toBe(400);
  });
});
