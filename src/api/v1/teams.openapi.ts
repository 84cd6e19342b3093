import { body, common, csrfHeader, hidden, input, json, list, output, problem, ref, signedIn, uuidPathParam } from '../openapi-parts.ts';
import { memberCreateRequest, memberPatchRequest, memberSchema, responsibilitiesRequest, teamCreateRequest, teamDetailsSchema, teamListItemSchema, teamPatchRequest } from './teams.schemas.ts';

const unsafe = { '403': problem('Missing or invalid CSRF token, or not permitted (members see a team; its leads and organisation admins change it)') };
const teamId = uuidPathParam('teamId', 'An AI MDT id');
const memberId = uuidPathParam('memberId', 'A membership id (members[].id)');
const archived = { '409': problem('The team is archived, or the change would leave it without a lead') };

/** The AI MDT part of the OpenAPI document (issue 13 §1). */
export const teamsOpenApi = {
  paths: {
    '/api/v1/teams': {
      get: { summary: 'AI MDTs you are in, and those you manage as an admin of the owning organisation or above', ...signedIn, responses: { '200': json('Teams', list('teams', 'AiMdtListItem')), ...common } },
      post: { summary: 'Set up an AI MDT in your organisation (organisation admins and AI product leads)', ...signedIn, parameters: [csrfHeader()], requestBody: body(input(teamCreateRequest)), responses: { '201': json('Set up', ref('AiMdt')), ...common, ...unsafe } },
    },
    '/api/v1/teams/{teamId}': {
      get: { summary: 'A team: organisations it spans, products, members, Box 4 responsibilities and its composition with warnings', ...signedIn, parameters: [teamId], responses: { '200': json('The team', ref('AiMdt')), ...common, '404': hidden } },
      patch: { summary: 'Change a team’s settings or archive it (its leads and organisation admins)', ...signedIn, parameters: [teamId, csrfHeader()], requestBody: body(input(teamPatchRequest)), responses: { '200': json('Saved', ref('AiMdt')), ...common, ...unsafe, '404': hidden, ...archived } },
    },
    '/api/v1/teams/{teamId}/members': {
      post: { summary: 'Add a person by the e-mail address of their hub account, in any organisation; they are told', ...signedIn, parameters: [teamId, csrfHeader()], requestBody: body(input(memberCreateRequest)), responses: { '201': json('Added', ref('AiMdtMember')), ...common, ...unsafe, '404': hidden, ...archived } },
    },
    '/api/v1/teams/{teamId}/members/{memberId}': {
      patch: { summary: 'Change a member’s role, archetypes in the team, lead flag and the rest', ...signedIn, parameters: [teamId, memberId, csrfHeader()], requestBody: body(input(memberPatchRequest)), responses: { '200': json('Saved', ref('AiMdtMember')), ...common, ...unsafe, '404': hidden, ...archived } },
      delete: { summary: 'Remove a member (their membership ends; history keeps it); never the last lead', ...signedIn, parameters: [teamId, memberId, csrfHeader()], responses: { '204': { description: 'Removed' }, ...common, ...unsafe, '404': hidden, ...archived } },
    },
    '/api/v1/teams/{teamId}/responsibilities': {
      put: {
        summary: 'Set who holds each Box 4 responsibility',
        ...signedIn,
        parameters: [teamId, csrfHeader()],
        requestBody: body(input(responsibilitiesRequest)),
        responses: { '200': json('Who holds each', { type: 'object', properties: { responsibilities: output(teamDetailsSchema.shape.responsibilities) } }), ...common, ...unsafe, '404': hidden, ...archived },
      },
    },
  },
  schemas: {
    AiMdtListItem: output(teamListItemSchema),
    AiMdt: output(teamDetailsSchema),
    AiMdtMember: output(memberSchema),
  },
};
