/**
 * Professional groups and settings a person can choose on their profile. Equity reporting (R10)
 * watches uptake by these, so they are fixed lists rather than free text. Groups follow the NHS
 * workforce statistics staff groups, with the report's other archetype homes (DDaT, industry,
 * academia, arm's length bodies) added.
 */
export const PROFESSIONAL_GROUPS = [
  { id: 'medical-and-dental', label: 'Medical and dental' },
  { id: 'nursing-midwifery-and-health-visiting', label: 'Nursing, midwifery and health visiting' },
  { id: 'allied-health-professionals', label: 'Allied health professionals' },
  { id: 'healthcare-scientists', label: 'Healthcare scientists' },
  { id: 'pharmacy', label: 'Pharmacy' },
  { id: 'ambulance', label: 'Ambulance staff' },
  { id: 'support-to-clinical-staff', label: 'Support to clinical staff' },
  { id: 'digital-data-and-technology', label: 'Digital, data and technology (DDaT)' },
  { id: 'management-and-administration', label: 'Management and administration' },
  { id: 'estates-facilities-and-other', label: 'Estates, facilities and other support' },
  { id: 'outside-the-nhs', label: "Industry, academia or an arm's length body" },
  // Box 4: AI MDTs involve members of the public; they are not staff, so not in a staff group.
  { id: 'patient-and-public', label: 'Patient or public representative' },
] as const;

export const SETTINGS = [
  { id: 'acute', label: 'Acute hospital' },
  { id: 'mental-health', label: 'Mental health' },
  { id: 'community', label: 'Community' },
  { id: 'primary-care', label: 'Primary care' },
  { id: 'ambulance', label: 'Ambulance service' },
  { id: 'integrated-care-system', label: 'Integrated care system or commissioning' },
  { id: 'national-body', label: 'National body or regulator' },
  { id: 'industry-or-academia', label: 'Industry or academia' },
] as const;

export type ProfessionalGroupId = (typeof PROFESSIONAL_GROUPS)[number]['id'];
export type SettingId = (typeof SETTINGS)[number]['id'];

export const PROFESSIONAL_GROUP_IDS = PROFESSIONAL_GROUPS.map((g) => g.id) as [ProfessionalGroupId, ...ProfessionalGroupId[]];
export const SETTING_IDS = SETTINGS.map((s) => s.id) as [SettingId, ...SettingId[]];
