import { createHash } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assuranceAnswers, assuranceEvidence, assuranceReviews, assuranceSupplierLinks, auditEvents, notifications, outbox } from '../src/db/schema.ts';
import { approveDeploymentReview, createAssuranceCast } from './support/assurance-fixtures.ts';
import type { AssuranceCast } from './support/assurance-fixtures.ts';
import { csrfTokenIn, formBody, signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { multipartBody, SAMPLE_FILES } from './support/verification-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

const errorSummaryOf = (html: string) => /<div class="nhsuk-error-summary"[\s\S]*?<\/div>\s*<\/div>/.exec(html)?.[0] ?? '';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A supplier's browser: no session, only the visitor CSRF cookie its first page set. */
async function supplierBrowser(hub: TestHub, token: string) {
  const first = await hub.app.inject({ method: 'GET', url: `/supplier/${token}` });
  const cookie = String(first.headers['set-cookie'] ?? '').split(';')[0] ?? '';
  const csrf = csrfTokenIn(first.body);
  return {
    first,
    get: (path = '') => hub.app.inject({ method: 'GET', url: `/supplier/${token}${path}`, headers: { cookie } }),
    post: (path: string, form: Record<string, string>) =>
      hub.app.inject({ method: 'POST', url: `/supplier/${token}${path}`, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ _csrf: csrf, ...form }) }),
    upload: (path: string, parts: Parameters<typeof multipartBody>[0]) => {
      const { body, contentType } = multipartBody([{ name: '_csrf', value: csrf }, ...parts]);
      return hub.app.inject({ method: 'POST', url: `/supplier/${token}${path}`, headers: { cookie, 'content-type': contentType }, payload: body });
    },
  };
}

const csvFile = (text: string) => ({ name: 'file', file: { fileName: 'answers.csv', contentType: 'text/csv', content: Buffer.from(text) } });

describe.each(databaseTargets())('a supplier answering an assurance review through a link, on $name', (target) => {
  let hub: TestHub;
  let cast: AssuranceCast;
  let driver: TestSession;
  let reviewId: string;
  let otherReviewId: string;
  let token: string;

  const db = () => hub.database.db;
  const currentAnswer = async (questionId: string, id = reviewId) =>
    (await db().select().from(assuranceAnswers).where(eq(assuranceAnswers.reviewId, id)).orderBy(desc(assuranceAnswers.recordedAt))).find((a) => a.questionId === questionId);
  const answerCount = async () => (await db().select().from(assuranceAnswers).where(eq(assuranceAnswers.reviewId, reviewId))).length;
  const auditActions = async () => (await db().select().from(auditEvents).where(eq(auditEvents.subjectId, reviewId))).map((a) => a.action);
  const createLink = async (form: Record<string, string> = {}): Promise<{ response: LightMyRequestResponse; token: string }> => {
    const response = await driver.post(`/assurance/reviews/${reviewId}/supplier`, { supplierName: 'Trixo Ltd', contactEmail: '', expiryDays: '30', ...form });
    const url = /<code>([^<]+)<\/code>/.exec(response.body)?.[1] ?? '';
    return { response, token: url.split('/supplier/')[1] ?? '' };
  };

  beforeAll(async () => {
    hub = await createTestHub(target);
    cast = await createAssuranceCast(hub);
    driver = await signIn(hub.app, cast.emails.driver);
    const start = (viewer = cast.viewers.driver) => hub.services.assurance.startReview({ viewer, input: { productId: cast.productId, stage: 'procurement', leadId: viewer.personId, dueOn: '2027-01-31' } });
    reviewId = (await start()).id;
    otherReviewId = (await start()).id;
    await hub.services.assurance.addReviewer({ viewer: cast.viewers.driver, reviewId, personId: cast.viewers.reviewer.personId });
    // The reviewers' own work, which the supplier must never see.
    await hub.services.assurance.recordAnswer({ viewer: cast.viewers.reviewer, reviewId, questionId: 'a3-01', change: { judgement: 'partly-met', riskNote: 'SECRET-RISK-NOTE', ownerId: cast.viewers.reviewer.personId } });
    await hub.services.assurance.addEvidence({ viewer: cast.viewers.reviewer, reviewId, questionId: 'a3-01', evidence: { kind: 'note', note: 'REVIEWER-ONLY-NOTE' } });
    await hub.services.assurance.recordAnswer({ viewer: cast.viewers.driver, reviewId: otherReviewId, questionId: 'a3-01', change: { supplierResponse: 'OTHER-REVIEW-ANSWER' } });
  });
  afterAll(() => hub.close());

  it('lets the lead create a link, shown once, stored only as a hash, e-mailed and audited; the review goes to the supplier', async () => {
    const created = await createLink({ contactEmail: 'answers@trixo.example' });
    expect(created.response.statusCode).toBe(200);
    token = created.token;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [link] = await db().select().from(assuranceSupplierLinks).where(eq(assuranceSupplierLinks.reviewId, reviewId));
    expect(link?.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(link)).not.toContain(token);
    const [review] = await db().select().from(assuranceReviews).where(eq(assuranceReviews.id, reviewId));
    expect(review?.status).toBe('with-supplier');
    const mail = (await db().select().from(outbox)).find((m) => m.toAddress === 'answers@trixo.example');
    expect(mail?.bodyText).toContain(`http://hub.test/supplier/${token}`);
    expect(await auditActions()).toContain('assurance.supplier-link-created');
    const list = await driver.get(`/assurance/reviews/${reviewId}/supplier`);
    expect(list.body).toContain('Trixo Ltd');
    expect(list.body).not.toContain(token);
  });

  it('refuses a link lasting beyond 90 days with an error summary, and creates nothing', async () => {
    const before = (await db().select().from(assuranceSupplierLinks)).length;
    const { response } = await createLink({ expiryDays: '91' });
    expect(response.statusCode).toBe(400);
    expect(errorSummaryOf(response.body)).toContain('from 1 to 90');
    expect((await db().select().from(assuranceSupplierLinks)).length).toBe(before);
  });

  it('shows the supplier the questions and their own work only: never judgements, risk notes, owners, reviewers’ evidence or other reviews', async () => {
    const supplier = await supplierBrowser(hub, token);
    expect(supplier.first.statusCode).toBe(200);
    expect(supplier.first.headers['referrer-policy']).toBe('no-referrer');
    const page = supplier.first.body;
    expect(page.match(/class="nhsuk-card" id="question-a3-/g)).toHaveLength(40);
    expect(page).toContain('<h3>Regulation and standards</h3>');
    for (const secret of ['SECRET-RISK-NOTE', 'REVIEWER-ONLY-NOTE', 'OTHER-REVIEW-ANSWER', 'Partly met', 'reviewer ']) expect(page).not.toContain(secret);
    const csv = (await supplier.get('/questionnaire.csv')).body;
    expect(csv).toContain('question id,factor,question,supplier response');
    expect(csv).not.toContain('SECRET-RISK-NOTE');
    expect(await auditActions()).toContain('assurance.supplier-link-opened');
  });

  it('saves responses as supplier history, carrying the reviewers’ judgement, risk note and owner forward', async () => {
    const supplier = await supplierBrowser(hub, token);
    const saved = await supplier.post('', { 'response-a3-01': 'UKCA class IIa, certificate attached', 'response-a3-02': '', action: 'save' });
    expect(saved.statusCode).toBe(303);
    const answer = await currentAnswer('a3-01');
    expect(answer).toMatchObject({ supplierResponse: 'UKCA class IIa, certificate attached', recordedVia: 'supplier', recordedByPersonId: null, judgement: 'partly-met', riskNote: 'SECRET-RISK-NOTE', ownerId: cast.viewers.reviewer.personId });
    expect(await currentAnswer('a3-02')).toBeUndefined();
    expect((await supplier.get('')).body).toContain('UKCA class IIa, certificate attached');
    expect(await auditActions()).toContain('assurance.supplier-responses-saved');
  });

  it('adds and withdraws the supplier’s own evidence, and never opens another review’s evidence', async () => {
    const supplier = await supplierBrowser(hub, token);
    const added = await supplier.upload('/questions/a3-01/evidence', [{ name: 'kind', value: 'file' }, { name: 'file', file: { fileName: 'certificate.pdf', contentType: 'application/pdf', content: SAMPLE_FILES.pdf } }]);
    expect(added.statusCode).toBe(303);
    const question = await supplier.get('/questions/a3-01');
    expect(question.body).toContain('certificate.pdf');
    expect(question.body).not.toContain('REVIEWER-ONLY-NOTE');
    const fileHref = /href="(\/supplier\/[^"]+\/evidence\/[^"]+\/file)"/.exec(question.body)?.[1] ?? '';
    expect((await hub.app.inject({ method: 'GET', url: fileHref })).statusCode).toBe(200);
    const otherNote = await hub.services.assurance.addEvidence({ viewer: cast.viewers.driver, reviewId: otherReviewId, questionId: 'a3-01', evidence: { kind: 'note', note: 'other' } });
    expect((await supplier.get(`/evidence/${otherNote.id}/file`)).statusCode).toBe(404);
    expect((await supplier.post(`/evidence/${otherNote.id}/withdraw`, {})).statusCode).toBe(404);
    const withdrawPath = /action="(\/supplier\/[^"]+\/withdraw)"/.exec(question.body)?.[1] ?? '';
    expect((await hub.app.inject({ method: 'POST', url: withdrawPath })).statusCode).toBe(403);
    expect((await supplier.post(withdrawPath.slice(`/supplier/${token}`.length), {})).statusCode).toBe(303);
    expect(await auditActions()).toEqual(expect.arrayContaining(['assurance.supplier-evidence-added', 'assurance.supplier-evidence-withdrawn']));
  });

  it('imports a completed CSV all or nothing: a wrong row is named and nothing changes', async () => {
    const supplier = await supplierBrowser(hub, token);
    const before = await answerCount();
    const wrong = 'question id,factor,question,supplier response\na3-02,x,x,Trained on 40000 scans\na3-99,x,x,Nonsense\n';
    const refused = await supplier.upload('/upload', [csvFile(wrong)]);
    expect(refused.statusCode).toBe(400);
    expect(errorSummaryOf(refused.body)).toContain('Row 3: &quot;a3-99&quot; is not one of this review');
    expect(await answerCount()).toBe(before);
    const fixed = await supplier.upload('/upload', [csvFile(wrong.replace('a3-99', 'a3-03'))]);
    expect(fixed.statusCode).toBe(303);
    expect(await currentAnswer('a3-02')).toMatchObject({ supplierResponse: 'Trained on 40000 scans', recordedVia: 'supplier' });
    const roundTrip = (await supplier.get('/questionnaire.csv')).body;
    expect(roundTrip).toContain('Trained on 40000 scans');
  });

  it('lets the lead upload a completed CSV on the supplier’s behalf, recorded as the lead', async () => {
    const { body, contentType } = multipartBody([{ name: '_csrf', value: driver.csrfToken }, csvFile('question id,supplier response\na3-04,Sent by post\n')]);
    const response = await hub.app.inject({ method: 'POST', url: `/assurance/reviews/${reviewId}/questionnaire/upload`, headers: { cookie: driver.cookie, 'content-type': contentType }, payload: body });
    expect(response.statusCode).toBe(303);
    expect(await currentAnswer('a3-04')).toMatchObject({ supplierResponse: 'Sent by post', recordedVia: 'reviewer', recordedByPersonId: cast.viewers.driver.personId });
  });

  it('confirms, then submits: the review is under review, the team is told, and the link is read-only', async () => {
    const supplier = await supplierBrowser(hub, token);
    const confirm = await supplier.get('/submit');
    expect(confirm.body).toContain('questions not answered');
    expect(confirm.body).toContain('Question 5');
    expect(confirm.body).not.toContain('>Question 1<');
    expect((await supplier.post('/submit', {})).statusCode).toBe(303);
    const [review] = await db().select().from(assuranceReviews).where(eq(assuranceReviews.id, reviewId));
    expect(review?.status).toBe('under-review');
    const told = (await db().select().from(notifications)).filter((n) => n.message.includes('The supplier has submitted')).map((n) => n.personId);
    expect(told.sort()).toEqual([cast.viewers.driver.personId, cast.viewers.reviewer.personId].sort());
    expect((await db().select().from(outbox)).filter((m) => m.subject.startsWith('Supplier answers in')).length).toBe(2);
    const again = await supplier.post('', { 'response-a3-05': 'late', action: 'save' });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('You have already submitted your answers');
    expect(await currentAnswer('a3-05')).toBeUndefined();
    const readOnly = await supplier.get('');
    expect(readOnly.statusCode).toBe(200);
    expect(readOnly.body).toContain('You submitted your answers on');
    expect(readOnly.body).not.toContain('<textarea');
    expect(await auditActions()).toContain('assurance.supplier-answers-submitted');
  });

  it('shows a clear page, and no data, for unknown, revoked, expired and decided links', async () => {
    const unknown = await hub.app.inject({ method: 'GET', url: '/supplier/not-a-real-token' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('This link is not valid');
    const revokable = await createLink();
    const [link] = await db().select().from(assuranceSupplierLinks).where(eq(assuranceSupplierLinks.tokenHash, sha256(revokable.token)));
    expect((await driver.post(`/assurance/reviews/${reviewId}/supplier/links/${link?.id}/revoke`, {})).statusCode).toBe(303);
    const revoked = await hub.app.inject({ method: 'GET', url: `/supplier/${revokable.token}` });
    expect(revoked.statusCode).toBe(410);
    expect(revoked.body).toContain('This link has been withdrawn');
    expect(revoked.body).not.toContain('UKCA');
    expect(await auditActions()).toContain('assurance.supplier-link-revoked');
    const expiredToken = 'expired-token-for-the-test';
    await db().insert(assuranceSupplierLinks).values({ organisationId: cast.trustId, reviewId, tokenHash: sha256(expiredToken), createdBy: cast.viewers.driver.personId, expiresAt: new Date(Date.now() - 1000) });
    const expired = await hub.app.inject({ method: 'GET', url: `/supplier/${expiredToken}` });
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('This link has expired');
    const decidedId = await approveDeploymentReview(db(), { productId: cast.productId, organisationId: cast.trustId, leadId: cast.viewers.embedder.personId });
    const decidedToken = 'decided-token-for-the-test';
    await db().insert(assuranceSupplierLinks).values({ organisationId: cast.trustId, reviewId: decidedId, tokenHash: sha256(decidedToken), createdBy: cast.viewers.embedder.personId, expiresAt: new Date(Date.now() + 86_400_000) });
    const decided = await hub.app.inject({ method: 'GET', url: `/supplier/${decidedToken}` });
    expect(decided.statusCode).toBe(410);
    expect(decided.body).toContain('This review has been decided');
  });

  it('receives no file for a link that cannot take one', async () => {
    const revokable = await createLink();
    const supplier = await supplierBrowser(hub, revokable.token);
    const [link] = await db().select().from(assuranceSupplierLinks).where(eq(assuranceSupplierLinks.tokenHash, sha256(revokable.token)));
    await driver.post(`/assurance/reviews/${reviewId}/supplier/links/${link?.id}/revoke`, {});
    const before = (await db().select().from(assuranceEvidence)).length;
    const refused = await supplier.upload('/questions/a3-01/evidence', [{ name: 'kind', value: 'file' }, { name: 'file', file: { fileName: 'c.pdf', contentType: 'application/pdf', content: SAMPLE_FILES.pdf } }]);
    expect(refused.statusCode).toBe(410);
    expect((await db().select().from(assuranceEvidence)).length).toBe(before);
  });

  it('lets nobody but the lead and admins manage links', async () => {
    const reviewer = await signIn(hub.app, cast.emails.reviewer);
    expect((await reviewer.get(`/assurance/reviews/${reviewId}/supplier`)).statusCode).toBe(403);
    const outsider = await signIn(hub.app, cast.emails.outsider);
    expect((await outsider.get(`/assurance/reviews/${reviewId}/supplier`)).statusCode).toBe(404);
    expect((await outsider.post(`/assurance/reviews/${reviewId}/supplier`, { expiryDays: '5' })).statusCode).toBe(404);
  });

  it('offers the lead the same links over the API, never listing a link itself', async () => {
    const created = await driver.api('POST', `/api/v1/assurance/reviews/${reviewId}/supplier-links`, { expiryDays: 7, supplierName: 'By API' });
    expect(created.statusCode).toBe(201);
    const { id, url } = created.json<{ id: string; url: string }>();
    const apiToken = url.split('/supplier/')[1] ?? '';
    expect((await hub.app.inject({ method: 'GET', url: `/supplier/${apiToken}` })).statusCode).toBe(200);
    const listed = await driver.api('GET', `/api/v1/assurance/reviews/${reviewId}/supplier-links`);
    expect(listed.json<{ links: Array<{ supplierName: string }> }>().links.map((l) => l.supplierName)).toContain('By API');
    expect(listed.body).not.toContain(apiToken);
    expect((await driver.api('POST', `/api/v1/assurance/reviews/${reviewId}/supplier-links`, { expiryDays: 0 })).statusCode).toBe(400);
    expect((await driver.api('POST', `/api/v1/assurance/reviews/${reviewId}/supplier-links/${id}/revoke`)).statusCode).toBe(204);
    expect((await hub.app.inject({ method: 'GET', url: `/supplier/${apiToken}` })).statusCode).toBe(410);
  });

  it('limits requests per link', async () => {
    const guessed = 'a-token-someone-keeps-trying';
    const statuses: number[] = [];
    for (let i = 0; i < 121; i++) statuses.push((await hub.app.inject({ method: 'GET', url: `/supplier/${guessed}`, remoteAddress: '10.20.30.40' })).statusCode);
    expect(statuses.slice(0, 120).every((s) => s === 404)).toBe(true);
    expect(statuses[120]).toBe(429);
  });

  it('limits requests per network address, whatever the tokens', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 301; i++) statuses.push((await hub.app.inject({ method: 'GET', url: `/supplier/guess-${i}`, remoteAddress: '10.50.60.70' })).statusCode);
    expect(statuses.slice(0, 300).every((s) => s === 404)).toBe(true);
    expect(statuses[300]).toBe(429);
    expect((await hub.app.inject({ method: 'GET', url: `/supplier/${token}`, remoteAddress: '10.50.60.70' })).statusCode).toBe(429);
    expect((await hub.app.inject({ method: 'GET', url: `/supplier/${token}`, remoteAddress: '10.50.60.71' })).statusCode).toBe(200);
  });
});
