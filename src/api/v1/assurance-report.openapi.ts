import { common, hidden, json, output, ref, signedIn, uuidPathParam } from '../openapi-parts.ts';
import { reviewReportJsonSchema } from '../../services/assurance/review-report-files.ts';
import { reviewCrosswalkSchema } from './assurance-crosswalk.schemas.ts';

const reviewId = uuidPathParam('id', 'An assurance review id');

/** The crosswalk and report of an assurance review in the OpenAPI document (issue 12, parts 3 and 5). */
export const assuranceReportOpenApi = {
  paths: {
    '/api/v1/assurance/reviews/{id}/crosswalk': {
      get: {
        summary: 'The review against the NHS checklists (DTAC, NICE ESF, the NHSX buyer’s guide, DCB0129, DCB0160, MHRA): per item, its status and the review’s questions and evidence supporting it',
        ...signedIn,
        parameters: [reviewId],
        responses: { '200': json('The crosswalk', ref('AssuranceReviewCrosswalk')), ...common, '404': hidden },
      },
    },
    '/api/v1/assurance/reviews/{id}/report': {
      get: {
        summary: 'The review’s report: judgements by factor, risks noted and their owners, conditions and their state (open, done, overdue), checklist coverage and the decision',
        ...signedIn,
        parameters: [reviewId],
        responses: { '200': json('The report', ref('AssuranceReviewReport')), ...common, '404': hidden },
      },
    },
  },
  schemas: {
    AssuranceReviewCrosswalk: output(reviewCrosswalkSchema),
    AssuranceReviewReport: output(reviewReportJsonSchema),
  },
};
