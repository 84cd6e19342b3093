import { describe, expect, it } from 'vitest';
import { countBy, NOT_GIVEN, teamComposition } from './team-composition.ts';
import type { CompositionInput, CompositionMember, CompositionTeam } from './team-composition.ts';

const ARCHETYPES = [
  { id: 'shaper', label: 'Shaper' },
  { id: 'driver', label: 'Driver' },
  { id: 'creator', label: 'Creator' },
  { id: 'embedder', label: 'Embedder' },
  { id: 'user', label: 'User' },
];

function member(personId: string, changes: Partial<CompositionMember> = {}): CompositionMember {
  return {
    personId,
    organisationId: 'trust',
    profile: { professionalGroup: 'medical-and-dental', setting: 'acute', clinicalDecisionMaking: true },
    seniorityBand: 'senior',
    archetypes: ['user'],
    isLead: false,
    isPatientRepresentative: false,
    ...changes,
  };
}

const TEAM: CompositionTeam = { coveredArchetypes: null, clinicalDecisionMaking: true, needsPatientRepresentative: true };

function input(members: CompositionMember[], team: Partial<CompositionTeam> = {}, held: number[] = [0, 1, 2]): CompositionInput {
  return { team: { ...TEAM, ...team }, members, archetypes: ARCHETYPES, responsibilityCount: 3, heldResponsibilities: new Set(held) };
}

/** Box 5 in small: a lead Driver, a radiologist User and a patient representative. */
const BALANCED = [
  member('ruth', { isLead: true, archetypes: ['driver'], organisationId: 'ics', profile: { professionalGroup: 'management-and-administration', setting: 'integrated-care-system', clinicalDecisionMaking: false } }),
  member('kieran', { archetypes: ['creator', 'user'] }),
  member('pat', { isPatientRepresentative: true, archetypes: ['user'], profile: null, seniorityBand: null, organisationId: 'partner' }),
];

const kinds = (i: CompositionInput) => teamComposition(i).warnings.map((w) => w.text);

describe('teamComposition counts', () => {
  const composition = teamComposition(input(BALANCED));

  it('counts members by professional group, setting and clinical decision making from profiles, no profile as not given', () => {
    expect(composition.memberCount).toBe(3);
    expect(composition.byProfessionalGroup).toEqual([
      { key: 'management-and-administration', count: 1 },
      { key: 'medical-and-dental', count: 1 },
      { key: NOT_GIVEN, count: 1 },
    ]);
    expect(composition.bySetting).toEqual([
      { key: 'acute', count: 1 },
      { key: 'integrated-care-system', count: 1 },
      { key: NOT_GIVEN, count: 1 },
    ]);
    expect(composition.byClinicalDecisionMaking).toEqual([
      { key: 'no', count: 1 },
      { key: 'yes', count: 1 },
      { key: NOT_GIVEN, count: 1 },
    ]);
  });

  it('counts seniority from the membership, archetypes played in the team (each of a member’s), and organisations', () => {
    expect(composition.bySeniority).toEqual([
      { key: 'senior', count: 2 },
      { key: NOT_GIVEN, count: 1 },
    ]);
    expect(composition.byArchetype).toEqual([
      { key: 'user', count: 2 },
      { key: 'creator', count: 1 },
      { key: 'driver', count: 1 },
    ]);
    expect(composition.byOrganisation.map((c) => c.key).sort()).toEqual(['ics', 'partner', 'trust']);
  });

  it('covers the archetypes members play, in framework order, when the team states none', () => {
    expect(composition.coveredArchetypes).toEqual(['driver', 'creator', 'user']);
  });

  it('warns of nothing when the team has all it needs', () => {
    expect(composition.warnings).toEqual([]);
  });
});

describe('teamComposition warnings', () => {
  it.each<[string, CompositionInput, string[]]>([
    ['no lead', input(BALANCED.map((m) => ({ ...m, isLead: false }))), ['The team has no lead']],
    ['a stated archetype nobody plays', input(BALANCED, { coveredArchetypes: ['driver', 'embedder', 'user'] }), ['Nobody in the team plays Embedder']],
    ['no User when the AI informs clinical decisions', input(BALANCED.map((m) => ({ ...m, archetypes: ['driver'] }))), ['Nobody in the team plays User']],
    ['no patient representative when the team needs one', input(BALANCED.map((m) => ({ ...m, isPatientRepresentative: false }))), ['The team has no patient and public representative']],
    [
      'nobody making clinical decisions when the AI is used in them',
      input(BALANCED.map((m) => ({ ...m, profile: m.profile && { ...m.profile, clinicalDecisionMaking: false } }))),
      ['Nobody in the team makes clinical decisions with AI, though the team’s AI is used in clinical decision making. This comes from members’ own profiles: a member who does can say so on theirs'],
    ],
    ['responsibilities nobody holds', input(BALANCED, {}, [1]), ['Nobody holds 2 of the 3 AI MDT responsibilities (Box 4)']],
    ['no responsibility held at all', input(BALANCED, {}, []), ['Nobody holds any of the 3 AI MDT responsibilities (Box 4)']],
  ])('%s', (_, given, expected) => {
    expect(kinds(given)).toEqual(expected);
  });

  it('asks for no User, patient representative or clinician when the team’s AI is not clinical and needs none', () => {
    const admin = [member('a', { isLead: true, archetypes: ['embedder'], profile: null })];
    expect(kinds(input(admin, { clinicalDecisionMaking: false, needsPatientRepresentative: false }))).toEqual([]);
  });

  it('lists every warning of an empty team, lead first', () => {
    const composition = teamComposition(input([], { coveredArchetypes: ['shaper'] }, []));
    expect(composition.warnings.map((w) => w.kind)).toEqual(['no-lead', 'archetype-not-played', 'no-patient-representative', 'no-clinical-decision-maker', 'responsibilities-unheld']);
    expect(composition.unheldResponsibilities).toEqual([0, 1, 2]);
  });
});

describe('countBy', () => {
  it('puts the most common first and not given last', () => {
    expect(countBy(['b', NOT_GIVEN, NOT_GIVEN, NOT_GIVEN, 'a', 'b'])).toEqual([
      { key: 'b', count: 2 },
      { key: 'a', count: 1 },
      { key: NOT_GIVEN, count: 3 },
    ]);
  });
});
