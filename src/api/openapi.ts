import { frameworkDocumentSchema, questionSetSchema, requirementSchema, archetypeSchema, factorSchema } from '../domain/framework/framework-document.ts';
import {
  exportQuery,
  frameworkSummarySchema,
  importQuery,
  importResultSchema,
  requirementFilterQuery,
  topicListItemSchema,
  versionQuery,
} from './v1/framework.schemas.ts';
import { assessmentOpenApi } from './v1/assessment.openapi.ts';
import { peopleOpenApi } from './v1/people.openapi.ts';
import { verificationOpenApi } from './v1/verification.openapi.ts';
import { catalogueOpenApi } from './v1/catalogue.openapi.ts';
import { journeyOpenApi } from './v1/journey.openapi.ts';
import { journeyScopeOpenApi } from './v1/journey-scope.openapi.ts';
import { assuranceOpenApi } from './v1/assurance.openapi.ts';
import { supplierLinkOpenApi } from './v1/assurance-supplier.api.ts';
import { assuranceReportOpenApi } from './v1/assurance-report.openapi.ts';
import { productOpenApi } from './v1/product.openapi.ts';
import { productTrainingOpenApi } from './v1/product-training.openapi.ts';
import { teamsOpenApi } from './v1/teams.openapi.ts';
import { teamCoverageOpenApi } from './v1/team-coverage.openapi.ts';
import { activityOpenApi } from './v1/activity.openapi.ts';
import { lrsKeysOpenApi } from './v1/lrs-keys.openapi.ts';
import { credentialsOpenApi } from './v1/credentials.openapi.ts';
import { teamPlanOpenApi } from './v1/team-plan.openapi.ts';
import { insightOpenApi } from './v1/insight.openapi.ts';
import { common, csrfHeader, json as ok, output as toSchema, pathParam, problem, queryParameters, ref, signedIn } from './openapi-parts.ts';
import type { JsonSchema } from './openapi-parts.ts';

const frameworkId = pathParam('frameworkId', 'A framework id, e.g. dart-ed-2022.');
const problems = { '400': problem('Invalid parameters'), '404': problem('Not found') };

/** The OpenAPI 3.1 description of /api/v1, built from the zod schemas the routes validate with. */
export function buildOpenApiDocument(): JsonSchema {
  const version = queryParameters(versionQuery);
  return {
    openapi: '3.1.0',
    info: {
      title: 'AI Confidence Hub API',
      version: '1.0.0',
      description:
        'Read access to the frameworks of the AI Confidence Hub: archetypes, factors, taxonomy, requirements, topics and question sets; and, for signed-in people, their account, the people they may see, invitations and notifications.',
    },
    paths: {
      '/api/v1/frameworks': {
        get: { summary: 'List loaded frameworks', responses: { '200': ok('Frameworks', { type: 'object', properties: { frameworks: { type: 'array', items: ref('FrameworkSummary') } } }) } },
        post: {
          summary: 'Import a framework (platform admins): a 1EdTech CASE package, or a framework in the hub’s own format',
          description:
            'A CASE package that departs from the standard is imported as far as it can be read: unambiguous deviations are corrected (a sequence number written as text, a null description), ambiguous ones kept as published, unusable parts skipped, and each is listed in `warnings`. Only a package that cannot be read is refused, with the reason in the problem’s detail.',
          ...signedIn,
          parameters: [...queryParameters(importQuery), csrfHeader()],
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', description: 'The CASE package (CFPackage JSON), or with format=json a framework document.' } } } },
          responses: {
            '200': ok('This version was already loaded with the same content; nothing changed', ref('FrameworkImportResult')),
            '201': ok('Imported', ref('FrameworkImportResult')),
            ...common,
            '403': problem('Missing or invalid CSRF token, or you are not a platform admin'),
            '409': problem('This framework version is already loaded with different content'),
          },
        },
      },
      '/api/v1/frameworks/{frameworkId}': {
        get: { summary: 'One framework version', parameters: [frameworkId, ...version], responses: { '200': ok('Framework summary', ref('FrameworkSummary')), ...problems } },
      },
      '/api/v1/frameworks/{frameworkId}/archetypes': {
        get: { summary: 'Workforce archetypes', parameters: [frameworkId, ...version], responses: { '200': ok('Archetypes', { type: 'object', properties: { archetypes: { type: 'array', items: ref('Archetype') } } }), ...problems } },
      },
      '/api/v1/frameworks/{frameworkId}/archetypes/{archetypeId}': {
        get: { summary: 'One archetype and the ids of its advanced requirements', parameters: [frameworkId, pathParam('archetypeId', 'e.g. driver'), ...version], responses: { '200': ok('Archetype', ref('Archetype')), ...problems } },
      },
      '/api/v1/frameworks/{frameworkId}/factors': {
        get: { summary: 'Factors that influence confidence in AI', parameters: [frameworkId, ...version], responses: { '200': ok('Factors', { type: 'object', properties: { factors: { type: 'array', items: ref('Factor') } } }), ...problems } },
      },
      '/api/v1/frameworks/{frameworkId}/taxonomy': {
        get: { summary: 'Knowledge and skill levels with learner statements', parameters: [frameworkId, ...version], responses: { '200': ok('Taxonomy', { type: 'object' }), ...problems } },
      },
      '/api/v1/frameworks/{frameworkId}/requirements': {
        get: {
          summary: 'Requirements, filtered',
          parameters: [frameworkId, ...queryParameters(requirementFilterQuery)],
          responses: { '200': ok('Matching requirements', { type: 'object', properties: { count: { type: 'integer' }, requirements: { type: 'array', items: ref('Requirement') } } }), ...problems },
        },
      },
      '/api/v1/frameworks/{frameworkId}/requirements/{requirementId}': {
        get: { summary: 'One requirement', parameters: [frameworkId, pathParam('requirementId', 'e.g. a4-12'), ...version], responses: { '200': ok('Requirement', ref('Requirement')), ...problems } },
      },
      '/api/v1/frameworks/{frameworkId}/topics': {
        get: {
          summary: 'Topics: the subjects a person rates once, each with the requirements (from every table and level) rated under it',
          parameters: [frameworkId, ...version],
          responses: {
            '200': ok('Topics', { type: 'object', properties: { count: { type: 'integer' }, topics: { type: 'array', items: ref('Topic') } } }),
            ...problems,
          },
        },
      },
      '/api/v1/frameworks/{frameworkId}/question-sets': {
        get: { summary: 'Question sets (Tables A3 and A6)', parameters: [frameworkId, ...version], responses: { '200': ok('Question sets', { type: 'object', properties: { questionSets: { type: 'array', items: ref('QuestionSet') } } }), ...problems } },
      },
      '/api/v1/frameworks/{frameworkId}/question-sets/{setId}': {
        get: { summary: 'One question set', parameters: [frameworkId, pathParam('setId', 'a3 or a6'), ...version], responses: { '200': ok('Question set', ref('QuestionSet')), ...problems } },
      },
      '/api/v1/frameworks/{frameworkId}/export': {
        get: {
          summary: 'Download a framework as canonical JSON, CSV or a 1EdTech CASE package',
          parameters: [frameworkId, ...queryParameters(exportQuery)],
          responses: {
            '200': {
              description: 'The export file',
              content: { 'application/json': { schema: ref('FrameworkDocument') }, 'text/csv': { schema: { type: 'string' } } },
            },
            ...problems,
          },
        },
      },
      ...peopleOpenApi.paths,
      ...assessmentOpenApi.paths,
      ...verificationOpenApi.paths,
      ...catalogueOpenApi.paths,
      ...journeyOpenApi.paths,
      ...journeyScopeOpenApi.paths,
      ...productOpenApi.paths,
      ...productTrainingOpenApi.paths,
      ...teamPlanOpenApi.paths,
      ...assuranceOpenApi.paths,
      ...supplierLinkOpenApi.paths,
      ...assuranceReportOpenApi.paths,
      ...teamsOpenApi.paths,
      ...teamCoverageOpenApi.paths,
      ...activityOpenApi.paths,
      ...lrsKeysOpenApi.paths,
      ...insightOpenApi.paths,
      ...credentialsOpenApi.paths,
    },
    components: {
      securitySchemes: peopleOpenApi.securitySchemes,
      schemas: {
        ...peopleOpenApi.schemas,
        ...assessmentOpenApi.schemas,
        ...verificationOpenApi.schemas,
        ...catalogueOpenApi.schemas,
        ...journeyOpenApi.schemas,
        ...journeyScopeOpenApi.schemas,
        ...productOpenApi.schemas,
        ...productTrainingOpenApi.schemas,
        ...teamPlanOpenApi.schemas,
        ...assuranceOpenApi.schemas,
        ...supplierLinkOpenApi.schemas,
        ...assuranceReportOpenApi.schemas,
        ...teamsOpenApi.schemas,
        ...teamCoverageOpenApi.schemas,
        ...activityOpenApi.schemas,
        ...lrsKeysOpenApi.schemas,
        ...insightOpenApi.schemas,
        ...credentialsOpenApi.schemas,
        FrameworkSummary: toSchema(frameworkSummarySchema),
        FrameworkImportResult: toSchema(importResultSchema),
        FrameworkDocument: toSchema(frameworkDocumentSchema),
        Requirement: toSchema(requirementSchema),
        Topic: toSchema(topicListItemSchema),
        Archetype: toSchema(archetypeSchema),
        Factor: toSchema(factorSchema),
        QuestionSet: toSchema(questionSetSchema),
        Problem: {
          type: 'object',
          required: ['type', 'status', 'title', 'detail'],
          properties: {
            type: { type: 'string' },
            status: { type: 'integer' },
            title: { type: 'string' },
            detail: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
  };
}
