/** Where a review's crosswalk and report live (issue 12, parts 3 and 5), beside the review's own pages. */
export const ASSURANCE_REPORT_PATHS = {
  crosswalk: (reviewId: string) => `/assurance/reviews/${reviewId}/crosswalk`,
  report: (reviewId: string) => `/assurance/reviews/${reviewId}/report`,
  reportCsv: (reviewId: string) => `/assurance/reviews/${reviewId}/report.csv`,
  reportJson: (reviewId: string) => `/assurance/reviews/${reviewId}/report.json`,
} as const;
