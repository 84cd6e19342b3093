import { z } from 'zod';
import { AUTONOMY, DEPLOYMENT_STATUSES, TRAINING_IMPACTS } from '../../db/tables/products.ts';
import { AppError } from '../../errors.ts';

/**
 * What a product lead types about an AI product, its versions and deployments, checked once here
 * so pages and the API give the same messages.
 */

const required = (label: string, max: number) => z.string().trim().min(1, `Enter ${label}`).max(max, `${capitalise(label)} must be ${max} characters or fewer`);
const optional = (label: string, max: number) => z.string().trim().max(max, `${capitalise(label)} must be ${max} characters or fewer`).default('');
const isoDate = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${label} as a real date, like 2026-11-27`)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), `Enter ${label} as a real date, like 2026-11-27`);

function capitalise(text: string): string {
  return text.replace(/^(a |an |the )/, '').replace(/^./, (c) => c.toUpperCase());
}

export const productInputSchema = z.object({
  name: required('the product’s name', 200),
  manufacturer: required('the manufacturer', 200),
  intendedUse: required('the intended use', 4000),
  inclusionCriteria: optional('inclusion criteria', 4000),
  exclusionCriteria: optional('exclusion criteria', 4000),
  clinicalDecisionMaking: z.boolean({ error: 'Say whether it is used in clinical reasoning and decision making' }),
  autonomy: z.enum(AUTONOMY, { error: 'Say whether it acts autonomously or with a human in the loop' }),
  deviceClass: optional('the medical device class', 200),
  marking: optional('the UKCA or CE marking', 400),
  explanations: optional('how it shows explanations and certainty', 4000),
  limitations: optional('known limitations', 4000),
  outlierSituations: optional('outlier situations', 4000),
  contacts: optional('who to contact', 2000),
  errorReporting: optional('how to report errors and safety concerns', 2000),
  fallbackPathway: optional('the fall-back pathway', 2000),
  decisionRecording: optional('how assisted decisions are recorded', 2000),
  clinicalGuidelines: optional('the clinical guidelines that apply', 4000),
  validationPopulations: optional('who it was validated on', 4000),
  performance: optional('its reported accuracy', 4000),
  workflowIntegration: optional('where it sits in the workflow', 4000),
  patientQueryPathway: optional('how patients can query decisions', 2000),
  dataUse: optional('the patient data it uses', 4000),
  patientMaterials: optional('the patient communication materials', 2000),
});
export type ProductInput = z.infer<typeof productInputSchema>;

export const versionInputSchema = z.object({
  label: required('a version label', 60),
  releasedOn: isoDate('the release date'),
  releaseNotes: required('release notes', 8000),
  trainingImpact: z.enum(TRAINING_IMPACTS, { error: 'Say what the release means for training' }),
  affectedTopics: z.array(z.string().max(120)).max(60).default([]),
});
export type VersionInput = z.infer<typeof versionInputSchema>;

export const deploymentInputSchema = z.object({
  organisationId: z.string().trim().min(1, 'Choose where it is deployed'),
  status: z.enum(DEPLOYMENT_STATUSES).default('evaluating'),
  startedOn: isoDate('the start date'),
  refresherDays: z.number().int('Enter a whole number of days').min(1, 'Refreshers must be due in at least 1 day').max(365, 'Refreshers must be due within 365 days').default(28),
});
export type DeploymentInput = z.infer<typeof deploymentInputSchema>;

/** Parses input with a schema, or throws AppError 'invalid' with one message per field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, summary: string): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const seen = new Set<string>();
  const details = parsed.error.issues.flatMap((issue) => {
    const field = issue.path.join('.') || 'form';
    if (seen.has(field)) return [];
    seen.add(field);
    return [{ field, message: issue.message }];
  });
  throw new AppError('invalid', summary, details);
}
