import type { TeamMemberRow, TeamRow } from '../../db/team.repository.ts';
import { SENIORITY_BANDS } from '../../db/tables/teams.ts';
import type { FormError } from '../form-errors.ts';
import { fieldsOf, textOf, textsOf } from '../form-fields.ts';
import { orderedFormErrors } from '../products/product-form-fields.ts';
import type { Problem } from '../products/product-form-fields.ts';

/**
 * The AI MDT forms as typed (strings, so a form with mistakes shows them back unchanged) and in
 * the services' terms. Unanswered questions are left out so the service says what is missing.
 */

export const SENIORITY_LABELS: Record<(typeof SENIORITY_BANDS)[number], string> = {
  'early-career': 'Early career',
  experienced: 'Experienced',
  senior: 'Senior',
  executive: 'Executive',
};

export interface TeamFormValues {
  name: string;
  purpose: string;
  coveredArchetypes: string[];
  resilienceK: string;
  clinicalDecisionMaking: string;
  needsPatientRepresentative: string;
  productIds: string[];
  /** Setting up only: whether the creator joins as lead ('yes'/'no'), their role and archetypes. */
  joinAsLead: string;
  teamRole: string;
  archetypes: string[];
}

export const EMPTY_TEAM_FORM: TeamFormValues = { name: '', purpose: '', coveredArchetypes: [], resilienceK: '1', clinicalDecisionMaking: '', needsPatientRepresentative: '', productIds: [], joinAsLead: '', teamRole: '', archetypes: [] };

const yesNo = (value: string): boolean | undefined => (value === 'yes' ? true : value === 'no' ? false : undefined);
const asYesNo = (value: boolean) => (value ? 'yes' : 'no');
/** A whole number as typed, or the text itself so the schema says it is not a number. */
const numberOf = (value: string): number | string => (/^\d{1,6}$/.test(value.trim()) ? Number(value.trim()) : value);

export function teamFormValuesOf(body: unknown): TeamFormValues {
  const f = fieldsOf(body);
  return {
    name: textOf(f.name, 200),
    purpose: textOf(f.purpose, 4000),
    coveredArchetypes: textsOf(f.coveredArchetypes, 10),
    resilienceK: textOf(f.resilienceK, 10),
    clinicalDecisionMaking: textOf(f.clinicalDecisionMaking, 5),
    needsPatientRepresentative: textOf(f.needsPatientRepresentative, 5),
    productIds: textsOf(f.productIds, 50),
    joinAsLead: textOf(f.joinAsLead, 5),
    teamRole: textOf(f.teamRole, 300),
    archetypes: textsOf(f.archetypes, 10),
  };
}

export function valuesFromTeam(team: TeamRow, productIds: string[]): TeamFormValues {
  return {
    ...EMPTY_TEAM_FORM,
    name: team.name,
    purpose: team.purpose,
    coveredArchetypes: team.coveredArchetypes ?? [],
    resilienceK: String(team.resilienceK),
    clinicalDecisionMaking: asYesNo(team.clinicalDecisionMaking),
    needsPatientRepresentative: asYesNo(team.needsPatientRepresentative),
    productIds,
  };
}

export function teamInputOf(values: TeamFormValues): Record<string, unknown> {
  return {
    name: values.name,
    purpose: values.purpose,
    coveredArchetypes: values.coveredArchetypes,
    resilienceK: values.resilienceK.trim() === '' ? undefined : numberOf(values.resilienceK),
    clinicalDecisionMaking: yesNo(values.clinicalDecisionMaking),
    needsPatientRepresentative: yesNo(values.needsPatientRepresentative),
    productIds: values.productIds,
    joinAsLead: values.joinAsLead === 'yes',
    teamRole: values.teamRole,
    archetypes: values.archetypes,
  };
}

export interface MemberFormValues {
  email: string;
  teamRole: string;
  archetypes: string[];
  isLead: boolean;
  isPatientRepresentative: boolean;
  seniorityBand: string;
  hoursLimit: string;
}

export const EMPTY_MEMBER_FORM: MemberFormValues = { email: '', teamRole: '', archetypes: [], isLead: false, isPatientRepresentative: false, seniorityBand: '', hoursLimit: '' };

export function memberFormValuesOf(body: unknown): MemberFormValues {
  const f = fieldsOf(body);
  return {
    email: textOf(f.email, 320),
    teamRole: textOf(f.teamRole, 300),
    archetypes: textsOf(f.archetypes, 10),
    isLead: textOf(f.isLead, 5) === 'yes',
    isPatientRepresentative: textOf(f.isPatientRepresentative, 5) === 'yes',
    seniorityBand: textOf(f.seniorityBand, 40),
    hoursLimit: textOf(f.hoursLimit, 10),
  };
}

export function valuesFromMember(member: TeamMemberRow): MemberFormValues {
  return { email: '', teamRole: member.teamRole, archetypes: member.archetypes, isLead: member.isLead, isPatientRepresentative: member.isPatientRepresentative, seniorityBand: member.seniorityBand ?? '', hoursLimit: member.hoursLimit === null ? '' : String(member.hoursLimit) };
}

export function memberInputOf(values: MemberFormValues): Record<string, unknown> {
  return {
    email: values.email,
    teamRole: values.teamRole,
    archetypes: values.archetypes,
    isLead: values.isLead,
    isPatientRepresentative: values.isPatientRepresentative,
    seniorityBand: values.seniorityBand === '' ? null : values.seniorityBand,
    hoursLimit: values.hoursLimit.trim() === '' ? null : numberOf(values.hoursLimit),
  };
}

const TEAM_ORDER = ['name', 'purpose', 'coveredArchetypes', 'resilienceK', 'clinicalDecisionMaking', 'needsPatientRepresentative', 'productIds', 'joinAsLead', 'teamRole', 'archetypes'];
const MEMBER_ORDER = ['email', 'teamRole', 'archetypes', 'isLead', 'isPatientRepresentative', 'seniorityBand', 'hoursLimit'];

export const teamFormErrors = (problems: readonly Problem[]): FormError[] => orderedFormErrors(problems, TEAM_ORDER, {}, 'team-form');
export const memberFormErrors = (problems: readonly Problem[]): FormError[] => orderedFormErrors(problems, MEMBER_ORDER, {}, 'member-form');

/** Checkbox or radio items, ticked where chosen. */
export function choiceItems(options: ReadonlyArray<{ id: string; label: string }>, chosen: readonly string[]) {
  return options.map((o) => ({ value: o.id, text: o.label, checked: chosen.includes(o.id) }));
}

export function seniorityItems(chosen: string) {
  return [{ value: '', text: 'Not recorded', checked: chosen === '' }, ...SENIORITY_BANDS.map((b) => ({ value: b, text: SENIORITY_LABELS[b], checked: chosen === b }))];
}
