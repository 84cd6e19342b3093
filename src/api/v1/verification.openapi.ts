import { body, common, csrfHeader, hidden, input, json, list, output, problem, queryParameters, ref, signedIn, uuidPathParam } from '../openapi-parts.ts';
import {
  addEvidenceRequest,
  bulkConfirmRequest,
  bulkConfirmResultSchema,
  decisionRequest,
  decisionSchema,
  evidenceListQuery,
  evidenceSchema,
  historyQuery,
  queueItemSchema,
  requestDetailsSchema,
  requestVerificationRequest,
  unaskedVerificationRequest,
  verificationRequestSchema,
} from './verification.schemas.ts';

const unsafe = { '403': problem('Missing or invalid CSRF token') };

const evidenceId = uuidPathParam('evidenceId', 'An evidence id');
const requestId = uuidPathParam('requestId', 'A verification request id');
const personId = uuidPathParam('id', 'A person id');
const multipartEvidence = {
  type: 'object',
  required: ['topicId', 'kind', 'file'],
  properties: { ...((input(addEvidenceRequest) as { properties?: object }).properties ?? {}), file: { type: 'string', contentMediaType: 'application/octet-stream', description: 'A PDF, PNG or JPEG under 10 MB, checked by its content.' } },
};

/** The evidence and verification part of the OpenAPI document. */
export const verificationOpenApi = {
  paths: {
    '/api/v1/evidence': {
      get: {
        summary: 'Evidence for a topic (yours, or of someone you may see), withdrawn items included',
        ...signedIn,
        parameters: queryParameters(evidenceListQuery),
        responses: { '200': json('Evidence, newest first', list('evidence', 'Evidence')), ...common, '404': hidden },
      },
      post: {
        summary: 'Add a note or link (JSON) or a file (multipart/form-data) to one of your topics',
        ...signedIn,
        parameters: [csrfHeader()],
        requestBody: { required: true, content: { 'application/json': { schema: input(addEvidenceRequest) }, 'multipart/form-data': { schema: multipartEvidence } } },
        responses: { '201': json('Evidence added', ref('Evidence')), ...common, ...unsafe, '404': problem('No such topic') },
      },
    },
    '/api/v1/evidence/{evidenceId}/withdraw': {
      post: {
        summary: 'Withdraw your evidence (it stays, marked withdrawn, as history)',
        ...signedIn,
        parameters: [evidenceId, csrfHeader()],
        responses: { '200': json('Withdrawn', ref('Evidence')), ...common, ...unsafe, '404': hidden, '409': problem('Already withdrawn') },
      },
    },
    '/api/v1/evidence/{evidenceId}/file': {
      get: {
        summary: 'Download an evidence file, as an attachment of its detected type',
        ...signedIn,
        parameters: [evidenceId],
        responses: {
          '200': { description: 'The file', content: { 'application/pdf': {}, 'image/png': {}, 'image/jpeg': {} } },
          '401': common['401'],
          '404': hidden,
        },
      },
    },
    '/api/v1/verification-requests': {
      get: {
        summary: 'Verification requests and their outcomes (yours, or of someone you may see), newest first',
        ...signedIn,
        parameters: queryParameters(historyQuery),
        responses: { '200': json('Requests', list('requests', 'VerificationRequest')), ...common, '404': hidden },
      },
      post: {
        summary: 'Ask one of your current supervisors to verify your current self-rating of a topic',
        ...signedIn,
        parameters: [csrfHeader()],
        requestBody: body(input(requestVerificationRequest)),
        responses: { '201': json('Requested', ref('VerificationRequest')), ...common, ...unsafe, '404': problem('No such topic'), '409': problem('A request for this topic is already waiting') },
      },
    },
    '/api/v1/verification-requests/queue': {
      get: {
        summary: 'Your queue as a supervisor: undecided requests from people you supervise, oldest first',
        ...signedIn,
        responses: { '200': json('Queue', list('requests', 'VerificationQueueItem')), '401': common['401'] },
      },
    },
    '/api/v1/verification-requests/{requestId}': {
      get: {
        summary: 'One request with the learner’s current evidence',
        ...signedIn,
        parameters: [requestId],
        responses: { '200': json('Request', ref('VerificationRequestDetails')), ...common, '404': hidden },
      },
    },
    '/api/v1/verification-requests/{requestId}/decision': {
      post: {
        summary: 'Decide a request sent to you: confirm, adjust with a reason, or return with a comment. Decisions are final.',
        ...signedIn,
        parameters: [requestId, csrfHeader()],
        requestBody: body(input(decisionRequest)),
        responses: { '201': json('Decided', ref('VerificationDecision')), ...common, ...unsafe, '404': hidden, '409': problem('Already decided') },
      },
    },
    '/api/v1/verification-requests/bulk-confirm': {
      post: {
        summary: 'Confirm several requests sent to you at once, each at its self-rated level, in one transaction; those no longer waiting are reported',
        ...signedIn,
        parameters: [csrfHeader()],
        requestBody: body(input(bulkConfirmRequest)),
        responses: { '200': json('Confirmed, and those skipped with why', ref('VerificationBulkConfirmResult')), ...common, ...unsafe },
      },
    },
    '/api/v1/verification-requests/{requestId}/withdraw': {
      post: {
        summary: 'Withdraw your own request while it waits; it stays in your history as withdrawn',
        ...signedIn,
        parameters: [requestId, csrfHeader()],
        responses: { '200': json('Withdrawn', ref('VerificationRequest')), ...common, ...unsafe, '404': hidden, '409': problem('Already decided or withdrawn') },
      },
    },
    '/api/v1/people/{id}/verifications': {
      post: {
        summary: 'Verify the current self-rating of someone you supervise without being asked; they are told',
        ...signedIn,
        parameters: [personId, csrfHeader()],
        requestBody: body(input(unaskedVerificationRequest)),
        responses: { '201': json('Verified', ref('VerificationRequest')), ...common, ...unsafe, '404': hidden, '409': problem('No rating to verify, or they have already asked') },
      },
    },
  },
  schemas: {
    VerificationBulkConfirmResult: output(bulkConfirmResultSchema),
    Evidence: output(evidenceSchema),
    VerificationRequest: output(verificationRequestSchema),
    VerificationQueueItem: output(queueItemSchema),
    VerificationRequestDetails: output(requestDetailsSchema),
    VerificationDecision: output(decisionSchema),
  },
};
