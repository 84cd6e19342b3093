import { body, common, csrfHeader, hidden, input, json, list, output, problem, queryParameters, ref, signedIn, uuidPathParam } from '../openapi-parts.ts';
import {
  curationGapSchema,
  exportQuery,
  importRequest,
  importResultSchema,
  resourceDetailsSchema,
  resourceListQuery,
  resourcePageSchema,
  resourceRequest,
  resourceSchema,
  resourceUpdateRequest,
  revisionSchema,
  retireRequest,
  statusChangeRequest,
} from './catalogue.schemas.ts';

const unsafe = { '403': problem('Missing or invalid CSRF token, or you do not curate this resource') };
const resourceId = uuidPathParam('id', 'A learning resource id');
/** Open to everyone; a session (cookie) shows a curator their drafts and retired resources too. */
const optionalSession = { security: [{}, { sessionCookie: [] }] };
const stale = { '409': problem('The resource changed since the version you sent, or is in the wrong status for this') };

const statusChange = (summary: string) => ({
  post: {
    summary,
    ...signedIn,
    parameters: [resourceId, csrfHeader()],
    requestBody: { required: false, content: { 'application/json': { schema: input(statusChangeRequest) } } },
    responses: { '200': json('The resource after the change', ref('LearningResource')), ...common, ...unsafe, '404': hidden, ...stale },
  },
});

/** The learning catalogue part of the OpenAPI document. */
export const catalogueOpenApi = {
  paths: {
    '/api/v1/resources': {
      get: {
        summary: 'Learning resources, filtered and paged (published ones; curators may ask for their drafts and retired ones)',
        ...optionalSession,
        parameters: queryParameters(resourceListQuery),
        responses: { '200': json('One page of resources, in title order', ref('LearningResourcePage')), '400': common['400'] },
      },
      post: {
        summary: 'Add a draft resource, owned by your organisation (educators)',
        ...signedIn,
        parameters: [csrfHeader()],
        requestBody: body(input(resourceRequest)),
        responses: { '201': json('Created', ref('LearningResource')), ...common, ...unsafe },
      },
    },
    '/api/v1/resources/export': {
      get: {
        summary: 'Download the resources you may see as CSV or JSON (the import format)',
        ...optionalSession,
        parameters: queryParameters(exportQuery),
        responses: {
          '200': { description: 'The export file', content: { 'text/csv': { schema: { type: 'string' } }, 'application/json': { schema: { type: 'object' } } } },
          '400': common['400'],
        },
      },
    },
    '/api/v1/resources/import': {
      post: {
        summary: 'Create and update resources from a CSV or JSON file, all or nothing; problems are listed by row (educators)',
        ...signedIn,
        parameters: [csrfHeader()],
        requestBody: body(input(importRequest)),
        responses: { '200': json('Imported', ref('ImportResult')), ...common, ...unsafe, '409': problem('A resource changed while the file was being imported') },
      },
    },
    '/api/v1/resources/{id}': {
      get: {
        summary: 'One resource with the prerequisites you may see',
        ...optionalSession,
        parameters: [resourceId],
        responses: { '200': json('Resource', ref('LearningResourceDetails')), '404': hidden },
      },
      put: {
        summary: 'Change a draft or published resource you curate, from the version you last saw',
        ...signedIn,
        parameters: [resourceId, csrfHeader()],
        requestBody: body(input(resourceUpdateRequest)),
        responses: { '200': json('Changed', ref('LearningResource')), ...common, ...unsafe, '404': hidden, ...stale },
      },
    },
    '/api/v1/resources/{id}/publish': statusChange('Publish a draft: it must teach at least one topic and its prerequisites be published'),
    '/api/v1/resources/{id}/retire': {
      post: {
        summary: 'Retire a resource, saying why: learners no longer see it, those with it ahead in their journey are told; it is kept with its history',
        ...signedIn,
        parameters: [resourceId, csrfHeader()],
        requestBody: { required: true, content: { 'application/json': { schema: input(retireRequest) } } },
        responses: { '200': json('The resource after the change', ref('LearningResource')), ...common, ...unsafe, '404': hidden, ...stale },
      },
    },
    '/api/v1/resources/{id}/restore': statusChange('Bring a retired resource back as a draft'),
    '/api/v1/resources/{id}/revisions': {
      get: {
        summary: 'Every change to a resource you curate, newest first, each with the whole resource as it then was',
        ...signedIn,
        parameters: [resourceId],
        responses: { '200': json('Revisions', list('revisions', 'LearningResourceRevision')), '401': common['401'], '404': hidden },
      },
    },
    '/api/v1/curation-gaps': {
      get: {
        summary: 'Topics and levels people in your organisation need that no published resource reaches, most needed first (educators)',
        ...signedIn,
        responses: { '200': json('Gaps', list('gaps', 'CurationGap')), '401': common['401'], '403': problem('Only educators see curation gaps') },
      },
    },
  },
  schemas: {
    LearningResource: output(resourceSchema),
    LearningResourcePage: output(resourcePageSchema),
    LearningResourceDetails: output(resourceDetailsSchema),
    LearningResourceRevision: output(revisionSchema),
    ImportResult: output(importResultSchema),
    CurationGap: output(curationGapSchema),
  },
};
