import { z } from 'zod';
import { RESOURCE_FORMATS } from '../../db/tables/catalogue.ts';
import type { JourneySettings } from '../../services/journeys/journey.service.ts';
import { formErrorsFromZod, listOf } from '../form-errors.ts';
import type { FormError } from '../form-errors.ts';

/**
 * The "plan my journey" form: what a learner types, and the settings it means. Hours are typed
 * (people think in hours); the planner works in minutes.
 */

const optionalText = z.string().max(200).optional();
const tickbox = z.enum(['yes']).optional();

export const settingsForm = z.object({
  budgetHours: optionalText,
  hoursPerWeek: optionalText,
  formats: listOf(z.string().max(40), 20),
  freeOnly: tickbox,
  vendorNeutralOnly: tickbox,
  accreditedOnly: tickbox,
  templateId: optionalText,
  mode: z.enum(['plan', 'follow']).optional(),
});

export type SettingsValues = z.infer<typeof settingsForm>;

const hours = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || /^\d+(\.\d+)?$/.test(v), `${label} must be a number, like 2 or 1.5`)
    .transform((v) => (v === '' ? null : Number(v)))
    .refine((n) => n === null || n >= min, `${label} must be at least ${min}`)
    .refine((n) => n === null || n <= max, `${label} must be ${max} or fewer`);

const settingsSchema = z.object({
  budgetHours: hours('Total time', 0.25, 2000),
  hoursPerWeek: hours('Hours a week', 0.5, 40),
  formats: z.array(z.enum(RESOURCE_FORMATS, 'Choose formats from the list')),
  freeOnly: tickbox,
  vendorNeutralOnly: tickbox,
  accreditedOnly: tickbox,
  templateId: z.string().optional(),
  mode: z.enum(['plan', 'follow']).optional(),
});

const FIELD_IDS = { formats: 'formats', budgetHours: 'budgetHours', hoursPerWeek: 'hoursPerWeek' };

/** The settings, or the problems to show in the error summary. */
export function parseSettings(values: SettingsValues): { settings: JourneySettings } | { errors: FormError[] } {
  const parsed = settingsSchema.safeParse({ ...values, budgetHours: values.budgetHours ?? '', hoursPerWeek: values.hoursPerWeek ?? '' });
  if (!parsed.success) return { errors: formErrorsFromZod(parsed.error, FIELD_IDS) };
  const v = parsed.data;
  const templateId = v.templateId?.trim() ? v.templateId.trim() : null;
  return {
    settings: {
      budgetMinutes: v.budgetHours === null ? null : Math.round(v.budgetHours * 60),
      hoursPerWeek: v.hoursPerWeek ?? 2,
      preferences: { formats: v.formats, freeOnly: v.freeOnly === 'yes', vendorNeutralOnly: v.vendorNeutralOnly === 'yes', accreditedOnly: v.accreditedOnly === 'yes' },
      templateId,
      mode: templateId && v.mode === 'follow' ? 'follow' : 'plan',
      excluded: [],
    },
  };
}

/** The form filled in from settings already used, so "plan again" starts from the last choices. */
export function valuesFromSettings(settings: JourneySettings): SettingsValues {
  return {
    budgetHours: settings.budgetMinutes === null ? '' : String(Math.round((settings.budgetMinutes / 60) * 100) / 100),
    hoursPerWeek: String(settings.hoursPerWeek),
    formats: settings.preferences.formats,
    freeOnly: settings.preferences.freeOnly ? 'yes' : undefined,
    vendorNeutralOnly: settings.preferences.vendorNeutralOnly ? 'yes' : undefined,
    accreditedOnly: settings.preferences.accreditedOnly ? 'yes' : undefined,
    templateId: settings.templateId ?? '',
    mode: settings.mode,
  };
}
