/**
 * Reading posted forms: fields as typed (capped, so a huge post cannot be echoed back) and the
 * three boxes of an NHS date input. Shared by every form that shows what was typed back with its
 * problems.
 */

type Fields = Record<string, unknown>;

/** The posted form as a record; anything else (no body, JSON array) as an empty one. */
export function fieldsOf(body: unknown): Fields {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Fields) : {};
}

/** A text field as typed (capped, so a huge post cannot be echoed back), '' when absent. */
export function textOf(value: unknown, max = 10_000): string {
  return typeof value === 'string' ? value.slice(0, max) : '';
}

/** A field that may be sent once, many times or not at all (checkboxes). */
export function textsOf(value: unknown, max = 200): string[] {
  const values: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((v): v is string => typeof v === 'string').slice(0, max);
}

/** The three boxes of an NHS date input. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const EMPTY_DATE: DateParts = { day: '', month: '', year: '' };

export function datePartsOf(iso: string): DateParts {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { day: day.replace(/^0/, ''), month: month.replace(/^0/, ''), year };
}

const UK_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'Europe/London' });

/** Today in the UK, as the boxes of a date input, for dates that usually start today. */
export function todayParts(now: Date = new Date()): DateParts {
  const parts = UK_DATE.formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => String(Number(parts.find((p) => p.type === type)?.value ?? ''));
  return { day: part('day'), month: part('month'), year: part('year') };
}

/**
 * A date typed in three boxes as yyyy-mm-dd, or the message to show with the boxes. The services'
 * schemas check dates as ISO strings; people type day, month and year.
 */
export function isoDateOf(parts: DateParts, label: string): { iso: string } | { problem: string } {
  const texts = [parts.day, parts.month, parts.year].map((p) => p.trim());
  if (texts.every((p) => p === '')) return { problem: `Enter ${label}` };
  const [day, month, year] = texts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  const isReal = texts.every((p) => /^\d+$/.test(p)) && texts[2]?.length === 4 && date.getUTCDate() === day && date.getUTCMonth() === month - 1;
  const capitalised = label.replace(/^the /, '').replace(/^./, (c) => c.toUpperCase());
  return isReal ? { iso: date.toISOString().slice(0, 10) } : { problem: `${capitalised} must be a real date, like 27 11 2026` };
}
