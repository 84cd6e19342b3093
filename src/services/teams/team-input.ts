import { z } from 'zod';
import { SENIORITY_BANDS } from '../../db/tables/teams.ts';
import { AppError } from '../../errors.ts';

/**
 * What a team lead types about an AI MDT and its members, checked once here so the pages and the
 * API give the same messages. Archetype ids are checked against the loaded framework by the service.
 */

const required = (label: string, max: number) => z.string({ error: `Enter ${label}` }).trim().min(1, `Enter ${label}`).max(max, `${label.replace(/^(a |an |the )/, '').replace(/^./, (c) => c.toUpperCase())} must be ${max} characters or fewer`);
const archetypeIds = z.array(z.string().max(40)).max(10);

export const teamSettingsSchema = z.object({
  name: required('the team’s name', 120),
  purpose: required('the team’s purpose', 2000),
  /** Empty or absent: the archetypes members play. */
  coveredArchetypes: archetypeIds.nullable().default(null),
  resilienceK: z.number({ error: 'Enter how many members must meet each requirement, from 1 to 5' }).int('Enter a whole number from 1 to 5').min(1, 'Enter a number from 1 to 5').max(5, 'Enter a number from 1 to 5').default(1),
  clinicalDecisionMaking: z.boolean({ error: 'Say whether the team’s AI is used in clinical reasoning and decision making' }),
  needsPatientRepresentative: z.boolean({ error: 'Say whether the team needs a patient and public representative' }),
  /** AI products the team looks after, from those the person setting it up can see. */
  productIds: z.array(z.string().max(60)).max(50).default([]),
});
export type TeamSettingsInput = z.infer<typeof teamSettingsSchema>;

export const memberSettingsSchema = z.object({
  teamRole: required('their role in the team', 200),
  /** At least one, except for a patient and public representative (checked by the service, as it spans two fields). */
  archetypes: archetypeIds,
  isLead: z.boolean().default(false),
  isPatientRepresentative: z.boolean().default(false),
  seniorityBand: z.enum(SENIORITY_BANDS, { error: 'Choose a seniority band from the list' }).nullable().default(null),
  hoursLimit: z.number({ error: 'Enter the most hours of learning as a number' }).int('Enter a whole number of hours').min(1, 'Enter at least 1 hour').max(2000, 'Enter 2000 hours or fewer').nullable().default(null),
});
export type MemberSettingsInput = z.infer<typeof memberSettingsSchema>;

export const newMemberSchema = memberSettingsSchema.extend({
  email: z
    .string({ error: 'Enter their email address' })
    .trim()
    .min(1, 'Enter their email address')
    .max(320, 'Email address must be 320 characters or fewer')
    .refine((v) => z.email().safeParse(v).success, 'Enter an email address in the correct format, like name@example.nhs.uk'),
});
export type NewMemberInput = z.infer<typeof newMemberSchema>;

/** Setting a team up: its settings, and whether (and as what) the person setting it up joins it. */
export const newTeamSchema = teamSettingsSchema.extend({
  joinAsLead: z.boolean().default(false),
  teamRole: z.string().trim().max(200, 'Role in the team must be 200 characters or fewer').default(''),
  archetypes: archetypeIds.default([]),
});
export type NewTeamInput = z.infer<typeof newTeamSchema>;

export const responsibilitiesSchema = z.object({
  responsibilities: z
    .array(z.object({ responsibility: z.number().int().min(0).max(99), personIds: z.array(z.string().max(60)).max(100) }))
    .max(100),
});
export type ResponsibilitiesInput = z.infer<typeof responsibilitiesSchema>;

/** Parses input with a schema, or throws AppError 'invalid' with one message per field. */
export function parseTeamInput<T extends z.ZodType>(schema: T, input: unknown, summary: string): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const seen = new Set<string>();
  const details = parsed.error.issues.flatMap((issue) => {
    const field = String(issue.path[0] ?? 'form');
    if (seen.has(field)) return [];
    seen.add(field);
    return [{ field, message: issue.message }];
  });
  throw new AppError('invalid', summary, details);
}

export const invalidField = (summary: string, field: string, message: string) => new AppError('invalid', summary, [{ field, message }]);
