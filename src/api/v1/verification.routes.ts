import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../services/index.ts';
import { sendEvidenceFile, uploadedFileField } from '../../web/file-transfer.ts';
import { requireViewer } from '../../web/session.plugin.ts';
import {
  addEvidenceRequest,
  bulkConfirmRequest,
  decisionRequest,
  evidenceIdParams,
  evidenceListQuery,
  historyQuery,
  requestIdParams,
  requestVerificationRequest,
  toDecisionJson,
  toEvidenceJson,
  toRequestJson,
  unaskedVerificationRequest,
} from './verification.schemas.ts';

// `:id`, as the other /api/v1/people/:id routes name it: a path segment has one parameter name.
const personIdParams = z.object({ id: z.string().min(1).max(60) });

const addEvidenceWithFile = addEvidenceRequest.extend({ file: uploadedFileField });

/** Evidence and verification: /api/v1/evidence and /api/v1/verification-requests. */
export function registerVerificationApi(app: FastifyInstance, { services }: { services: Services }): void {
  app.get('/api/v1/evidence', async (request) => {
    const viewer = requireViewer(request);
    const { topicId, personId = viewer.personId } = evidenceListQuery.parse(request.query);
    const rows = await services.evidence.listTopicEvidence({ viewer, personId, topicId, includeWithdrawn: true });
    return { evidence: rows.map(toEvidenceJson) };
  });

  // JSON for notes and links; multipart/form-data (fields plus one `file`) for files.
  app.post('/api/v1/evidence', { config: { fileUpload: 'file-store' } }, async (request, reply) => {
    const viewer = requireViewer(request);
    const { topicId, ...evidence } = addEvidenceWithFile.parse(request.body ?? {});
    const row = await services.evidence.addEvidence({ viewer, topicId, evidence });
    return reply.status(201).send(toEvidenceJson(row));
  });

  app.post('/api/v1/evidence/:evidenceId/withdraw', async (request) => {
    const viewer = requireViewer(request);
    const { evidenceId } = evidenceIdParams.parse(request.params);
    return toEvidenceJson(await services.evidence.withdrawEvidence({ viewer, evidenceId }));
  });

  app.get('/api/v1/evidence/:evidenceId/file', async (request, reply) => {
    const viewer = requireViewer(request);
    const { evidenceId } = evidenceIdParams.parse(request.params);
    return sendEvidenceFile(reply, await services.evidence.getEvidenceFile({ viewer, evidenceId }));
  });

  app.get('/api/v1/verification-requests', async (request) => {
    const viewer = requireViewer(request);
    const { topicId, personId = viewer.personId } = historyQuery.parse(request.query);
    const records = await services.verification.listVerificationHistory({ viewer, personId, topicId });
    return { requests: records.map(toRequestJson) };
  });

  app.post('/api/v1/verification-requests', async (request, reply) => {
    const viewer = requireViewer(request);
    const { topicId, supervisorId, message } = requestVerificationRequest.parse(request.body ?? {});
    const created = await services.verification.requestVerification({ viewer, topicId, supervisorId, message });
    const details = await services.verification.getVerificationRequest({ viewer, requestId: created.id });
    return reply.status(201).send(toRequestJson(details.record));
  });

  app.get('/api/v1/verification-requests/queue', async (request) => {
    const viewer = requireViewer(request);
    const queue = await services.verification.listVerificationQueue({ viewer });
    return { requests: queue.map((item) => ({ ...toRequestJson(item), activeEvidenceCount: item.activeEvidenceCount })) };
  });

  app.get('/api/v1/verification-requests/:requestId', async (request) => {
    const viewer = requireViewer(request);
    const { requestId } = requestIdParams.parse(request.params);
    const { record, evidence, canDecide } = await services.verification.getVerificationRequest({ viewer, requestId });
    return { ...toRequestJson(record), evidence: evidence.map(toEvidenceJson), canDecide };
  });

  app.post('/api/v1/verification-requests/:requestId/decision', async (request, reply) => {
    const viewer = requireViewer(request);
    const { requestId } = requestIdParams.parse(request.params);
    const decision = await services.verification.decideVerification({ viewer, requestId, decision: decisionRequest.parse(request.body ?? {}) });
    return reply.status(201).send(toDecisionJson(decision));
  });

  app.post('/api/v1/verification-requests/bulk-confirm', async (request) => {
    const viewer = requireViewer(request);
    const { requestIds } = bulkConfirmRequest.parse(request.body ?? {});
    const { verified, skipped } = await services.supervisorVerification.verifyRequests({ viewer, requestIds });
    return { verified: verified.map(toRequestJson), skipped };
  });

  app.post('/api/v1/verification-requests/:requestId/withdraw', async (request) => {
    const viewer = requireViewer(request);
    const { requestId } = requestIdParams.parse(request.params);
    await services.verification.withdrawVerificationRequest({ viewer, requestId });
    return toRequestJson((await services.verification.getVerificationRequest({ viewer, requestId })).record);
  });

  app.post('/api/v1/people/:id/verifications', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id: personId } = personIdParams.parse(request.params);
    const { topicId, ...decision } = unaskedVerificationRequest.parse(request.body ?? {});
    const record = await services.supervisorVerification.verifyRating({ viewer, learnerId: personId, topicId, decision });
    return reply.status(201).send(toRequestJson((await services.verification.getVerificationRequest({ viewer, requestId: record.request.id })).record));
  });
}
