import { body, common, csrfHeader, hidden, input, json, list, output, problem, ref, signedIn, uuidPathParam } from '../openapi-parts.ts';
import { alternativesSchema, completionSchema, journeyResponseSchema, learningGapSchema, settingsRequest, swapRequest, templateRequest, templateSchema, templateStatusRequest } from './journey.schemas.ts';

const unsafe = { '403': problem('Missing or invalid CSRF token, or not permitted') };
const itemId = uuidPathParam('itemId', 'An item of your active journey');
const templateId = uuidPathParam('templateId', 'A journey template id');
const personId = uuidPathParam('id', 'A person id');
/** Anyone may call it; signed-in educators also see the drafts they curate. */
const optionalSession = { security: [{}, { sessionCookie: [] }] };
const journeyJson = (description: string) => json(description, ref('JourneyResponse'));

/** The learning-journey part of the OpenAPI document. */
export const journeyOpenApi = {
  paths: {
    '/api/v1/me/journey': {
      get: { summary: 'Your active learning journey, or null', ...signedIn, responses: { '200': journeyJson('Your journey'), ...common } },
      post: {
        summary: 'Plan a new journey from your current gaps (archives the previous one; started items carry over)',
        ...signedIn,
        parameters: [csrfHeader()],
        requestBody: body(input(settingsRequest)),
        responses: { '201': journeyJson('The journey planned'), ...common, ...unsafe },
      },
    },
    '/api/v1/me/learning-gaps': {
      get: { summary: 'Your gaps as the planner sees them: one per topic, self-rated or claimed through learning', ...signedIn, responses: { '200': json('Gaps', list('gaps', 'LearningGap')), ...common } },
    },
    '/api/v1/people/{id}/journey': {
      get: { summary: 'Another person’s active journey (their supervisors and organisation admins)', ...signedIn, parameters: [personId], responses: { '200': journeyJson('Their journey'), ...common, '404': hidden } },
    },
    '/api/v1/me/journey/items/{itemId}/start': {
      post: { summary: 'Mark an item started', ...signedIn, parameters: [itemId, csrfHeader()], responses: { '200': journeyJson('The journey'), ...common, ...unsafe, '404': hidden, '409': problem('Not in the plan any more') } },
    },
    '/api/v1/me/journey/items/{itemId}/complete': {
      post: {
        summary: 'Mark an item completed: records the levels it brings as claims and re-plans the rest',
        ...signedIn,
        parameters: [itemId, csrfHeader()],
        responses: { '200': json('The re-planned journey and what you now claim', ref('JourneyCompletion')), ...common, ...unsafe, '404': hidden, '409': problem('Already completed') },
      },
    },
    '/api/v1/me/journey/items/{itemId}/alternatives': {
      get: { summary: 'Resources that close the same gaps as an item', ...signedIn, parameters: [itemId], responses: { '200': json('Alternatives', ref('JourneyAlternatives')), ...common, '404': hidden } },
    },
    '/api/v1/me/journey/items/{itemId}/swap': {
      post: {
        summary: 'Swap an item you have not started for one of its alternatives; the rest is re-planned',
        ...signedIn,
        parameters: [itemId, csrfHeader()],
        requestBody: body(input(swapRequest)),
        responses: { '200': journeyJson('The re-planned journey'), ...common, ...unsafe, '404': hidden, '409': problem('The item has been started') },
      },
    },
    '/api/v1/journey-templates': {
      get: { summary: 'Published journey templates (and, for educators, those they curate)', ...optionalSession, responses: { '200': json('Templates', list('templates', 'JourneyTemplate')) } },
      post: { summary: 'Create a journey template (educators)', ...signedIn, parameters: [csrfHeader()], requestBody: body(input(templateRequest)), responses: { '201': json('Created', ref('JourneyTemplate')), ...common, ...unsafe } },
    },
    '/api/v1/journey-templates/{templateId}': {
      get: { summary: 'A journey template', ...optionalSession, parameters: [templateId], responses: { '200': json('The template', ref('JourneyTemplate')), '404': hidden } },
      put: {
        summary: 'Edit a journey template (its curators)',
        ...signedIn,
        parameters: [templateId, csrfHeader()],
        requestBody: body(input(templateRequest)),
        responses: { '200': json('Saved', ref('JourneyTemplate')), ...common, ...unsafe, '404': hidden },
      },
    },
    '/api/v1/journey-templates/{templateId}/status': {
      post: {
        summary: 'Publish, retire or return a template to draft (its curators)',
        ...signedIn,
        parameters: [templateId, csrfHeader()],
        requestBody: body(input(templateStatusRequest)),
        responses: { '200': json('Saved', ref('JourneyTemplate')), ...common, ...unsafe, '404': hidden },
      },
    },
  },
  schemas: {
    JourneyResponse: output(journeyResponseSchema),
    JourneyCompletion: output(completionSchema),
    JourneyAlternatives: output(alternativesSchema),
    LearningGap: output(learningGapSchema),
    JourneyTemplate: output(templateSchema),
  },
};
