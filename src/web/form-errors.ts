import { z } from 'zod';
import type { ZodError } from 'zod';
import { AppError } from '../errors.ts';

/** An entry of an NHS error summary, tied to the field it is about. */
export interface FormError {
  field: string;
  href: string;
  text: string;
}

/** The message to show beside each field, keyed by field name. */
export function fieldErrorsOf(errors: readonly FormError[]): Record<string, string> {
  return Object.fromEntries(errors.map((e) => [e.field, e.text]));
}

/** What a form template needs to show problems: the error summary (none when all is well) and each field's message. */
export function formErrorsView(errors: readonly FormError[]) {
  return { errorSummary: errors.length > 0 ? errors : undefined, fieldErrors: fieldErrorsOf(errors) };
}

/**
 * Turns input problems into NHS error-summary entries. `ids` maps a field to the id of the input
 * its summary link should focus, when they differ (a checkbox group links to its first box).
 */
export function formErrorsFromZod(error: ZodError, ids: Record<string, string> = {}): FormError[] {
  const seen = new Set<string>();
  const errors: FormError[] = [];
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (seen.has(field)) continue; // one message per field: the first is the most basic
    seen.add(field);
    errors.push({ field, href: `#${ids[field] ?? field}`, text: issue.message });
  }
  return errors;
}

/**
 * The field problems a service reported, or undefined when the error is not about what was typed.
 * When `ids` has an entry for `''` (the form itself), an `invalid` or `conflict` error that names
 * no field is shown there too, and fields without an id of their own link to it.
 */
export function formErrorsFromAppError(error: unknown, ids: Record<string, string> = {}): FormError[] | undefined {
  if (!(error instanceof AppError)) return undefined;
  if (error.code === 'not_found' || error.code === 'unauthenticated') return undefined;
  const isAboutTheForm = error.details.length === 0 && ids[''] !== undefined && (error.code === 'invalid' || error.code === 'conflict');
  const details = isAboutTheForm ? [{ field: '', message: error.message }] : error.details;
  if (details.length === 0) return undefined;
  return details.map((d) => ({ field: d.field, href: `#${ids[d.field] ?? ids[''] ?? d.field}`, text: d.message }));
}

/** A required text field: absent, blank and too long each get a message a person can act on. */
export const requiredText = (whenBlank: string, max: number, whenLong: string) =>
  z.preprocess((v) => v ?? '', z.string().trim().min(1, whenBlank).max(max, whenLong));

export const requiredEmail = (whenBlank: string) =>
  z.preprocess(
    (v) => v ?? '',
    z
      .string()
      .trim()
      .min(1, whenBlank)
      .max(320, 'Email address must be 320 characters or fewer')
      .refine((v) => z.email().safeParse(v).success, 'Enter an email address in the correct format, like name@example.nhs.uk'),
  );

/** A form field that may be sent once, many times or not at all (checkboxes), as a list of at most `max`. */
export const listOf = <T extends z.ZodType>(item: T, max = 20) => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(max));
