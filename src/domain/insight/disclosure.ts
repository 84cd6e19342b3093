/**
 * The one disclosure-control module (issue 14 §2): every insight aggregate passes through these
 * functions before it leaves the hub as a page, a CSV or the API. Import from here, not from the
 * files behind it. Renderers, CSV writers and API schemas take the Disclosed* types, which only
 * these functions produce, so an undisclosed count cannot reach a view without a cast.
 */
export {
  LARGEST_SUPPRESSED,
  ROUNDING_BASE,
  SMALLEST_SUPPRESSED,
  discloseCount,
  discloseMeasure,
  discloseRequirementShare,
  discloseShare,
  disclosedText,
  isSmallCount,
  percentOf,
  roundToBase,
  wholePercent,
} from './disclosure-rules.ts';
export type {
  Disclosed,
  DisclosedCount,
  DisclosedKind,
  DisclosedMeasure,
  DisclosedPercent,
  DisclosedValue,
  DisclosureScope,
  GroupMeasure,
  SuppressionReason,
} from './disclosure-rules.ts';
export { discloseParts, discloseTable } from './disclosure-table.ts';
export type { CountTable, DiscloseTableOptions, DisclosedParts, DisclosedTable, Part, ShareBase } from './disclosure-table.ts';
export { assertNoSmallCounts, findSmallCountLeaks } from './disclosure-audit.ts';
export type { SmallCountAuditOptions } from './disclosure-audit.ts';
