import { describe, expect, it } from 'vitest';
import { PROFESSIONAL_GROUP_IDS } from '../people/profile-options.ts';
import { GROUP_RULES, suggestProfile } from './suggestions.ts';
import type { StaffRecordFacts } from './suggestions.ts';

const facts = (staffGroup: string, jobRole = '', more: Partial<StaffRecordFacts> = {}): StaffRecordFacts => ({ staffGroup, jobRole, areaOfWork: '', positionTitle: '', occupationCode: '', ...more });

describe('suggestProfile: professional group, one case per rule', () => {
  it.each([
    ['medical', facts('Medical and Dental', 'Consultant'), 'medical-and-dental'],
    ['nursing', facts('Nursing and Midwifery Registered', 'Staff Nurse'), 'nursing-midwifery-and-health-visiting'],
    ['ahp-paramedic-ambulance', facts('Allied Health Professionals', 'Paramedic', { ambulanceSetting: true }), 'ambulance'],
    ['ahp', facts('Allied Health Professionals', 'Paramedic'), 'allied-health-professionals'],
    ['scientists', facts('Healthcare Scientists', 'Clinical Scientist'), 'healthcare-scientists'],
    ['apst-pharmacy', facts('Add Prof Scientific and Technic', 'Pharmacist'), 'pharmacy'],
    ['apst-other', facts('Add Prof Scientific and Technic', 'Psychologist'), null],
    ['acs-ambulance', facts('Additional Clinical Services', 'Emergency Care Assistant'), 'ambulance'],
    ['acs', facts('Additional Clinical Services', 'Healthcare Assistant'), 'support-to-clinical-staff'],
    ['admin-digital', facts('Administrative and Clerical', 'Analyst', { areaOfWork: 'IM&T' }), 'digital-data-and-technology'],
    ['admin', facts('Administrative and Clerical', 'Receptionist'), 'management-and-administration'],
    ['estates', facts('Estates and Ancillary', 'Porter'), 'estates-facilities-and-other'],
    ['student-nurse', facts('Students', 'Student Nurse'), 'nursing-midwifery-and-health-visiting'],
    ['student-doctor', facts('Students', 'Medical Student'), 'medical-and-dental'],
    ['student-ahp', facts('Students', 'Student Physiotherapist'), 'allied-health-professionals'],
  ])('%s', (rule, input, group) => {
    const suggestion = suggestProfile(input);
    expect(suggestion.professionalGroup).toBe(group);
    expect(suggestion.basis).toContain(`group:${rule}`);
  });

  it('has a case above for every rule, and only real group ids', () => {
    expect(GROUP_RULES.map((r) => r.id)).toHaveLength(15);
    for (const rule of GROUP_RULES) if (rule.group) expect(PROFESSIONAL_GROUP_IDS).toContain(rule.group);
  });

  it('suggests nothing for an unknown staff group', () => {
    expect(suggestProfile(facts('Students', 'Apprentice'))).toEqual({ professionalGroup: null, archetypes: [], basis: [] });
  });
});

describe('suggestProfile: archetypes, one case per rule', () => {
  it.each([
    ['clinical-user', facts('Nursing and Midwifery Registered', 'Staff Nurse'), ['user']],
    ['leadership-driver', facts('Administrative and Clerical', 'Director of Finance'), ['driver']],
    ['data-creator', facts('Administrative and Clerical', 'Data Scientist'), ['creator']],
    ['it-embedder', facts('Administrative and Clerical', 'Information Governance Manager'), ['embedder']],
  ])('%s', (rule, input, archetypes) => {
    const suggestion = suggestProfile(input);
    expect(suggestion.archetypes).toEqual(archetypes);
    expect(suggestion.basis).toContain(`archetype:${rule}`);
  });

  it('gives clinical informatics both Creator and Embedder, and never Shaper', () => {
    const suggestion = suggestProfile(facts('Healthcare Scientists', 'Clinical Informatics Lead'));
    expect(suggestion.archetypes).toEqual(['user', 'creator', 'embedder']);
    expect(suggestion.archetypes).not.toContain('shaper');
  });
});
