import { XapiError } from '../xapi-errors.ts';

/**
 * PLACEHOLDER (branch i16-xapi-statements): the property rules of 9274.1.1 §4.2 are written on
 * branch i16-xapi-rules and replace this file at merge. This keeps only the shape the store needs.
 */
export function checkStatement(statement: unknown): void {
  if (typeof statement !== 'object' || statement === null || Array.isArray(statement)) throw new XapiError(400, 'A statement must be a JSON object.');
  const record = statement as Record<string, unknown>;
  for (const property of ['actor', 'verb', 'object']) {
    if (typeof record[property] !== 'object' || record[property] === null) throw new XapiError(400, `A statement must have an ${property} object.`);
  }
}
