import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { ReadableLink } from '../../services/assurance/supplier-portal.service.ts';
import { formatDateTime } from '../dates.ts';
import { sendEvidenceFile, uploadedFileField } from '../file-transfer.ts';
import { formErrorsFromAppError, formErrorsView } from '../form-errors.ts';
import type { FormError } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { checkLinkBeforeUpload } from './supplier-link-pages.ts';
import type { createLinkOpener } from './supplier-link-pages.ts';
import { SUPPLIER_PATHS } from './supplier.paths.ts';

const questionParams = z.object({ questionId: z.string().min(1).max(40) });
const evidenceParams = z.object({ evidenceId: z.string().min(1).max(60) });
const text = z.string().max(100_000).optional();
const evidenceForm = z.object({ kind: text, title: text, note: text, url: text, file: uploadedFileField });
const DONE = { evidence: 'Your evidence has been added.', withdrawn: 'Your evidence has been withdrawn.' } as const;
const doneQuery = z.object({ done: z.enum(['evidence', 'withdrawn']).optional().catch(undefined) });
const ANCHORS = { kind: 'add-evidence', note: 'note', url: 'url', title: 'link-title', file: 'file', '': 'add-evidence' };
type Extras = { evidenceValues?: Record<string, unknown>; errors?: FormError[]; done?: keyof typeof DONE | undefined };

/** Evidence for one question, added and withdrawn by the supplier through the link: their own, never the reviewers'. */
export function registerSupplierEvidencePages(app: FastifyInstance, { services }: PageDeps, links: ReturnType<typeof createLinkOpener>): void {
  const portal = services.assuranceSupplier.portal;

  async function renderQuestion(reply: FastifyReply, opened: ReadableLink, token: string, questionId: string, extras: Extras = {}) {
    const state = (await portal.questionnaire(opened)).find((q) => q.question.id === questionId);
    if (!state) throw new AppError('not_found', 'There is no such question in this questionnaire.');
    const isOpen = opened.state === 'open';
    return reply.view('assurance-supplier/question.njk', {
      pageTitle: `Evidence for question ${state.question.number}: ${opened.review.productName}`,
      number: state.question.number,
      factorLabel: state.question.factorLabel,
      questionText: state.question.text,
      response: state.response,
      isOpen,
      evidence: state.evidence.map((e) => ({
        title: e.title, kind: e.kind, note: e.note, url: e.url, fileName: e.fileName, addedOn: formatDateTime(e.addedAt),
        downloadHref: e.kind === 'file' ? SUPPLIER_PATHS.evidenceFile(token, e.id) : undefined,
        withdrawPath: isOpen ? SUPPLIER_PATHS.withdrawEvidence(token, e.id) : undefined,
      })),
      evidenceValues: extras.evidenceValues ?? {},
      evidencePath: SUPPLIER_PATHS.questionEvidence(token, questionId),
      backPath: `${SUPPLIER_PATHS.questionnaire(token)}#question-${questionId}`,
      doneMessage: extras.done ? DONE[extras.done] : undefined,
      ...formErrorsView(extras.errors ?? []),
    });
  }

  app.get(SUPPLIER_PATHS.question(':token', ':questionId'), async (request, reply) =>
    links.reading(request, reply, (opened, token) => renderQuestion(reply, opened, token, questionParams.parse(request.params).questionId, { done: doneQuery.parse(request.query).done })));

  app.post(SUPPLIER_PATHS.questionEvidence(':token', ':questionId'), { config: { fileUpload: 'file-store' }, onRequest: checkLinkBeforeUpload(services) }, async (request, reply) =>
    links.writing(request, reply, async (opened, token) => {
      const { questionId } = questionParams.parse(request.params);
      const { file, ...evidenceValues } = evidenceForm.parse(request.body ?? {});
      try {
        await portal.addEvidence(opened, questionId, { ...evidenceValues, file });
      } catch (error) {
        const errors = formErrorsFromAppError(error, ANCHORS);
        if (!errors) throw error;
        return renderQuestion(reply.status(400), opened, token, questionId, { evidenceValues, errors });
      }
      return reply.redirect(`${SUPPLIER_PATHS.question(token, questionId)}?done=evidence#evidence`, 303);
    }));

  app.post(SUPPLIER_PATHS.withdrawEvidence(':token', ':evidenceId'), async (request, reply) =>
    links.writing(request, reply, async (opened, token) => {
      const row = await portal.withdrawEvidence(opened, evidenceParams.parse(request.params).evidenceId);
      return reply.redirect(`${SUPPLIER_PATHS.question(token, row.questionId)}?done=withdrawn#evidence`, 303);
    }));

  app.get(SUPPLIER_PATHS.evidenceFile(':token', ':evidenceId'), async (request, reply) =>
    links.reading(request, reply, async (opened) => sendEvidenceFile(reply, await portal.evidenceFile(opened, evidenceParams.parse(request.params).evidenceId))));
}
