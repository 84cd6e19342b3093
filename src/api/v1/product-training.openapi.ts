import { body, common, csrfHeader, hidden, input, json, list, output, problem, queryParameters, ref, signedIn, uuidPathParam } from '../openapi-parts.ts';
import {
  attemptRequest,
  attemptResultSchema,
  currencyQuery,
  deploymentCurrencySchema,
  learnerModuleSchema,
  moduleDraftSchema,
  moduleSaveRequest,
  myProductTrainingSchema,
  organisationCurrencySchema,
  publishRequest,
} from './product-training.schemas.ts';

const unsafe = { '403': problem('Missing or invalid CSRF token, or not permitted') };
const moduleParams = [uuidPathParam('id', 'An AI product id'), uuidPathParam('versionId', 'A version of that product')];
const stale = { '409': problem('Changed by someone else since `version`') };
const orCsv = (description: string, schema: string) => ({
  description,
  content: { 'application/json': { schema: ref(schema) }, 'text/csv': { schema: { type: 'string', description: 'Columns: person, product, deployment organisation, status, required version, last passed version, due by' } } },
});

/** The product training part of the OpenAPI document. */
export const productTrainingOpenApi = {
  paths: {
    '/api/v1/products/{id}/versions/{versionId}/module': {
      get: { summary: 'The training module for a product version as it is being written: planned sections, pre-fill from the product, content so far (product leads and admins)', ...signedIn, parameters: moduleParams, responses: { '200': json('The draft', ref('ProductModuleDraft')), ...common, '403': problem('Not permitted'), '404': hidden } },
      put: {
        summary: 'Save the module’s sections (Markdown, by requirement id) and knowledge check; a published module must stay complete',
        ...signedIn,
        parameters: [...moduleParams, csrfHeader()],
        requestBody: body(input(moduleSaveRequest)),
        responses: { '200': json('Saved', ref('ProductModuleDraft')), ...common, ...unsafe, '404': hidden, ...stale },
      },
    },
    '/api/v1/products/{id}/versions/{versionId}/module/publish': {
      post: {
        summary: 'Publish the module, once every section has content and the knowledge check has no problems',
        ...signedIn,
        parameters: [...moduleParams, csrfHeader()],
        requestBody: { required: false, content: { 'application/json': { schema: input(publishRequest) } } },
        responses: { '200': json('Published', ref('ProductModuleDraft')), ...common, ...unsafe, '404': hidden, ...stale },
      },
    },
    '/api/v1/modules/{id}': {
      get: { summary: 'A published module as a learner takes it: sections as safe HTML, questions without their answers', ...signedIn, parameters: [uuidPathParam('id', 'A module id')], responses: { '200': json('The module', ref('LearnerModule')), ...common, '404': hidden } },
    },
    '/api/v1/modules/{id}/attempts': {
      post: {
        summary: 'Answer the knowledge check; the attempt is recorded for the module’s product version and never changed',
        ...signedIn,
        parameters: [uuidPathParam('id', 'A module id'), csrfHeader()],
        requestBody: body(input(attemptRequest)),
        responses: { '201': json('Marked', ref('ModuleAttemptResult')), ...common, ...unsafe, '404': hidden },
      },
    },
    '/api/v1/modules/{id}/attempts/{attemptId}': {
      get: {
        summary: 'One of your own attempts at the module, as it was marked: the recorded score and the questions to revisit (never the right answers)',
        ...signedIn,
        parameters: [uuidPathParam('id', 'A module id'), uuidPathParam('attemptId', 'One of your attempts at it')],
        responses: { '200': json('The attempt', ref('ModuleAttemptResult')), ...common, '404': hidden },
      },
    },
    '/api/v1/deployments/{id}/currency': {
      get: { summary: 'Whether each user of a deployment is current with its product training (managers)', ...signedIn, parameters: [uuidPathParam('id', 'A deployment id'), ...queryParameters(currencyQuery)], responses: { '200': orCsv('Currency', 'DeploymentTrainingCurrency'), ...common, '404': hidden } },
    },
    '/api/v1/organisations/{id}/training-currency': {
      get: { summary: 'Product training currency across every deployment in an organisation and beneath it (its managers)', ...signedIn, parameters: [uuidPathParam('id', 'An organisation id'), ...queryParameters(currencyQuery)], responses: { '200': orCsv('Currency', 'OrganisationTrainingCurrency'), ...common, '404': hidden } },
    },
    '/api/v1/me/product-training': {
      get: { summary: 'Your AI products: your training status for each, what changed, and the module to take', ...signedIn, responses: { '200': json('Your AI products', list('products', 'MyProductTraining')), ...common } },
    },
  },
  schemas: {
    ProductModuleDraft: output(moduleDraftSchema),
    LearnerModule: output(learnerModuleSchema),
    ModuleAttemptResult: output(attemptResultSchema),
    DeploymentTrainingCurrency: output(deploymentCurrencySchema),
    OrganisationTrainingCurrency: output(organisationCurrencySchema),
    MyProductTraining: output(myProductTrainingSchema),
  },
};
