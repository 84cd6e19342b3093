import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.ts';
import { parseTeamInput } from '../../services/teams/team-input.ts';
import { requireViewer } from '../../web/session.plugin.ts';
import { memberParams, memberPatchRequest, teamParams, teamPatchRequest, toMemberJson, toTeamDetailsJson, toTeamListItemJson } from './teams.schemas.ts';

/** AI MDTs, their members and Box 4 responsibilities: /api/v1/teams (issue 13 §1). */
export function registerTeamApi(app: FastifyInstance, { services }: { services: Services }): void {
  const { teams } = services;
  const bodyOf = (body: unknown): Record<string, unknown> => (body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {});

  app.get('/api/v1/teams', async (request) => {
    const viewer = requireViewer(request);
    return { teams: (await teams.listTeams({ viewer })).map(toTeamListItemJson) };
  });

  app.post('/api/v1/teams', async (request, reply) => {
    const viewer = requireViewer(request);
    const team = await teams.createTeam({ viewer, input: bodyOf(request.body) });
    return reply.status(201).send(toTeamDetailsJson(await teams.getTeam({ viewer, teamId: team.id })));
  });

  app.get('/api/v1/teams/:teamId', async (request) => {
    const viewer = requireViewer(request);
    const { teamId } = teamParams.parse(request.params);
    return toTeamDetailsJson(await teams.getTeam({ viewer, teamId }));
  });

  app.patch('/api/v1/teams/:teamId', async (request) => {
    const viewer = requireViewer(request);
    const { teamId } = teamParams.parse(request.params);
    const { team, productIds } = await teams.getManagedTeam({ viewer, teamId });
    const { archived, ...changes } = parseTeamInput(teamPatchRequest, bodyOf(request.body), 'The team’s details have problems.');
    // Only what was sent changes: the rest is the team as it is.
    const { name, purpose, coveredArchetypes, resilienceK, clinicalDecisionMaking, needsPatientRepresentative } = team;
    const sent = Object.fromEntries(Object.entries(changes).filter(([key]) => key in bodyOf(request.body)));
    if (Object.keys(sent).length > 0) await teams.updateTeam({ viewer, teamId: team.id, input: { name, purpose, coveredArchetypes, resilienceK, clinicalDecisionMaking, needsPatientRepresentative, productIds, ...sent } });
    if (archived) await teams.archiveTeam({ viewer, teamId: team.id });
    return toTeamDetailsJson(await teams.getTeam({ viewer, teamId: team.id }));
  });

  app.post('/api/v1/teams/:teamId/members', async (request, reply) => {
    const viewer = requireViewer(request);
    const { teamId } = teamParams.parse(request.params);
    return reply.status(201).send(toMemberJson(await teams.addMember({ viewer, teamId, input: bodyOf(request.body) })));
  });

  app.patch('/api/v1/teams/:teamId/members/:memberId', async (request) => {
    const viewer = requireViewer(request);
    const { teamId, memberId } = memberParams.parse(request.params);
    const member = await teams.getMember({ viewer, teamId, memberId });
    const changes = parseTeamInput(memberPatchRequest, bodyOf(request.body), 'The member’s details have problems.');
    const sent = Object.fromEntries(Object.entries(changes).filter(([key]) => key in bodyOf(request.body)));
    const { teamRole, archetypes, isLead, isPatientRepresentative, seniorityBand, hoursLimit } = member;
    return toMemberJson(await teams.updateMember({ viewer, teamId, memberId, input: { teamRole, archetypes, isLead, isPatientRepresentative, seniorityBand, hoursLimit, ...sent } }));
  });

  app.delete('/api/v1/teams/:teamId/members/:memberId', async (request, reply) => {
    const viewer = requireViewer(request);
    const { teamId, memberId } = memberParams.parse(request.params);
    await teams.removeMember({ viewer, teamId, memberId });
    return reply.status(204).send();
  });

  app.put('/api/v1/teams/:teamId/responsibilities', async (request) => {
    const viewer = requireViewer(request);
    const { teamId } = teamParams.parse(request.params);
    await teams.setResponsibilities({ viewer, teamId, input: bodyOf(request.body) });
    return { responsibilities: (await teams.getTeam({ viewer, teamId })).responsibilities };
  });
}
