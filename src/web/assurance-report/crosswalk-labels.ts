import type { ItemCoverageStatus } from '../../domain/assurance/crosswalk.ts';

/** How a checklist item's coverage reads on the pages and in the report. */
export const ITEM_STATUS_LABELS: Readonly<Record<ItemCoverageStatus, string>> = {
  supported: 'Supported',
  partly: 'Partly supported',
  'not-met': 'Not met',
  'not-started': 'Not started',
  'not-applicable': 'Not applicable',
  'no-questions': 'No question of this review',
};

export const ITEM_STATUS_TAGS: Readonly<Record<ItemCoverageStatus, string>> = {
  supported: 'nhsuk-tag--green',
  partly: 'nhsuk-tag--yellow',
  'not-met': 'nhsuk-tag--red',
  'not-started': 'nhsuk-tag--white',
  'not-applicable': 'nhsuk-tag--grey',
  'no-questions': 'nhsuk-tag--grey',
};

/** The order statuses are counted in: what needs attention first. */
export const ITEM_STATUS_ORDER: readonly ItemCoverageStatus[] = ['not-met', 'partly', 'not-started', 'supported', 'not-applicable', 'no-questions'];
