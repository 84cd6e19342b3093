import type { ProductVersionRow } from '../../db/product.repository.ts';
import { DEPLOYMENT_STATUSES } from '../../db/tables/products.ts';
import { deploymentInputSchema } from '../../services/products/product-input.ts';
import type { FormError } from '../form-errors.ts';
import { orderedFormErrors, schemaProblems } from './product-form-fields.ts';
import { fieldsOf, isoDateOf, textOf, todayParts } from '../form-fields.ts';
import type { Problem } from './product-form-fields.ts';
import type { DateParts } from '../form-fields.ts';
import { DEPLOYMENT_STATUS_LABELS, TRAINING_IMPACT_LABELS } from './product-view.ts';
import type { DeploymentStatus } from './product-view.ts';

/** A new deployment starts here; it goes live once a version is chosen on its own page. */
const STARTING_STATUSES = ['evaluating', 'piloting'] as const;
const DEFAULT_REFRESHER_DAYS = '28';

export interface DeploymentFormValues {
  organisationId: string;
  status: string;
  startedOn: DateParts;
  refresherDays: string;
}

export function emptyDeploymentForm(now: Date = new Date()): DeploymentFormValues {
  return { organisationId: '', status: 'evaluating', startedOn: todayParts(now), refresherDays: DEFAULT_REFRESHER_DAYS };
}

export function deploymentFormValuesOf(body: unknown): DeploymentFormValues {
  const fields = fieldsOf(body);
  return {
    organisationId: textOf(fields.organisationId, 60),
    status: textOf(fields.status, 20),
    startedOn: { day: textOf(fields.startedDay, 10), month: textOf(fields.startedMonth, 10), year: textOf(fields.startedYear, 10) },
    refresherDays: textOf(fields.refresherDays, 10),
  };
}

const FIELD_ORDER = ['organisationId', 'status', 'startedOn', 'refresherDays'];
const ANCHORS = { startedOn: 'startedOn-day' };

export function deploymentFormErrors(problems: readonly Problem[]): FormError[] {
  return orderedFormErrors(problems, FIELD_ORDER, ANCHORS, 'deployment-form');
}

/** Reads the form into the service's terms: a date from three boxes, days as a number; the schema checks the rest. */
export function readDeploymentForm(values: DeploymentFormValues, offeredOrganisationIds: ReadonlySet<string>): { input?: Record<string, unknown>; errors: FormError[] } {
  const problems: Problem[] = [];
  if (values.organisationId !== '' && !offeredOrganisationIds.has(values.organisationId)) problems.push({ field: 'organisationId', message: 'Choose where it is deployed from the list' });
  if (values.status !== '' && !(STARTING_STATUSES as readonly string[]).includes(values.status)) problems.push({ field: 'status', message: 'Choose evaluating or piloting' });
  const date = isoDateOf(values.startedOn, 'the start date');
  if ('problem' in date) problems.push({ field: 'startedOn', message: date.problem });
  const days = values.refresherDays.trim();
  if (!/^\d{1,4}$/.test(days)) problems.push({ field: 'refresherDays', message: 'Enter the number of days as a whole number, like 28' });
  const input = {
    organisationId: values.organisationId,
    status: values.status === '' ? undefined : values.status,
    // A stand-in for a date already reported, so the schema still checks the other fields.
    startedOn: 'iso' in date ? date.iso : '2000-01-01',
    refresherDays: /^\d{1,4}$/.test(days) ? Number(days) : 28,
  };
  const formFields = new Set(problems.map((p) => p.field));
  problems.push(...schemaProblems(deploymentInputSchema, input).filter((p) => !formFields.has(p.field)));
  const errors = deploymentFormErrors(problems);
  return errors.length > 0 ? { errors } : { input, errors };
}

const STATUS_HINTS: Record<DeploymentStatus, string> = {
  evaluating: 'Being tried out or assessed before anyone relies on it',
  piloting: 'In use by some staff, with close monitoring',
  live: 'In routine use: users must be trained on the live version',
  withdrawn: 'No longer used. Training for it is no longer due; records are kept',
};

export function startingStatusItems(chosen: string) {
  return STARTING_STATUSES.map((s) => ({ value: s, text: DEPLOYMENT_STATUS_LABELS[s], hint: { text: STATUS_HINTS[s] }, checked: s === chosen }));
}

/** The statuses a deployment can move on to from where it is (and staying put). */
export function nextStatusItems(current: DeploymentStatus, chosen: string) {
  const from = DEPLOYMENT_STATUSES.indexOf(current);
  return DEPLOYMENT_STATUSES.slice(from).map((s) => ({
    value: s,
    text: s === current ? `${DEPLOYMENT_STATUS_LABELS[s]} (as now)` : DEPLOYMENT_STATUS_LABELS[s],
    hint: { text: STATUS_HINTS[s] },
    checked: s === (chosen || current),
  }));
}

/** The recorded versions to make live, those needing a refresher or still without published training said so in their name. */
export function liveVersionItems(versions: readonly ProductVersionRow[], liveVersionId: string | null, chosen: string, publishedVersionIds: ReadonlySet<string> = new Set()) {
  const selected = chosen || liveVersionId || '';
  const prompt = liveVersionId ? 'Keep the live version' : 'Choose a version';
  return [
    { value: '', text: prompt, selected: selected === '' },
    ...versions.map((v) => {
      const notes = [
        ...(v.trainingImpact === 'refresher-required' ? [TRAINING_IMPACT_LABELS[v.trainingImpact].toLowerCase()] : []),
        ...(publishedVersionIds.has(v.id) ? [] : ['training not published']),
      ];
      return { value: v.id, text: `${v.label}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}${v.id === liveVersionId ? ', live now' : ''}`, selected: v.id === selected };
    }),
  ];
}

export interface DeploymentChange {
  status?: DeploymentStatus;
  liveVersionId?: string;
  trainingOverrideReason?: string;
  assuranceOverrideReason?: string;
}

export interface DeploymentChangeValues {
  status: string;
  liveVersionId: string;
  trainingOverrideReason: string;
  assuranceOverrideReason: string;
}

/** The status and live version chosen, or the problems with them; unknown values are refused here. */
export function readDeploymentChange(body: unknown, versions: readonly ProductVersionRow[]): { change?: DeploymentChange; values: DeploymentChangeValues; errors: FormError[] } {
  const fields = fieldsOf(body);
  const values = {
    status: textOf(fields.status, 20),
    liveVersionId: textOf(fields.liveVersionId, 60),
    trainingOverrideReason: textOf(fields.trainingOverrideReason, 3000).trim(),
    assuranceOverrideReason: textOf(fields.assuranceOverrideReason, 3000).trim(),
  };
  const problems: Problem[] = [];
  const status = DEPLOYMENT_STATUSES.find((s) => s === values.status);
  if (!status) problems.push({ field: 'status', message: 'Choose the status of the deployment' });
  if (values.liveVersionId !== '' && !versions.some((v) => v.id === values.liveVersionId)) problems.push({ field: 'liveVersionId', message: 'Choose a recorded version' });
  for (const field of ['trainingOverrideReason', 'assuranceOverrideReason'] as const) {
    if (values[field].length > 2000) problems.push({ field, message: 'The reason must be 2,000 characters or fewer' });
  }
  const errors = orderedFormErrors(problems, CHANGE_FIELDS, {}, 'change-form');
  if (errors.length > 0 || !status) return { values, errors };
  const given = <K extends 'trainingOverrideReason' | 'assuranceOverrideReason'>(field: K) => (values[field] === '' ? {} : { [field]: values[field] });
  return { change: { status, ...(values.liveVersionId ? { liveVersionId: values.liveVersionId } : {}), ...given('trainingOverrideReason'), ...given('assuranceOverrideReason') }, values, errors };
}

export const CHANGE_FIELDS = ['status', 'liveVersionId', 'trainingOverrideReason', 'assuranceOverrideReason'];
