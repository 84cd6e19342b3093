/**
 * Disclosure control for single figures (issue 14 §2). Every aggregate that leaves the hub passes
 * through here or through disclosure-table.ts; nothing else may turn a raw count into something a
 * page, CSV or API shows. The rule is NHS Digital's for published statistics, below national level:
 * 0 stays 0, 1–7 is suppressed, everything else is rounded to the nearest 5. National figures are
 * shown exactly. See docs/disclosure-control.md.
 */

/** Where a figure is published. Only 'national' is exempt from suppression and rounding. */
export type DisclosureScope = 'national' | 'sub-national';

/** The smallest and largest counts that are suppressed below national level. */
export const SMALLEST_SUPPRESSED = 1;
export const LARGEST_SUPPRESSED = 7;
/** Counts shown below national level are rounded to a multiple of this. */
export const ROUNDING_BASE = 5;

export type SuppressionReason =
  /** The count itself is 1–7. */
  | 'small-count'
  /** Shown, it would let a suppressed figure be worked out from a total. */
  | 'secondary'
  /** A share whose denominator (the people it is a share of) is suppressed. */
  | 'denominator-suppressed'
  /** A share whose numerator is suppressed: with the denominator shown, the share would give it away. */
  | 'numerator-suppressed'
  /** A share of nearly everyone: the 1–7 people it leaves out would be given away just the same. */
  | 'complement-suppressed'
  /** A measure (minutes, mean level, share of requirements) over a group of 1–7 people. */
  | 'small-group';

export type DisclosedKind = 'count' | 'percent' | 'measure';

/**
 * Makes a shape only this module can produce: the brand is a type that exists at compile time
 * only, so a raw number or a hand-built object cannot be passed where a disclosed one is asked
 * for without an explicit cast, which review can see.
 */
declare const disclosedBrand: unique symbol;
export type Disclosed<T> = T & { readonly [disclosedBrand]: true };

interface ShownShape<K extends DisclosedKind> {
  kind: K;
  suppressed: false;
  value: number;
}
interface SuppressedShape<K extends DisclosedKind> {
  kind: K;
  suppressed: true;
  value: null;
  reason: SuppressionReason;
}
/** Nothing to show that is not a secret: a share of nobody, a mean over nobody. */
interface NotApplicableShape<K extends DisclosedKind> {
  kind: K;
  suppressed: false;
  value: null;
  reason: 'not-applicable';
}

export type DisclosedCount = Disclosed<ShownShape<'count'> | SuppressedShape<'count'>>;
/** A whole percentage, 0–100. */
export type DisclosedPercent = Disclosed<ShownShape<'percent'> | SuppressedShape<'percent'> | NotApplicableShape<'percent'>>;
export type DisclosedMeasure = Disclosed<ShownShape<'measure'> | SuppressedShape<'measure'> | NotApplicableShape<'measure'>>;
export type DisclosedValue = DisclosedCount | DisclosedPercent | DisclosedMeasure;

function shown<K extends DisclosedKind>(kind: K, value: number): Disclosed<ShownShape<K>> {
  return { kind, suppressed: false, value } as Disclosed<ShownShape<K>>;
}
function withheld<K extends DisclosedKind>(kind: K, reason: SuppressionReason): Disclosed<SuppressedShape<K>> {
  return { kind, suppressed: true, value: null, reason } as Disclosed<SuppressedShape<K>>;
}
function notApplicable<K extends DisclosedKind>(kind: K): Disclosed<NotApplicableShape<K>> {
  return { kind, suppressed: false, value: null, reason: 'not-applicable' } as Disclosed<NotApplicableShape<K>>;
}

/** A suppressed count or share, for the table module's secondary suppression. */
export function suppressedCount(reason: SuppressionReason): DisclosedCount {
  return withheld('count', reason);
}
export function suppressedPercent(reason: SuppressionReason): DisclosedPercent {
  return withheld('percent', reason);
}

/** Counts are of people (or of things that each belong to one person), so a fraction is a programming error. */
export function assertCount(n: number, what = 'A count'): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number, 0 or more (got ${n})`);
}

/** True when a count must not be shown below national level. */
export function isSmallCount(n: number): boolean {
  return n >= SMALLEST_SUPPRESSED && n <= LARGEST_SUPPRESSED;
}

/**
 * Rounds to the nearest multiple of 5. Whole numbers never fall half-way (n mod 5 is 0–4, so 8→10,
 * 12→10, 13→15); the tie rule, half away from zero, is stated only so that it is defined.
 */
export function roundToBase(n: number): number {
  return Math.sign(n) * Math.round(Math.abs(n) / ROUNDING_BASE) * ROUNDING_BASE;
}

/** One count of people: exact at national level; below it 0, suppressed (1–7), or rounded to 5. */
export function discloseCount(n: number, scope: DisclosureScope): DisclosedCount {
  assertCount(n);
  if (scope === 'national') return shown('count', n);
  if (isSmallCount(n)) return withheld('count', 'small-count');
  return shown('count', roundToBase(n));
}

/**
 * A whole percentage from the UNROUNDED numerator and denominator, so rounding never compounds.
 * 0% and 100% are kept for exactly none and exactly all: 0.4% shows as 1% and 99.6% as 99%, so a
 * share never claims nobody or everybody when that is untrue.
 */
export function wholePercent(numerator: number, denominator: number): number {
  const exact = (100 * numerator) / denominator;
  const rounded = Math.round(exact);
  if (rounded === 0 && numerator > 0) return 1;
  if (rounded === 100 && numerator < denominator) return 99;
  return rounded;
}

/**
 * The share `numerator` of `denominator` people, as a whole percentage. Below national level it is
 * withheld when the denominator is 1–7; when the numerator is 1–7, since alongside the (rounded)
 * denominator the share would give the suppressed numerator away; and when the people left out
 * (denominator less numerator) are 1–7, for the same reason (95% of 40 is 2 people not counted).
 * It is the rule for a two-part table, those counted and those not, with its total. A share of
 * nobody is not applicable.
 */
export function discloseShare(numerator: number, denominator: number, scope: DisclosureScope): DisclosedPercent {
  assertCount(numerator, 'A numerator');
  assertCount(denominator, 'A denominator');
  if (numerator > denominator) throw new RangeError(`A numerator (${numerator}) cannot exceed its denominator (${denominator})`);
  if (denominator === 0) return notApplicable('percent');
  if (scope === 'sub-national') {
    if (isSmallCount(denominator)) return withheld('percent', 'denominator-suppressed');
    if (isSmallCount(numerator)) return withheld('percent', 'numerator-suppressed');
    if (isSmallCount(denominator - numerator)) return withheld('percent', 'complement-suppressed');
  }
  return shown('percent', wholePercent(numerator, denominator));
}

export interface GroupMeasure {
  /** The figure: total minutes, a mean level, a share of requirements met (0–100)… */
  value: number;
  /** How many people it summarises: this, not the value, decides whether it may be shown. */
  people: number;
}

/**
 * A figure that summarises a group of people but is not itself a count of them (learning minutes,
 * a mean level, the share of applicable requirements met). Below national level it is withheld
 * when the group is 1–7 people, since with so few it describes individuals. It is rounded to
 * `decimals` places at every level; it is not rounded to 5, which is a rule for counts.
 */
export function discloseMeasure(measure: GroupMeasure, scope: DisclosureScope, decimals = 0): DisclosedMeasure {
  assertCount(measure.people, 'The number of people a measure summarises');
  if (!Number.isFinite(measure.value)) throw new RangeError(`A measure must be a finite number (got ${measure.value})`);
  if (measure.people === 0) return notApplicable('measure');
  if (scope === 'sub-national' && isSmallCount(measure.people)) return withheld('measure', 'small-group');
  const factor = 10 ** decimals;
  return shown('measure', Math.round(measure.value * factor) / factor);
}

/**
 * The share of applicable requirements met by a group, as a whole percentage. It is withheld by the
 * number of people it summarises (a measure's rule), not by the number of requirements; it is a
 * percentage all the same, so a page shows "1%" and nobody reads a bare 1 as one person.
 */
export function discloseRequirementShare(met: number, applicable: number, people: number, scope: DisclosureScope): DisclosedPercent {
  assertCount(met, 'Requirements met');
  assertCount(applicable, 'Applicable requirements');
  if (met > applicable) throw new RangeError(`Requirements met (${met}) cannot exceed those applicable (${applicable})`);
  if (applicable === 0) return notApplicable('percent');
  return percentOf(discloseMeasure({ value: wholePercent(met, applicable), people }, scope));
}

/** A percentage worked out as a measure (withheld for a small group of people), shown as a percentage. */
export function percentOf(measure: DisclosedMeasure): DisclosedPercent {
  if (measure.suppressed) return withheld('percent', measure.reason);
  return measure.value === null ? notApplicable('percent') : shown('percent', measure.value);
}

/** The text a table cell or CSV field shows: '*' for suppressed (the NHS Digital convention), '-' for not applicable. */
export function disclosedText(d: DisclosedValue): string {
  if (d.suppressed) return '*';
  if (d.value === null) return '-';
  return d.kind === 'percent' ? `${d.value}%` : String(d.value);
}
