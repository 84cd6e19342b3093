import { body, common, csrfHeader, hidden, input, json, output, problem, ref, signedIn, uuidPathParam } from '../openapi-parts.ts';
import { assessmentSchema, focusRequest, gapsQuery, gapsSchema, profileSchema, profileUpdate, ratingHistorySchema, ratingsUpdate } from './assessment.schemas.ts';

const personId = uuidPathParam('id', 'A person id');
const basis = { name: 'basis', in: 'query', required: false, description: gapsQuery.shape.basis.description, schema: { type: 'string', enum: ['self-rated', 'verified'], default: 'self-rated' } };

/** The self-assessment part of the OpenAPI document. */
export const assessmentOpenApi = {
  paths: {
    '/api/v1/me/profile': {
      get: { summary: 'Your archetypes, professional group, setting and clinical decision making', ...signedIn, responses: { '200': json('Profile', ref('Profile')), '401': common['401'] } },
      put: { summary: 'Change your profile (decides which requirements apply to you)', ...signedIn, parameters: [csrfHeader()], requestBody: body(input(profileUpdate)), responses: { '200': json('Profile', ref('Profile')), ...common } },
    },
    '/api/v1/me/assessment': {
      get: { summary: 'Your self-assessment: one question per topic, page by factor, with current and verified levels', ...signedIn, responses: { '200': json('Assessment', ref('Assessment')), '401': common['401'] } },
    },
    '/api/v1/me/ratings': {
      put: {
        summary: 'Rate topics; only changed ratings are stored, as history',
        ...signedIn,
        parameters: [csrfHeader()],
        requestBody: body(input(ratingsUpdate)),
        responses: { '200': json('Saved, with the updated assessment', ref('Assessment')), ...common },
      },
    },
    '/api/v1/me/ratings/history': {
      get: { summary: 'Every rating you have given, newest first', ...signedIn, responses: { '200': json('Ratings', ref('RatingHistory')), '401': common['401'] } },
    },
    '/api/v1/me/gaps': {
      get: { summary: 'Requirements met, not met and not yet rated, by tier, archetype and factor', ...signedIn, parameters: [basis], responses: { '200': json('Gaps', ref('Gaps')), ...common } },
    },
    '/api/v1/me/export': {
      get: {
        summary: 'Everything the hub holds about you (profile, ratings, evidence with files, verifications, notifications, audit trail) as one JSON document',
        ...signedIn,
        responses: { '200': json('Your data', { type: 'object', properties: { format: { const: 'ai-confidence-hub/personal-data@1' } } }), '401': common['401'] },
      },
    },
    '/api/v1/people/{id}/assessment': {
      get: { summary: 'Another person’s self-assessment (their supervisors and organisation admins)', ...signedIn, parameters: [personId], responses: { '200': json('Assessment', ref('Assessment')), ...common, '404': hidden } },
    },
    '/api/v1/people/{id}/gaps': {
      get: { summary: 'Another person’s gaps (their supervisors and organisation admins)', ...signedIn, parameters: [personId, basis], responses: { '200': json('Gaps', ref('Gaps')), ...common, '404': hidden } },
    },
    '/api/v1/people/{id}/focus': {
      post: {
        summary: 'Agree an advanced focus for one archetype, with a reason (the person’s current supervisors only, R7; the person is notified)',
        ...signedIn,
        parameters: [personId, csrfHeader()],
        requestBody: body(input(focusRequest)),
        responses: { '201': { description: 'Focus recorded' }, ...common, '403': problem('You cannot set your own focus, and an organisation admin who does not supervise the person cannot set theirs'), '404': hidden },
      },
    },
  },
  schemas: {
    Profile: output(profileSchema),
    Assessment: output(assessmentSchema),
    Gaps: output(gapsSchema),
    RatingHistory: output(ratingHistorySchema),
  },
};
