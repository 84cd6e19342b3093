import type { z } from 'zod';
import { AppError } from '../../errors.ts';
import { parseInput } from '../../services/products/product-input.ts';
import type { FormError } from '../form-errors.ts';

/** A field problem as services report it. */
export interface Problem {
  field: string;
  message: string;
}

/** The problems a schema finds in input, one per field, as the service would report them. */
export function schemaProblems(schema: z.ZodType, input: unknown): Problem[] {
  try {
    parseInput(schema, input, 'The form has problems.');
    return [];
  } catch (error) {
    return problemsOfInvalid(error);
  }
}

/** The field problems of a service's `invalid` error (the message itself when it names none); anything else propagates. */
export function problemsOfInvalid(error: unknown): Problem[] {
  if (!(error instanceof AppError) || error.code !== 'invalid') throw error;
  return error.details.length > 0 ? [...error.details] : [{ field: '', message: error.message }];
}

/**
 * Problems as error summary entries in the order the form asks its questions, one per field,
 * each linking to the control the field starts with (`anchors`; `formId` for the rest).
 */
export function orderedFormErrors(problems: readonly Problem[], order: readonly string[], anchors: Readonly<Record<string, string>>, formId: string): FormError[] {
  const rank = (field: string) => {
    const at = order.indexOf(field);
    return at === -1 ? order.length : at;
  };
  const seen = new Set<string>();
  return [...problems]
    .sort((a, b) => rank(a.field) - rank(b.field))
    .filter((p) => {
      const isRepeat = seen.has(p.field);
      seen.add(p.field);
      return !isRepeat;
    })
    .map((p) => ({ field: p.field, href: `#${anchors[p.field] ?? (order.includes(p.field) ? p.field : formId)}`, text: p.message }));
}
