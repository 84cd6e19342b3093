import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import type { LearningResource, ResourceInput, ResourceSubmission } from '../../services/catalogue/catalogue.types.ts';
import { findResourceProblems, RESOURCE_LIMITS } from '../../services/catalogue/resource-input.ts';
import type { Problem } from '../../services/catalogue/resource-input.ts';
import type { FormError } from '../form-errors.ts';
import { datePartsOf, EMPTY_DATE, fieldsOf, isoDateOf, textOf, textsOf } from '../form-fields.ts';

/** Form fields naming a topic's level are `outcome-<topic id>`. */
export const OUTCOME_PREFIX = 'outcome-';
const MAX_HOURS = Math.floor(RESOURCE_LIMITS.maxMinutes / 60);

/** What the educator typed or chose, as strings, so a form with mistakes shows it back unchanged. */
export interface ResourceFormValues {
  title: string;
  provider: string;
  url: string;
  description: string;
  format: string;
  durationHours: string;
  durationMinutes: string;
  cost: string;
  cpdAccredited: string;
  cpdDetail: string;
  activityId: string;
  vendorNeutral: string;
  audienceArchetypes: string[];
  audienceNote: string;
  reviewDay: string;
  reviewMonth: string;
  reviewYear: string;
  /** topic id → level id. */
  outcomes: Record<string, string>;
  prerequisiteIds: string[];
  version: string;
}

export const EMPTY_FORM: ResourceFormValues = {
  title: '',
  provider: '',
  url: '',
  description: '',
  format: '',
  durationHours: '',
  durationMinutes: '',
  cost: '',
  cpdAccredited: '',
  cpdDetail: '',
  activityId: '',
  vendorNeutral: '',
  audienceArchetypes: [],
  audienceNote: '',
  reviewDay: '',
  reviewMonth: '',
  reviewYear: '',
  outcomes: {},
  prerequisiteIds: [],
  version: '',
};

/** A resource as the edit form first shows it. */
export function valuesFromResource(resource: LearningResource): ResourceFormValues {
  const review = resource.reviewDate ? datePartsOf(resource.reviewDate) : EMPTY_DATE;
  const pence = resource.costPence;
  return {
    title: resource.title,
    provider: resource.provider,
    url: resource.url,
    description: resource.description,
    format: resource.format,
    durationHours: String(Math.floor(resource.durationMinutes / 60)),
    durationMinutes: String(resource.durationMinutes % 60),
    cost: pence % 100 === 0 ? String(pence / 100) : (pence / 100).toFixed(2),
    cpdAccredited: resource.cpdAccredited ? 'yes' : 'no',
    cpdDetail: resource.cpdDetail ?? '',
    activityId: resource.activityId ?? '',
    vendorNeutral: resource.vendorNeutral ? 'yes' : 'no',
    audienceArchetypes: [...resource.audienceArchetypes],
    audienceNote: resource.audienceNote ?? '',
    reviewDay: review.day,
    reviewMonth: review.month,
    reviewYear: review.year,
    outcomes: Object.fromEntries(resource.outcomes.map((o) => [o.topicId, o.level])),
    prerequisiteIds: [...resource.prerequisiteIds],
    version: String(resource.version),
  };
}

/** Enough for every topic of the framework, and every prerequisite a catalogue could offer. */
const MAX_LIST = 500;

/** The submitted form as values to show back; fields it does not know are ignored. */
export function formValuesOf(body: unknown): ResourceFormValues {
  const fields = fieldsOf(body);
  const outcomes: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key.startsWith(OUTCOME_PREFIX) && typeof value === 'string' && value !== '') outcomes[key.slice(OUTCOME_PREFIX.length)] = value.slice(0, 40);
  }
  const text = (key: keyof ResourceFormValues) => textOf(fields[key]);
  return {
    title: text('title'),
    provider: text('provider'),
    url: text('url'),
    description: text('description'),
    format: text('format'),
    durationHours: text('durationHours'),
    durationMinutes: text('durationMinutes'),
    cost: text('cost'),
    cpdAccredited: text('cpdAccredited'),
    cpdDetail: text('cpdDetail'),
    activityId: text('activityId'),
    vendorNeutral: text('vendorNeutral'),
    audienceArchetypes: textsOf(fields.audienceArchetypes, MAX_LIST),
    audienceNote: text('audienceNote'),
    reviewDay: text('reviewDay'),
    reviewMonth: text('reviewMonth'),
    reviewYear: text('reviewYear'),
    outcomes,
    prerequisiteIds: textsOf(fields.prerequisiteIds, MAX_LIST),
    version: text('version'),
  };
}

/** Where each field's error summary link goes: the first input of the field. */
export function fieldAnchor(index: FrameworkIndex, values: ResourceFormValues, field: string): string {
  const [name = '', key] = field.split('.');
  if (name === 'durationMinutes') return 'durationHours';
  if (name === 'costPence') return 'cost';
  if (name === 'reviewDate') return 'reviewDate-day';
  if (name === 'outcomes') {
    // The topic named, else the first topic chosen, else the first topic of the form.
    const topicId = [key, ...Object.keys(values.outcomes)].find((id) => id !== undefined && index.topicById.has(id)) ?? index.topicById.keys().next().value;
    return `${OUTCOME_PREFIX}${topicId ?? ''}`;
  }
  return FIELDS_WITH_INPUTS.has(name) ? name : 'resource-form';
}

const FIELDS_WITH_INPUTS = new Set(['title', 'provider', 'url', 'description', 'format', 'cpdAccredited', 'cpdDetail', 'activityId', 'vendorNeutral', 'audienceArchetypes', 'audienceNote', 'prerequisiteIds']);

/** The problems of a submitted form (or a service's `invalid` details) as error summary entries, in form order. */
export function resourceFormErrors(index: FrameworkIndex, values: ResourceFormValues, problems: readonly Problem[]): FormError[] {
  const order = ['title', 'provider', 'url', 'description', 'format', 'durationMinutes', 'costPence', 'vendorNeutral', 'cpdAccredited', 'cpdDetail', 'audienceArchetypes', 'audienceNote', 'reviewDate', 'outcomes', 'prerequisiteIds', 'activityId'];
  const rank = (field: string) => {
    const at = order.indexOf(field.split('.')[0] ?? '');
    return at === -1 ? order.length : at;
  };
  const seen = new Set<string>();
  return [...problems]
    .sort((a, b) => rank(a.field) - rank(b.field))
    .filter((p) => {
      const isRepeat = seen.has(`${p.field}|${p.message}`);
      seen.add(`${p.field}|${p.message}`);
      return !isRepeat;
    })
    .map((p) => ({ field: p.field, href: `#${fieldAnchor(index, values, p.field)}`, text: p.message }));
}

function durationOf(values: ResourceFormValues, problems: Problem[]): number | undefined {
  const hoursText = values.durationHours.trim();
  const minutesText = values.durationMinutes.trim();
  if (!hoursText && !minutesText) return undefined; // the service says it is missing
  if (!/^\d*$/.test(hoursText) || !/^\d*$/.test(minutesText) || Number(hoursText) > MAX_HOURS || Number(minutesText) > 59) {
    problems.push({ field: 'durationMinutes', message: `Enter hours as a whole number up to ${MAX_HOURS.toLocaleString('en-GB')} and minutes as a whole number from 0 to 59` });
    return undefined;
  }
  return Number(hoursText || '0') * 60 + Number(minutesText || '0');
}

function costOf(values: ResourceFormValues, problems: Problem[]): number | undefined {
  const text = values.cost.trim().replace(/^£\s*/, '').replace(/,/g, '');
  if (!text) {
    problems.push({ field: 'costPence', message: 'Enter the cost, or 0 if it is free' });
    return undefined;
  }
  const match = /^(\d{1,6})(?:\.(\d{2}))?$/.exec(text);
  if (!match) {
    problems.push({ field: 'costPence', message: 'Enter the cost in pounds and pence, like 12.50, or 0 if it is free' });
    return undefined;
  }
  return Number(match[1]) * 100 + Number(match[2] ?? '0');
}

function reviewDateOf(values: ResourceFormValues, problems: Problem[]): string | null {
  const parts = { day: values.reviewDay, month: values.reviewMonth, year: values.reviewYear };
  if ([parts.day, parts.month, parts.year].every((p) => p.trim() === '')) return null; // optional
  const parsed = isoDateOf(parts, 'the review date');
  if ('iso' in parsed) return parsed.iso;
  problems.push({ field: 'reviewDate', message: 'Review date must be a real date, like 31 3 2027, or leave it empty' });
  return null;
}

/** Messages that read better beside a form control than the service's (written for API clients too). */
const FORM_MESSAGES: Record<string, string> = {
  format: 'Select the format of the resource',
  vendorNeutral: 'Select whether the material is vendor-neutral',
  cpdAccredited: 'Select whether the resource is CPD accredited',
};

/**
 * Reads the educator's form into a resource. The form's own fields (hours and minutes, pounds and
 * pence, a date in three boxes, yes or no) are turned into the service's terms here; everything
 * else is checked by the catalogue service's own rules, so the form and the API never disagree.
 */
export function readResourceForm(index: FrameworkIndex, values: ResourceFormValues): { input?: ResourceInput; errors: FormError[] } {
  const formProblems: Problem[] = [];
  const submission: ResourceSubmission = {
    title: values.title,
    provider: values.provider,
    url: values.url,
    description: values.description,
    format: values.format,
    durationMinutes: durationOf(values, formProblems),
    costPence: costOf(values, formProblems) ?? 0,
    cpdAccredited: values.cpdAccredited === 'yes' ? true : values.cpdAccredited === 'no' ? false : undefined,
    cpdDetail: values.cpdDetail,
    activityId: values.activityId,
    vendorNeutral: values.vendorNeutral === 'yes' ? true : values.vendorNeutral === 'no' ? false : undefined,
    audienceArchetypes: values.audienceArchetypes,
    audienceNote: values.audienceNote,
    reviewDate: reviewDateOf(values, formProblems),
    outcomes: Object.entries(values.outcomes).map(([topicId, level]) => ({ topicId, level })),
    prerequisiteIds: values.prerequisiteIds,
  };
  if (values.cpdAccredited === '') formProblems.push({ field: 'cpdAccredited', message: FORM_MESSAGES.cpdAccredited ?? '' });
  const checked = findResourceProblems(submission, { index, forPublishing: false });
  const formFields = new Set(formProblems.map((p) => p.field));
  const serviceProblems = checked.problems.filter((p) => !formFields.has(p.field)).map((p) => ({ ...p, message: FORM_MESSAGES[p.field] ?? p.message }));
  const errors = resourceFormErrors(index, values, [...formProblems, ...serviceProblems]);
  return errors.length > 0 ? { errors } : { input: checked.input, errors };
}
