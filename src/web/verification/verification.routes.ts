import { formatDateTime } from '../dates.ts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Viewer } from '../../services/identity/viewer.ts';
import type { PageDeps } from '../index.ts';
import { takeParkedForm } from '../resume-form.ts';
import { requireViewer } from '../session.plugin.ts';
import { evidenceView, formErrorsOf, levelChoices, levelLabel, recordView, REQUEST_PAGE, statementsView } from './verification.view-model.ts';

const requestParams = z.object({ requestId: z.string().min(1).max(60) });
const text = z.string().max(100_000).optional();
const decisionForm = z.object({ outcome: text, level: text, reason: text, comment: text });
const DECISION_ANCHORS = { outcome: 'outcome', level: 'level', reason: 'reason', comment: 'comment', '': 'decision' };

type DecisionValues = z.infer<typeof decisionForm>;

export function registerVerificationPages(app: FastifyInstance, { services }: PageDeps): void {
  const { assessmentFramework } = services;

  app.get('/verification', async (request, reply) => {
    const viewer = requireViewer(request);
    const { done } = z.object({ done: z.enum(['decided']).optional() }).parse(request.query);
    const { index } = assessmentFramework();
    const queue = await services.verification.listVerificationQueue({ viewer });
    return reply.view('verification/queue.njk', {
      pageTitle: 'Verification requests',
      currentSection: 'verification',
      doneMessage: done ? 'Your decision has been saved and the learner has been told.' : undefined,
      items: queue.map((item) => ({
        href: REQUEST_PAGE(item.request.id),
        learnerName: item.learnerName,
        // A topic that left the framework still shows, by id, so the request is not lost.
        topicLabel: item.topic?.label ?? item.request.topicId,
        selfRated: item.topic ? levelLabel(index, item.topic, item.selfRatedLevel) : item.selfRatedLevel,
        evidenceCount: item.activeEvidenceCount,
        askedOn: formatDateTime(item.request.requestedAt),
      })),
    });
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
        { key: { text: 'Asked' }, value: { text: view.askedOn } },
        { key: { text: 'Sent to' }, value: { text: record.supervisorName } },
        { key: { text: 'Their message' }, value: { text: view.message ?? 'No message' } },
      ],
      decisionRows: record.decision
        ? [
            { key: { text: 'Outcome' }, value: { text: view.outcome } },
            { key: { text: 'Self-rated level' }, value: { text: view.selfRated } },
            { key: { text: 'Verified level' }, value: { text: view.verified || 'None: returned without a level' } },
            ...(view.comment ? [{ key: { text: record.decision.outcome === 'adjusted' ? 'Reason' : 'Comment' }, value: { text: view.comment } }] : []),
            { key: { text: 'Decided' }, value: { text: `${view.decidedOn}, by ${record.supervisorName}` } },
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

