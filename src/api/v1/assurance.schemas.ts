import { z } from 'zod';
import type { ActionRecord, AnswerRow, AssuranceEvidenceRow, DecisionRow, ReviewRecord } from '../../db/assurance.repository.ts';
import { ASSURANCE_EVIDENCE_KINDS, DECISION_OUTCOMES, JUDGEMENTS, RECORDED_VIA, REVIEW_QUESTION_SETS, REVIEW_STAGES, REVIEW_STATUSES } from '../../db/tables/assurance.ts';
import { answerChangeSchema, decisionInputSchema, reviewInputSchema } from '../../services/assurance/assurance-input.ts';
import type { ReviewDetails } from '../../services/assurance/review-reader.ts';

/** Schemas of the assurance reviews API: they validate requests, shape responses and feed OpenAPI. */

export const reviewParams = z.object({ id: z.string().max(60) });
export const answerParams = z.object({ id: z.string().max(60), questionId: z.string().max(40) });
export const reviewRequest = reviewInputSchema;
export const answerRequest = answerChangeSchema;
export const decisionRequest = decisionInputSchema.extend({ version: z.number().int().describe('The review version you decided on; a stale one is a 409.') });
export const reviewerParams = z.object({ id: z.string().max(60), personId: z.string().max(60) });
export const evidenceParams = z.object({ id: z.string().max(60), evidenceId: z.string().max(60) });
export const actionParams = z.object({ id: z.string().max(60), actionId: z.string().max(60) });
export const reviewerRequest = z.object({ personId: z.string().max(60).describe('Someone who works in the organisation running the review, or beneath it.') });
/** Notes and links through the API; files go through the review's page (multipart). */
export const evidenceRequest = z.object({
  questionId: z.string().max(40),
  kind: z.enum(['note', 'link']),
  title: z.string().max(200).optional(),
  note: z.string().max(5000).optional(),
  url: z.string().max(2000).optional().describe('http or https only'),
});
export const actionDoneRequest = z.object({ note: z.string().max(4000).optional() });
export const statusRequest = z.object({
  event: z.enum(['send-to-supplier', 'start-review', 'return-to-supplier']).describe('draft → with supplier → under review; back to the supplier before deciding.'),
  version: z.number().int().describe('The review version you saw; a stale one is a 409.'),
});

export const reviewSummarySchema = z.object({
  id: z.guid(),
  organisation: z.object({ id: z.guid(), name: z.string() }),
  product: z.object({ id: z.guid(), name: z.string(), lifecycle: z.enum(['candidate', 'registered']) }),
  stage: z.enum(REVIEW_STAGES),
  questionSet: z.enum(REVIEW_QUESTION_SETS),
  deploymentOrganisation: z.object({ id: z.guid(), name: z.string() }).nullable(),
  framework: z.object({ id: z.string(), version: z.string() }),
  lead: z.object({ id: z.guid(), name: z.string() }),
  dueOn: z.string(),
  status: z.enum(REVIEW_STATUSES),
  version: z.number().int(),
});

export const answerSchema = z.object({
  id: z.guid(),
  questionId: z.string(),
  supplierResponse: z.string(),
  judgement: z.enum(JUDGEMENTS).nullable(),
  notApplicableReason: z.string().nullable(),
  riskNote: z.string(),
  ownerId: z.guid().nullable(),
  recordedByPersonId: z.guid().nullable(),
  recordedVia: z.enum(RECORDED_VIA),
  recordedAt: z.string(),
});

export const evidenceSchema = z.object({
  id: z.guid(),
  kind: z.enum(ASSURANCE_EVIDENCE_KINDS),
  title: z.string(),
  note: z.string().nullable(),
  url: z.string().nullable(),
  fileName: z.string().nullable(),
  mediaType: z.string().nullable(),
  addedVia: z.enum(RECORDED_VIA),
  addedAt: z.string(),
  withdrawnAt: z.string().nullable(),
});

export const decisionSchema = z.object({
  outcome: z.enum(DECISION_OUTCOMES),
  statement: z.string(),
  decisionMakerId: z.guid(),
  unansweredReasons: z.record(z.string(), z.string()),
  decidedAt: z.string(),
});

const actionSchema = z.object({ id: z.guid(), condition: z.string(), ownerId: z.guid(), ownerName: z.string(), dueOn: z.string(), doneAt: z.string().nullable() });

export const reviewDetailsSchema = z.object({
  review: reviewSummarySchema,
  canWork: z.boolean(),
  canManage: z.boolean(),
  reviewers: z.array(z.object({ id: z.guid(), name: z.string() })),
  questions: z.array(z.object({ id: z.string(), number: z.number().int(), factor: z.string(), text: z.string(), answer: answerSchema.nullable(), evidence: z.array(evidenceSchema) })),
  decision: decisionSchema.nullable(),
  actions: z.array(actionSchema),
});

export const historySchema = z.object({ questionId: z.string(), history: z.array(answerSchema) });

export function toReviewSummaryJson(r: ReviewRecord): z.infer<typeof reviewSummarySchema> {
  return {
    id: r.id,
    organisation: { id: r.organisationId, name: r.organisationName },
    product: { id: r.productId, name: r.productName, lifecycle: r.productLifecycle },
    stage: r.stage,
    questionSet: r.questionSet,
    deploymentOrganisation: r.deploymentOrganisationId ? { id: r.deploymentOrganisationId, name: r.deploymentOrganisationName ?? '' } : null,
    framework: { id: r.frameworkId, version: r.frameworkVersion },
    lead: { id: r.leadId, name: r.leadName },
    dueOn: r.dueOn,
    status: r.status,
    version: r.version,
  };
}

export function toAnswerJson(a: AnswerRow): z.infer<typeof answerSchema> {
  return { id: a.id, questionId: a.questionId, supplierResponse: a.supplierResponse, judgement: a.judgement, notApplicableReason: a.notApplicableReason, riskNote: a.riskNote, ownerId: a.ownerId, recordedByPersonId: a.recordedByPersonId, recordedVia: a.recordedVia, recordedAt: a.recordedAt.toISOString() };
}

export const toEvidenceJson = (e: AssuranceEvidenceRow): z.infer<typeof evidenceSchema> => ({
  id: e.id, kind: e.kind, title: e.title, note: e.note, url: e.url, fileName: e.fileName, mediaType: e.mediaType, addedVia: e.addedVia, addedAt: e.addedAt.toISOString(), withdrawnAt: e.withdrawnAt?.toISOString() ?? null,
});

export function toDecisionJson(d: DecisionRow): z.infer<typeof decisionSchema> {
  return { outcome: d.outcome, statement: d.statement, decisionMakerId: d.decisionMakerId, unansweredReasons: d.unansweredReasons as Record<string, string>, decidedAt: d.decidedAt.toISOString() };
}

const toActionJson = (a: ActionRecord): z.infer<typeof actionSchema> => ({ id: a.id, condition: a.condition, ownerId: a.ownerId, ownerName: a.ownerName, dueOn: a.dueOn, doneAt: a.doneAt?.toISOString() ?? null });

export function toReviewDetailsJson(d: ReviewDetails): z.infer<typeof reviewDetailsSchema> {
  return {
    review: toReviewSummaryJson(d.review),
    canWork: d.canWork,
    canManage: d.canManage,
    reviewers: d.reviewers.map((r) => ({ id: r.personId, name: r.displayName })),
    questions: d.questions.map(({ question, answer, evidence }) => ({ id: question.id, number: question.number, factor: question.factorId, text: question.text, answer: answer ? toAnswerJson(answer) : null, evidence: evidence.map(toEvidenceJson) })),
    decision: d.decision ? toDecisionJson(d.decision) : null,
    actions: d.actions.map(toActionJson),
  };
}
