import { body, common, csrfHeader, hidden, input, json, list, output, pathParam, problem, ref, signedIn, uuidPathParam } from '../openapi-parts.ts';
import { productRequest } from './product.schemas.ts';
import {
  actionDoneRequest,
  answerRequest,
  answerSchema,
  decisionRequest,
  decisionSchema,
  evidenceRequest,
  evidenceSchema,
  historySchema,
  reviewDetailsSchema,
  reviewerRequest,
  reviewRequest,
  reviewSummarySchema,
  statusRequest,
} from './assurance.schemas.ts';

const unsafe = { '403': problem('Missing or invalid CSRF token, or not permitted') };
const reviewId = uuidPathParam('id', 'An assurance review id');
const questionId = pathParam('questionId', 'A question of the review’s set, like a3-01 or a6-12');
const noContent = { description: 'Done' };
const stale = { '409': problem('Changed by someone else since `version`, or not possible in the review’s status') };

/** The assurance reviews part of the OpenAPI document (issue 12). */
export const assuranceOpenApi = {
  paths: {
    '/api/v1/assurance/reviews': {
      get: { summary: 'Assurance reviews you can read: those you lead or review, those of organisations you administer, and decided ones where you work', ...signedIn, responses: { '200': json('Reviews', list('reviews', 'AssuranceReviewSummary')), ...common } },
      post: {
        summary: 'Start a review of a product: procurement (Table A3; Drivers, AI product leads, admins) or deployment in a named organisation (Table A6; Embedders, AI product leads, admins)',
        ...signedIn,
        parameters: [csrfHeader()],
        requestBody: body(input(reviewRequest)),
        responses: { '201': json('Started', ref('AssuranceReview')), ...common, ...unsafe },
      },
    },
    '/api/v1/assurance/reviews/{id}': {
      get: { summary: 'A review: its questions with the current answer and evidence of each, reviewers, decision and actions', ...signedIn, parameters: [reviewId], responses: { '200': json('The review', ref('AssuranceReview')), ...common, '404': hidden } },
    },
    '/api/v1/assurance/reviews/{id}/status': {
      post: { summary: 'Move the review on (its lead and organisation admins)', ...signedIn, parameters: [reviewId, csrfHeader()], requestBody: body(input(statusRequest)), responses: { '200': json('Moved', ref('AssuranceReviewSummary')), ...common, ...unsafe, '404': hidden, ...stale } },
    },
    '/api/v1/assurance/reviews/{id}/answers/{questionId}': {
      get: { summary: 'Every change to one question’s answer, newest first', ...signedIn, parameters: [reviewId, questionId], responses: { '200': json('History', output(historySchema)), ...common, '404': hidden } },
      post: {
        summary: 'Change a question’s answer: only the fields given change, and the change is kept as a new row of its history',
        ...signedIn,
        parameters: [reviewId, questionId, csrfHeader()],
        requestBody: body(input(answerRequest)),
        responses: { '200': json('The answer now (null when nothing was ever answered)', { type: 'object', properties: { answer: { anyOf: [ref('AssuranceAnswer'), { type: 'null' }] } } }), ...common, ...unsafe, '404': hidden, '409': problem('Changed by someone else since `expectedAnswerId`, or the review is decided') },
      },
    },
    '/api/v1/assurance/reviews/{id}/decision': {
      post: {
        summary: 'Record the decision, once: every question without a judgement needs a reason; an approval with conditions needs at least one, each becoming an action',
        ...signedIn,
        parameters: [reviewId, csrfHeader()],
        requestBody: body(input(decisionRequest)),
        responses: { '201': json('Decided', ref('AssuranceDecision')), ...common, ...unsafe, '404': hidden, ...stale },
      },
    },
    '/api/v1/assurance/reviews/{id}/reviewers': {
      post: { summary: 'Add a reviewer, who is told (the lead and organisation admins, until decided)', ...signedIn, parameters: [reviewId, csrfHeader()], requestBody: body(input(reviewerRequest)), responses: { '204': noContent, ...common, ...unsafe, '404': hidden, ...stale } },
    },
    '/api/v1/assurance/reviews/{id}/reviewers/{personId}': {
      delete: { summary: 'Remove a reviewer (history is kept)', ...signedIn, parameters: [reviewId, uuidPathParam('personId', 'A person id'), csrfHeader()], responses: { '204': noContent, ...common, ...unsafe, '404': hidden, ...stale } },
    },
    '/api/v1/assurance/reviews/{id}/evidence': {
      post: { summary: 'Add a note or link to a question (files through the page); checked as learners’ evidence is', ...signedIn, parameters: [reviewId, csrfHeader()], requestBody: body(input(evidenceRequest)), responses: { '201': json('Added', ref('AssuranceEvidence')), ...common, ...unsafe, '404': hidden, ...stale } },
    },
    '/api/v1/assurance/reviews/{id}/evidence/{evidenceId}/withdraw': {
      post: { summary: 'Withdraw evidence: it stays, marked, as history', ...signedIn, parameters: [reviewId, uuidPathParam('evidenceId', 'An evidence id'), csrfHeader()], responses: { '200': json('Withdrawn', ref('AssuranceEvidence')), ...common, ...unsafe, '404': hidden, '409': problem('Already withdrawn, or the review is decided') } },
    },
    '/api/v1/assurance/reviews/{id}/actions/{actionId}/done': {
      post: { summary: 'Mark a condition’s action done, once (its owner, the review’s lead, organisation admins)', ...signedIn, parameters: [reviewId, uuidPathParam('actionId', 'An action id'), csrfHeader()], requestBody: body(input(actionDoneRequest)), responses: { '204': noContent, ...common, ...unsafe, '404': hidden, '409': problem('Already done') } },
    },
    '/api/v1/assurance/candidates': {
      post: { summary: 'Record a candidate product, not yet bought, to review before buying (Drivers, AI product leads, admins)', ...signedIn, parameters: [csrfHeader()], requestBody: body(input(productRequest)), responses: { '201': json('Recorded', ref('AiProduct')), ...common, ...unsafe } },
    },
  },
  schemas: {
    AssuranceReviewSummary: output(reviewSummarySchema),
    AssuranceReview: output(reviewDetailsSchema),
    AssuranceAnswer: output(answerSchema),
    AssuranceDecision: output(decisionSchema),
    AssuranceEvidence: output(evidenceSchema),
  },
};
