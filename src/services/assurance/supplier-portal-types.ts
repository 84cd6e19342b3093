import type { QuestionnaireRowError } from '../../domain/assurance/questionnaire-csv.ts';

/** The outcome of importing a completed questionnaire: how many answers changed, or every wrong row. */
export type SupplierLinkImport = { ok: true; changed: number } | { ok: false; errors: QuestionnaireRowError[] };
