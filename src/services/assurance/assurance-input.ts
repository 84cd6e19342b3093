import { z } from 'zod';
import { DECISION_OUTCOMES, JUDGEMENTS, REVIEW_STAGES } from '../../db/tables/assurance.ts';

/**
 * What people type about an assurance review, checked once here so pages and the API give the
 * same messages.
 */

export const RESPONSE_MAX_LENGTH = 10_000;
export const NOTE_MAX_LENGTH = 4_000;

const isoDate = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter ${label} as a real date, like 2026-11-27`)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), `Enter ${label} as a real date, like 2026-11-27`);

const id = (message: string) => z.string({ error: message }).trim().min(1, message).max(60, message);

export const reviewInputSchema = z.object({
  productId: id('Choose the product to review'),
  stage: z.enum(REVIEW_STAGES, { error: 'Say whether this review is before buying or before deploying' }),
  deploymentOrganisationId: z.string().trim().max(60).optional(),
  leadId: id('Choose who leads the review'),
  dueOn: isoDate('the due date'),
});
export type ReviewInput = z.infer<typeof reviewInputSchema>;

export const dueDateInputSchema = z.object({ dueOn: isoDate('the due date') });

const optionalText = (label: string, max: number) => z.string().max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`).transform((v) => v.trim());

/**
 * One change to a question's answer: only the fields given change, the rest carry forward. `null`
 * clears the judgement or owner. `expectedAnswerId` is the answer the person saw (null when there
 * was none), so a change made meanwhile by someone else is not silently followed.
 */
export const answerChangeSchema = z.object({
  supplierResponse: optionalText('The supplier’s response', RESPONSE_MAX_LENGTH).optional(),
  judgement: z.enum(JUDGEMENTS, { error: 'Choose a judgement' }).nullable().optional(),
  notApplicableReason: optionalText('The reason it does not apply', NOTE_MAX_LENGTH).optional(),
  riskNote: optionalText('The risk note', NOTE_MAX_LENGTH).optional(),
  ownerId: z.string().trim().max(60).nullable().optional(),
  expectedAnswerId: z.string().trim().max(60).nullable().optional(),
});
export type AnswerChange = z.infer<typeof answerChangeSchema>;

export const conditionSchema = z.object({
  condition: z.string({ error: 'Enter the condition' }).trim().min(1, 'Enter the condition').max(NOTE_MAX_LENGTH, `Condition must be ${NOTE_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`),
  ownerId: id('Choose who owns the condition'),
  dueOn: isoDate('the date the condition is due'),
});

export const decisionInputSchema = z.object({
  outcome: z.enum(DECISION_OUTCOMES, { error: 'Choose approve, approve with conditions or reject' }),
  statement: z.string({ error: 'Enter the decision statement' }).trim().min(1, 'Enter the decision statement').max(RESPONSE_MAX_LENGTH, `The statement must be ${RESPONSE_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`),
  unansweredReasons: z.record(z.string().max(120), z.string().max(NOTE_MAX_LENGTH, `Each reason must be ${NOTE_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer`)).default({}),
  conditions: z.array(conditionSchema).max(50, 'Record at most 50 conditions').default([]),
});
export type DecisionInput = z.infer<typeof decisionInputSchema>;
