import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ReviewQuestion } from '../../services/assurance/review-questions.ts';
import type { ReadableLink } from '../../services/assurance/supplier-portal.service.ts';
import { bufferedFileField } from '../file-transfer.ts';
import type { BufferedUpload } from '../file-transfer.ts';
import type { FormError } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { STAGE_SHORT } from '../assurance/assurance-labels.ts';
import { checkLinkBeforeUpload } from './supplier-link-pages.ts';
import type { createLinkOpener } from './supplier-link-pages.ts';
import type { QuestionnaireExtras } from './supplier.routes.ts';
import { SUPPLIER_PATHS } from './supplier.paths.ts';
import { csvErrors, questionGroups } from './supplier.view-model.ts';

const excelQuery = z.object({ excel: z.enum(['1']).optional().catch(undefined) });
const uploadForm = z.object({ file: bufferedFileField });
type RenderQuestionnaire = (reply: FastifyReply, opened: ReadableLink, token: string, extras?: QuestionnaireExtras) => Promise<unknown>;

/** Sends a questionnaire spreadsheet as a download, never shown as a page. */
export function sendCsv(reply: FastifyReply, productName: string, csv: string) {
  const name = `questionnaire-${productName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'review'}.csv`;
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).header('cache-control', 'private, no-store').send(csv);
}

/** The text of an uploaded questionnaire, or the one problem with the upload itself. */
export function uploadedCsv(body: unknown): { text: string } | { errors: FormError[] } {
  const { file } = uploadForm.parse(body ?? {});
  const fail = (text: string) => ({ errors: [{ field: 'csv-file', href: '#csv-file', text }] });
  if (!file) return fail('Choose the completed questionnaire: a CSV file');
  if ((file as BufferedUpload).isTooLarge) return fail('The file must be smaller than 10MB');
  if (!/\.csv$/i.test(file.fileName)) return fail('The file must be a CSV file, with a name ending .csv');
  return { text: file.content.toString('utf8') };
}

/** The printable questionnaire's context, for the supplier and the lead alike. */
export function printView(review: { productName: string; organisationName: string; stage: 'procurement' | 'deployment' }, questions: readonly ReviewQuestion[], responses: ReadonlyMap<string, string>, backPath: string) {
  return {
    pageTitle: `Questions about ${review.productName} from ${review.organisationName} (printable)`,
    reviewName: `${STAGE_SHORT[review.stage]} review of ${review.productName}`,
    organisationName: review.organisationName,
    productName: review.productName,
    groups: questionGroups(questions.map((question) => ({ question, response: responses.get(question.id) ?? '', evidence: [] })), undefined),
    backPath,
  };
}

/** The supplier's questionnaire as a spreadsheet (down and back up) and as a printable page. */
export function registerSupplierCsvPages(app: FastifyInstance, { services }: PageDeps, links: ReturnType<typeof createLinkOpener>, renderQuestionnaire: RenderQuestionnaire): void {
  const portal = services.assuranceSupplier.portal;

  app.get(SUPPLIER_PATHS.csv(':token'), async (request, reply) =>
    links.reading(request, reply, async (opened) => sendCsv(reply, opened.review.productName, await portal.downloadCsv(opened, excelQuery.parse(request.query).excel === '1'))));

  app.get(SUPPLIER_PATHS.print(':token'), async (request, reply) =>
    links.reading(request, reply, async (opened, token) => {
      const questions = await portal.questionnaire(opened);
      const responses = new Map(questions.map((q) => [q.question.id, q.response]));
      return reply.view('assurance-supplier/print.njk', printView(opened.review, questions.map((q) => q.question), responses, SUPPLIER_PATHS.questionnaire(token)));
    }));

  app.post(SUPPLIER_PATHS.upload(':token'), { config: { fileUpload: 'memory' }, onRequest: checkLinkBeforeUpload(services) }, async (request, reply) =>
    links.writing(request, reply, async (opened, token) => {
      const upload = uploadedCsv(request.body);
      if ('errors' in upload) return renderQuestionnaire(reply.status(400), opened, token, { errors: upload.errors });
      const result = await portal.importCsv(opened, upload.text);
      if (!result.ok) return renderQuestionnaire(reply.status(400), opened, token, { errors: csvErrors(result.errors) });
      return reply.redirect(`${SUPPLIER_PATHS.questionnaire(token)}?done=uploaded`, 303);
    }));
}
