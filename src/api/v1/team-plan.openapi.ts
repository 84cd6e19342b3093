import { body, common, csrfHeader, hidden, input, json, output, pathParam, problem, ref, signedIn } from '../openapi-parts.ts';
import { declineRequest, makePlanRequest, teamPlanSchema, teamPlanSummarySchema } from './team-plan.schemas.ts';

const unsafe = { '403': problem('Missing or invalid CSRF token, or not permitted (members who do not manage the team)') };
const teamId = pathParam('teamId', 'An AI MDT id');
const planId = pathParam('planId', 'One of the team’s learning plans');
const planJson = (description: string) => json(description, { type: 'object', properties: { plan: ref('TeamPlan') } });

/** The team-plan part of the OpenAPI document (issue 13 §3). */
export const teamPlanOpenApi = {
  paths: {
    '/api/v1/teams/{teamId}/plans': {
      get: {
        summary: 'The team’s learning plans, newest first (managers see all, members the sent ones)',
        ...signedIn,
        parameters: [teamId],
        responses: { '200': json('The plans', { type: 'object', properties: { plans: { type: 'array', items: ref('TeamPlanSummary') } } }), ...common, '404': hidden },
      },
      post: {
        summary: 'Make a learning plan for the team: the least learning that brings every advanced requirement to k holders (team leads and organisation admins)',
        ...signedIn,
        parameters: [teamId, csrfHeader()],
        requestBody: body(input(makePlanRequest)),
        responses: { '201': planJson('The plan, explained and stored'), ...common, ...unsafe, '404': hidden },
      },
    },
    '/api/v1/teams/{teamId}/plans/{planId}': {
      get: { summary: 'One plan with each assignment’s status (members see sent plans only)', ...signedIn, parameters: [teamId, planId], responses: { '200': planJson('The plan'), ...common, '404': hidden } },
    },
    '/api/v1/teams/{teamId}/plans/{planId}/send': {
      post: {
        summary: 'Send the plan: each resource lands in its member’s journey as asked for by the team, with a notification',
        ...signedIn,
        parameters: [teamId, planId, csrfHeader()],
        responses: { '200': planJson('The plan, sent'), ...common, ...unsafe, '404': hidden, '409': problem('Already sent') },
      },
    },
    '/api/v1/team-assignments/{id}/decline': {
      post: {
        summary: 'Decline a resource a team asked you to take, with a reason: it leaves your journey and the plan’s sender is told',
        ...signedIn,
        parameters: [pathParam('id', 'An assignment id (yours)'), csrfHeader()],
        requestBody: body(input(declineRequest)),
        responses: { '204': { description: 'Declined' }, ...common, ...unsafe, '404': hidden, '409': problem('Already answered') },
      },
    },
  },
  schemas: { TeamPlan: output(teamPlanSchema), TeamPlanSummary: output(teamPlanSummarySchema) },
};
