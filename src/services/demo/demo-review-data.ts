/**
 * Demo assurance reviews (issue 12): Linchester ICS's procurement review of tri-X, decided with
 * conditions; Nymouth ICS's approved deployment review of tri-X; and the booking assistant's
 * deployment review at Holpot Hill, under review with the supplier's answers in, so its live
 * deployment is flagged. People and organisations are demo keys (demo-dataset.ts). Answers not
 * listed stay unjudged, and a decided review gives `unjudgedReason` for each of them.
 */

export interface DemoAnswer {
  questionId: string;
  supplierResponse: string;
  judgement?: 'met' | 'partly-met' | 'not-met' | 'not-applicable';
  notApplicableReason?: string;
  riskNote?: string;
  owner?: string;
  evidence?: { title: string; url: string };
}

export interface DemoReview {
  /** Who starts it: a Driver or Embedder of the organisation running it, or its admin. */
  startedBy: string;
  lead: string;
  reviewers: string[];
  productName: string;
  stage: 'procurement' | 'deployment';
  deploymentOrganisation?: string;
  /** Days from loading: negative is in the past. */
  dueInDays: number;
  /** The supplier answered through their link, not a reviewer on their behalf. */
  answeredBySupplier: boolean;
  answers: DemoAnswer[];
  decision?: {
    by: string;
    outcome: 'approved' | 'approved-with-conditions';
    statement: string;
    unjudgedReason: string;
    conditions: Array<{ condition: string; owner: string; dueInDays: number; doneBy?: string }>;
  };
}

const LINCHESTER_PROCUREMENT: DemoReview = {
  startedBy: 'daniel.frost',
  lead: 'grace.okafor',
  reviewers: ['owen.pritchard', 'ruth.adeyemi'],
  productName: 'tri-X',
  stage: 'procurement',
  dueInDays: -21,
  answeredBySupplier: false,
  answers: [
    { questionId: 'a3-01', supplierResponse: 'Yes: UK MDR Class IIa software as a medical device, UKCA marked.', judgement: 'met', evidence: { title: 'UKCA certificate (demo)', url: 'https://example.org/demo/tri-x-ukca-certificate' } },
    { questionId: 'a3-02', supplierResponse: 'Triage of adult PA and AP chest X-rays into urgent and routine worklists; not for under-16s or lateral views.', judgement: 'met' },
    { questionId: 'a3-03', supplierResponse: 'DCB0129 clinical safety case and hazard log available on request.', judgement: 'met', evidence: { title: 'Triadix DCB0129 safety case summary (demo)', url: 'https://example.org/demo/tri-x-dcb0129' } },
    { questionId: 'a3-05', supplierResponse: 'Images are processed in the trust’s network; Triadix receives no identifiable data.', judgement: 'partly-met', riskNote: 'The data processing agreement is not yet signed.', owner: 'fiona.campbell' },
    { questionId: 'a3-08', supplierResponse: 'Validated on 41,000 adult chest X-rays from three NHS trusts.', judgement: 'partly-met', riskNote: 'No validation on Linchester’s own population; patients over 85 under-represented.', owner: 'ruth.adeyemi' },
    { questionId: 'a3-10', supplierResponse: '94% sensitivity and 88% specificity for any urgent finding.', judgement: 'met' },
    { questionId: 'a3-23', supplierResponse: 'Integrates with the PACS worklist through a DICOM router on site.', judgement: 'met' },
    { questionId: 'a3-35', supplierResponse: 'Human in the loop: a radiologist reports every film.', judgement: 'met' },
  ],
  decision: {
    by: 'daniel.frost',
    outcome: 'approved-with-conditions',
    statement: 'Approved for purchase for the tri-X AI MDT’s chest X-ray pathway, on condition that the data processing agreement is signed and a local validation plan is agreed before go-live.',
    unjudgedReason: 'Covered by Nymouth ICS’s evaluation of tri-X, shared with us; to be revisited in the deployment review.',
    conditions: [
      { condition: 'Sign the data processing agreement with Triadix', owner: 'fiona.campbell', dueInDays: -7, doneBy: 'fiona.campbell' },
      { condition: 'Agree a local validation plan for Linchester’s population, including patients over 85', owner: 'ruth.adeyemi', dueInDays: 60 },
    ],
  },
};

const NYMOUTH_DEPLOYMENT: DemoReview = {
  startedBy: 'priya.nair',
  lead: 'priya.nair',
  reviewers: ['hannah.lloyd'],
  productName: 'tri-X',
  stage: 'deployment',
  deploymentOrganisation: 'nymouth-ics',
  dueInDays: -200,
  answeredBySupplier: false,
  answers: [
    { questionId: 'a6-01', supplierResponse: 'Serious incidents are reported through the trust incident system and the MHRA Yellow Card scheme; Triadix investigates within 5 working days.', judgement: 'met' },
    { questionId: 'a6-02', supplierResponse: 'UK MDR Class IIa, UKCA marked.', judgement: 'met' },
    { questionId: 'a6-04', supplierResponse: 'DCB0129 from Triadix; the ICS’s DCB0160 hazard log is signed off by its clinical safety officer.', judgement: 'met', evidence: { title: 'Nymouth ICS DCB0160 hazard log (demo)', url: 'https://example.org/demo/nymouth-dcb0160' } },
    { questionId: 'a6-15', supplierResponse: 'The validation cohort under-represents patients over 85 and films from mobile units.', judgement: 'partly-met', riskNote: 'Watch flag rates for patients over 85 in the monthly audit.', owner: 'hannah.lloyd' },
    { questionId: 'a6-22', supplierResponse: 'If tri-X is down the worklist reverts to time order and the duty radiologist triages.', judgement: 'met' },
  ],
  decision: {
    by: 'priya.nair',
    outcome: 'approved',
    statement: 'Approved for deployment across Nymouth ICS’s radiology services, with monthly audit by the AI MDT.',
    unjudgedReason: 'Answered in the ICS’s procurement review and AI MDT minutes; not re-judged here.',
    conditions: [],
  },
};

const HOLPOT_DEPLOYMENT: DemoReview = {
  startedBy: 'priya.nair',
  lead: 'priya.nair',
  reviewers: ['beverley.shaw'],
  productName: 'Appointment booking assistant',
  stage: 'deployment',
  deploymentOrganisation: 'holpot-hill',
  dueInDays: 21,
  answeredBySupplier: true,
  answers: [
    { questionId: 'a6-02', supplierResponse: 'No: it books appointments and makes no clinical decision, so it is not a medical device.' },
    { questionId: 'a6-03', supplierResponse: 'Books routine GP, nurse and health care assistant appointments from online and telephone requests. Anything urgent goes to a receptionist.' },
    { questionId: 'a6-04', supplierResponse: 'We hold a DCB0129 safety case for the routing of urgent requests; the practice completes DCB0160.', evidence: { title: 'Valewise DCB0129 summary (demo)', url: 'https://example.org/demo/valewise-dcb0129' } },
    { questionId: 'a6-13', supplierResponse: 'Request text is kept for 30 days for audit, in UK data centres, under a data processing agreement.' },
    { questionId: 'a6-22', supplierResponse: 'If the assistant is down, online requests are held for reception and the phone line goes to the usual queue.' },
  ],
};

export const DEMO_REVIEWS: readonly DemoReview[] = [LINCHESTER_PROCUREMENT, NYMOUTH_DEPLOYMENT, HOLPOT_DEPLOYMENT];
