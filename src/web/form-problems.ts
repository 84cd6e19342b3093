import { z } from 'zod';
import type { ZodError } from 'zod';
import { AppError } from '../errors.ts';
import type { FormError } from './form-errors.ts';

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

/** The field problems a service reported, or undefined when the error is not about what was typed. */
export function formErrorsFromAppError(error: unknown, ids: Record<string, string> = {}): FormError[] | undefined {
  if (!(error instanceof AppError) || error.details.length === 0) return undefined;
  if (error.code === 'not_found' || error.code === 'unauthenticated') return undefined;
  return error.details.map((d) => ({ field: d.field, href: `#${ids[d.field] ?? d.field}`, text: d.message }));
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

/** A form field that may be sent once, many times or not at all (checkboxes), as a list. */
export const listOf = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(20));
