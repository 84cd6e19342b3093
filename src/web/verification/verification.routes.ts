import { formatDateTime } from '../dates.ts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Viewer } from '../../services/identity/viewer.ts';
import type { PageDeps } from '../index.ts';
import { takeParkedForm } from '../resume-form.ts';
import { requireViewer } from '../session.plugin.ts';
import { bulkOutcomeView, evidenceView, formErrorsOf, levelChoices, levelLabel, recordView, REQUEST_PAGE, statementsView, TOPIC_PAGE } from './verification.view-model.ts';
import { listOf } from '../form-errors.ts';
import { BULK_VERIFY_MAX } from '../../services/verification/supervisor-verification.service.ts';
import type { BulkVerificationResult } from '../../services/verification/supervisor-verification.service.ts';

const requestParams = z.object({ requestId: z.string().min(1).max(60) });
const text = z.string().max(100_000).optional();
const decisionForm = z.object({ outcome: text, level: text, reason: text, comment: text });
const bulkForm = z.object({ requestIds: listOf(z.string().max(60), BULK_VERIFY_MAX + 1) });
const BULK_PATH = '/verification/bulk';
const DECISION_ANCHORS = { outcome: 'outcome', level: 'level', reason: 'reason', comment: 'comment', '': 'decision' };

type DecisionValues = z.infer<typeof decisionForm>;

export function registerVerificationPages(app: FastifyInstance, { services }: PageDeps): void {
  const { assessmentFramework } = services;

  async function renderQueue(reply: FastifyReply, viewer: Viewer, extras: { doneMessage?: string | undefined; bulk?: BulkVerificationResult; errorSummary?: unknown }) {
    const { index } = assessmentFramework();
    const queue = await services.verification.listVerificationQueue({ viewer });
    return reply.view('verification/queue.njk', {
      pageTitle: 'Verification requests',
      currentSection: 'verification',
      items: queue.map((item) => ({
        id: item.request.id,
        href: REQUEST_PAGE(item.request.id),
        learnerName: item.learnerName,
        // A topic that left the framework still shows, by id, so the request is not lost.
        topicLabel: item.topic?.label ?? item.request.topicId,
        selfRated: item.topic ? levelLabel(index, item.topic, item.selfRatedLevel) : item.selfRatedLevel,
        evidenceCount: item.activeEvidenceCount,
        askedOn: formatDateTime(item.request.requestedAt),
      })),
      bulkPath: BULK_PATH,
      ...(extras.bulk ? bulkOutcomeView(extras.bulk) : {}),
      ...extras,
    });
  }

  app.get('/verification', async (request, reply) => {
    const viewer = requireViewer(request);
    const { done } = z.object({ done: z.enum(['decided']).optional() }).parse(request.query);
    return renderQueue(reply, viewer, { doneMessage: done ? 'Your decision has been saved and the learner has been told.' : undefined });
  });

  // Rendered, not redirected: what was verified and what was no longer waiting is this response's news.
  app.post(BULK_PATH, async (request, reply) => {
    const viewer = requireViewer(request);
    const { requestIds } = bulkForm.parse(request.body ?? {});
    try {
      const bulk = await services.supervisorVerification.verifyRequests({ viewer, requestIds });
      return await renderQueue(reply, viewer, { bulk });
    } catch (error) {
      const { status, errorSummary } = formErrorsOf(error, { requestIds: 'bulk-verify', '': 'bulk-verify' });
      return renderQueue(reply.status(status), viewer, { errorSummary });
    }
  });

  app.post('/verification/:requestId/withdraw', async (request, reply) => {
    const viewer = requireViewer(request);
    const { requestId } = requestParams.parse(request.params);
    const record = (await services.verification.getVerificationRequest({ viewer, requestId })).record;
    await services.verification.withdrawVerificationRequest({ viewer, requestId });
    return reply.redirect(`${TOPIC_PAGE(record.request.topicId)}?done=request-withdrawn`, 303);
  });

  async function renderRequestPage(reply: FastifyReply, viewer: Viewer, requestId: string, extras: { values?: DecisionValues; errorSummary?: unknown; fieldErrors?: Record<string, string>; resumed?: boolean }) {
    const details = await services.verification.getVerificationRequest({ viewer, requestId });
    const { index } = assessmentFramework();
    const { record, topic } = details;
    const view = recordView(index, topic, record);
    const values = extras.values ?? {};
    return reply.view('verification/request.njk', {
      pageTitle: `Verify: ${topic.label}`,
      currentSection: 'verification',
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Verification requests', href: '/verification' }],
      record,
      topic,
      selfRated: view.selfRated,
      statements: statementsView(index, topic),
      evidence: details.evidence.map(evidenceView),
      requestRows: [
        { key: { text: 'Learner' }, value: { text: record.learnerName } },
        { key: { text: 'Their rating' }, value: { text: view.selfRated } },
        { key: { text: record.request.initiatedBy === 'supervisor' ? 'Verified unasked' : 'Asked' }, value: { text: view.askedOn } },
        { key: { text: 'Sent to' }, value: { text: record.supervisorName } },
        { key: { text: 'Their message' }, value: { text: view.message ?? 'No message' } },
      ],
      decisionRows: record.decision
        ? [
            { key: { text: 'Outcome' }, value: { text: view.outcome } },
            { key: { text: 'Self-rated level' }, value: { text: view.selfRated } },
            { key: { text: 'Verified level' }, value: { text: view.verified || (record.decision.outcome === 'withdrawn' ? 'None: the learner withdrew the request' : 'None: returned without a level') } },
            ...(view.comment ? [{ key: { text: record.decision.outcome === 'adjusted' ? 'Reason' : 'Comment' }, value: { text: view.comment } }] : []),
            { key: { text: record.decision.outcome === 'withdrawn' ? 'Withdrawn' : 'Decided' }, value: { text: `${view.decidedOn}, by ${record.decision.outcome === 'withdrawn' ? record.learnerName : record.supervisorName}` } },
          ]
        : undefined,
      canDecide: details.canDecide,
      levelItems: levelChoices(index, topic, values.level),
      formPath: REQUEST_PAGE(record.request.id),
      values,
      fieldErrors: {},
      ...extras,
    });
  }

  app.get('/verification/:requestId', async (request, reply) => {
    const viewer = requireViewer(request);
    const { requestId } = requestParams.parse(request.params);
    const parked = await takeParkedForm(request, reply, REQUEST_PAGE(requestId), services.sessions);
    return renderRequestPage(reply, viewer, requestId, { values: parked ? decisionForm.parse(parked) : {}, resumed: Boolean(parked) });
  });

  app.post('/verification/:requestId', async (request, reply) => {
    const viewer = requireViewer(request);
    const { requestId } = requestParams.parse(request.params);
    const values = decisionForm.parse(request.body ?? {});
    try {
      await services.verification.decideVerification({ viewer, requestId, decision: values });
    } catch (error) {
      const { status, ...errors } = formErrorsOf(error, DECISION_ANCHORS);
      return renderRequestPage(reply.status(status), viewer, requestId, { values, ...errors });
    }
    return reply.redirect('/verification?done=decided', 303);
  });
}

