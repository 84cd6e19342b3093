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

const SHORT_NAMES: Readonly<Record<string, string>> = {
  dtac: 'DTAC',
  'nice-esf': 'NICE evidence standards framework',
  'nhsx-buyers-guide': 'NHSX buyer’s guide to AI',
  dcb0129: 'DCB0129 (manufacturer)',
  dcb0160: 'DCB0160 (deploying organisation)',
  'mhra-device': 'MHRA medical device regulation',
};

/** The name a checklist goes by in tables; its full title where the crosswalk has one this does not know. */
export const checklistShortName = (checklist: { id: string; title: string }): string => SHORT_NAMES[checklist.id] ?? checklist.title;
