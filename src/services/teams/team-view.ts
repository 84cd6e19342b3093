import type { SpannedOrganisation } from '../../db/team-admin.repository.ts';
import type { CurrentMember, TeamRow } from '../../db/team.repository.ts';
import { teamComposition } from '../../domain/teams/team-composition.ts';
import type { TeamComposition } from '../../domain/teams/team-composition.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { TeamServiceDeps } from './team-deps.ts';
import type { TeamAccessPolicy } from './team-access.ts';

export interface TeamMemberView extends CurrentMember {
  organisationName: string;
}

export interface ResponsibilityView {
  /** Position in the framework's Box 4 list. */
  index: number;
  text: string;
  holders: Array<{ personId: string; displayName: string }>;
}

export interface TeamDetails {
  team: TeamRow;
  canManage: boolean;
  members: TeamMemberView[];
  /** The owner and every organisation members have come from, with their kind. */
  organisations: SpannedOrganisation[];
  products: Array<{ id: string; name: string }>;
  responsibilities: ResponsibilityView[];
  composition: TeamComposition;
  archetypes: Array<{ id: string; label: string }>;
}

/** A team as its members and managers see it, with its composition worked out fresh on each view. */
export function createTeamView(deps: TeamServiceDeps, access: TeamAccessPolicy) {
  const repo = deps.teamAdminRepository;

  function responsibilityViews(texts: readonly string[], held: ReadonlyArray<{ responsibility: number; personId: string }>, members: readonly CurrentMember[]): ResponsibilityView[] {
    const nameOf = new Map(members.map((m) => [m.personId, m.displayName]));
    return texts.map((text, index) => ({
      index,
      text,
      // Only current members count: a holder who left no longer holds it.
      holders: held.filter((r) => r.responsibility === index && nameOf.has(r.personId)).map((r) => ({ personId: r.personId, displayName: nameOf.get(r.personId)! })),
    }));
  }

  return {
    async getTeam({ viewer, teamId }: { viewer: Viewer; teamId: string }): Promise<TeamDetails> {
      const { team, canManage } = await access.assertCanView(viewer, teamId);
      const [members, organisations, products, held] = await Promise.all([
        deps.teamRepository.listCurrentMembers(team.id),
        repo.listSpannedOrganisations(team.id),
        repo.listTeamProducts(team.id),
        repo.listCurrentResponsibilities(team.id),
      ]);
      const profiles = new Map((await deps.peopleRepository.listProfiles(members.map((m) => m.personId))).map((p) => [p.personId, p]));
      const { doc } = deps.framework().index;
      const archetypes = doc.archetypes.map((a) => ({ id: a.id, label: a.label }));
      const responsibilities = responsibilityViews(doc.mdt?.responsibilities ?? [], held, members);
      const orgName = new Map(organisations.map((o) => [o.id, o.name]));
      const composition = teamComposition({
        team,
        archetypes,
        responsibilityCount: responsibilities.length,
        heldResponsibilities: new Set(responsibilities.filter((r) => r.holders.length > 0).map((r) => r.index)),
        members: members.map((m) => {
          // A profile whose form was never saved holds defaults (clinical decision making false), not answers.
          const profile = profiles.get(m.personId);
          const isAnswered = profile !== undefined && profile.professionalGroup !== null;
          return { ...m, organisationId: m.personOrganisationId, profile: profile && isAnswered ? { professionalGroup: profile.professionalGroup, setting: profile.setting, clinicalDecisionMaking: profile.clinicalDecisionMaking } : null };
        }),
      });
      return {
        team,
        canManage,
        members: members.map((m) => ({ ...m, organisationName: orgName.get(m.personOrganisationId) ?? 'Another organisation' })),
        organisations,
        products,
        responsibilities,
        composition,
        archetypes,
      };
    },
  };
}
