import { z } from 'zod';
import type { TeamMemberRow, TeamRow } from '../../db/team.repository.ts';
import { SENIORITY_BANDS } from '../../db/tables/teams.ts';
import { ORGANISATION_KINDS } from '../../domain/people/organisation-kinds.ts';
import type { TeamListItem } from '../../services/teams/team.service.ts';
import type { TeamDetails } from '../../services/teams/team-view.ts';
import { memberSettingsSchema, newMemberSchema, newTeamSchema, responsibilitiesSchema, teamSettingsSchema } from '../../services/teams/team-input.ts';

/** Schemas of the AI MDT API: they validate requests, shape responses and feed OpenAPI. */

export const teamParams = z.object({ teamId: z.string().max(60) });
export const memberParams = z.object({ teamId: z.string().max(60), memberId: z.string().max(60) });

export const teamCreateRequest = newTeamSchema.describe('A product lead must join as lead (`joinAsLead: true` with `teamRole` and `archetypes`); an organisation admin may.');
export const teamPatchRequest = teamSettingsSchema
  .partial()
  .extend({ archived: z.literal(true).optional().describe('Archive the team: it leaves every list and can no longer be changed.') })
  .describe('Only the fields sent change; `productIds`, when sent, replaces the products you can see.');
export const memberCreateRequest = newMemberSchema;
export const memberPatchRequest = memberSettingsSchema.partial();
export const responsibilitiesRequest = responsibilitiesSchema.describe('Who holds each Box 4 responsibility (by its position in the framework’s list); a responsibility left out is held by nobody.');

export const teamSchema = z.object({
  id: z.guid(),
  organisationId: z.guid(),
  name: z.string(),
  purpose: z.string(),
  coveredArchetypes: z.array(z.string()).nullable().describe('Null: the archetypes members play.'),
  resilienceK: z.number().int(),
  clinicalDecisionMaking: z.boolean(),
  needsPatientRepresentative: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
});

export const teamListItemSchema = teamSchema.extend({ memberCount: z.number().int(), isMember: z.boolean(), canManage: z.boolean() });

export const memberSchema = z.object({
  id: z.guid(),
  personId: z.guid(),
  teamRole: z.string(),
  archetypes: z.array(z.string()),
  isLead: z.boolean(),
  isPatientRepresentative: z.boolean(),
  seniorityBand: z.enum(SENIORITY_BANDS).nullable(),
  hoursLimit: z.number().int().nullable(),
  joinedAt: z.string(),
});

const countSchema = z.object({ key: z.string().describe('An id, or `not-given`'), count: z.number().int() });

export const teamDetailsSchema = teamSchema.extend({
  canManage: z.boolean(),
  members: z.array(memberSchema.extend({ displayName: z.string(), organisationId: z.guid(), organisationName: z.string() })),
  organisations: z.array(z.object({ id: z.guid(), name: z.string(), kind: z.enum(ORGANISATION_KINDS) })),
  products: z.array(z.object({ id: z.guid(), name: z.string() })),
  responsibilities: z.array(z.object({ index: z.number().int(), text: z.string(), holders: z.array(z.object({ personId: z.guid(), displayName: z.string() })) })),
  composition: z.object({
    memberCount: z.number().int(),
    byProfessionalGroup: z.array(countSchema),
    bySetting: z.array(countSchema),
    byClinicalDecisionMaking: z.array(countSchema),
    bySeniority: z.array(countSchema),
    byArchetype: z.array(countSchema),
    byOrganisation: z.array(countSchema),
    coveredArchetypes: z.array(z.string()),
    unheldResponsibilities: z.array(z.number().int()),
    warnings: z.array(z.object({ kind: z.string(), text: z.string(), archetype: z.string().optional() })),
  }),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toTeamJson(team: TeamRow): z.infer<typeof teamSchema> {
  const { id, organisationId, name, purpose, coveredArchetypes, resilienceK, clinicalDecisionMaking, needsPatientRepresentative } = team;
  return { id, organisationId, name, purpose, coveredArchetypes, resilienceK, clinicalDecisionMaking, needsPatientRepresentative, createdAt: team.createdAt.toISOString(), updatedAt: team.updatedAt.toISOString(), archivedAt: iso(team.archivedAt) };
}

export const toTeamListItemJson = (item: TeamListItem) => ({ ...toTeamJson(item.team), memberCount: item.memberCount, isMember: item.isMember, canManage: item.canManage });

export function toMemberJson(member: TeamMemberRow): z.infer<typeof memberSchema> {
  const { id, personId, teamRole, archetypes, isLead, isPatientRepresentative, seniorityBand, hoursLimit } = member;
  return { id, personId, teamRole, archetypes, isLead, isPatientRepresentative, seniorityBand, hoursLimit, joinedAt: member.joinedAt.toISOString() };
}

export function toTeamDetailsJson(details: TeamDetails): z.infer<typeof teamDetailsSchema> {
  return {
    ...toTeamJson(details.team),
    canManage: details.canManage,
    members: details.members.map((m) => ({ ...toMemberJson(m), displayName: m.displayName, organisationId: m.personOrganisationId, organisationName: m.organisationName })),
    organisations: details.organisations,
    products: details.products,
    responsibilities: details.responsibilities,
    composition: details.composition,
  };
}
