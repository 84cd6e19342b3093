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
