import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { ReadableLink } from '../../services/assurance/supplier-portal.service.ts';
import { formatDate, formatDateTime } from '../dates.ts';
import { formErrorsFromAppError, formErrorsView } from '../form-errors.ts';
import type { FormError } from '../form-errors.ts';
import { fieldsOf, textOf } from '../form-fields.ts';
import type { PageDeps } from '../index.ts';
import { STAGE_SHORT } from '../assurance/assurance-labels.ts';
import { registerSupplierCsvPages } from './supplier-csv.routes.ts';
import { registerSupplierEvidencePages } from './supplier-evidence.routes.ts';
import { createLinkOpener, renderUnavailable } from './supplier-link-pages.ts';
import { registerSupplierLinkPages } from './supplier-links.routes.ts';
import { SUPPLIER_PATHS } from './supplier.paths.ts';
import { questionGroups } from './supplier.view-model.ts';

const DONE = {
  saved: 'Your answers have been saved. You can come back to this page with the same link until it expires.',
  uploaded: 'Your spreadsheet has been read and its answers saved.',
  submitted: 'Your answers have been submitted. Thank you: the review team has been told.',
} as const;
const doneQuery = z.object({ done: z.enum(['saved', 'uploaded', 'submitted']).optional().catch(undefined) });
const RESPONSE_FIELD = /^response-(.{1,40})$/;

export interface QuestionnaireExtras {
  responses?: ReadonlyMap<string, string>;
  errors?: FormError[];
  done?: keyof typeof DONE | undefined;
}

/** The supplier's questionnaire (issue 12, part 2): answered without an account, through its link only. */
export function registerSupplierPages(app: FastifyInstance, deps: PageDeps): void {
  const { services } = deps;
  const links = createLinkOpener(services);
  const portal = services.assuranceSupplier.portal;

  async function renderQuestionnaire(reply: FastifyReply, opened: ReadableLink, token: string, extras: QuestionnaireExtras = {}, audit = false) {
    const { review, link } = opened;
    const questions = await portal.questionnaire(opened, { audit });
    const reviewName = `${STAGE_SHORT[review.stage]} review of ${review.productName}`;
    return reply.view('assurance-supplier/questionnaire.njk', {
      pageTitle: `Questions about ${review.productName} from ${review.organisationName}`,
      organisationName: review.organisationName,
      productName: review.productName,
      reviewName,
      supplierName: link.supplierName,
      purpose: review.stage === 'procurement' ? 'buying' : 'deploying',
      isOpen: opened.state === 'open',
      submittedOn: link.submittedAt ? formatDateTime(link.submittedAt) : undefined,
      expiresOn: formatDate(link.expiresAt),
      groups: questionGroups(questions, token, extras.responses),
      unanswered: questions.filter((q) => q.response === '').length,
      total: questions.length,
      paths: { form: SUPPLIER_PATHS.questionnaire(token), csv: SUPPLIER_PATHS.csv(token), print: SUPPLIER_PATHS.print(token), upload: SUPPLIER_PATHS.upload(token) },
      doneMessage: extras.done ? DONE[extras.done] : undefined,
      ...formErrorsView(extras.errors ?? []),
    });
  }

  app.get(SUPPLIER_PATHS.questionnaire(':token'), async (request, reply) =>
    links.reading(request, reply, (opened, token) => renderQuestionnaire(reply, opened, token, { done: doneQuery.parse(request.query).done }, true)));

  // One form for every answer: "Save and come back later" saves; "Submit answers" saves, then asks to confirm.
  app.post(SUPPLIER_PATHS.questionnaire(':token'), async (request, reply) =>
    links.writing(request, reply, async (opened, token) => {
      const fields = fieldsOf(request.body);
      const responses = new Map<string, string>();
      for (const [name, value] of Object.entries(fields)) {
        const match = RESPONSE_FIELD.exec(name);
        if (match?.[1]) responses.set(match[1], textOf(value, 20_000));
      }
      try {
        await portal.saveResponses(opened, responses);
      } catch (error) {
        const errors = formErrorsFromAppError(error);
        if (!errors) throw error;
        return renderQuestionnaire(reply.status(error instanceof AppError && error.code === 'conflict' ? 409 : 400), opened, token, { responses, errors });
      }
      return reply.redirect(textOf(fields.action, 20) === 'submit' ? SUPPLIER_PATHS.submit(token) : `${SUPPLIER_PATHS.questionnaire(token)}?done=saved`, 303);
    }));

  app.get(SUPPLIER_PATHS.submit(':token'), async (request, reply) =>
    links.writing(request, reply, async (opened, token) => {
      const questions = await portal.questionnaire(opened);
      return reply.view('assurance-supplier/confirm-submit.njk', {
        pageTitle: 'Submit your answers',
        productName: opened.review.productName,
        organisationName: opened.review.organisationName,
        unanswered: questions.filter((q) => q.response === '').map((q) => ({ number: q.question.number, text: q.question.text, href: `${SUPPLIER_PATHS.questionnaire(token)}#question-${q.question.id}` })),
        answered: questions.filter((q) => q.response !== '').length,
        backPath: SUPPLIER_PATHS.questionnaire(token),
        submitPath: SUPPLIER_PATHS.submit(token),
      });
    }));

  app.post(SUPPLIER_PATHS.submit(':token'), async (request, reply) =>
    links.writing(request, reply, async (opened, token) => {
      try {
        await portal.submit(opened);
      } catch (error) {
        if (error instanceof AppError && error.code === 'conflict') return renderUnavailable(reply, 'already-submitted', token);
        throw error;
      }
      return reply.redirect(`${SUPPLIER_PATHS.questionnaire(token)}?done=submitted`, 303);
    }));

  registerSupplierEvidencePages(app, deps, links);
  registerSupplierCsvPages(app, deps, links, renderQuestionnaire);
  registerSupplierLinkPages(app, deps);
}
