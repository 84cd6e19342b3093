import { common, csrfHeader, json, output, problem, ref, signedIn } from '../openapi-parts.ts';
import { journeyScopeSchema } from './journey-scope.routes.ts';

/** The journey-scope part of the OpenAPI document: is the saved journey out of date, and re-plan it. */
export const journeyScopeOpenApi = {
  paths: {
    '/api/v1/me/journey/scope': {
      get: { summary: 'Whether your saved journey was planned for other subjects or targets than apply to you now', ...signedIn, responses: { '200': json('Journey scope', ref('JourneyScope')), ...common } },
    },
    '/api/v1/me/journey/replan': {
      post: {
        summary: 'Re-plan your active journey with its saved settings for what applies to you now (completed items are kept)',
        ...signedIn,
        parameters: [csrfHeader()],
        responses: { '200': json('The journey re-planned', ref('JourneyResponse')), ...common, '403': problem('Missing or invalid CSRF token'), '404': problem('You have no journey to re-plan') },
      },
    },
  },
  schemas: { JourneyScope: output(journeyScopeSchema) },
};
