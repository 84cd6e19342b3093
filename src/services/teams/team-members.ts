import { validate as isUuid } from 'uuid';
import type { Database } from '../../db/client.ts';
import type { TeamMemberRow, TeamRow } from '../../db/team.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { isUniqueViolation } from '../../db/unique-violation.ts';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../identity/viewer.ts';
import { checkArchetypes, recordTeamChange, teamPath } from './team-deps.ts';
import type { TeamServiceDeps } from './team-deps.ts';
import type { TeamAccessPolicy } from './team-access.ts';
import { invalidField, memberSettingsSchema, newMemberSchema, parseTeamInput, responsibilitiesSchema } from './team-input.ts';
import type { MemberSettingsInput } from './team-input.ts';

const MEMBER_PROBLEMS = 'The member’s details have problems.';
export const NO_ACCOUNT = 'No one with this e-mail address has a hub account. Ask their organisation admin to invite them.';
const memberNotFound = () => new AppError('not_found', 'There is no such member of this team.');

/**
 * Members of an AI MDT and the Box 4 responsibilities they hold (issue 13 §1). Anyone with an
 * active hub account may be added, in any organisation, but only by their exact e-mail address:
 * the team's leads never get a list of another organisation's staff.
 */
export function createTeamMembers(deps: TeamServiceDeps, access: TeamAccessPolicy) {
  const repo = deps.teamAdminRepository;
  const now = deps.now ?? (() => new Date());

  async function managedLiveTeam(viewer: Viewer, teamId: string, tx?: Database): Promise<TeamRow> {
    const team = await access.assertCanManage(viewer, teamId, tx);
    if (team.archivedAt) throw new AppError('conflict', 'This AI MDT is archived: it can no longer be changed.');
    return team;
  }

  function memberSettings(input: unknown, schema: typeof memberSettingsSchema | typeof newMemberSchema = memberSettingsSchema): MemberSettingsInput {
    // Box 4: the public take part in AI MDTs without being one of the workforce's archetypes. Said
    // with the other field problems, so a form shows them all at once.
    const fields = input as { archetypes?: unknown; isPatientRepresentative?: unknown } | null;
    const noArchetype = !(Array.isArray(fields?.archetypes) && fields.archetypes.length > 0) && fields?.isPatientRepresentative !== true;
    const archetypeProblem = { field: 'archetypes', message: 'Choose at least one archetype they play in the team, or say they are a patient and public representative' };
    let values: MemberSettingsInput;
    try {
      values = parseTeamInput(schema, input, MEMBER_PROBLEMS);
    } catch (error) {
      if (error instanceof AppError && noArchetype && !error.details.some((d) => d.field === 'archetypes')) throw new AppError(error.code, error.message, [...error.details, archetypeProblem]);
      throw error;
    }
    if (noArchetype) throw invalidField(MEMBER_PROBLEMS, archetypeProblem.field, archetypeProblem.message);
    return { ...values, archetypes: checkArchetypes(deps.framework, values.archetypes, 'archetypes', MEMBER_PROBLEMS) };
  }

  async function leadsBesides(teamId: string, memberId: string, tx: Database): Promise<number> {
    return (await deps.teamRepository.listCurrentMembers(teamId, tx)).filter((m) => m.isLead && m.id !== memberId).length;
  }

  return {
    /** Adds a person by e-mail address, remembers their organisation as one the team spans, and tells them. */
    async addMember({ viewer, teamId, input }: { viewer: Viewer; teamId: string; input: unknown }): Promise<TeamMemberRow> {
      const team = await managedLiveTeam(viewer, teamId);
      const { email } = parseTeamInput(newMemberSchema.pick({ email: true }), input, MEMBER_PROBLEMS);
      const settings = memberSettings(input, newMemberSchema);
      const person = await deps.peopleRepository.findPersonByEmail(email);
      if (!person || person.status !== 'active') throw invalidField(MEMBER_PROBLEMS, 'email', NO_ACCOUNT);
      const alreadyIn = () => invalidField(MEMBER_PROBLEMS, 'email', `${person.displayName} is already in the team`);
      if (await deps.teamRepository.findCurrentMembership(team.id, person.id)) throw alreadyIn();
      try {
        return await inTransaction(deps.db, async (tx) => {
          const member = await repo.insertMember({ ...settings, organisationId: team.organisationId, teamId: team.id, personId: person.id, addedBy: viewer.personId }, tx);
          await repo.addSpannedOrganisation(team.id, person.organisationId, tx);
          await recordTeamChange(deps, viewer, team, 'team.member-added', { memberId: member.id, personId: person.id, ...settings }, tx);
          await deps.notifications.notify({ tx, organisationId: person.organisationId, personId: person.id, message: `${viewer.displayName} added you to the AI MDT “${team.name}” as ${settings.teamRole}.`, link: teamPath(team.id) });
          return member;
        });
      } catch (error) {
        // Added by a colleague a moment ago: the one-current-membership index decides.
        if (isUniqueViolation(error)) throw alreadyIn();
        throw error;
      }
    },

    /** A current member, for the edit page. */
    async getMember({ viewer, teamId, memberId }: { viewer: Viewer; teamId: string; memberId: string }): Promise<TeamMemberRow> {
      const team = await access.assertCanManage(viewer, teamId);
      const member = isUuid(memberId) ? await repo.findCurrentMember(team.id, memberId) : undefined;
      if (!member) throw memberNotFound();
      return member;
    },

    async updateMember({ viewer, teamId, memberId, input }: { viewer: Viewer; teamId: string; memberId: string; input: unknown }): Promise<TeamMemberRow> {
      const team = await managedLiveTeam(viewer, teamId);
      const settings = memberSettings(input);
      return inTransaction(deps.db, async (tx) => {
        const before = isUuid(memberId) ? await repo.findCurrentMember(team.id, memberId, tx) : undefined;
        if (!before) throw memberNotFound();
        if (before.isLead && !settings.isLead && (await leadsBesides(team.id, before.id, tx)) === 0) {
          throw invalidField(MEMBER_PROBLEMS, 'isLead', 'The team must keep at least one lead: make someone else a lead first');
        }
        const after = (await repo.updateMember(before.id, settings, tx))!;
        await recordTeamChange(deps, viewer, team, 'team.member-edited', { memberId: before.id, personId: before.personId, before: pickSettings(before), after: settings }, tx);
        return after;
      });
    },

    /** Ends a membership (history keeps it) and the responsibilities it held; never the team's last lead. */
    async removeMember({ viewer, teamId, memberId }: { viewer: Viewer; teamId: string; memberId: string }): Promise<void> {
      const team = await managedLiveTeam(viewer, teamId);
      await inTransaction(deps.db, async (tx) => {
        const member = isUuid(memberId) ? await repo.findCurrentMember(team.id, memberId, tx) : undefined;
        if (!member) throw memberNotFound();
        if (member.isLead && (await leadsBesides(team.id, member.id, tx)) === 0) {
          throw new AppError('conflict', 'You cannot remove the team’s last lead. Make someone else a lead first.');
        }
        const at = now();
        await repo.endMembership(member.id, at, tx);
        const held = (await repo.listCurrentResponsibilities(team.id, tx)).filter((r) => r.personId === member.personId);
        await repo.endResponsibilities(held.map((r) => r.id), at, tx);
        await recordTeamChange(deps, viewer, team, 'team.member-removed', { memberId: member.id, personId: member.personId, responsibilitiesEnded: held.map((r) => r.responsibility) }, tx);
      });
    },

    /** Replaces who holds each Box 4 responsibility: holders not named lose it, new ones gain it. */
    async setResponsibilities({ viewer, teamId, input }: { viewer: Viewer; teamId: string; input: unknown }): Promise<void> {
      const team = await managedLiveTeam(viewer, teamId);
      const { responsibilities } = parseTeamInput(responsibilitiesSchema, input, 'The responsibilities have problems.');
      const count = deps.framework().index.doc.mdt?.responsibilities.length ?? 0;
      const wanted = new Set<string>();
      await inTransaction(deps.db, async (tx) => {
        const members = new Set((await deps.teamRepository.listCurrentMembers(team.id, tx)).map((m) => m.personId));
        for (const { responsibility, personIds } of responsibilities) {
          if (responsibility >= count) throw invalidField('The responsibilities have problems.', 'responsibilities', `There are only ${count} responsibilities`);
          const stranger = personIds.find((p) => !members.has(p));
          if (stranger) throw invalidField('The responsibilities have problems.', `r${responsibility}`, 'Choose current members of the team');
          for (const personId of personIds) wanted.add(`${responsibility}:${personId}`);
        }
        const current = await repo.listCurrentResponsibilities(team.id, tx);
        const have = new Set(current.map((r) => `${r.responsibility}:${r.personId}`));
        const ended = current.filter((r) => !wanted.has(`${r.responsibility}:${r.personId}`));
        const added = [...wanted].filter((key) => !have.has(key)).map((key) => key.split(':') as [string, string]);
        await repo.endResponsibilities(ended.map((r) => r.id), now(), tx);
        for (const [responsibility, personId] of added) {
          await repo.insertResponsibility({ organisationId: team.organisationId, teamId: team.id, responsibility: Number(responsibility), personId, assignedBy: viewer.personId }, tx);
        }
        const detail = { ended: ended.map((r) => ({ responsibility: r.responsibility, personId: r.personId })), assigned: added.map(([r, p]) => ({ responsibility: Number(r), personId: p })) };
        await recordTeamChange(deps, viewer, team, 'team.responsibilities-set', detail, tx);
      });
    },
  };
}

function pickSettings(member: TeamMemberRow) {
  const { teamRole, archetypes, isLead, isPatientRepresentative, seniorityBand, hoursLimit } = member;
  return { teamRole, archetypes, isLead, isPatientRepresentative, seniorityBand, hoursLimit };
}
