import type { ProductRow } from '../../db/product.repository.ts';
import { AUTONOMY } from '../../db/tables/products.ts';
import { AUTONOMY_LABELS } from '../../domain/products/product-module.ts';
import type { FormError } from '../form-errors.ts';
import { orderedFormErrors } from './product-form-fields.ts';
import { fieldsOf, textOf } from '../form-fields.ts';
import type { Problem } from './product-form-fields.ts';

/** The product's free-text facts, in the order the form asks for them. */
const TEXT_FIELDS = [
  'name',
  'manufacturer',
  'intendedUse',
  'inclusionCriteria',
  'exclusionCriteria',
  'deviceClass',
  'marking',
  'clinicalGuidelines',
  'explanations',
  'limitations',
  'outlierSituations',
  'validationPopulations',
  'performance',
  'workflowIntegration',
  'contacts',
  'errorReporting',
  'fallbackPathway',
  'decisionRecording',
  'patientQueryPathway',
  'dataUse',
  'patientMaterials',
] as const;
type TextField = (typeof TEXT_FIELDS)[number];

/** What the product lead typed or chose, as strings, so a form with mistakes shows it back unchanged. */
export type ProductFormValues = Record<TextField, string> & {
  /** 'yes', 'no' or '' (not answered). */
  clinicalDecisionMaking: string;
  autonomy: string;
  version: string;
};

export const EMPTY_PRODUCT_FORM: ProductFormValues = {
  ...(Object.fromEntries(TEXT_FIELDS.map((f) => [f, ''])) as Record<TextField, string>),
  clinicalDecisionMaking: '',
  autonomy: '',
  version: '',
};

export function productFormValuesOf(body: unknown): ProductFormValues {
  const fields = fieldsOf(body);
  return {
    ...(Object.fromEntries(TEXT_FIELDS.map((f) => [f, textOf(fields[f])])) as Record<TextField, string>),
    clinicalDecisionMaking: textOf(fields.clinicalDecisionMaking, 10),
    autonomy: textOf(fields.autonomy, 40),
    version: textOf(fields.version, 20),
  };
}

/** A product as the edit form first shows it. */
export function valuesFromProduct(product: ProductRow): ProductFormValues {
  return {
    ...(Object.fromEntries(TEXT_FIELDS.map((f) => [f, product[f]])) as Record<TextField, string>),
    clinicalDecisionMaking: product.clinicalDecisionMaking ? 'yes' : 'no',
    autonomy: product.autonomy,
    version: String(product.version),
  };
}

/** The form in the service's terms; unanswered questions are left out so the service says what is missing. */
export function productInputOf(values: ProductFormValues): Record<string, unknown> {
  const answer = { yes: true, no: false } as const;
  return {
    ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, values[f]])),
    clinicalDecisionMaking: values.clinicalDecisionMaking === 'yes' || values.clinicalDecisionMaking === 'no' ? answer[values.clinicalDecisionMaking] : undefined,
    autonomy: values.autonomy === '' ? undefined : values.autonomy,
  };
}

const FIELD_ORDER = ['name', 'manufacturer', 'intendedUse', 'inclusionCriteria', 'exclusionCriteria', 'clinicalDecisionMaking', 'autonomy', ...TEXT_FIELDS.slice(5)];

export function productFormErrors(problems: readonly Problem[]): FormError[] {
  return orderedFormErrors(problems, FIELD_ORDER, {}, 'product-form');
}

interface TextQuestion {
  name: TextField;
  label: string;
  hint?: string;
  isLong: boolean;
}

const question = (name: TextField, label: string, hint: string | undefined, isLong: boolean): TextQuestion => ({ name, label, ...(hint ? { hint } : {}), isLong });

/**
 * The form's text questions in sections. Labels say "(optional)" where the schema lets a fact be
 * left blank: the product page then shows it as not recorded, and training modules leave it out.
 */
export const PRODUCT_FORM_SECTIONS = {
  about: [
    question('name', 'Product name', undefined, false),
    question('manufacturer', 'Manufacturer', 'The company that makes it', false),
    question('intendedUse', 'Intended use', 'What it does, for which patients and in which setting, as its manufacturer states it', true),
    question('inclusionCriteria', 'Inclusion criteria (optional)', 'Patients, images or cases it is meant to be used on', true),
    question('exclusionCriteria', 'Exclusion criteria (optional)', 'Patients, images or cases it must not be used on, like under-16s', true),
  ],
  regulation: [
    question('deviceClass', 'Medical device class (optional)', 'For example, Class IIa', false),
    question('marking', 'UKCA or CE marking (optional)', 'For example, UKCA marked under UK MDR 2002', false),
    question('clinicalGuidelines', 'Clinical guidelines that apply (optional)', 'The national, professional and local guidelines its use must follow, for example NICE or Royal College guidance', true),
  ],
  behaviour: [
    question('explanations', 'How it shows explanations and certainty (optional)', 'For example, a heat map and a confidence score with each result', true),
    question('limitations', 'Known limitations (optional)', 'When it is less reliable, and why', true),
    question('outlierSituations', 'Outlier situations (optional)', 'Unusual cases where its output should not be relied on', true),
    question('validationPopulations', 'Who it was validated on (optional)', 'The patients and settings it was tested in, and any known differences in how well it works between groups', true),
    question('performance', 'Reported accuracy (optional)', 'For example, sensitivity and specificity, or how often its flags turn out to be wrong', true),
    question('workflowIntegration', 'Where it sits in the workflow (optional)', 'When and where staff see its output, for example before or after their own assessment', true),
  ],
  safety: [
    question('contacts', 'Who to contact (optional)', 'Who users ask about the product, with how to reach them', true),
    question('errorReporting', 'How to report errors and safety concerns (optional)', 'For example, Datix and the manufacturer’s reporting line', true),
    question('fallbackPathway', 'Fall-back pathway (optional)', 'What staff do when the product is unavailable or its output is doubted', true),
    question('decisionRecording', 'How assisted decisions are recorded (optional)', 'Where staff note that AI informed a decision, and what they write', true),
  ],
  patients: [
    question('patientQueryPathway', 'How patients can query decisions (optional)', 'For example, through PALS or the practice manager', true),
    question('dataUse', 'Patient data it uses (optional)', 'What data it reads, and how it is accessed, processed and stored', true),
    question('patientMaterials', 'Patient communication materials (optional)', 'Leaflets or web pages that explain it to patients', true),
  ],
} as const;

export function clinicalDecisionItems(chosen: string) {
  return [
    { value: 'yes', text: 'Yes', hint: { text: 'Staff use its output when they reason about or decide on a patient’s care' }, checked: chosen === 'yes' },
    { value: 'no', text: 'No', hint: { text: 'For example, it schedules, transcribes or helps with administration' }, checked: chosen === 'no' },
  ];
}

export function autonomyItems(chosen: string) {
  return AUTONOMY.map((a) => {
    const [text = a, hint] = AUTONOMY_LABELS[a].split(/ \((.*)\)$/);
    return { value: a, text, hint: hint ? { text: hint.replace(/^./, (c) => c.toUpperCase()) } : undefined, checked: chosen === a };
  });
}
