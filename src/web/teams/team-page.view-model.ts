import { ORGANISATION_KIND_LABELS } from '../../domain/people/organisation-kinds.ts';
import { PROFESSIONAL_GROUPS, SETTINGS } from '../../domain/people/profile-options.ts';
import { NOT_GIVEN } from '../../domain/teams/team-composition.ts';
import type { Count } from '../../domain/teams/team-composition.ts';
import type { TeamDetails } from '../../services/teams/team-view.ts';
import { SENIORITY_LABELS } from './team-form.ts';
import { TEAM_PATHS } from './teams.paths.ts';

const DONE_MESSAGES = {
  created: 'The AI MDT has been set up. Add its members, then assign its responsibilities.',
  saved: 'Your changes have been saved.',
  'member-added': 'The member has been added and told.',
  'member-saved': 'The member’s details have been saved.',
  'member-removed': 'The member has been removed from the team.',
  responsibilities: 'The responsibilities have been saved.',
} as const;
export type TeamDone = keyof typeof DONE_MESSAGES;
export const TEAM_DONE_KEYS = Object.keys(DONE_MESSAGES) as [TeamDone, ...TeamDone[]];

const labelsOf = (options: ReadonlyArray<{ id: string; label: string }>) => new Map<string, string>(options.map((o) => [o.id, o.label]));
const GROUPS = labelsOf(PROFESSIONAL_GROUPS);
const PLACES = labelsOf(SETTINGS);
const CLINICAL = new Map([
  ['yes', 'Makes clinical decisions with AI'],
  ['no', 'Does not make clinical decisions with AI'],
]);

/** One composition table: its caption and rows of label and count. */
function table(caption: string, heading: string, counts: readonly Count[], labels: ReadonlyMap<string, string>) {
  return { caption, heading, rows: counts.map((c) => ({ label: c.key === NOT_GIVEN ? 'Not given' : (labels.get(c.key) ?? c.key), count: c.count })) };
}

const archetypeList = (ids: readonly string[], labels: ReadonlyMap<string, string>) => ids.map((id) => labels.get(id) ?? id).join(', ');

/** What the team page shows; change links only for those who manage the team. */
export function teamPageView(details: TeamDetails, done?: TeamDone) {
  const { team, canManage, composition } = details;
  const archetypes = labelsOf(details.archetypes);
  const organisations = new Map(details.organisations.map((o) => [o.id, o.name]));
  const owner = details.organisations.find((o) => o.id === team.organisationId)?.name ?? '';
  return {
    pageTitle: team.name,
    breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'AI MDTs', href: TEAM_PATHS.list }],
    team,
    canManage: canManage && !team.archivedAt,
    isArchived: Boolean(team.archivedAt),
    links: {
      edit: TEAM_PATHS.edit(team.id),
      newMember: TEAM_PATHS.newMember(team.id),
      responsibilities: TEAM_PATHS.responsibilities(team.id),
      coverage: TEAM_PATHS.coverage(team.id),
      plan: TEAM_PATHS.plan(team.id),
    },
    doneMessage: done ? DONE_MESSAGES[done] : undefined,
    warnings: composition.warnings.map((w) => w.text),
    settings: [
      { key: 'Owned by', value: owner },
      { key: 'Archetypes the team must cover', value: team.coveredArchetypes ? archetypeList(team.coveredArchetypes, archetypes) : `Those its members play${composition.coveredArchetypes.length ? ` (${archetypeList(composition.coveredArchetypes, archetypes)})` : ''}` },
      { key: 'Resilience target', value: team.resilienceK === 1 ? 'At least 1 member meets each requirement' : `At least ${team.resilienceK} members meet each requirement` },
      { key: 'AI used in clinical decision making', value: team.clinicalDecisionMaking ? 'Yes' : 'No' },
      { key: 'Needs a patient and public representative', value: team.needsPatientRepresentative ? 'Yes' : 'No' },
    ],
    organisations: details.organisations.map((o) => ({ name: o.name, kind: ORGANISATION_KIND_LABELS[o.kind], isOwner: o.id === team.organisationId })),
    products: details.products.map((p) => ({ name: p.name, href: `/products/${p.id}` })),
    members: details.members.map((m) => ({
      name: m.displayName,
      teamRole: m.teamRole,
      archetypes: m.archetypes.length > 0 ? archetypeList(m.archetypes, archetypes) : 'None',
      isLead: m.isLead,
      isPatientRepresentative: m.isPatientRepresentative,
      organisation: m.organisationName,
      editHref: TEAM_PATHS.editMember(team.id, m.id),
    })),
    responsibilities: details.responsibilities.map((r) => ({ text: r.text, holders: r.holders.map((h) => h.displayName) })),
    composition: [
      table('Members by professional group', 'Professional group', composition.byProfessionalGroup, GROUPS),
      table('Members by setting', 'Setting', composition.bySetting, PLACES),
      table('Members by clinical decision making', 'Clinical decision making', composition.byClinicalDecisionMaking, CLINICAL),
      table('Members by seniority', 'Seniority band', composition.bySeniority, new Map(Object.entries(SENIORITY_LABELS))),
      table('Members by archetype played in the team', 'Archetype', composition.byArchetype, archetypes),
      table('Members by organisation', 'Organisation', composition.byOrganisation, organisations),
    ],
    memberCount: composition.memberCount,
  };
}
