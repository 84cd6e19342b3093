import { TRAINING_IMPACTS } from '../../db/tables/products.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { versionInputSchema } from '../../services/products/product-input.ts';
import type { FormError } from '../form-errors.ts';
import { orderedFormErrors, schemaProblems } from './product-form-fields.ts';
import { EMPTY_DATE, fieldsOf, isoDateOf, textOf, textsOf } from '../form-fields.ts';
import type { Problem } from './product-form-fields.ts';
import type { DateParts } from '../form-fields.ts';
import { TRAINING_IMPACT_LABELS } from './product-view.ts';

export interface VersionFormValues {
  label: string;
  releasedOn: DateParts;
  releaseNotes: string;
  trainingImpact: string;
  affectedTopics: string[];
}

export const EMPTY_VERSION_FORM: VersionFormValues = { label: '', releasedOn: EMPTY_DATE, releaseNotes: '', trainingImpact: '', affectedTopics: [] };

export function versionFormValuesOf(body: unknown): VersionFormValues {
  const fields = fieldsOf(body);
  return {
    label: textOf(fields.label, 200),
    releasedOn: { day: textOf(fields.releasedDay, 10), month: textOf(fields.releasedMonth, 10), year: textOf(fields.releasedYear, 10) },
    releaseNotes: textOf(fields.releaseNotes),
    trainingImpact: textOf(fields.trainingImpact, 40),
    affectedTopics: textsOf(fields.affectedTopics),
  };
}

/** The topics a product version can change: those with a product-specific (Table 2) statement. */
export function productSpecificTopics(index: FrameworkIndex) {
  return [...index.topicById.values()].filter((t) => t.requirements.some((r) => r.tier === 'product-specific'));
}

const FIELD_ORDER = ['label', 'releasedOn', 'releaseNotes', 'trainingImpact', 'affectedTopics'];
const ANCHORS = { releasedOn: 'releasedOn-day' };

export function versionFormErrors(problems: readonly Problem[]): FormError[] {
  return orderedFormErrors(problems, FIELD_ORDER, ANCHORS, 'version-form');
}

/**
 * Reads the version form into the service's terms: the date from its three boxes, topics only from
 * those the form offers. Everything else is checked by the service's own schema, so the form and
 * the API never disagree; all problems are found at once.
 */
export function readVersionForm(index: FrameworkIndex, values: VersionFormValues): { input?: Record<string, unknown>; errors: FormError[] } {
  const problems: Problem[] = [];
  const date = isoDateOf(values.releasedOn, 'the release date');
  if ('problem' in date) problems.push({ field: 'releasedOn', message: date.problem });
  const offered = new Set(productSpecificTopics(index).map((t) => t.id));
  if (values.affectedTopics.some((t) => !offered.has(t))) problems.push({ field: 'affectedTopics', message: 'Choose topics from the list' });
  const input = {
    label: values.label,
    // A stand-in for a date already reported, so the schema still checks the other fields.
    releasedOn: 'iso' in date ? date.iso : '2000-01-01',
    releaseNotes: values.releaseNotes,
    trainingImpact: values.trainingImpact === '' ? undefined : values.trainingImpact,
    affectedTopics: values.affectedTopics,
  };
  const formFields = new Set(problems.map((p) => p.field));
  problems.push(...schemaProblems(versionInputSchema, input).filter((p) => !formFields.has(p.field)));
  const errors = versionFormErrors(problems);
  return errors.length > 0 ? { errors } : { input, errors };
}

const IMPACT_HINTS: Record<(typeof TRAINING_IMPACTS)[number], string> = {
  none: 'Nothing users do changes. Their training stays current.',
  minor: 'Small changes users should read about in the release notes. Their training stays current.',
  'refresher-required':
    'Users must be trained again. When this version goes live, everyone trained on an earlier version has a refresher due and is told.',
};

export function trainingImpactItems(chosen: string) {
  return TRAINING_IMPACTS.map((impact) => ({ value: impact, text: TRAINING_IMPACT_LABELS[impact], hint: { text: IMPACT_HINTS[impact] }, checked: chosen === impact }));
}

export function affectedTopicItems(index: FrameworkIndex, chosen: readonly string[]) {
  return productSpecificTopics(index).map((t) => ({ value: t.id, text: t.label, checked: chosen.includes(t.id) }));
}
