import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssuranceCast } from './support/assurance-fixtures.ts';
import type { AssuranceCast } from './support/assurance-fixtures.ts';
import { signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

interface CrosswalkJson {
  checklists: Array<{ id: string; statusCounts: Record<string, number>; items: Array<{ id: string; status: string; questions: Array<{ questionId: string; answered: boolean; judgement: string | null; evidence: Array<{ title: string; url: string | null }> }> }> }>;
}

describe.each(databaseTargets())('assurance review crosswalk and report on $name', (target) => {
  let hub: TestHub;
  let cast: AssuranceCast;
  let driver: TestSession;
  let staff: TestSession;
  let outsider: TestSession;
  let outsiderAdmin: TestSession;
  let reviewId: string;

  beforeAll(async () => {
    hub = await createTestHub(target);
    cast = await createAssuranceCast(hub);
    driver = await signIn(hub.app, cast.emails.driver);
    staff = await signIn(hub.app, cast.emails.staff);
    outsider = await signIn(hub.app, cast.emails.outsider);
    outsiderAdmin = await signIn(hub.app, cast.emails.outsiderAdmin);
    const v = cast.viewers;
    const a = hub.services.assurance;
    reviewId = (await a.startReview({ viewer: v.driver, input: { productId: cast.productId, stage: 'procurement', leadId: v.driver.personId, dueOn: '2027-01-31' } })).id;
    await a.recordAnswer({ viewer: v.driver, reviewId, questionId: 'a3-01', change: { supplierResponse: 'UKCA class IIa', judgement: 'met', expectedAnswerId: null } });
    await a.addEvidence({ viewer: v.driver, reviewId, questionId: 'a3-01', evidence: { kind: 'link', url: 'https://example.com/ukca.pdf', title: 'UKCA certificate' } });
    const withdrawn = await a.addEvidence({ viewer: v.driver, reviewId, questionId: 'a3-01', evidence: { kind: 'note', note: 'Old certificate' } });
    await a.withdrawEvidence({ viewer: v.driver, reviewId, evidenceId: withdrawn.id });
    await a.recordAnswer({ viewer: v.driver, reviewId, questionId: 'a3-02', change: { supplierResponse: 'Partly', judgement: 'partly-met', riskNote: 'Post-market surveillance is thin', ownerId: v.reviewer.personId, expectedAnswerId: null } });
    await a.recordAnswer({ viewer: v.driver, reviewId, questionId: 'a3-03', change: { supplierResponse: 'We will send it', expectedAnswerId: null } });
  });
  afterAll(() => hub.close());

  describe('crosswalk', () => {
    it('shows, per checklist item, its status and the supporting questions with judgement and evidence', async () => {
      const review = await driver.get(`/assurance/reviews/${reviewId}`);
      expect(review.body).toContain(`href="/assurance/reviews/${reviewId}/crosswalk"`);
      const page = await driver.get(`/assurance/reviews/${reviewId}/crosswalk`);
      expect(page.statusCode).toBe(200);
      for (const title of ['Digital Technology Assessment Criteria', 'NICE', 'buyer', 'DCB0129', 'DCB0160', 'MHRA']) expect(page.body).toContain(title);
      const row = /<tr id="item-mhra-qualification">[\s\S]*?<\/tr>/.exec(page.body)?.[0] ?? '';
      expect(row).toContain('Partly supported');
      expect(row).toContain(`href="/assurance/reviews/${reviewId}#question-a3-01">Question 1</a>`);
      expect(row).toContain('Met');
      expect(row).toContain('Answered');
      expect(row).toContain('<a href="https://example.com/ukca.pdf" rel="noopener noreferrer nofollow">UKCA certificate</a>');
      expect(row).not.toContain('Old certificate');
      expect(/<tr id="item-dtac-a">[\s\S]*?<\/tr>/.exec(page.body)?.[0]).toContain('No question of this review speaks to this item');
    });

    it('gives the same as JSON, documented in the OpenAPI document', async () => {
      const response = await driver.api('GET', `/api/v1/assurance/reviews/${reviewId}/crosswalk`);
      expect(response.statusCode).toBe(200);
      const body = response.json<CrosswalkJson>();
      expect(body.checklists.map((c) => c.id)).toEqual(['dtac', 'nice-esf', 'nhsx-buyers-guide', 'dcb0129', 'dcb0160', 'mhra-device']);
      const item = body.checklists.flatMap((c) => c.items).find((i) => i.id === 'mhra-qualification');
      expect(item?.status).toBe('partly');
      expect(item?.questions.find((q) => q.questionId === 'a3-01')).toMatchObject({ answered: true, judgement: 'met', evidence: [{ title: 'UKCA certificate', url: 'https://example.com/ukca.pdf' }] });
      const openApi = (await hub.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, unknown> }>();
      expect(Object.keys(openApi.paths)).toContain('/api/v1/assurance/reviews/{id}/crosswalk');
    });

    it('is not found for other organisations, and for staff before the review is decided', async () => {
      for (const session of [outsider, outsiderAdmin, staff]) {
        expect((await session.get(`/assurance/reviews/${reviewId}/crosswalk`)).statusCode).toBe(404);
        expect((await session.api('GET', `/api/v1/assurance/reviews/${reviewId}/crosswalk`)).statusCode).toBe(404);
      }
    });
  });

  describe('report', () => {
    const report = (session: TestSession, suffix = '') => session.get(`/assurance/reviews/${reviewId}/report${suffix}`);
    const rowOf = (html: string, heading: string) => new RegExp(`<tr[^>]*>\\s*<th[^>]*>\\s*${heading}\\s*</th>[\\s\\S]*?</tr>`).exec(html)?.[0]?.replace(/\s+/g, ' ') ?? '';

    it('shows the judgements by factor as a chart with an equal table, and the risks with their owners', async () => {
      const page = await report(driver);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('<link rel="stylesheet" href="/static/hub/print.css" media="print">');
      expect(page.body).toMatch(/<svg [^>]*role="img" aria-labelledby="judgements-chart-title judgements-chart-desc"/);
      const all = rowOf(page.body, 'All questions');
      expect([...all.matchAll(/<td[^>]*>\s*(\d+)\s*<\/td>/g)].map((m) => Number(m[1]))).toEqual([1, 1, 0, 0, 38, 40]);
      const risks = /<h2 id="risks">[\s\S]*?<\/table>/.exec(page.body)?.[0] ?? '';
      expect(risks).toContain('Post-market surveillance is thin');
      expect(risks).toContain('Partly met');
      expect(risks).toMatch(/<td>reviewer [0-9a-f]{4}<\/td>/);
      expect(page.body).toContain('No conditions have been set.');
      expect(page.body).toContain('Not decided yet.');
      const dtac = rowOf(page.body, 'DTAC');
      expect([...dtac.matchAll(/<td[^>]*>\s*(\d+)\s*<\/td>/g)].map((m) => Number(m[1]))).toEqual([0, 2, 0, 4, 0, 1, 7]);
    });

    it('shows the decision, its reasons for unjudged questions and each condition as open, done or overdue', async () => {
      const v = cast.viewers;
      const a = hub.services.assurance;
      const version = async () => (await a.getReview({ viewer: v.driver, reviewId })).review.version;
      await a.moveStatus({ viewer: v.driver, reviewId, version: await version(), event: 'send-to-supplier' });
      await a.moveStatus({ viewer: v.driver, reviewId, version: await version(), event: 'start-review' });
      const details = await a.getReview({ viewer: v.driver, reviewId });
      const unansweredReasons = Object.fromEntries(details.questions.filter((q) => !q.answer?.judgement).map((q) => [q.question.id, `Not relevant before a pilot (${q.question.number})`]));
      const conditions = [
        { condition: 'Run a local validation', ownerId: v.driver.personId, dueOn: '2026-01-01' },
        { condition: 'Train the ward staff', ownerId: v.reviewer.personId, dueOn: '2099-01-01' },
        { condition: 'Sign the data processing agreement', ownerId: v.driver.personId, dueOn: '2099-02-01' },
      ];
      await a.decide({ viewer: v.driver, reviewId, version: details.review.version, input: { outcome: 'approved-with-conditions', statement: 'Approved for a pilot on two wards.', unansweredReasons, conditions } });
      const signed = (await a.getReview({ viewer: v.driver, reviewId })).actions.find((x) => x.condition.startsWith('Sign'));
      await a.markActionDone({ viewer: v.driver, reviewId, actionId: signed!.id });

      const page = await report(driver);
      const conditionsTable = (/<h2 id="conditions">[\s\S]*?<\/table>/.exec(page.body)?.[0] ?? '').replace(/\s+/g, ' ');
      expect(conditionsTable).toMatch(/Run a local validation<\/td>(?:(?!<\/tr>).)*Overdue/);
      expect(conditionsTable).toMatch(/Train the ward staff<\/td>(?:(?!<\/tr>).)*Open/);
      expect(conditionsTable).toMatch(/Sign the data processing agreement<\/td>(?:(?!<\/tr>).)*Done/);
      const decision = (/<h2 id="decision">[\s\S]*$/.exec(page.body)?.[0] ?? '').replace(/\s+/g, ' ');
      expect(decision).toContain('Approved with conditions');
      expect(decision).toContain('Approved for a pilot on two wards.');
      expect(decision).toMatch(/driver [0-9a-f]{4}/);
      expect(decision).toContain('Question 3 decided without a judgement');
      expect(decision).toContain('Not relevant before a pilot (3)');
    });

    it('downloads as CSV and JSON, and gives the same JSON in the API', async () => {
      const csv = await report(driver, '.csv');
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="tri-x-procurement-review-\d{4}-\d{2}-\d{2}\.csv"$/);
      expect(csv.headers['cache-control']).toBe('private, no-store');
      const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toBe('Section,Reference,Item,State,Count,Detail,Owner,Date');
      expect(lines).toContain('Summary,all,All questions,not-judged,38,,,');
      expect(lines.find((l) => l.includes('Run a local validation'))).toMatch(/^Condition,[0-9a-f-]+,Run a local validation,overdue,,,driver [0-9a-f]{4},2026-01-01$/);
      expect(lines.find((l) => l.startsWith('Risk,'))).toMatch(/^Risk,Question 2,.*,partly-met,,Post-market surveillance is thin,reviewer [0-9a-f]{4},$/);
      expect(lines.find((l) => l.startsWith('Decision,'))).toMatch(/^Decision,,Outcome,approved-with-conditions,,Approved for a pilot on two wards\.,driver [0-9a-f]{4},\d{4}-\d{2}-\d{2}$/);
      expect(lines.filter((l) => l.startsWith('Crosswalk,dtac,'))).toHaveLength(6);

      const download = await report(driver, '.json');
      expect(download.headers['content-disposition']).toMatch(/\.json"$/);
      const api = await driver.api('GET', `/api/v1/assurance/reviews/${reviewId}/report`);
      expect(api.statusCode).toBe(200);
      expect(api.json()).toEqual(download.json());
      const body = api.json<{ summary: { totals: Record<string, number> }; conditions: Array<{ condition: string; state: string }>; decision: { outcome: string; reasonsForUnjudgedQuestions: unknown[] } }>();
      expect(body.summary.totals).toEqual({ met: 1, partlyMet: 1, notMet: 0, notApplicable: 0, notJudged: 38, total: 40 });
      expect(body.conditions.map((c) => [c.condition, c.state])).toEqual([['Run a local validation', 'overdue'], ['Train the ward staff', 'open'], ['Sign the data processing agreement', 'done']]);
      expect(body.decision.outcome).toBe('approved-with-conditions');
      expect(body.decision.reasonsForUnjudgedQuestions).toHaveLength(38);
      const openApi = (await hub.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, unknown> }>();
      expect(Object.keys(openApi.paths)).toContain('/api/v1/assurance/reviews/{id}/report');
    });

    it('is readable by the organisation’s staff once decided, and not found for other organisations', async () => {
      expect((await report(staff)).statusCode).toBe(200);
      expect((await staff.get(`/assurance/reviews/${reviewId}/crosswalk`)).statusCode).toBe(200);
      for (const session of [outsider, outsiderAdmin]) {
        for (const suffix of ['', '.csv', '.json']) expect((await report(session, suffix)).statusCode).toBe(404);
        expect((await session.api('GET', `/api/v1/assurance/reviews/${reviewId}/report`)).statusCode).toBe(404);
      }
      expect((await driver.get('/assurance/reviews/not-a-review/report.csv')).statusCode).toBe(404);
      for (const suffix of ['/report', '/report.csv', '/report.json', '/crosswalk']) {
        const anonymous = await hub.app.inject({ method: 'GET', url: `/assurance/reviews/${reviewId}${suffix}` });
        expect(anonymous.statusCode, suffix).toBe(303);
        expect(anonymous.headers.location, suffix).toMatch(/^\/sign-in/);
        expect((await hub.app.inject({ method: 'GET', url: `/api/v1/assurance/reviews/${reviewId}${suffix.split('.')[0]}` })).statusCode, suffix).toBe(401);
      }
    });
  });
});
