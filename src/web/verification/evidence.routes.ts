import { formatDateTime } from '../dates.ts';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Viewer } from '../../services/identity/viewer.ts';
import { NOTE_MAX_LENGTH } from '../../services/verification/evidence-input.ts';
import type { PageDeps } from '../index.ts';
import { takeParkedForm } from '../resume-form.ts';
import { requireViewer } from '../session.plugin.ts';
import { sendEvidenceFile, uploadedFileField } from '../file-transfer.ts';
import { evidenceView, formErrorsOf, levelLabel, ratingOffer, recordView, statementsView, TOPIC_PAGE } from './verification.view-model.ts';

const TEMPLATE = 'verification/topic-evidence.njk';
const topicParams = z.object({ topicId: z.string().min(1).max(120) });
const evidenceParams = z.object({ evidenceId: z.string().min(1).max(60) });
const doneQuery = z.object({ done: z.enum(['added', 'withdrawn', 'requested', 'request-withdrawn', 'rated']).optional(), learned: z.string().max(40).optional() });
const ratingForm = z.object({ level: z.string().max(40) });
const text = z.string().max(100_000).optional();
const evidenceForm = z.object({ kind: text, title: text, note: text, url: text, file: uploadedFileField });
const requestForm = z.object({ supervisorId: text, message: text });
const DONE_MESSAGES = {
  added: 'Your evidence has been added.', withdrawn: 'Your evidence has been withdrawn. It stays in your history.', requested: 'Your supervisor has been asked to verify your rating.',
  'request-withdrawn': 'Your request has been withdrawn. It stays in your verification history.',
  rated: 'Your rating has been updated. Now add evidence and ask your supervisor to verify it.',
};
/** Where each problem's summary link goes: every kind has its own form, so its own title field. */
const evidenceAnchors = (kind: string | undefined) => {
  const form = kind === 'note' || kind === 'link' || kind === 'file' ? kind : undefined;
  return { kind: 'add-evidence', title: form ? `${form}-title` : 'add-evidence', note: 'note', url: 'url', file: 'file', '': 'add-evidence' };
};
const REQUEST_ANCHORS = { supervisorId: 'supervisorId', message: 'message', rating: 'request-verification', '': 'request-verification' };

type PageExtras = {
  evidenceValues?: Record<string, unknown>;
  requestValues?: Record<string, unknown>;
  errorSummary?: unknown;
  fieldErrors?: Record<string, string>;
  doneMessage?: string | undefined;
  resumed?: boolean;
  /** The level a completed learning item brought this topic to, when the learner came from it. */
  learned?: string | undefined;
};

export function registerEvidencePages(app: FastifyInstance, { services }: PageDeps): void {
  async function renderTopicPage(reply: FastifyReply, viewer: Viewer, topicId: string, extras: PageExtras) {
    const page = await services.topicEvidence.getTopicEvidence({ viewer, topicId });
    const { index } = services.assessmentFramework();
    const { topic, currentRating } = page;
    const rated = currentRating ? levelLabel(index, topic, currentRating.level) : undefined;
    const chosenSupervisor = extras.requestValues?.supervisorId ?? (page.supervisors.length === 1 ? page.supervisors[0]?.id : undefined);
    const history = page.history.map((r) => recordView(index, topic, r));
    return reply.view(TEMPLATE, {
      pageTitle: `Evidence: ${topic.label}`,
      currentSection: 'assessment',
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Your self-assessment', href: '/self-assessment' }],
      topic,
      statements: statementsView(index, topic),
      ratingRows: [
        { key: { text: 'Your rating' }, value: { text: currentRating ? `${rated} (rated ${formatDateTime(currentRating.ratedAt)})` : 'Not rated yet' } },
        { key: { text: 'Verified level' }, value: { text: page.verifiedLevel ? levelLabel(index, topic, page.verifiedLevel) : 'Not verified yet' } },
      ],
      currentRating: rated,
      evidence: page.evidence.map(evidenceView),
      supervisorItems: page.supervisors.map((s) => ({ value: s.id, text: s.displayName, checked: s.id === chosenSupervisor })),
      supervisors: page.supervisors,
      pending: page.pending ? recordView(index, topic, page.pending) : undefined,
      ratingOffer: ratingOffer(index, topic, currentRating?.level, extras.learned),
      ratingPath: `${TOPIC_PAGE(topic.id)}/rating`,
      withdrawPath: page.pending ? `/verification/${page.pending.request.id}/withdraw` : undefined,
      historyRows: history.map((h) => [{ text: h.askedOn }, { text: h.supervisorName }, { text: h.selfRated }, { text: h.outcome }, { text: h.verified || '–' }, { text: h.comment || '–' }]),
      addPath: TOPIC_PAGE(topic.id),
      requestPath: `${TOPIC_PAGE(topic.id)}/verification`,
      noteMaxLength: NOTE_MAX_LENGTH,
      evidenceValues: {},
      requestValues: {},
      fieldErrors: {},
      ...extras,
    });
  }

  app.get('/evidence/topics/:topicId', async (request, reply) => {
    const viewer = requireViewer(request);
    const { topicId } = topicParams.parse(request.params);
    const { done, learned } = doneQuery.parse(request.query);
    const path = TOPIC_PAGE(topicId);
    const parkedEvidence = await takeParkedForm(request, reply, path, services.sessions);
    const parkedRequest = await takeParkedForm(request, reply, `${path}/verification`, services.sessions);
    return renderTopicPage(reply, viewer, topicId, {
      doneMessage: done ? DONE_MESSAGES[done] : undefined,
      evidenceValues: parkedEvidence ?? {},
      requestValues: parkedRequest ?? {},
      resumed: Boolean(parkedEvidence ?? parkedRequest),
      learned,
    });
  });

  // From a completed journey item: the rating is raised to what the learning brought first, through
  // the self-assessment (so it is history like any rating), and only then is it verified.
  app.post('/evidence/topics/:topicId/rating', async (request, reply) => {
    const viewer = requireViewer(request);
    const { topicId } = topicParams.parse(request.params);
    const { level } = ratingForm.parse(request.body ?? {});
    try {
      await services.selfAssessment.rateTopics({ viewer, ratings: { [topicId]: level } });
    } catch (error) {
      const { status, ...errors } = formErrorsOf(error, { [topicId]: 'update-rating', '': 'update-rating' });
      return renderTopicPage(reply.status(status), viewer, topicId, { ...errors, learned: level });
    }
    return reply.redirect(`${TOPIC_PAGE(topicId)}?done=rated#add-evidence`, 303);
  });

  app.post('/evidence/topics/:topicId', { config: { fileUpload: 'file-store' } }, async (request, reply) => {
    const viewer = requireViewer(request);
    const { topicId } = topicParams.parse(request.params);
    const { file, ...fields } = evidenceForm.parse(request.body ?? {});
    try {
      await services.evidence.addEvidence({ viewer, topicId, evidence: { ...fields, file } });
    } catch (error) {
      const { status, ...errors } = formErrorsOf(error, evidenceAnchors(fields.kind));
      return renderTopicPage(reply.status(status), viewer, topicId, { evidenceValues: fields, ...errors });
    }
    return reply.redirect(`${TOPIC_PAGE(topicId)}?done=added#evidence`, 303);
  });

  // Someone signed out while asking is sent back here after signing in: the form (and what they
  // typed, if it was parked) is on the topic page.
  app.get('/evidence/topics/:topicId/verification', async (request, reply) => {
    requireViewer(request);
    const { topicId } = topicParams.parse(request.params);
    return reply.redirect(TOPIC_PAGE(topicId), 303);
  });

  app.post('/evidence/topics/:topicId/verification', async (request, reply) => {
    const viewer = requireViewer(request);
    const { topicId } = topicParams.parse(request.params);
    const form = requestForm.parse(request.body ?? {});
    try {
      await services.verification.requestVerification({ viewer, topicId, supervisorId: form.supervisorId ?? '', message: form.message });
    } catch (error) {
      const { status, ...errors } = formErrorsOf(error, REQUEST_ANCHORS);
      return renderTopicPage(reply.status(status), viewer, topicId, { requestValues: form, ...errors });
    }
    return reply.redirect(`${TOPIC_PAGE(topicId)}?done=requested`, 303);
  });

  app.post('/evidence/:evidenceId/withdraw', async (request, reply) => {
    const viewer = requireViewer(request);
    const { evidenceId } = evidenceParams.parse(request.params);
    const row = await services.evidence.withdrawEvidence({ viewer, evidenceId });
    return reply.redirect(`${TOPIC_PAGE(row.topicId)}?done=withdrawn#evidence`, 303);
  });

  app.get('/evidence/:evidenceId/download', async (request, reply) => {
    const viewer = requireViewer(request);
    const { evidenceId } = evidenceParams.parse(request.params);
    const file = await services.evidence.getEvidenceFile({ viewer, evidenceId });
    return sendEvidenceFile(reply, file);
  });
}
