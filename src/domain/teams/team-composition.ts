/**
 * Who an AI MDT is made of, as Box 5 asks: "diverse in terms of demographics, levels of seniority,
 * and familiarity with digital health" and representing "the full range of its users" (issue 13 §1).
 * Counts come only from what profiles already hold and what the team records on the membership
 * (seniority band, archetypes played, patient representative): nothing more sensitive is asked.
 * Pure: the service gathers members and profiles, this says what the mix is and what is missing.
 */

/** The key of members who have not said (no profile, or the field left blank). */
export const NOT_GIVEN = 'not-given';

export interface CompositionMember {
  personId: string;
  /** The person's own organisation (not the team's owner). */
  organisationId: string;
  /** What their profile says; null when they have no profile yet. */
  profile: { professionalGroup: string | null; setting: string | null; clinicalDecisionMaking: boolean } | null;
  seniorityBand: string | null;
  /** The archetypes they play in this team. */
  archetypes: readonly string[];
  isLead: boolean;
  isPatientRepresentative: boolean;
}

export interface CompositionTeam {
  /** Archetypes the team must cover; null: those its members play. */
  coveredArchetypes: readonly string[] | null;
  clinicalDecisionMaking: boolean;
  needsPatientRepresentative: boolean;
}

export interface CompositionInput {
  team: CompositionTeam;
  members: readonly CompositionMember[];
  /** The framework's archetypes in order, for labels in warnings. */
  archetypes: ReadonlyArray<{ id: string; label: string }>;
  /** How many Box 4 responsibilities there are, and which (by position) current members hold. */
  responsibilityCount: number;
  heldResponsibilities: ReadonlySet<number>;
}

export interface Count {
  key: string;
  count: number;
}

export type CompositionWarningKind = 'no-lead' | 'archetype-not-played' | 'no-patient-representative' | 'no-clinical-decision-maker' | 'responsibilities-unheld';

export interface CompositionWarning {
  kind: CompositionWarningKind;
  text: string;
  /** For 'archetype-not-played': which. */
  archetype?: string;
}

export interface TeamComposition {
  memberCount: number;
  byProfessionalGroup: Count[];
  bySetting: Count[];
  /** Keys 'yes', 'no' and NOT_GIVEN. */
  byClinicalDecisionMaking: Count[];
  bySeniority: Count[];
  /** A member playing two archetypes counts under each. */
  byArchetype: Count[];
  byOrganisation: Count[];
  /** Archetypes the team is judged on: its stated list, or every archetype a member plays. */
  coveredArchetypes: string[];
  /** Positions of Box 4 responsibilities no current member holds. */
  unheldResponsibilities: number[];
  warnings: CompositionWarning[];
}

/** Counts by key, the most common first, ties by key, NOT_GIVEN always last. */
export function countBy(keys: readonly string[]): Count[] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  const rank = (key: string) => (key === NOT_GIVEN ? 1 : 0);
  return [...counts.entries()].map(([key, count]) => ({ key, count })).sort((a, b) => rank(a.key) - rank(b.key) || b.count - a.count || a.key.localeCompare(b.key));
}

/** The archetypes the team is judged on: stated ones in framework order, else those played. */
export function coveredArchetypesOf(team: CompositionTeam, members: readonly CompositionMember[], order: readonly string[]): string[] {
  const chosen = new Set(team.coveredArchetypes ?? members.flatMap((m) => m.archetypes));
  return [...order.filter((a) => chosen.has(a)), ...[...chosen].filter((a) => !order.includes(a)).sort()];
}

function archetypeWarnings(input: CompositionInput, covered: readonly string[]): CompositionWarning[] {
  const played = new Set(input.members.flatMap((m) => m.archetypes));
  const labelOf = (id: string) => input.archetypes.find((a) => a.id === id)?.label ?? id;
  const missing = covered.filter((a) => !played.has(a));
  // With no stated list every played archetype is covered, so only the User can be missing: the
  // team's AI informs clinical decisions, and its users must be in the room (Box 5, R4).
  if (input.team.coveredArchetypes === null && input.team.clinicalDecisionMaking && !played.has('user')) missing.push('user');
  return missing.map((archetype) => ({ kind: 'archetype-not-played', archetype, text: `Nobody in the team plays ${labelOf(archetype)}` }));
}

function plainWarnings(input: CompositionInput, unheld: readonly number[]): CompositionWarning[] {
  const { team, members } = input;
  const warnings: CompositionWarning[] = [];
  if (!members.some((m) => m.isLead)) warnings.push({ kind: 'no-lead', text: 'The team has no lead' });
  if (team.needsPatientRepresentative && !members.some((m) => m.isPatientRepresentative)) {
    warnings.push({ kind: 'no-patient-representative', text: 'The team has no patient and public representative' });
  }
  if (team.clinicalDecisionMaking && !members.some((m) => m.profile?.clinicalDecisionMaking === true)) {
    warnings.push({ kind: 'no-clinical-decision-maker', text: 'Nobody in the team makes clinical decisions with AI, though the team’s AI is used in clinical decision making. This comes from members’ own profiles: a member who does can say so on theirs' });
  }
  if (unheld.length > 0) {
    const of = `${unheld.length} of the ${input.responsibilityCount}`;
    warnings.push({ kind: 'responsibilities-unheld', text: `Nobody holds ${unheld.length === input.responsibilityCount ? `any of the ${input.responsibilityCount}` : of} AI MDT responsibilities (Box 4)` });
  }
  return warnings;
}

export function teamComposition(input: CompositionInput): TeamComposition {
  const { members } = input;
  const covered = coveredArchetypesOf(input.team, members, input.archetypes.map((a) => a.id));
  const unheld = Array.from({ length: input.responsibilityCount }, (_, i) => i).filter((i) => !input.heldResponsibilities.has(i));
  const [noLead = [], rest = []] = partition(plainWarnings(input, unheld), (w) => w.kind === 'no-lead');
  return {
    memberCount: members.length,
    byProfessionalGroup: countBy(members.map((m) => m.profile?.professionalGroup ?? NOT_GIVEN)),
    bySetting: countBy(members.map((m) => m.profile?.setting ?? NOT_GIVEN)),
    byClinicalDecisionMaking: countBy(members.map((m) => (m.profile ? (m.profile.clinicalDecisionMaking ? 'yes' : 'no') : NOT_GIVEN))),
    bySeniority: countBy(members.map((m) => m.seniorityBand ?? NOT_GIVEN)),
    byArchetype: countBy(members.flatMap((m) => m.archetypes)),
    byOrganisation: countBy(members.map((m) => m.organisationId)),
    coveredArchetypes: covered,
    unheldResponsibilities: unheld,
    warnings: [...noLead, ...archetypeWarnings(input, covered), ...rest],
  };
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((i) => !test(i))];
}
