import type { ProfessionalGroupId } from '../people/profile-options.ts';

/**
 * What a staff record suggests about a person's profile (plan §3): a professional group from the
 * NWD staff group and job role, and archetypes from the report's Figure 2 examples. Suggestions are
 * shown to the person and never written to their profile (R7): Shaper is never suggested (a
 * national role), nor clinical decision making (R4 depends on the product).
 */
export type SuggestedArchetype = 'user' | 'driver' | 'creator' | 'embedder';

export interface StaffRecordFacts {
  staffGroup: string;
  jobRole: string;
  areaOfWork: string;
  positionTitle: string;
  occupationCode: string;
  /** The organisation is an ambulance service: paramedics' home group is then Ambulance. */
  ambulanceSetting?: boolean;
}

export interface ProfileSuggestion {
  professionalGroup: ProfessionalGroupId | null;
  archetypes: SuggestedArchetype[];
  /** The rules that matched, for "why am I seeing this". */
  basis: string[];
}

const DIGITAL = /\b(im&t|im ?& ?t|informatics|it|ict|data|analyst|developer|digital)\b/i;
const PHARMACY = /pharmac/i;

interface GroupRule {
  id: string;
  staffGroup: RegExp;
  /** When set, the rule applies only if the job role, position or area of work (or occupation code) matches. */
  detail?: RegExp;
  ambulanceOnly?: boolean;
  group: ProfessionalGroupId | null;
}

/** First match wins, so exceptions come before their staff group's default. */
export const GROUP_RULES: readonly GroupRule[] = [
  { id: 'medical', staffGroup: /^medical and dental$/i, group: 'medical-and-dental' },
  { id: 'nursing', staffGroup: /^nursing and midwifery registered$/i, group: 'nursing-midwifery-and-health-visiting' },
  { id: 'ahp-paramedic-ambulance', staffGroup: /^allied health professionals$/i, detail: /paramedic|ambulance/i, ambulanceOnly: true, group: 'ambulance' },
  { id: 'ahp', staffGroup: /^allied health professionals$/i, group: 'allied-health-professionals' },
  { id: 'scientists', staffGroup: /^healthcare scientists$/i, group: 'healthcare-scientists' },
  { id: 'apst-pharmacy', staffGroup: /^add(itional)? prof(essional)? scientific and technic(al)?$/i, detail: PHARMACY, group: 'pharmacy' },
  { id: 'apst-other', staffGroup: /^add(itional)? prof(essional)? scientific and technic(al)?$/i, group: null },
  { id: 'acs-ambulance', staffGroup: /^additional clinical services$/i, detail: /ambulance technician|emergency care assistant/i, group: 'ambulance' },
  { id: 'acs', staffGroup: /^additional clinical services$/i, group: 'support-to-clinical-staff' },
  { id: 'admin-digital', staffGroup: /^administrative and clerical$/i, detail: DIGITAL, group: 'digital-data-and-technology' },
  { id: 'admin', staffGroup: /^administrative and clerical$/i, group: 'management-and-administration' },
  { id: 'estates', staffGroup: /^estates and ancillary$/i, group: 'estates-facilities-and-other' },
  { id: 'student-nurse', staffGroup: /^students$/i, detail: /student (nurse|midwife)/i, group: 'nursing-midwifery-and-health-visiting' },
  { id: 'student-doctor', staffGroup: /^students$/i, detail: /medical student/i, group: 'medical-and-dental' },
  { id: 'student-ahp', staffGroup: /^students$/i, detail: /student (physiotherapist|occupational therapist|radiographer|paramedic|dietitian)/i, group: 'allied-health-professionals' },
];

interface ArchetypeRule {
  id: string;
  archetype: SuggestedArchetype;
  staffGroup?: RegExp;
  /** Matched against job role, position title and area of work. */
  detail?: RegExp;
}

const CLINICAL = /^(medical and dental|nursing and midwifery registered|allied health professionals|healthcare scientists|additional clinical services)$/i;

export const ARCHETYPE_RULES: readonly ArchetypeRule[] = [
  { id: 'clinical-user', archetype: 'user', staffGroup: CLINICAL },
  { id: 'leadership-driver', archetype: 'driver', detail: /chief executive|director|board|service (manager|lead)|\bcc?io\b|chief (clinical )?information officer|pmo lead|digital transformation lead/i },
  { id: 'data-creator', archetype: 'creator', detail: /data (scientist|engineer|analyst)|software (engineer|developer)|developer|clinical (bio)?informatic|ai research/i },
  { id: 'it-embedder', archetype: 'embedder', detail: /im&t|information governance|clinical safety officer|statistician|knowledge manager|librarian|clinical informatic/i },
];

function matchesDetail(rule: { detail?: RegExp }, facts: StaffRecordFacts): boolean {
  if (!rule.detail) return true;
  return [facts.jobRole, facts.positionTitle, facts.areaOfWork, facts.occupationCode].some((v) => rule.detail!.test(v));
}

export function suggestProfile(facts: StaffRecordFacts): ProfileSuggestion {
  const basis: string[] = [];
  const groupRule = GROUP_RULES.find(
    (r) => r.staffGroup.test(facts.staffGroup.trim()) && matchesDetail(r, facts) && (!r.ambulanceOnly || facts.ambulanceSetting === true),
  );
  if (groupRule) basis.push(`group:${groupRule.id}`);
  const archetypes: SuggestedArchetype[] = [];
  for (const rule of ARCHETYPE_RULES) {
    if (rule.staffGroup && !rule.staffGroup.test(facts.staffGroup.trim())) continue;
    if (!matchesDetail(rule, facts)) continue;
    if (!archetypes.includes(rule.archetype)) archetypes.push(rule.archetype);
    basis.push(`archetype:${rule.id}`);
  }
  return { professionalGroup: groupRule?.group ?? null, archetypes, basis };
}

/** Nothing to suggest: no row is stored. */
export const isEmptySuggestion = (s: ProfileSuggestion): boolean => s.professionalGroup === null && s.archetypes.length === 0;
