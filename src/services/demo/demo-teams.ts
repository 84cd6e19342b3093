import { isPlatformRole } from '../../domain/people/platform-roles.ts';
import type { PeopleRepository } from '../../db/people.repository.ts';
import type { TeamAdminRepository } from '../../db/team-admin.repository.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { TeamService } from '../teams/team.service.ts';
import { demoEmail } from './demo-dataset.ts';
import { DEMO_TEAMS } from './demo-team-data.ts';
import type { DemoTeam, DemoTeamMember } from './demo-team-data.ts';

export interface DemoTeamDeps {
  teams: () => Pick<TeamService, 'createTeam' | 'addMember' | 'updateMember' | 'getTeam' | 'setResponsibilities' | 'productChoices'>;
  teamAdminRepository: Pick<TeamAdminRepository, 'listTeamsOwnedBy'>;
  peopleRepository: Pick<PeopleRepository, 'findPersonByEmail'>;
}

/**
 * Sets up the demo AI MDTs (demo-team-data.ts) through the team service, as their leads would on
 * the pages, so membership notices, spanned organisations and audit are real. Loading again skips a
 * team its lead's organisation already has; a team whose lead is not in this database (demo data from before the
 * lead existed) is skipped, and members not in it are left out.
 */
export function createDemoTeams(deps: DemoTeamDeps) {
  async function viewerOf(key: string): Promise<Viewer | undefined> {
    const person = await deps.peopleRepository.findPersonByEmail(demoEmail(key));
    if (!person) return undefined;
    return { personId: person.id, organisationId: person.organisationId, displayName: person.displayName, email: person.email, roles: person.roles.filter(isPlatformRole) };
  }

  const settingsOf = (m: DemoTeamMember) => ({
    teamRole: m.teamRole,
    archetypes: m.archetypes,
    isLead: m.lead === true,
    isPatientRepresentative: m.patientRepresentative === true,
    seniorityBand: m.seniority ?? null,
    hoursLimit: m.hoursLimit ?? null,
  });

  async function loadTeam(demo: DemoTeam): Promise<void> {
    const leadMember = demo.members.find((m) => m.lead);
    const lead = leadMember && (await viewerOf(leadMember.person));
    if (!leadMember || !lead) return;
    if ((await deps.teamAdminRepository.listTeamsOwnedBy([lead.organisationId])).some((t) => t.name === demo.name)) return;
    const products = (await deps.teams().productChoices({ viewer: lead })).filter((p) => demo.products.includes(p.name));
    const team = await deps.teams().createTeam({
      viewer: lead,
      input: {
        name: demo.name,
        purpose: demo.purpose,
        coveredArchetypes: null,
        resilienceK: demo.resilienceK,
        clinicalDecisionMaking: true,
        needsPatientRepresentative: true,
        productIds: products.map((p) => p.id),
        joinAsLead: true,
        ...settingsOf(leadMember),
      },
    });
    // Setting a team up asks the lead only their role and archetypes; the rest is edited after, as on the pages.
    const leadRow = (await deps.teams().getTeam({ viewer: lead, teamId: team.id })).members.find((m) => m.personId === lead.personId);
    if (leadRow) await deps.teams().updateMember({ viewer: lead, teamId: team.id, memberId: leadRow.id, input: settingsOf(leadMember) });
    const personIds = new Map<string, string>([[leadMember.person, lead.personId]]);
    for (const member of demo.members.filter((m) => !m.lead)) {
      const person = await deps.peopleRepository.findPersonByEmail(demoEmail(member.person));
      if (!person) continue;
      await deps.teams().addMember({ viewer: lead, teamId: team.id, input: { email: person.email, ...settingsOf(member) } });
      personIds.set(member.person, person.id);
    }
    const holders = new Map<number, string[]>();
    for (const member of demo.members) {
      const personId = personIds.get(member.person);
      if (personId) for (const r of member.responsibilities ?? []) holders.set(r, [...(holders.get(r) ?? []), personId]);
    }
    const responsibilities = [...holders].map(([responsibility, ids]) => ({ responsibility, personIds: ids }));
    await deps.teams().setResponsibilities({ viewer: lead, teamId: team.id, input: { responsibilities } });
  }

  return {
    async loadDemoTeams(): Promise<void> {
      for (const demo of DEMO_TEAMS) await loadTeam(demo);
    },
  };
}

export type DemoTeams = ReturnType<typeof createDemoTeams>;
