/** Words the assurance pages use for stored values. */
export const STAGE_LABELS = { procurement: 'Procurement (before buying, Table A3)', deployment: 'Deployment (before deploying, Table A6)' } as const;
export const STAGE_SHORT = { procurement: 'Procurement', deployment: 'Deployment' } as const;
export const JUDGEMENT_LABELS = { met: 'Met', 'partly-met': 'Partly met', 'not-met': 'Not met', 'not-applicable': 'Not applicable' } as const;
export const JUDGEMENT_TAGS = { met: 'nhsuk-tag--green', 'partly-met': 'nhsuk-tag--yellow', 'not-met': 'nhsuk-tag--red', 'not-applicable': 'nhsuk-tag--grey' } as const;
export const OUTCOME_LABELS = { approved: 'Approved', 'approved-with-conditions': 'Approved with conditions', rejected: 'Rejected' } as const;
export const STATUS_TAGS = { draft: 'nhsuk-tag--grey', 'with-supplier': 'nhsuk-tag--blue', 'under-review': 'nhsuk-tag--yellow', decided: 'nhsuk-tag--green' } as const;
export const MOVE_LABELS = { 'send-to-supplier': 'Send to the supplier', 'start-review': 'Start reviewing the answers', 'return-to-supplier': 'Return to the supplier' } as const;
