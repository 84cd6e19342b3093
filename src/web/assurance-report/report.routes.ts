import type { FastifyInstance, FastifyReply } from 'fastify';
import { STATUS_LABELS } from '../../domain/assurance/review-status.ts';
import { reviewReportCsv, reviewReportJson } from '../../services/assurance/review-report-files.ts';
import { formatIsoDate } from '../dates.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { ASSURANCE_PATHS } from '../assurance/assurance.paths.ts';
import { STAGE_SHORT, STATUS_TAGS } from '../assurance/assurance-labels.ts';
import { reviewParams } from '../assurance/review-page.routes.ts';
import { reviewSummaryRows } from '../assurance/review.view-model.ts';
import { ASSURANCE_REPORT_PATHS } from './assurance-report.paths.ts';
import { conditionRows, coverageView, decisionRows, riskRows, summaryView } from './report.view-model.ts';

/** A download of a review's report: it names staff and the organisation's risks, so nothing may cache it. */
function sendDownload(reply: FastifyReply, contentType: string, fileName: string, body: string) {
  return reply.type(contentType).header('content-disposition', `attachment; filename="${fileName}"`).header('cache-control', 'private, no-store').send(body);
}

const fileNameOf = (productName: string, stage: string, asOf: string) => `${`${productName}-${stage}-review-${asOf}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}`;

/** A review's report (issue 12, part 5): a printable page and CSV and JSON downloads, for whoever may read the review. */
export function registerReviewReportPages(app: FastifyInstance, { services }: PageDeps): void {
  app.get(ASSURANCE_REPORT_PATHS.report(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = reviewParams.parse(request.params);
    const report = await services.assurance.getReviewReport({ viewer, reviewId: id });
    const { review } = report.details;
    const reviewHeading = `${STAGE_SHORT[review.stage]} review of ${review.productName}`;
    return reply.view('assurance-report/report.njk', {
      pageTitle: `Report: ${reviewHeading}`,
      currentSection: 'products',
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Assurance reviews', href: ASSURANCE_PATHS.list }, { text: reviewHeading, href: ASSURANCE_PATHS.review(review.id) }],
      heading: reviewHeading,
      status: { text: STATUS_LABELS[review.status], classes: STATUS_TAGS[review.status] },
      asOf: formatIsoDate(report.asOf),
      summaryRows: reviewSummaryRows(review),
      summary: summaryView(report),
      risks: riskRows(report),
      conditions: conditionRows(report),
      coverage: coverageView(report),
      decisionRows: decisionRows(report),
      csvPath: ASSURANCE_REPORT_PATHS.reportCsv(review.id),
      jsonPath: ASSURANCE_REPORT_PATHS.reportJson(review.id),
      crosswalkPath: ASSURANCE_REPORT_PATHS.crosswalk(review.id),
      reviewPath: ASSURANCE_PATHS.review(review.id),
    });
  });

  app.get(ASSURANCE_REPORT_PATHS.reportCsv(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = reviewParams.parse(request.params);
    const report = await services.assurance.getReviewReport({ viewer, reviewId: id });
    const { review } = report.details;
    return sendDownload(reply, 'text/csv; charset=utf-8', `${fileNameOf(review.productName, review.stage, report.asOf)}.csv`, reviewReportCsv(report));
  });

  app.get(ASSURANCE_REPORT_PATHS.reportJson(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = reviewParams.parse(request.params);
    const report = await services.assurance.getReviewReport({ viewer, reviewId: id });
    const { review } = report.details;
    return sendDownload(reply, 'application/json; charset=utf-8', `${fileNameOf(review.productName, review.stage, report.asOf)}.json`, JSON.stringify(reviewReportJson(report), null, 2));
  });
}
