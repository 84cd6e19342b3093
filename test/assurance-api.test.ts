import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssuranceCast } from './support/assurance-fixtures.ts';
import type { AssuranceCast } from './support/assurance-fixtures.ts';
import { signIn } from './support/people-fixtures.ts';
import type { TestSession } from './support/people-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

interface ReviewJson {
  review: { id: string; status: string; version: number; questionSet: string };
  questions: Array<{ id: string; answer: { id: string; judgement: string | null } | null }>;
  decision: { outcome: string } | null;
  actions: Array<{ condition: string; ownerId: string }>;
}

describe.each(databaseTargets())('assurance reviews API on $name', (target) => {
  let hub: TestHub;
  let cast: AssuranceCast;
  let embedder: TestSession;
  let staff: TestSession;
  let outsider: TestSession;
  let reviewId: string;
  const base = '/api/v1/assurance/reviews';

  beforeAll(async () => {
    hub = await createTestHub(target);
    cast = await createAssuranceCast(hub);
    embedder = await signIn(hub.app, cast.emails.embedder);
    staff = await signIn(hub.app, cast.emails.staff);
    outsider = await signIn(hub.app, cast.emails.outsider);
  });
  afterAll(() => hub.close());

  it('documents every assurance operation in the OpenAPI document', async () => {
    const doc = (await hub.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, object>; components: { schemas: Record<string, object> } }>();
    for (const path of ['/api/v1/assurance/reviews', '/api/v1/assurance/reviews/{id}', '/api/v1/assurance/reviews/{id}/answers/{questionId}', '/api/v1/assurance/reviews/{id}/decision']) expect(doc.paths[path], path).toBeDefined();
    expect(doc.components.schemas.AssuranceReview).toBeDefined();
  });

  it('starts a deployment review with field errors first, and refuses staff who may not lead one', async () => {
    const bad = await embedder.api('POST', base, { productId: cast.productId, stage: 'deployment', leadId: cast.viewers.embedder.personId, dueOn: 'soon' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: Array<{ field: string }> }>().errors.map((e) => e.field)).toEqual(['dueOn']);
    expect((await staff.api('POST', base, { productId: cast.productId, stage: 'deployment', deploymentOrganisationId: cast.trustId, leadId: cast.viewers.staff.personId, dueOn: '2027-01-31' })).statusCode).toBe(403);
    const made = await embedder.api('POST', base, { productId: cast.productId, stage: 'deployment', deploymentOrganisationId: cast.trustId, leadId: cast.viewers.embedder.personId, dueOn: '2027-01-31' });
    expect(made.statusCode).toBe(201);
    const json = made.json<ReviewJson>();
    reviewId = json.review.id;
    expect(json.review).toMatchObject({ questionSet: 'a6', status: 'draft' });
    expect(json.questions).toHaveLength(25);
    expect((await embedder.api('GET', base)).json<{ reviews: Array<{ id: string }> }>().reviews.map((r) => r.id)).toContain(reviewId);
  });

  it('hides the review from other organisations and, until decided, from plain staff', async () => {
    for (const session of [outsider, staff]) {
      expect((await session.api('GET', `${base}/${reviewId}`)).statusCode).toBe(404);
      expect((await session.api('POST', `${base}/${reviewId}/answers/a6-01`, { riskNote: 'x' })).statusCode).toBe(404);
      expect((await session.api('GET', `${base}/${reviewId}/answers/a6-01`)).statusCode).toBe(404);
    }
    expect((await embedder.api('GET', `${base}/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
  });

  it('records answer changes as history, and needs a CSRF token to', async () => {
    const url = `${base}/${reviewId}/answers/a6-01`;
    expect((await hub.app.inject({ method: 'POST', url, headers: { cookie: embedder.cookie, 'content-type': 'application/json' }, payload: JSON.stringify({ riskNote: 'x' }) })).statusCode).toBe(403);
    const first = await embedder.api('POST', url, { supplierResponse: 'Validated on 10,000 films', expectedAnswerId: null });
    expect(first.statusCode).toBe(200);
    const firstId = first.json<{ answer: { id: string } }>().answer.id;
    expect((await embedder.api('POST', url, { judgement: 'met', expectedAnswerId: firstId })).json<{ answer: { supplierResponse: string; judgement: string } }>().answer).toMatchObject({ supplierResponse: 'Validated on 10,000 films', judgement: 'met' });
    expect((await embedder.api('POST', url, { judgement: 'not-met', expectedAnswerId: firstId })).statusCode).toBe(409);
    expect((await embedder.api('POST', url, { judgement: 'not-applicable' })).json<{ errors: Array<{ field: string }> }>().errors[0]?.field).toBe('notApplicableReason');
    const history = (await embedder.api('GET', url)).json<{ history: Array<{ judgement: string | null }> }>().history;
    expect(history.map((h) => h.judgement)).toEqual(['met', null]);
  });

  it('adds and removes reviewers and evidence, for those who may', async () => {
    const reviewers = `${base}/${reviewId}/reviewers`;
    expect((await outsider.api('POST', reviewers, { personId: cast.viewers.outsider.personId })).statusCode).toBe(404);
    expect((await embedder.api('POST', reviewers, { personId: cast.viewers.outsider.personId })).statusCode).toBe(400);
    expect((await embedder.api('POST', reviewers, { personId: cast.viewers.reviewer.personId })).statusCode).toBe(204);
    expect((await embedder.api('POST', reviewers, { personId: cast.viewers.staff.personId })).statusCode).toBe(204);
    expect((await embedder.api('DELETE', `${reviewers}/${cast.viewers.staff.personId}`)).statusCode).toBe(204);
    expect((await embedder.api('DELETE', `${reviewers}/${cast.viewers.staff.personId}`)).statusCode).toBe(404);
    const reviewer = await signIn(hub.app, cast.emails.reviewer);
    const evidence = `${base}/${reviewId}/evidence`;
    expect((await reviewer.api('POST', evidence, { questionId: 'a6-01', kind: 'link', url: 'file:///etc/passwd' })).json<{ errors: Array<{ field: string }> }>().errors[0]?.field).toBe('url');
    const added = await reviewer.api('POST', evidence, { questionId: 'a6-01', kind: 'note', note: 'Local audit planned' });
    expect(added.statusCode).toBe(201);
    const evidenceId = added.json<{ id: string }>().id;
    expect((await outsider.api('POST', `${evidence}/${evidenceId}/withdraw`)).statusCode).toBe(404);
    expect((await reviewer.api('POST', `${evidence}/${evidenceId}/withdraw`)).json<{ withdrawnAt: string | null }>().withdrawnAt).not.toBeNull();
    const detail = (await embedder.api('GET', `${base}/${reviewId}`)).json<ReviewJson & { reviewers: Array<{ id: string }> }>();
    expect(detail.reviewers.map((r) => r.id)).toEqual([cast.viewers.reviewer.personId]);
  });

  it('decides, naming each unjudged question first, and the decision is final', async () => {
    let version = 1;
    for (const event of ['send-to-supplier', 'start-review']) {
      const moved = await embedder.api('POST', `${base}/${reviewId}/status`, { event, version });
      expect(moved.statusCode).toBe(200);
      version = moved.json<{ version: number }>().version;
    }
    const refused = await embedder.api('POST', `${base}/${reviewId}/decision`, { version, outcome: 'approved', statement: 'Deploy.' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ errors: Array<{ field: string }> }>().errors).toHaveLength(24);
    const reasons = Object.fromEntries(Array.from({ length: 24 }, (_, i) => [`a6-${String(i + 2).padStart(2, '0')}`, 'Accepted at go-live']));
    const decided = await embedder.api('POST', `${base}/${reviewId}/decision`, { version, outcome: 'approved-with-conditions', statement: 'Deploy with a local audit.', unansweredReasons: reasons, conditions: [{ condition: 'Audit after 3 months', ownerId: cast.viewers.embedder.personId, dueOn: '2027-04-30' }] });
    expect(decided.statusCode).toBe(201);
    expect(decided.json()).toMatchObject({ outcome: 'approved-with-conditions', decisionMakerId: cast.viewers.embedder.personId });
    expect((await embedder.api('POST', `${base}/${reviewId}/decision`, { version: version + 1, outcome: 'rejected', statement: 'No.' })).statusCode).toBe(409);
    const asStaff = await staff.api('GET', `${base}/${reviewId}`);
    expect(asStaff.statusCode).toBe(200);
    expect(asStaff.json<ReviewJson>()).toMatchObject({ decision: { outcome: 'approved-with-conditions' }, actions: [{ condition: 'Audit after 3 months' }] });
    expect((await outsider.api('GET', `${base}/${reviewId}`)).statusCode).toBe(404);
    const actionId = (asStaff.json<ReviewJson & { actions: Array<{ id: string }> }>().actions[0]?.id) ?? '';
    expect((await staff.api('POST', `${base}/${reviewId}/actions/${actionId}/done`, {})).statusCode).toBe(403);
    expect((await outsider.api('POST', `${base}/${reviewId}/actions/${actionId}/done`, {})).statusCode).toBe(404);
    expect((await embedder.api('POST', `${base}/${reviewId}/actions/${actionId}/done`, { note: 'Audited' })).statusCode).toBe(204);
    expect((await embedder.api('POST', `${base}/${reviewId}/actions/${actionId}/done`, {})).statusCode).toBe(409);
    expect((await embedder.api('POST', `${base}/${reviewId}/reviewers`, { personId: cast.viewers.staff.personId })).statusCode).toBe(409);
  });

  it('records candidate products for Drivers, not for plain staff', async () => {
    const driver = await signIn(hub.app, cast.emails.driver);
    const candidate = { name: 'Scribe', manufacturer: 'Notely', intendedUse: 'Letters', clinicalDecisionMaking: false, autonomy: 'human-in-the-loop' };
    const made = await driver.api('POST', '/api/v1/assurance/candidates', candidate);
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ lifecycle: 'candidate' });
    expect((await staff.api('POST', '/api/v1/assurance/candidates', candidate)).statusCode).toBe(403);
  });
});
