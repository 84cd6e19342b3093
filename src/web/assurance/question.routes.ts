import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { JUDGEMENTS } from '../../db/tables/assurance.ts';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import { formatDateTime } from '../dates.ts';
import { formErrorsFromAppError, formErrorsView } from '../form-errors.ts';
import type { FormError } from '../form-errors.ts';
import { fieldsOf, textOf } from '../form-fields.ts';
import { sendEvidenceFile, uploadedFileField } from '../file-transfer.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { ASSURANCE_PATHS } from './assurance.paths.ts';
import { JUDGEMENT_LABELS, STAGE_SHORT } from './assurance-labels.ts';
import { evidenceItem, judgementTag } from './review.view-model.ts';

const questionParams = z.object({ id: z.string().min(1).max(60), questionId: z.string().min(1).max(40) });
const evidenceParams = z.object({ id: z.string().min(1).max(60), evidenceId: z.string().min(1).max(60) });
const text = z.string().max(100_000).optional();
const evidenceForm = z.object({ kind: text, title: text, note: text, url: text, file: uploadedFileField });
const DONE = { evidence: 'The evidence has been added.', withdrawn: 'The evidence has been withdrawn. It stays in the review’s history.' } as const;
const doneQuery = z.object({ done: z.enum(['evidence', 'withdrawn']).optional().catch(undefined) });
const ANCHORS = { supplierResponse: 'supplierResponse', judgement: 'judgement', notApplicableReason: 'notApplicableReason', riskNote: 'riskNote', ownerId: 'ownerId', expectedAnswerId: 'answer-form', kind: 'add-evidence', note: 'note', url: 'url', title: 'link-title', file: 'file', '': 'answer-form' };
type AnswerValues = Record<'supplierResponse' | 'judgement' | 'notApplicableReason' | 'riskNote' | 'ownerId', string>;
type Extras = { values?: AnswerValues; expectedAnswerId?: string; evidenceValues?: Record<string, unknown>; errors?: FormError[]; done?: keyof typeof DONE | undefined };

/** One question of a review: its answer form, its evidence, and the history of its answer. */
export function registerQuestionPages(app: FastifyInstance, { services }: PageDeps): void {
  async function renderQuestion(reply: FastifyReply, viewer: Viewer, reviewId: string, questionId: string, extras: Extras = {}) {
    const details = await services.assurance.getReview({ viewer, reviewId });
    if (!details.canWork) throw new AppError('forbidden', 'Only the review’s lead, its reviewers and organisation admins can answer its questions, until it is decided.');
    const state = details.questions.find((q) => q.question.id === questionId);
    if (!state) throw new AppError('not_found', 'There is no such question in this review.');
    const { review } = details;
    const { answer } = state;
    const values = extras.values ?? { supplierResponse: answer?.supplierResponse ?? '', judgement: answer?.judgement ?? 'none', notApplicableReason: answer?.notApplicableReason ?? '', riskNote: answer?.riskNote ?? '', ownerId: answer?.ownerId ?? '' };
    return reply.view('assurance/question.njk', {
      pageTitle: `Question ${state.question.number}: ${STAGE_SHORT[review.stage]} review of ${review.productName}`,
      currentSection: 'products',
      reviewHeading: `${STAGE_SHORT[review.stage]} review of ${review.productName}`,
      factorLabel: state.question.factorLabel,
      number: state.question.number,
      questionText: state.question.text,
      values,
      expectedAnswerId: extras.expectedAnswerId ?? answer?.id ?? '',
      judgementItems: [...JUDGEMENTS.map((j) => ({ value: j, text: JUDGEMENT_LABELS[j], checked: values.judgement === j })), { value: 'none', text: 'Not judged yet', checked: values.judgement === 'none' || values.judgement === '' }],
      ownerItems: [{ value: '', text: 'No owner' }, ...details.staff.map((p) => ({ value: p.id, text: p.displayName, selected: p.id === values.ownerId }))],
      evidence: state.evidence.map((e) => evidenceItem(review.id, e)),
      evidenceValues: extras.evidenceValues ?? {},
      backPath: `${ASSURANCE_PATHS.review(review.id)}#question-${questionId}`,
      formPath: ASSURANCE_PATHS.question(review.id, questionId),
      evidencePath: ASSURANCE_PATHS.questionEvidence(review.id, questionId),
      historyPath: ASSURANCE_PATHS.questionHistory(review.id, questionId),
      doneMessage: extras.done ? DONE[extras.done] : undefined,
      ...formErrorsView(extras.errors ?? []),
    });
  }

  const statusOf = (error: unknown) => (error instanceof AppError && error.code === 'conflict' ? 409 : 400);

  app.get(ASSURANCE_PATHS.question(':id', ':questionId'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id, questionId } = questionParams.parse(request.params);
    return renderQuestion(reply, viewer, id, questionId, { done: doneQuery.parse(request.query).done });
  });

  app.post(ASSURANCE_PATHS.question(':id', ':questionId'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id, questionId } = questionParams.parse(request.params);
    const fields = fieldsOf(request.body);
    const values = Object.fromEntries(['supplierResponse', 'judgement', 'notApplicableReason', 'riskNote', 'ownerId'].map((f) => [f, textOf(fields[f], 20_000)])) as AnswerValues;
    const expectedAnswerId = textOf(fields.expectedAnswerId, 60);
    const change = { ...values, judgement: values.judgement === 'none' || values.judgement === '' ? null : values.judgement, ownerId: values.ownerId || null, expectedAnswerId: expectedAnswerId || null };
    try {
      await services.assurance.recordAnswer({ viewer, reviewId: id, questionId, change });
    } catch (error) {
      const errors = formErrorsFromAppError(error, ANCHORS);
      if (!errors) throw error;
      return renderQuestion(reply.status(statusOf(error)), viewer, id, questionId, { values, expectedAnswerId, errors });
    }
    return reply.redirect(`${ASSURANCE_PATHS.review(id)}?done=answer#question-${questionId}`, 303);
  });

  app.post(ASSURANCE_PATHS.questionEvidence(':id', ':questionId'), { config: { fileUpload: 'file-store' } }, async (request, reply) => {
    const viewer = requireViewer(request);
    const { id, questionId } = questionParams.parse(request.params);
    const { file, ...evidenceValues } = evidenceForm.parse(request.body ?? {});
    try {
      await services.assurance.addEvidence({ viewer, reviewId: id, questionId, evidence: { ...evidenceValues, file } });
    } catch (error) {
      const errors = formErrorsFromAppError(error, ANCHORS);
      if (!errors) throw error;
      return renderQuestion(reply.status(statusOf(error)), viewer, id, questionId, { evidenceValues, errors });
    }
    return reply.redirect(`${ASSURANCE_PATHS.question(id, questionId)}?done=evidence#evidence`, 303);
  });

  app.post(ASSURANCE_PATHS.withdrawEvidence(':id', ':evidenceId'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id, evidenceId } = evidenceParams.parse(request.params);
    const row = await services.assurance.withdrawEvidence({ viewer, reviewId: id, evidenceId });
    return reply.redirect(`${ASSURANCE_PATHS.question(id, row.questionId)}?done=withdrawn#evidence`, 303);
  });

  app.get(ASSURANCE_PATHS.evidenceFile(':id', ':evidenceId'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id, evidenceId } = evidenceParams.parse(request.params);
    return sendEvidenceFile(reply, await services.assurance.getEvidenceFile({ viewer, reviewId: id, evidenceId }));
  });

  app.get(ASSURANCE_PATHS.questionHistory(':id', ':questionId'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id, questionId } = questionParams.parse(request.params);
    const { review, question, history, ownerNames } = await services.assurance.answerHistory({ viewer, reviewId: id, questionId });
    return reply.view('assurance/question-history.njk', {
      pageTitle: `History of question ${question.number}: ${STAGE_SHORT[review.stage]} review of ${review.productName}`,
      currentSection: 'products',
      reviewHeading: `${STAGE_SHORT[review.stage]} review of ${review.productName}`,
      number: question.number,
      questionText: question.text,
      backPath: `${ASSURANCE_PATHS.review(review.id)}#question-${question.id}`,
      rows: history.map((h) => ({
        when: formatDateTime(h.recordedAt),
        by: h.recordedVia === 'supplier' ? 'The supplier' : (h.recordedByName ?? 'Someone'),
        supplierResponse: h.supplierResponse || '–',
        judgement: judgementTag(h.judgement),
        reason: h.notApplicableReason,
        riskNote: h.riskNote || '–',
        owner: h.ownerId ? (ownerNames.get(h.ownerId) ?? '–') : '–',
      })),
    });
  });
}
