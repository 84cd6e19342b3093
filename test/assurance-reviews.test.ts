import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditRepository } from '../src/db/audit.repository.ts';
import { AppError } from '../src/errors.ts';
import type { Viewer } from '../src/services/identity/viewer.ts';
import { createAssuranceCast } from './support/assurance-fixtures.ts';
import type { AssuranceCast } from './support/assurance-fixtures.ts';
import { createTestHub, databaseTargets } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';

/** The code of the AppError a call fails with ('ok' when it succeeds). */
async function outcomeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

/** Why the database refused a statement (drizzle wraps the database's own message). */
async function refusal(statement: SQL): Promise<string> {
  try {
    await hub.database.db.execute(statement);
    return 'accepted';
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return cause?.message ?? String(error);
  }
}

let hub: TestHub;

describe.each(databaseTargets())('assurance reviews on $name', (target) => {
  let cast: AssuranceCast;
  let v: AssuranceCast['viewers'];
  const assurance = () => hub.services.assurance;

  beforeAll(async () => {
    hub = await createTestHub(target);
    cast = await createAssuranceCast(hub);
    v = cast.viewers;
  });
  afterAll(() => hub.close());

  const start = (viewer: Viewer, input: Record<string, unknown>) =>
    assurance().startReview({ viewer, input: { productId: cast.productId, stage: 'procurement', leadId: viewer.personId, dueOn: '2027-01-31', ...input } });

  describe('starting a review', () => {
    it('lets Drivers lead procurement and Embedders deployment reviews, product leads and admins either, and nobody else', async () => {
      expect(await outcomeOf(start(v.driver, {}))).toBe('ok');
      expect(await outcomeOf(start(v.embedder, {}))).toBe('forbidden');
      expect(await outcomeOf(start(v.embedder, { stage: 'deployment', deploymentOrganisationId: cast.trustId }))).toBe('ok');
      expect(await outcomeOf(start(v.driver, { stage: 'deployment', deploymentOrganisationId: cast.trustId }))).toBe('forbidden');
      expect(await outcomeOf(start(v.productLead, {}))).toBe('ok');
      expect(await outcomeOf(start(v.admin, { stage: 'deployment', deploymentOrganisationId: cast.trustId }))).toBe('ok');
      expect(await outcomeOf(start(v.staff, {}))).toBe('forbidden');
    });

    it('asks the right question set, and checks the product, lead and deployment place', async () => {
      const review = await start(v.driver, {});
      expect(review).toMatchObject({ questionSet: 'a3', status: 'draft', organisationId: cast.trustId, frameworkId: 'dart-ed-2022' });
      const details = await assurance().getReview({ viewer: v.driver, reviewId: review.id });
      expect(details.questions).toHaveLength(40);
      const deployment = await start(v.embedder, { stage: 'deployment', deploymentOrganisationId: cast.trustId });
      expect((await assurance().getReview({ viewer: v.embedder, reviewId: deployment.id })).questions).toHaveLength(25);

      const fieldsOf = async (input: Record<string, unknown>, viewer = v.driver) => {
        try {
          await start(viewer, input);
          return [];
        } catch (error) {
          return (error as AppError).details.map((d) => d.field);
        }
      };
      // Another organisation's product is not visible to this one; the staff member cannot lead a procurement review; a deployment needs a place here.
      const otherProduct = await hub.services.products.registerProduct({ viewer: v.outsider, input: { name: 'Elsewhere', manufacturer: 'X', intendedUse: 'Y', clinicalDecisionMaking: false, autonomy: 'human-in-the-loop' } });
      expect(await fieldsOf({ productId: otherProduct.id })).toEqual(['productId']);
      expect(await fieldsOf({ leadId: v.staff.personId })).toEqual(['leadId']);
      expect(await fieldsOf({ leadId: v.outsider.personId })).toEqual(['leadId']);
      expect(await fieldsOf({ stage: 'deployment', deploymentOrganisationId: cast.otherTrustId }, v.admin)).toEqual(['deploymentOrganisationId']);
      expect(await fieldsOf({ dueOn: '2027-02-30' })).toEqual(['dueOn']);
    });

    it('reviews a candidate product not yet bought, which cannot be deployed until registered', async () => {
      const candidate = await hub.services.products.recordCandidate({ viewer: v.driver, input: { name: 'Scribe', manufacturer: 'Notely', intendedUse: 'Drafts clinic letters.', clinicalDecisionMaking: false, autonomy: 'human-in-the-loop' } });
      expect(candidate.lifecycle).toBe('candidate');
      expect(await outcomeOf(hub.services.products.recordCandidate({ viewer: v.staff, input: { name: 'No' } }))).toBe('forbidden');
      expect(await outcomeOf(start(v.driver, { productId: candidate.id }))).toBe('ok');
      expect(await outcomeOf(hub.services.products.createDeployment({ viewer: v.productLead, productId: candidate.id, input: { organisationId: cast.trustId, startedOn: '2026-12-01' } }))).toBe('invalid');
      expect(await outcomeOf(hub.services.products.registerCandidate({ viewer: v.driver, id: candidate.id, version: candidate.version }))).toBe('forbidden');
      const registered = await hub.services.products.registerCandidate({ viewer: v.productLead, id: candidate.id, version: candidate.version });
      expect(registered.lifecycle).toBe('registered');
      expect(await outcomeOf(hub.services.products.createDeployment({ viewer: v.productLead, productId: candidate.id, input: { organisationId: cast.trustId, startedOn: '2026-12-01' } }))).toBe('ok');
    });
  });

  describe('who sees and changes a review', () => {
    let reviewId: string;
    const answer = (viewer: Viewer, change: Record<string, unknown> = { supplierResponse: 'Yes, UKCA class IIa.' }) => assurance().recordAnswer({ viewer, reviewId, questionId: 'a3-01', change });

    beforeAll(async () => {
      reviewId = (await start(v.driver, {})).id;
      await assurance().addReviewer({ viewer: v.driver, reviewId, personId: v.reviewer.personId });
    });

    it('is not found for anyone outside the organisation, whatever they ask', async () => {
      for (const viewer of [v.outsider, v.outsiderAdmin]) {
        expect(await outcomeOf(assurance().getReview({ viewer, reviewId }))).toBe('not_found');
        expect(await outcomeOf(answer(viewer))).toBe('not_found');
        expect(await outcomeOf(assurance().addReviewer({ viewer, reviewId, personId: viewer.personId }))).toBe('not_found');
        expect(await outcomeOf(assurance().moveStatus({ viewer, reviewId, version: 1, event: 'send-to-supplier' }))).toBe('not_found');
        expect(await outcomeOf(assurance().decide({ viewer, reviewId, version: 1, input: {} }))).toBe('not_found');
        expect((await assurance().listReviews({ viewer })).map((r) => r.id)).not.toContain(reviewId);
      }
      expect(await outcomeOf(assurance().getReview({ viewer: v.driver, reviewId: 'not-a-uuid' }))).toBe('not_found');
    });

    it('is not found for plain staff of the organisation before it is decided', async () => {
      expect(await outcomeOf(assurance().getReview({ viewer: v.staff, reviewId }))).toBe('not_found');
      expect(await outcomeOf(answer(v.staff))).toBe('not_found');
      expect((await assurance().listReviews({ viewer: v.staff })).map((r) => r.id)).not.toContain(reviewId);
    });

    it('lets the lead, reviewers and admins answer; only the lead and admins manage it', async () => {
      expect(await outcomeOf(answer(v.driver))).toBe('ok');
      expect(await outcomeOf(answer(v.reviewer, { riskNote: 'Class may be wrong for children' }))).toBe('ok');
      expect(await outcomeOf(answer(v.admin, { ownerId: v.reviewer.personId }))).toBe('ok');
      expect(await outcomeOf(assurance().addReviewer({ viewer: v.reviewer, reviewId, personId: v.staff.personId }))).toBe('forbidden');
      expect(await outcomeOf(assurance().setDueDate({ viewer: v.reviewer, reviewId, version: 1, input: { dueOn: '2027-03-01' } }))).toBe('forbidden');
      expect(await outcomeOf(assurance().moveStatus({ viewer: v.reviewer, reviewId, version: 1, event: 'send-to-supplier' }))).toBe('forbidden');
      expect((await assurance().listReviews({ viewer: v.reviewer })).map((r) => r.id)).toContain(reviewId);
    });

    it('tells reviewers they were added, and stops a removed reviewer working on it', async () => {
      const notices = await hub.services.notifications.listNotifications(v.reviewer);
      expect(notices.map((n) => n.message)).toContain('You have been asked to review tri-X (procurement).');
      await assurance().addReviewer({ viewer: v.admin, reviewId, personId: v.staff.personId });
      expect(await outcomeOf(answer(v.staff, { riskNote: 'Staff view' }))).toBe('ok');
      expect(await outcomeOf(assurance().addReviewer({ viewer: v.admin, reviewId, personId: v.staff.personId }))).toBe('invalid');
      await assurance().removeReviewer({ viewer: v.driver, reviewId, personId: v.staff.personId });
      expect(await outcomeOf(answer(v.staff))).toBe('not_found');
      expect(await outcomeOf(assurance().addReviewer({ viewer: v.driver, reviewId, personId: v.outsider.personId }))).toBe('invalid');
    });
  });

  describe('answers and evidence', () => {
    let reviewId: string;
    beforeAll(async () => {
      reviewId = (await start(v.driver, {})).id;
    });

    it('keeps every change as history, carrying the other fields forward', async () => {
      const first = await assurance().recordAnswer({ viewer: v.driver, reviewId, questionId: 'a3-02', change: { supplierResponse: 'Triage of chest X-rays.', expectedAnswerId: null } });
      await assurance().recordAnswer({ viewer: v.driver, reviewId, questionId: 'a3-02', change: { judgement: 'partly-met', riskNote: 'Exclusions vague', expectedAnswerId: first?.id } });
      const { history } = await assurance().answerHistory({ viewer: v.driver, reviewId, questionId: 'a3-02' });
      expect(history.map((h) => [h.supplierResponse, h.judgement, h.riskNote])).toEqual([
        ['Triage of chest X-rays.', 'partly-met', 'Exclusions vague'],
        ['Triage of chest X-rays.', null, ''],
      ]);
      expect(history[0]?.replacesId).toBe(first?.id);
      expect(history[0]?.recordedByName).toBe(v.driver.displayName);
    });

    it('refuses a change based on an answer someone has since changed, and records nothing when nothing changed', async () => {
      const before = (await assurance().answerHistory({ viewer: v.driver, reviewId, questionId: 'a3-02' })).history;
      expect(await outcomeOf(assurance().recordAnswer({ viewer: v.driver, reviewId, questionId: 'a3-02', change: { riskNote: 'stale', expectedAnswerId: before[1]?.id } }))).toBe('conflict');
      await assurance().recordAnswer({ viewer: v.driver, reviewId, questionId: 'a3-02', change: { riskNote: 'Exclusions vague' } });
      expect((await assurance().answerHistory({ viewer: v.driver, reviewId, questionId: 'a3-02' })).history).toHaveLength(before.length);
    });

    it('needs a reason for “not applicable”, and an owner from the organisation', async () => {
      const problem = async (change: Record<string, unknown>) => {
        try {
          await assurance().recordAnswer({ viewer: v.driver, reviewId, questionId: 'a3-03', change });
          return 'ok';
        } catch (error) {
          return (error as AppError).details.map((d) => d.field).join();
        }
      };
      expect(await problem({ judgement: 'not-applicable' })).toBe('notApplicableReason');
      expect(await problem({ judgement: 'maybe' })).toBe('judgement');
      expect(await problem({ ownerId: v.outsider.personId })).toBe('ownerId');
      expect(await problem({ judgement: 'not-applicable', notApplicableReason: 'Not a medical device' })).toBe('ok');
      expect(await outcomeOf(assurance().recordAnswer({ viewer: v.driver, reviewId, questionId: 'z9-99', change: {} }))).toBe('not_found');
    });

    it('adds notes and http(s) links, and withdraws evidence without deleting it', async () => {
      const note = await assurance().addEvidence({ viewer: v.driver, reviewId, questionId: 'a3-01', evidence: { kind: 'note', note: 'Certificate seen on 1 Dec' } });
      expect(await outcomeOf(assurance().addEvidence({ viewer: v.driver, reviewId, questionId: 'a3-01', evidence: { kind: 'link', url: 'javascript:alert(1)' } }))).toBe('invalid');
      await assurance().addEvidence({ viewer: v.driver, reviewId, questionId: 'a3-01', evidence: { kind: 'link', url: 'https://example.com/ukca.pdf' } });
      await assurance().withdrawEvidence({ viewer: v.driver, reviewId, evidenceId: note.id });
      expect(await outcomeOf(assurance().withdrawEvidence({ viewer: v.driver, reviewId, evidenceId: note.id }))).toBe('conflict');
      const evidence = (await assurance().getReview({ viewer: v.driver, reviewId })).questions.find((q) => q.question.id === 'a3-01')?.evidence ?? [];
      expect(evidence.map((e) => [e.kind, e.withdrawnAt !== null])).toEqual([['note', true], ['link', false]]);
      expect(await outcomeOf(assurance().withdrawEvidence({ viewer: v.outsider, reviewId, evidenceId: note.id }))).toBe('not_found');
    });

    it('is protected by the database: answers, decisions and actions cannot be updated or deleted', async () => {
      for (const statement of [
        sql`update assurance_answers set risk_note = 'rewritten'`,
        sql`delete from assurance_answers`,
        sql`update assurance_evidence set title = 'rewritten'`,
        sql`delete from assurance_evidence`,
      ]) {
        expect(await refusal(statement)).toMatch(/is history/);
      }
    });
  });

  describe('deciding, and the actions that follow', () => {
    let reviewId: string;
    let version: number;
    const judgeAll = async (except: string[]) => {
      const { questions } = await assurance().getReview({ viewer: v.embedder, reviewId });
      for (const { question } of questions.filter((q) => !except.includes(q.question.id))) {
        await assurance().recordAnswer({ viewer: v.embedder, reviewId, questionId: question.id, change: { supplierResponse: 'Answered', judgement: 'met' } });
      }
    };
    const move = async (viewer: Viewer, event: 'send-to-supplier' | 'start-review' | 'return-to-supplier') => {
      version = (await assurance().moveStatus({ viewer, reviewId, version, event })).version;
    };
    const decisionProblems = async (input: Record<string, unknown>) => {
      try {
        await assurance().decide({ viewer: v.embedder, reviewId, version, input });
        return [];
      } catch (error) {
        return (error as AppError).details.map((d) => d.message);
      }
    };

    beforeAll(async () => {
      const review = await start(v.embedder, { stage: 'deployment', deploymentOrganisationId: cast.trustId });
      reviewId = review.id;
      version = review.version;
      await assurance().addReviewer({ viewer: v.embedder, reviewId, personId: v.reviewer.personId });
      await judgeAll(['a6-03', 'a6-07']);
    });

    it('moves draft → with supplier → under review, and back to the supplier before deciding, never skipping', async () => {
      expect(await outcomeOf(assurance().decide({ viewer: v.embedder, reviewId, version, input: {} }))).toBe('conflict');
      expect(await outcomeOf(assurance().moveStatus({ viewer: v.embedder, reviewId, version, event: 'start-review' }))).toBe('conflict');
      await move(v.embedder, 'send-to-supplier');
      await move(v.embedder, 'start-review');
      await move(v.embedder, 'return-to-supplier');
      await move(v.admin, 'start-review');
      expect((await assurance().getReview({ viewer: v.embedder, reviewId })).review.status).toBe('under-review');
      expect(await outcomeOf(assurance().moveStatus({ viewer: v.embedder, reviewId, version: version - 1, event: 'return-to-supplier' }))).toBe('conflict');
    });

    it('refuses a decision that leaves questions without a judgement or a reason, naming each', async () => {
      expect(await decisionProblems({ outcome: 'approved', statement: 'Fine.' })).toEqual([
        'Question 3 has no judgement: give a reason for deciding without one',
        'Question 7 has no judgement: give a reason for deciding without one',
      ]);
      expect(await decisionProblems({ outcome: 'approved-with-conditions', statement: 'Fine.', unansweredReasons: { 'a6-03': 'Asked at go-live', 'a6-07': 'Supplier silent' } })).toEqual([
        'Add at least one condition to approve with conditions',
      ]);
      expect(await decisionProblems({ outcome: 'rejected', statement: 'No.', unansweredReasons: { 'a6-03': 'x', 'a6-07': 'y' }, conditions: [{ condition: 'c', ownerId: v.reviewer.personId, dueOn: '2027-01-01' }] })).toEqual([
        'Conditions are only for an approval with conditions',
      ]);
      expect(await outcomeOf(assurance().decide({ viewer: v.reviewer, reviewId, version, input: {} }))).toBe('forbidden');
      expect((await assurance().getReview({ viewer: v.embedder, reviewId })).decision).toBeUndefined();
    });

    it('records the decision once, with conditions as actions, tells the reviewers, and closes the review', async () => {
      const decision = await assurance().decide({
        viewer: v.embedder, reviewId, version,
        input: {
          outcome: 'approved-with-conditions', statement: 'Go ahead once the local validation is done.',
          unansweredReasons: { 'a6-03': 'Asked at go-live', 'a6-07': 'Supplier silent', 'a6-01': 'judged, so dropped' },
          conditions: [
            { condition: 'Local validation on 200 films', ownerId: v.reviewer.personId, dueOn: '2026-01-15' },
            { condition: 'Fallback pathway agreed', ownerId: v.embedder.personId, dueOn: '2099-01-01' },
          ],
        },
      });
      expect(decision).toMatchObject({ outcome: 'approved-with-conditions', decisionMakerId: v.embedder.personId, unansweredReasons: { 'a6-03': 'Asked at go-live', 'a6-07': 'Supplier silent' } });
      const details = await assurance().getReview({ viewer: v.embedder, reviewId });
      expect(details.review.status).toBe('decided');
      expect(details.actions.map((a) => [a.condition, a.ownerName, a.doneAt])).toEqual([
        ['Local validation on 200 films', v.reviewer.displayName, null],
        ['Fallback pathway agreed', v.embedder.displayName, null],
      ]);
      expect((await hub.services.notifications.listNotifications(v.reviewer)).map((n) => n.message)).toContain('The deployment review of tri-X has been decided: approved with conditions.');
      expect(await outcomeOf(assurance().decide({ viewer: v.embedder, reviewId, version: details.review.version, input: { outcome: 'rejected', statement: 'Changed my mind' } }))).toBe('conflict');
      expect(await outcomeOf(assurance().recordAnswer({ viewer: v.embedder, reviewId, questionId: 'a6-03', change: { judgement: 'met' } }))).toBe('conflict');
      expect(await outcomeOf(assurance().addReviewer({ viewer: v.embedder, reviewId, personId: v.staff.personId }))).toBe('conflict');
      expect(await refusal(sql`update assurance_decisions set outcome = 'rejected'`)).toMatch(/is history/);
      expect(await refusal(sql`delete from assurance_actions`)).toMatch(/is history/);
    });

    it('is then readable by the organisation’s staff, read only, and still hidden from other organisations', async () => {
      const asStaff = await assurance().getReview({ viewer: v.staff, reviewId });
      expect(asStaff).toMatchObject({ canWork: false, canManage: false });
      expect((await assurance().listReviews({ viewer: v.staff })).map((r) => r.id)).toContain(reviewId);
      expect(await outcomeOf(assurance().recordAnswer({ viewer: v.staff, reviewId, questionId: 'a6-03', change: { riskNote: 'x' } }))).toBe('forbidden');
      expect(await outcomeOf(assurance().getReview({ viewer: v.outsiderAdmin, reviewId }))).toBe('not_found');
    });

    it('tells owners of overdue open actions once, and lets the owner mark theirs done, once', async () => {
      const [overdue] = (await assurance().getReview({ viewer: v.embedder, reviewId })).actions;
      expect(await assurance().notifyOverdueActions({ today: '2026-06-01' })).toBe(1);
      expect(await assurance().notifyOverdueActions({ today: '2026-06-01' })).toBe(0);
      expect((await hub.services.notifications.listNotifications(v.reviewer)).filter((n) => n.message.startsWith('An action from an assurance review is overdue'))).toHaveLength(1);
      expect(await outcomeOf(assurance().markActionDone({ viewer: v.staff, reviewId, actionId: overdue!.id }))).toBe('forbidden');
      expect(await outcomeOf(assurance().markActionDone({ viewer: v.outsider, reviewId, actionId: overdue!.id }))).toBe('not_found');
      await assurance().markActionDone({ viewer: v.reviewer, reviewId, actionId: overdue!.id, note: 'Validated' });
      expect(await outcomeOf(assurance().markActionDone({ viewer: v.embedder, reviewId, actionId: overdue!.id }))).toBe('conflict');
      const done = (await assurance().getReview({ viewer: v.embedder, reviewId })).actions.find((a) => a.id === overdue!.id);
      expect(done).toMatchObject({ doneByName: v.reviewer.displayName });
      expect(await assurance().notifyOverdueActions({ today: '2100-01-01' })).toBe(1);
    });

    it('audits every change, by whom', async () => {
      const events = await createAuditRepository(hub.database.db).listAuditEventsAbout(reviewId);
      const actions = new Set(events.map((e) => e.action));
      for (const action of ['review-started', 'reviewer-added', 'answer-recorded', 'status-changed', 'decided', 'action-done', 'action-overdue-notified']) expect(actions).toContain(`assurance.${action}`);
      expect(events.find((e) => e.action === 'assurance.decided')?.actorId).toBe(v.embedder.personId);
    });
  });
});
