/**
 * The states of an assurance review and the moves between them, as one pure rule (house style 19):
 * draft → with the supplier → under review → decided. Before deciding, the lead may send it back
 * to the supplier; deciding is its own event (a decision is recorded with it) and is final.
 */
export type ReviewStatus = 'draft' | 'with-supplier' | 'under-review' | 'decided';
export type ReviewEvent = 'send-to-supplier' | 'start-review' | 'return-to-supplier' | 'decide';

const MOVES: Readonly<Record<ReviewEvent, { from: readonly ReviewStatus[]; to: ReviewStatus }>> = {
  'send-to-supplier': { from: ['draft'], to: 'with-supplier' },
  'start-review': { from: ['with-supplier'], to: 'under-review' },
  'return-to-supplier': { from: ['under-review'], to: 'with-supplier' },
  decide: { from: ['under-review'], to: 'decided' },
};

export const STATUS_LABELS: Readonly<Record<ReviewStatus, string>> = {
  draft: 'Draft',
  'with-supplier': 'With supplier',
  'under-review': 'Under review',
  decided: 'Decided',
};

/** The status after `event`, or undefined when the event cannot happen from `status`. */
export function nextStatus(status: ReviewStatus, event: ReviewEvent): ReviewStatus | undefined {
  const move = MOVES[event];
  return move.from.includes(status) ? move.to : undefined;
}

/** The moves a person changing the status may make now (deciding has its own form). */
export function statusMovesFrom(status: ReviewStatus): Array<Exclude<ReviewEvent, 'decide'>> {
  return (['send-to-supplier', 'start-review', 'return-to-supplier'] as const).filter((e) => nextStatus(status, e) !== undefined);
}

/** Answers, evidence and reviewers change until the review is decided; then it is a record. */
export const isOpen = (status: ReviewStatus): boolean => status !== 'decided';
