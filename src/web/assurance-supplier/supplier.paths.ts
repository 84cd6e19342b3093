/** Where the supplier's questionnaire lives (by its link's token) and the lead's pages for it. */
export const SUPPLIER_PATHS = {
  questionnaire: (token: string) => `/supplier/${token}`,
  submit: (token: string) => `/supplier/${token}/submit`,
  question: (token: string, questionId: string) => `/supplier/${token}/questions/${questionId}`,
  questionEvidence: (token: string, questionId: string) => `/supplier/${token}/questions/${questionId}/evidence`,
  withdrawEvidence: (token: string, evidenceId: string) => `/supplier/${token}/evidence/${evidenceId}/withdraw`,
  evidenceFile: (token: string, evidenceId: string) => `/supplier/${token}/evidence/${evidenceId}/file`,
  csv: (token: string) => `/supplier/${token}/questionnaire.csv`,
  print: (token: string) => `/supplier/${token}/print`,
  upload: (token: string) => `/supplier/${token}/upload`,
} as const;

export const LEAD_SUPPLIER_PATHS = {
  links: (reviewId: string) => `/assurance/reviews/${reviewId}/supplier`,
  revoke: (reviewId: string, linkId: string) => `/assurance/reviews/${reviewId}/supplier/links/${linkId}/revoke`,
  csv: (reviewId: string) => `/assurance/reviews/${reviewId}/questionnaire.csv`,
  print: (reviewId: string) => `/assurance/reviews/${reviewId}/questionnaire/print`,
  upload: (reviewId: string) => `/assurance/reviews/${reviewId}/questionnaire/upload`,
} as const;
