import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssuranceCast } from './support/assurance-fixtures.ts';
import type { AssuranceCast } from './support/assurance-fixtures.ts';
import { formBody, signIn } from './support/people-fixtures.ts';
import { multipartBody, SAMPLE_FILES } from './support/verification-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

const errorSummaryOf = (html: string) => /<div class="nhsuk-error-summary"[\s\S]*?<\/div>\s*<\/div>/.exec(html)?.[0] ?? '';

describe.each(databaseTargets())('assurance review pages on $name', (target) => {
  let hub: TestHub;
  let cast: AssuranceCast;
  let driver: TestSession;
  let reviewer: TestSession;
  let staff: TestSession;
  let outsider: TestSession;
  let reviewPath: string;

  beforeAll(async () => {
    hub = await createTestHub(target);
    cast = await createAssuranceCast(hub);
    driver = await signIn(hub.app, cast.emails.driver);
    reviewer = await signIn(hub.app, cast.emails.reviewer);
    staff = await signIn(hub.app, cast.emails.staff);
    outsider = await signIn(hub.app, cast.emails.outsider);
  });
  afterAll(() => hub.close());

  const reviewCount = async () => (await hub.services.assurance.listReviews({ viewer: cast.viewers.admin })).length;
  const goodStart = () => ({ productId: cast.productId, stage: 'procurement', leadId: cast.viewers.driver.personId, dueDay: '31', dueMonth: '1', dueYear: '2027' });

  it('links Drivers to reviews from their start page and the products area', async () => {
    expect((await driver.get('/')).body).toContain('href="/assurance/reviews"');
    expect((await staff.get('/')).body).not.toContain('href="/assurance/reviews"');
    expect((await staff.get('/products')).body).toContain('href="/assurance/reviews"');
    const list = await driver.get('/assurance/reviews');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Start a review');
    expect((await staff.get('/assurance/reviews')).body).not.toContain('Start a review');
  });

  it('shows an error summary for a bad start and stores nothing', async () => {
    const before = await reviewCount();
    const response = await driver.post('/assurance/reviews/new', { ...goodStart(), stage: '', dueDay: '31', dueMonth: '2', dueYear: '2027' });
    expect(response.statusCode).toBe(400);
    const summary = errorSummaryOf(response.body);
    expect(summary).toContain('href="#stage"');
    expect(summary).toContain('Due date must be a real date');
    expect(await reviewCount()).toBe(before);
  });

  it('starts a review and shows its 40 questions grouped by the report’s factors', async () => {
    const response = await driver.post('/assurance/reviews/new', goodStart());
    expect(response.statusCode).toBe(303);
    reviewPath = String(response.headers.location).split('?')[0]!;
    const page = await driver.get(reviewPath);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Procurement review of tri-X');
    expect(page.body).toContain('<h3>Regulation and standards</h3>');
    expect(page.body.match(/class="nhsuk-card" id="question-a3-/g)).toHaveLength(40);
    expect(page.body).toContain('Send to the supplier');
  });

  it('records a candidate product and offers it for review', async () => {
    const bad = await driver.post('/assurance/candidates/new', { name: '', manufacturer: 'Notely', intendedUse: 'Letters', clinicalDecisionMaking: 'no', autonomy: 'human-in-the-loop' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummaryOf(bad.body)).toContain('href="#name"');
    const made = await driver.post('/assurance/candidates/new', { name: 'Scribe', manufacturer: 'Notely', intendedUse: 'Drafts clinic letters.', clinicalDecisionMaking: 'no', autonomy: 'human-in-the-loop' });
    expect(made.statusCode).toBe(303);
    const start = await driver.get(String(made.headers.location));
    expect(start.body).toMatch(/<option value="[^"]+" selected>Scribe \(candidate\)<\/option>/);

    // A product lead registers it once bought; until then it cannot be versioned or deployed.
    const productId = new URL(String(made.headers.location), 'http://hub.test').searchParams.get('productId')!;
    const lead = await signIn(hub.app, cast.emails.productLead);
    const candidatePage = await lead.get(`/products/${productId}`);
    expect(candidatePage.body).toContain('Candidate AI product (not yet bought)');
    expect(candidatePage.body).not.toContain('Record a new version');
    expect((await driver.get(`/products/${productId}`)).body).not.toContain('Register this product');
    expect((await driver.post(`/products/${productId}/register`, { version: '1' })).statusCode).toBe(403);
    expect((await lead.post(`/products/${productId}/register`, { version: '1' })).statusCode).toBe(303);
    const registered = await lead.get(`/products/${productId}?done=registered`);
    expect(registered.body).toContain('Record a new version');
    expect(registered.body).not.toContain('Register this product');
  });

  it('saves an answer as history, refusing “not applicable” without a reason and changing nothing', async () => {
    const question = `${reviewPath}/questions/a3-01`;
    const bad = await driver.post(question, { supplierResponse: 'UKCA IIa', judgement: 'not-applicable', notApplicableReason: '', riskNote: '', ownerId: '', expectedAnswerId: '' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummaryOf(bad.body)).toContain('Say why this question does not apply');
    expect((await driver.get(`${question}/history`)).body).toContain('Nobody has answered this question yet.');
    expect((await driver.post(question, { supplierResponse: 'UKCA IIa', judgement: 'none', notApplicableReason: '', riskNote: '', ownerId: '', expectedAnswerId: '' })).statusCode).toBe(303);
    const form = await driver.get(question);
    const expectedAnswerId = /name="expectedAnswerId" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    expect((await driver.post(question, { supplierResponse: 'UKCA IIa', judgement: 'met', notApplicableReason: '', riskNote: 'Check paediatric use', ownerId: cast.viewers.reviewer.personId, expectedAnswerId })).statusCode).toBe(303);
    const stale = await driver.post(question, { supplierResponse: 'Older', judgement: 'met', notApplicableReason: '', riskNote: '', ownerId: '', expectedAnswerId });
    expect(stale.statusCode).toBe(409);
    const history = await driver.get(`${question}/history`);
    expect(history.body.match(/<tr><td>/g)).toHaveLength(2);
    const page = await driver.get(reviewPath);
    expect(page.body).toContain('Check paediatric use');
    expect(page.body).toContain(cast.viewers.reviewer.displayName);
  });

  it('adds and withdraws evidence, refusing a link that is not http(s)', async () => {
    const evidence = `${reviewPath}/questions/a3-01/evidence`;
    const bad = await driver.post(evidence, { kind: 'link', url: 'javascript:alert(1)' });
    expect(bad.statusCode).toBe(400);
    expect(errorSummaryOf(bad.body)).toContain('href="#url"');
    expect((await driver.post(evidence, { kind: 'link', url: 'https://example.com/ukca', title: 'UKCA certificate' })).statusCode).toBe(303);
    const page = await driver.get(`${reviewPath}/questions/a3-01`);
    const withdrawPath = /action="([^"]+\/withdraw)"/.exec(page.body)?.[1];
    expect((await driver.get(reviewPath)).body).toContain('>UKCA certificate</a>');
    expect((await driver.post(withdrawPath!)).statusCode).toBe(303);
    expect((await driver.get(reviewPath)).body).not.toContain('>UKCA certificate</a>');
    expect((await driver.get(`${reviewPath}/questions/a3-01`)).body).toContain('Withdrawn');
  });

  it('stores a PDF through the file store, serves it back as a download to readers only, and refuses an HTML file', async () => {
    const upload = (file: { fileName: string; contentType: string; content: Buffer }) => {
      const { body, contentType } = multipartBody([{ name: '_csrf', value: driver.csrfToken }, { name: 'kind', value: 'file' }, { name: 'file', file }]);
      return hub.app.inject({ method: 'POST', url: `${reviewPath}/questions/a3-04/evidence`, headers: { cookie: driver.cookie, 'content-type': contentType }, payload: body });
    };
    const refused = await upload({ fileName: 'cert.pdf', contentType: 'application/pdf', content: SAMPLE_FILES.html });
    expect(refused.statusCode).toBe(400);
    expect(errorSummaryOf(refused.body)).toContain('The selected file must be a PDF, PNG or JPEG');
    expect((await upload({ fileName: 'cert.pdf', contentType: 'application/pdf', content: SAMPLE_FILES.pdf })).statusCode).toBe(303);
    const filePath = /href="([^"]+\/file)"/.exec((await driver.get(`${reviewPath}/questions/a3-04`)).body)?.[1];
    const download = await driver.get(filePath!);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(download.rawPayload.equals(SAMPLE_FILES.pdf)).toBe(true);
    expect((await outsider.get(filePath!)).statusCode).toBe(404);
    // The sweep removes content no evidence points at: a review's evidence counts as pointing at it.
    await hub.services.evidenceContent.sweepUnreferencedContent({ graceMs: 0 });
    expect((await driver.get(filePath!)).rawPayload.equals(SAMPLE_FILES.pdf)).toBe(true);
  });

  it('adds a reviewer, who can then work on it; other staff and other organisations cannot see it', async () => {
    expect((await reviewer.get(reviewPath)).statusCode).toBe(404);
    expect((await driver.post(`${reviewPath}/reviewers`, { personId: cast.viewers.reviewer.personId })).statusCode).toBe(303);
    expect((await reviewer.get(`${reviewPath}/questions/a3-02`)).statusCode).toBe(200);
    for (const session of [staff, outsider]) {
      expect((await session.get(reviewPath)).statusCode).toBe(404);
      expect((await session.get(`${reviewPath}/questions/a3-02/history`)).statusCode).toBe(404);
      expect((await session.post(`${reviewPath}/questions/a3-02`, { supplierResponse: 'x' })).statusCode).toBe(404);
    }
    expect((await reviewer.post(`${reviewPath}/reviewers`, { personId: cast.viewers.staff.personId })).statusCode).toBe(403);
  });

  it('moves the status, refuses a decision missing reasons with a summary naming each question, then decides', async () => {
    for (const event of ['send-to-supplier', 'start-review']) {
      const version = /name="version" value="(\d+)"/.exec((await driver.get(reviewPath)).body)?.[1] ?? '';
      expect((await driver.post(`${reviewPath}/status`, { event, version })).statusCode).toBe(303);
    }
    const form = await driver.get(`${reviewPath}/decision`);
    expect(form.statusCode).toBe(200);
    const version = /name="version" value="(\d+)"/.exec(form.body)?.[1] ?? '';
    const bad = await driver.post(`${reviewPath}/decision`, { version, outcome: 'approved-with-conditions', statement: 'Buy it.' });
    expect(bad.statusCode).toBe(400);
    const summary = errorSummaryOf(bad.body);
    expect(summary).toContain('Question 2 has no judgement');
    expect(summary).toContain('Question 40 has no judgement');
    expect(summary).toContain('Add at least one condition');
    expect((await driver.get(reviewPath)).body).not.toContain('Approved with conditions');

    const reasons = Object.fromEntries(Array.from({ length: 39 }, (_, i) => [`reason-a3-${String(i + 2).padStart(2, '0')}`, 'Asked again at contract']));
    const decided = await driver.post(`${reviewPath}/decision`, {
      version, outcome: 'approved-with-conditions', statement: 'Buy it, with a local check.', ...reasons,
      'condition-1': 'Local validation on our films', 'conditionOwner-1': cast.viewers.reviewer.personId, 'conditionDueDay-1': '1', 'conditionDueMonth-1': '3', 'conditionDueYear-1': '2027',
    });
    expect(decided.statusCode).toBe(303);
    const page = await driver.get(reviewPath);
    expect(page.body).toContain('Approved with conditions');
    expect(page.body).toContain('Local validation on our films');
    expect(page.body).not.toContain('Answer and add evidence');
  });

  it('lets staff read the decided review, read only, and the owner mark the action done', async () => {
    const asStaff = await staff.get(reviewPath);
    expect(asStaff.statusCode).toBe(200);
    expect(asStaff.body).not.toContain('Mark done');
    expect(asStaff.body).not.toContain('Add reviewer');
    expect((await outsider.get(reviewPath)).statusCode).toBe(404);
    const asOwner = await reviewer.get(reviewPath);
    const donePath = /action="([^"]+\/actions\/[^"]+\/done)"/.exec(asOwner.body)?.[1];
    expect((await staff.post(donePath!)).statusCode).toBe(403);
    expect((await reviewer.post(donePath!)).statusCode).toBe(303);
    expect((await driver.get(reviewPath)).body).toMatch(/nhsuk-tag--green">\s*Done\s*<\/strong>/);
  });

  it('refuses a form posted without its CSRF token', async () => {
    const response = await hub.app.inject({ method: 'POST', url: `${reviewPath}/reviewers`, headers: { cookie: driver.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: formBody({ personId: cast.viewers.staff.personId }) });
    expect(response.statusCode).toBe(403);
  });
});
