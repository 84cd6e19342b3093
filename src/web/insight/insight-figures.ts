import type { DisclosedValue } from '../../domain/insight/disclosure.ts';

/**
 * How a disclosed figure reads on a page: UK thousands separators ("831,094") and words for
 * screen readers beside "*" and "-". Downloads keep `disclosedText` (no separators, ISO months)
 * so spreadsheets and scripts can read them.
 */
const UK_NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 10 });
const UK_MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

export const SUPPRESSED_WORDS = 'suppressed to protect individuals';
export const NOT_APPLICABLE_WORDS = 'not applicable';

/** The figure as a page shows it: "*", "-", "1,235" or "55%". */
export function figureText(d: DisclosedValue): string {
  if (d.suppressed) return '*';
  if (d.value === null) return '-';
  const n = UK_NUMBER.format(d.value);
  return d.kind === 'percent' ? `${n}%` : n;
}

/** What a screen reader hears after "*" or "-", so neither is read as a bare symbol. */
export function figureWords(d: DisclosedValue): string | undefined {
  if (d.suppressed) return SUPPRESSED_WORDS;
  return d.value === null ? NOT_APPLICABLE_WORDS : undefined;
}

/** A table cell for the figure (nhsuk-frontend table macro). */
export function figureCell(d: DisclosedValue | undefined) {
  if (!d) return { text: '', format: 'numeric' };
  const words = figureWords(d);
  return { text: figureText(d), format: 'numeric', ...(words ? { visuallyHiddenText: `(${words})` } : {}) };
}

/** A whole number with UK thousands separators. */
export const formatCount = (n: number): string => UK_NUMBER.format(n);

/** An ISO month ("2026-12" or "2026-12-01") as a page writes it: "December 2026". */
export function formatMonth(isoMonth: string): string {
  const date = new Date(`${isoMonth.slice(0, 7)}-01T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? isoMonth : UK_MONTH.format(date);
}
