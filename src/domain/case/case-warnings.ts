/**
 * Deviations from the CASE standard found while reading a package someone else published. Each one
 * says what was found, where, and what the hub did about it, so an admin can judge the import and
 * tell the publisher (issue 16 §3).
 */
export const CASE_WARNING_LABELS = {
  'package-wrapped': 'The package wrapped in a CFPackage object',
  'null-value': 'An empty value (null)',
  'number-as-text': 'A number written as text',
  'unusable-sequence': 'A sequence number that is not a whole number',
  'text-as-number': 'Text written as a number',
  'text-as-list': 'A single value where CASE expects a list',
  'item-type-object': 'An item type given as an object',
  'description-missing': 'An item type without a description',
  'code-missing': 'An item type without a hierarchy code',
  'title-missing': 'A document without a title',
  'statement-missing': 'An item without a full statement',
  'date-missing': 'No lastChangeDateTime',
  'date-without-zone': 'A date and time without a time zone',
  'not-case-field': 'A field that is not part of CASE',
  'not-a-list': 'A list that is not a list',
  'part-skipped': 'A part that cannot be used',
  'more-not-listed': 'More kinds of deviation than are listed',
} as const;

export type CaseWarningCode = keyof typeof CASE_WARNING_LABELS;

export interface CaseImportWarning {
  code: CaseWarningCode;
  /** Where in the package, e.g. CFAssociations[15].sequenceNumber. */
  path: string;
  /** The value found, as a JSON snippet of at most 60 characters. */
  found: string;
  /** What the hub did about it, e.g. "read as 1". */
  did: string;
}

/** Warnings of one kind at one place in the structure ("CFAssociations[*].sequenceNumber"). */
export interface CaseWarningGroup {
  code: CaseWarningCode;
  where: string;
  /** The first occurrence, as an example. */
  first: string;
  found: string;
  did: string;
  count: number;
}

const FOUND_MAX = 60;

export function foundText(value: unknown): string {
  const text = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
  return text.length > FOUND_MAX ? `${text.slice(0, FOUND_MAX - 1)}…` : text;
}

/** Collects warnings while a package is read. */
export class CaseWarnings {
  readonly list: CaseImportWarning[] = [];

  add(code: CaseWarningCode, path: string, found: unknown, did: string): void {
    this.list.push({ code, path, found: foundText(found), did });
  }
}

/** The path with list positions replaced by [*], so the same deviation on every item groups. */
export function pathPattern(path: string): string {
  return path.replace(/\[\d+\]/g, '[*]');
}

/** Groups warnings by kind and place, in order of first appearance; at most `max` groups. */
export function groupCaseWarnings(warnings: readonly CaseImportWarning[], max = 200): CaseWarningGroup[] {
  const groups = new Map<string, CaseWarningGroup>();
  for (const w of warnings) {
    const where = pathPattern(w.path);
    const key = `${w.code} ${where}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { code: w.code, where, first: w.path, found: w.found, did: w.did, count: 1 });
  }
  const all = [...groups.values()];
  if (all.length <= max) return all;
  // A package this far from CASE still says how much was left out, rather than stopping silently.
  const rest = all.slice(max - 1);
  const count = rest.reduce((n, g) => n + g.count, 0);
  const summary: CaseWarningGroup = { code: 'more-not-listed', where: '(the package)', first: rest[0]!.first, found: `${rest.length} more kinds`, did: `not listed here (${count} warnings in all)`, count };
  return [...all.slice(0, max - 1), summary];
}

/** One line per group, e.g. `A number written as text at CFAssociations[*].sequenceNumber (39 times, first at CFAssociations[0].sequenceNumber): found "1", read as 1`. */
export function caseWarningLine(group: CaseWarningGroup): string {
  const times = group.count === 1 ? '' : ` (${group.count} times, first at ${group.first})`;
  const where = group.count === 1 ? group.first : group.where;
  return `${CASE_WARNING_LABELS[group.code]} at ${where}${times}: found ${group.found}, ${group.did}`;
}

export function warningCount(groups: readonly CaseWarningGroup[]): number {
  return groups.reduce((n, g) => n + g.count, 0);
}
