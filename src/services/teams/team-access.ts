import { validate as isUuid } from 'uuid';
import type { Database } from '../../db/client.ts';
import type { OrganisationRepository } from '../../db/organisation.repository.ts';
import type { TeamRepository, TeamRow } from '../../db/team.repository.ts';
import { AppError } from '../../errors.ts';
import { hasRole } from '../identity/viewer.ts';
import type { Viewer } from '../identity/viewer.ts';

export interface TeamAccessDeps {
  teamRepository: Pick<TeamRepository, 'findTeam' | 'findCurrentMembership'>;
  organisationRepository: Pick<OrganisationRepository, 'isWithinSubtree'>;
}

export const teamNotFound = () => new AppError('not_found', 'There is no such AI MDT, or you cannot see it.');

/** What the viewer may do with one team. */
export interface TeamAccess {
  team: TeamRow;
  /** The team's leads and admins of its organisation (or above) manage it. */
  canManage: boolean;
}

/**
 * Who may see and manage an AI MDT (issue 13 §1): its current members see it; its leads and the
 * organisation admins of the organisation that owns it (or one above it) manage it; platform
 * admins manage any. Nobody else learns that the team exists ("not found", never "forbidden").
 * Members who have left lose their view with their membership.
 */
export function createTeamAccess(deps: TeamAccessDeps) {
  async function administersTeamOrganisation(viewer: Viewer, team: TeamRow, tx?: Database): Promise<boolean> {
    if (viewer.roles.includes('platform-admin')) return true;
    return hasRole(viewer, 'organisation-admin') && deps.organisationRepository.isWithinSubtree(viewer.organisationId, team.organisationId, tx);
  }

  async function accessTo(viewer: Viewer, teamId: string, tx?: Database): Promise<TeamAccess | undefined> {
    const team = isUuid(teamId) ? await deps.teamRepository.findTeam(teamId, tx) : undefined;
    if (!team) return undefined;
    const membership = await deps.teamRepository.findCurrentMembership(team.id, viewer.personId, tx);
    if (membership?.isLead || (await administersTeamOrganisation(viewer, team, tx))) return { team, canManage: true };
    return membership ? { team, canManage: false } : undefined;
  }

  return {
    /** Organisation admins (and platform admins) and AI product leads may set up a team in their organisation. */
    mayCreateTeams: (viewer: Viewer): boolean => hasRole(viewer, 'organisation-admin') || hasRole(viewer, 'product-lead'),

    /** The team and whether the viewer manages it; "not found" for anyone who may not see it. */
    async assertCanView(viewer: Viewer, teamId: string, tx?: Database): Promise<TeamAccess> {
      const access = await accessTo(viewer, teamId, tx);
      if (!access) throw teamNotFound();
      return access;
    },

    /** The team, when the viewer manages it; members who do not are refused, anyone else "not found". */
    async assertCanManage(viewer: Viewer, teamId: string, tx?: Database): Promise<TeamRow> {
      const access = await accessTo(viewer, teamId, tx);
      if (!access) throw teamNotFound();
      if (!access.canManage) throw new AppError('forbidden', 'Only the team’s leads and organisation admins can change this team.');
      return access.team;
    },
  };
}

export type TeamAccessPolicy = ReturnType<typeof createTeamAccess>;
