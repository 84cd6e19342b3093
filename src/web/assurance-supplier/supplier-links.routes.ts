import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { isOpen } from '../../domain/assurance/review-status.ts';
import { SUPPLIER_LINK_DAYS } from '../../services/assurance/supplier-link.service.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import { formatDateTime } from '../dates.ts';
import { formErrorsFromAppError, formErrorsView } from '../form-errors.ts';
import type { FormError } from '../form-errors.ts';
import { fieldsOf, textOf } from '../form-fields.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { ASSURANCE_PATHS } from '../assurance/assurance.paths.ts';
import { STAGE_SHORT } from '../assurance/assurance-labels.ts';
import { printView, sendCsv, uploadedCsv } from './supplier-csv.routes.ts';
import { LEAD_SUPPLIER_PATHS } from './supplier.paths.ts';
import { csvErrors, linkRow } from './supplier.view-model.ts';

const reviewParams = z.object({ id: z.string().min(1).max(60) });
const linkParams = reviewParams.extend({ linkId: z.string().min(1).max(60) });
const excelQuery = z.object({ excel: z.enum(['1']).optional().catch(undefined) });
const DONE = { revoked: 'The link has been revoked. It no longer opens the questionnaire.', uploaded: 'The completed questionnaire has been read and its answers saved, recorded as given on the supplier’s behalf.' } as const;
const doneQuery = z.object({ done: z.enum(['revoked', 'uploaded']).optional().catch(undefined) });
const ANCHORS = { expiryDays: 'expiryDays', supplierName: 'supplierName', contactEmail: 'contactEmail', '': 'create-link' };
type LinkValues = { expiryDays: string; supplierName: string; contactEmail: string };
type Extras = { values?: LinkValues; errors?: FormError[]; done?: keyof typeof DONE | undefined };

/** The lead's side: links to send the supplier, and the questionnaire as a spreadsheet and a printable page. */
export function registerSupplierLinkPages(app: FastifyInstance, { services }: PageDeps): void {
  const supplier = services.assuranceSupplier.links;

  async function renderLinks(reply: FastifyReply, viewer: Viewer, reviewId: string, extras: Extras = {}) {
    const { review, links } = await supplier.listSupplierLinks({ viewer, reviewId });
    const now = new Date();
    return reply.view('assurance-supplier/links.njk', {
      pageTitle: `Supplier link: ${STAGE_SHORT[review.stage]} review of ${review.productName}`,
      currentSection: 'products',
      reviewName: `${STAGE_SHORT[review.stage]} review of ${review.productName}`,
      backPath: ASSURANCE_PATHS.review(review.id),
      isOpen: isOpen(review.status),
      links: links.map((l) => ({ ...linkRow(l, now), revokePath: LEAD_SUPPLIER_PATHS.revoke(review.id, l.id) })),
      values: extras.values ?? { expiryDays: String(SUPPLIER_LINK_DAYS.default), supplierName: '', contactEmail: '' },
      days: SUPPLIER_LINK_DAYS,
      paths: { create: LEAD_SUPPLIER_PATHS.links(review.id), csv: LEAD_SUPPLIER_PATHS.csv(review.id), print: LEAD_SUPPLIER_PATHS.print(review.id), upload: LEAD_SUPPLIER_PATHS.upload(review.id) },
      doneMessage: extras.done ? DONE[extras.done] : undefined,
      ...formErrorsView(extras.errors ?? []),
    });
  }

  app.get(LEAD_SUPPLIER_PATHS.links(':id'), async (request, reply) => renderLinks(reply, requireViewer(request), reviewParams.parse(request.params).id, { done: doneQuery.parse(request.query).done }));

  // The link is shown once, on this answer, and never again: only its hash is kept.
  app.post(LEAD_SUPPLIER_PATHS.links(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = reviewParams.parse(request.params);
    const fields = fieldsOf(request.body);
    const values: LinkValues = { expiryDays: textOf(fields.expiryDays, 10), supplierName: textOf(fields.supplierName, 300), contactEmail: textOf(fields.contactEmail, 400) };
    let created;
    try {
      created = await supplier.createSupplierLink({ viewer, reviewId: id, input: values });
    } catch (error) {
      const errors = formErrorsFromAppError(error, ANCHORS);
      if (!errors) throw error;
      return renderLinks(reply.status(400), viewer, id, { values, errors });
    }
    return reply.header('referrer-policy', 'no-referrer').view('assurance-supplier/link-created.njk', {
      pageTitle: 'Supplier link created',
      currentSection: 'products',
      url: created.url,
      expiresOn: formatDateTime(created.expiresAt),
      emailedTo: created.emailed ? values.contactEmail : undefined,
      linksPath: LEAD_SUPPLIER_PATHS.links(id),
      reviewPath: ASSURANCE_PATHS.review(id),
    });
  });

  app.post(LEAD_SUPPLIER_PATHS.revoke(':id', ':linkId'), async (request, reply) => {
    const { id, linkId } = linkParams.parse(request.params);
    await supplier.revokeSupplierLink({ viewer: requireViewer(request), reviewId: id, linkId });
    return reply.redirect(`${LEAD_SUPPLIER_PATHS.links(id)}?done=revoked`, 303);
  });

  app.get(LEAD_SUPPLIER_PATHS.csv(':id'), async (request, reply) => {
    const { review, csv } = await supplier.questionnaireForReview({ viewer: requireViewer(request), reviewId: reviewParams.parse(request.params).id, forExcel: excelQuery.parse(request.query).excel === '1' });
    return sendCsv(reply, review.productName, csv);
  });

  app.get(LEAD_SUPPLIER_PATHS.print(':id'), async (request, reply) => {
    const { review, questions, responses } = await supplier.questionnaireForReview({ viewer: requireViewer(request), reviewId: reviewParams.parse(request.params).id });
    return reply.view('assurance-supplier/print.njk', printView(review, questions, responses, ASSURANCE_PATHS.review(review.id)));
  });

  app.post(LEAD_SUPPLIER_PATHS.upload(':id'), { config: { fileUpload: 'memory' } }, async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = reviewParams.parse(request.params);
    const upload = uploadedCsv(request.body);
    if ('errors' in upload) return renderLinks(reply.status(400), viewer, id, { errors: upload.errors });
    const result = await supplier.importQuestionnaireForReview({ viewer, reviewId: id, text: upload.text });
    if (!result.ok) return renderLinks(reply.status(400), viewer, id, { errors: csvErrors(result.errors) });
    return reply.redirect(`${LEAD_SUPPLIER_PATHS.links(id)}?done=uploaded`, 303);
  });
}
