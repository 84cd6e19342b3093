import type { ProfessionalGroupId, SettingId } from '../people/profile-options.ts';

/**
 * Proportions of the synthetic workforce, after NHS workforce statistics (hospital and community
 * health services; general practice workforce): by setting, the share of each staff group, and per
 * staff group how many make clinical decisions with AI. Overall about 55 % do (docs/scale.md §6).
 */
type Mix = ReadonlyArray<readonly [ProfessionalGroupId, number]>;

const HOSPITAL: Mix = [
  ['nursing-midwifery-and-health-visiting', 26], ['support-to-clinical-staff', 24], ['medical-and-dental', 11],
  ['allied-health-professionals', 9], ['healthcare-scientists', 3], ['pharmacy', 2], ['digital-data-and-technology', 2],
  ['management-and-administration', 16], ['estates-facilities-and-other', 7],
];
const AMBULANCE: Mix = [
  ['ambulance', 55], ['support-to-clinical-staff', 10], ['nursing-midwifery-and-health-visiting', 4],
  ['digital-data-and-technology', 3], ['management-and-administration', 20], ['estates-facilities-and-other', 8],
];
const PRIMARY_CARE: Mix = [
  ['medical-and-dental', 22], ['nursing-midwifery-and-health-visiting', 12], ['allied-health-professionals', 3], ['pharmacy', 5],
  ['support-to-clinical-staff', 15], ['management-and-administration', 43],
];
const COMMISSIONING: Mix = [
  ['management-and-administration', 60], ['digital-data-and-technology', 12], ['nursing-midwifery-and-health-visiting', 8],
  ['medical-and-dental', 5], ['pharmacy', 3], ['allied-health-professionals', 2], ['healthcare-scientists', 2], ['estates-facilities-and-other', 8],
];
const NATIONAL: Mix = [
  ['management-and-administration', 50], ['digital-data-and-technology', 20], ['outside-the-nhs', 10],
  ['medical-and-dental', 6], ['nursing-midwifery-and-health-visiting', 6], ['healthcare-scientists', 8],
];
const INDUSTRY: Mix = [['outside-the-nhs', 70], ['digital-data-and-technology', 30]];

export const GROUP_MIX_BY_SETTING: Record<SettingId, Mix> = {
  acute: HOSPITAL,
  'mental-health': HOSPITAL,
  community: HOSPITAL,
  ambulance: AMBULANCE,
  'primary-care': PRIMARY_CARE,
  'integrated-care-system': COMMISSIONING,
  'national-body': NATIONAL,
  'industry-or-academia': INDUSTRY,
};

export const CLINICAL_SHARE: Record<ProfessionalGroupId, number> = {
  'medical-and-dental': 0.95,
  'nursing-midwifery-and-health-visiting': 0.85,
  'allied-health-professionals': 0.85,
  pharmacy: 0.8,
  ambulance: 0.8,
  'healthcare-scientists': 0.6,
  'support-to-clinical-staff': 0.45,
  'digital-data-and-technology': 0.05,
  'management-and-administration': 0.05,
  'estates-facilities-and-other': 0,
  'outside-the-nhs': 0.1,
  'patient-and-public': 0,
};

/** Beyond User (everyone): each archetype's share of staff (docs/scale.md §6). */
export const ARCHETYPE_SHARE: ReadonlyArray<readonly [string, number]> = [
  ['shaper', 0.01],
  ['driver', 0.05],
  ['creator', 0.02],
  ['embedder', 0.12],
];

/**
 * How confident each staff group starts, on a 0–1 scale of the taxonomy (equity gaps by group are
 * the point: digital and scientific staff ahead, support and estates staff behind).
 */
export const GROUP_CONFIDENCE: Record<ProfessionalGroupId, number> = {
  'digital-data-and-technology': 0.5,
  'healthcare-scientists': 0.42,
  'outside-the-nhs': 0.45,
  'medical-and-dental': 0.36,
  pharmacy: 0.32,
  'allied-health-professionals': 0.28,
  'nursing-midwifery-and-health-visiting': 0.25,
  'management-and-administration': 0.26,
  ambulance: 0.22,
  'support-to-clinical-staff': 0.15,
  'estates-facilities-and-other': 0.1,
  'patient-and-public': 0.1,
};

/** The factors an archetype is strong in, with how much it lifts a person's confidence there. */
export const ARCHETYPE_FACTORS: Record<string, { lift: number; factors: readonly string[] }> = {
  shaper: { lift: 0.35, factors: ['governance', 'regulation-and-standards', 'guidelines', 'liability', 'strategy-and-culture'] },
  driver: { lift: 0.35, factors: ['governance', 'liability', 'implementation', 'strategy-and-culture', 'systems-impact'] },
  creator: { lift: 0.45, factors: ['ai-model-and-product-design', 'technical-implementation', 'evaluation-and-validation', 'local-validation', 'ai-literacy'] },
  embedder: { lift: 0.35, factors: ['implementation', 'technical-implementation', 'local-validation', 'evaluation-and-validation', 'regulation-and-standards', 'systems-impact'] },
  user: { lift: 0.15, factors: ['clinical-use', 'cognitive-biases', 'interface-with-patients'] },
};

export const JOB_TITLES: Record<ProfessionalGroupId, readonly string[]> = {
  'medical-and-dental': ['Consultant', 'Specialty doctor', 'GP partner', 'Salaried GP', 'Registrar'],
  'nursing-midwifery-and-health-visiting': ['Staff nurse', 'Ward sister', 'Midwife', 'Practice nurse', 'Health visitor', 'Advanced nurse practitioner'],
  'allied-health-professionals': ['Physiotherapist', 'Diagnostic radiographer', 'Occupational therapist', 'Paramedic practitioner'],
  'healthcare-scientists': ['Clinical scientist', 'Biomedical scientist', 'Clinical physiologist'],
  pharmacy: ['Clinical pharmacist', 'Pharmacy technician', 'Specialist pharmacist'],
  ambulance: ['Paramedic', 'Emergency medical technician', 'Call handler'],
  'support-to-clinical-staff': ['Healthcare assistant', 'Nursing associate', 'Theatre support worker'],
  'digital-data-and-technology': ['Data analyst', 'Clinical systems lead', 'Software developer'],
  'management-and-administration': ['Medical secretary', 'Receptionist', 'Service manager', 'Practice manager', 'Programme manager'],
  'estates-facilities-and-other': ['Porter', 'Estates officer', 'Domestic services assistant'],
  'outside-the-nhs': ['Researcher', 'Policy adviser', 'Product manager'],
  'patient-and-public': ['Patient representative'],
};

/** Titles only a GP practice has; the rest belong to hospitals, commissioners and national bodies. */
export const GP_ONLY_TITLES: readonly string[] = ['GP partner', 'Salaried GP', 'Practice nurse', 'Practice manager', 'Receptionist', 'Clinical pharmacist'];

export const FIRST_NAMES = ['Aisha', 'Ben', 'Chen', 'Deborah', 'Emeka', 'Fatima', 'George', 'Hana', 'Ivan', 'Jasmine', 'Kwame', 'Laura', 'Mohammed', 'Niamh', 'Oliver', 'Priya', 'Rhys', 'Sofia', 'Tariq', 'Uma', 'Victor', 'Wen', 'Yasmin', 'Zoe'];
export const SURNAMES = ['Ahmed', 'Brown', 'Campbell', 'Davies', 'Evans', 'Fernandes', 'Green', 'Hughes', 'Iqbal', 'Jones', 'Khan', 'Lewis', 'Morris', 'Nowak', 'Okoro', 'Patel', 'Roberts', 'Singh', 'Taylor', 'Walker', 'Williams', 'Wright', 'Young', 'Zhang'];
