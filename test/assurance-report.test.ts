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
});
