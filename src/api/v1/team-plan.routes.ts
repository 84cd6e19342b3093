import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.ts';
import { requireViewer } from '../../web/session.plugin.ts';
import { assignmentParams, declineRequest, makePlanRequest, planParams, teamParams, toTeamPlanJson, toTeamPlanSummaryJson } from './team-plan.schemas.ts';

/** The team's least learning: make, read and send a team's plan; decline what a team asked of you. */
export function registerTeamPlanApi(app: FastifyInstance, { services }: { services: Services }): void {
  const { teamPlans } = services;

  app.get('/api/v1/teams/:teamId/plans', async (request) => {
    const { teamId } = teamParams.parse(request.params);
    const { plans } = await teamPlans.listPlans(requireViewer(request), teamId);
    return { plans: plans.map(toTeamPlanSummaryJson) };
  });

  app.post('/api/v1/teams/:teamId/plans', async (request, reply) => {
    const viewer = requireViewer(request);
    const { teamId } = teamParams.parse(request.params);
    const { basis, timeLimitMs, hoursPerMember } = makePlanRequest.parse(request.body ?? {});
    const plan = await teamPlans.makePlan(viewer, teamId, { basis, ...(timeLimitMs !== undefined ? { timeLimitMs } : {}), ...(hoursPerMember !== undefined ? { hoursPerMember } : {}) });
    return reply.status(201).send({ plan: toTeamPlanJson(await teamPlans.getPlan(viewer, teamId, plan.id)) });
  });

  app.get('/api/v1/teams/:teamId/plans/:planId', async (request) => {
    const viewer = requireViewer(request);
    const { teamId, planId } = planParams.parse(request.params);
    return { plan: toTeamPlanJson(await teamPlans.getPlan(viewer, teamId, planId)) };
  });

  app.post('/api/v1/teams/:teamId/plans/:planId/send', async (request) => {
    const viewer = requireViewer(request);
    const { teamId, planId } = planParams.parse(request.params);
    await teamPlans.sendPlan(viewer, teamId, planId);
    return { plan: toTeamPlanJson(await teamPlans.getPlan(viewer, teamId, planId)) };
  });

  app.post('/api/v1/team-assignments/:id/decline', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = assignmentParams.parse(request.params);
    const { reason } = declineRequest.parse(request.body ?? {});
    await teamPlans.declineAssignment(viewer, id, reason);
    return reply.status(204).send();
  });
}
