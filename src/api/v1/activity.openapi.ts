import { common, hidden, json, output, problem, queryParameters, ref, signedIn, uuidPathParam } from '../openapi-parts.ts';
import { activityPageSchema, activityQuery } from './activity.schemas.ts';

/** Sign-ins and account activity in the OpenAPI document (issue 15 §4). */
export const activityOpenApi = {
  paths: {
    '/api/v1/organisations/{id}/activity': {
      get: {
        summary: 'Sign-ins (and refusals), accounts made or disabled, role changes, supervisors, invitations, sign-in settings and staff imports in an organisation and beneath it, newest first, 50 a page (organisation admins). People’s own learning is not included.',
        ...signedIn,
        parameters: [uuidPathParam('id', 'An organisation the viewer administers'), ...queryParameters(activityQuery)],
        responses: { '200': json('One page of activity', ref('ActivityPage')), ...common, '403': problem('Only organisation admins can do this'), '404': hidden },
      },
    },
  },
  schemas: { ActivityPage: output(activityPageSchema) },
};
