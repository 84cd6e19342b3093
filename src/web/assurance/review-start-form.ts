import type { FormError } from '../form-errors.ts';
import { EMPTY_DATE, fieldsOf, isoDateOf, textOf } from '../form-fields.ts';
import type { DateParts } from '../form-fields.ts';
import { orderedFormErrors } from '../products/product-form-fields.ts';
import type { Problem } from '../products/product-form-fields.ts';
import { STAGE_LABELS } from './assurance-labels.ts';

export interface StartFormValues {
  productId: string;
  stage: string;
  deploymentOrganisationId: string;
  leadId: string;
  dueOn: DateParts;
}

export const emptyStartForm = (productId = '', leadId = ''): StartFormValues => ({ productId, stage: '', deploymentOrganisationId: '', leadId, dueOn: EMPTY_DATE });

export function startFormValuesOf(body: unknown): StartFormValues {
  const fields = fieldsOf(body);
  return {
    productId: textOf(fields.productId, 60),
    stage: textOf(fields.stage, 40),
    deploymentOrganisationId: textOf(fields.deploymentOrganisationId, 60),
    leadId: textOf(fields.leadId, 60),
    dueOn: { day: textOf(fields.dueDay, 10), month: textOf(fields.dueMonth, 10), year: textOf(fields.dueYear, 10) },
  };
}

const FIELD_ORDER = ['productId', 'stage', 'deploymentOrganisationId', 'leadId', 'dueOn'];
const ANCHORS = { stage: 'stage', dueOn: 'dueOn-day' };

export const startFormErrors = (problems: readonly Problem[]): FormError[] => orderedFormErrors(problems, FIELD_ORDER, ANCHORS, 'start-review');

/** The form in the service's terms, or the date's problem (the service checks everything else, so form and API agree). */
export function startInputOf(values: StartFormValues): { input: Record<string, unknown>; dateProblem?: Problem } {
  const date = isoDateOf(values.dueOn, 'the due date');
  return {
    input: {
      productId: values.productId,
      stage: values.stage || undefined,
      deploymentOrganisationId: values.stage === 'deployment' ? values.deploymentOrganisationId : undefined,
      leadId: values.leadId,
      dueOn: 'iso' in date ? date.iso : '',
    },
    ...('problem' in date ? { dateProblem: { field: 'dueOn', message: date.problem } } : {}),
  };
}

export function stageItems(stages: ReadonlyArray<keyof typeof STAGE_LABELS>, chosen: string) {
  return stages.map((s) => ({ value: s, text: STAGE_LABELS[s], checked: chosen === s }));
}

export function selectItems(options: ReadonlyArray<{ id: string; text: string }>, chosen: string, prompt: string) {
  return [{ value: '', text: prompt }, ...options.map((o) => ({ value: o.id, text: o.text, selected: o.id === chosen }))];
}
