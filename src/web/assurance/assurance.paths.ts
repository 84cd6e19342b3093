/** Where the assurance review pages live, so links between them are built in one place. */
export const ASSURANCE_PATHS = {
  /** Reviews the viewer may read; Drivers, Embedders, product leads and admins start them here. */
  list: '/assurance/reviews',
  start: '/assurance/reviews/new',
  /** Recording a product considered for purchase, to review it before buying. */
  newCandidate: '/assurance/candidates/new',
  /** A candidate product becomes a registered one (bought). */
  registerCandidate: (productId: string) => `/products/${productId}/register`,
  review: (reviewId: string) => `/assurance/reviews/${reviewId}`,
  question: (reviewId: string, questionId: string) => `/assurance/reviews/${reviewId}/questions/${questionId}`,
  questionEvidence: (reviewId: string, questionId: string) => `/assurance/reviews/${reviewId}/questions/${questionId}/evidence`,
  questionHistory: (reviewId: string, questionId: string) => `/assurance/reviews/${reviewId}/questions/${questionId}/history`,
  withdrawEvidence: (reviewId: string, evidenceId: string) => `/assurance/reviews/${reviewId}/evidence/${evidenceId}/withdraw`,
  evidenceFile: (reviewId: string, evidenceId: string) => `/assurance/reviews/${reviewId}/evidence/${evidenceId}/file`,
  reviewers: (reviewId: string) => `/assurance/reviews/${reviewId}/reviewers`,
  removeReviewer: (reviewId: string, personId: string) => `/assurance/reviews/${reviewId}/reviewers/${personId}/remove`,
  dueDate: (reviewId: string) => `/assurance/reviews/${reviewId}/due-date`,
  status: (reviewId: string) => `/assurance/reviews/${reviewId}/status`,
  decision: (reviewId: string) => `/assurance/reviews/${reviewId}/decision`,
  actionDone: (reviewId: string, actionId: string) => `/assurance/reviews/${reviewId}/actions/${actionId}/done`,
} as const;
