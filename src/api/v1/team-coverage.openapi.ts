import { common, hidden, json, output, queryParameters, ref, signedIn, uuidPathParam } from '../openapi-parts.ts';
import { coverageQuery, teamCoverageHistorySchema, teamCoverageSchema } from './team-coverage.schemas.ts';

const parameters = [uuidPathParam('teamId', 'An AI MDT id'), ...queryParameters(coverageQuery)];

/** An AI MDT's collective coverage in the OpenAPI document (issue 13 §2). */
export const teamCoverageOpenApi = {
  paths: {
    '/api/v1/teams/{teamId}/coverage': {
      get: {
        summary: 'What the team covers together: per advanced requirement of the archetypes it covers, who meets it and whether it is covered, rests on one person or is uncovered; counts per archetype and factor; single points of failure by person (its members and managers)',
        ...signedIn,
        parameters,
        responses: { '200': json('The coverage, computed from current levels', ref('TeamCoverage')), ...common, '404': hidden },
      },
    },
    '/api/v1/teams/{teamId}/coverage/history': {
      get: {
        summary: 'Coverage at the end of each of the last twelve months and now, judged on who was in the team then and their levels as they stood, with the team’s current settings',
        ...signedIn,
        parameters,
        responses: { '200': json('Coverage by month', ref('TeamCoverageHistory')), ...common, '404': hidden },
      },
    },
  },
  schemas: {
    TeamCoverage: output(teamCoverageSchema),
    TeamCoverageHistory: output(teamCoverageHistorySchema),
  },
};
