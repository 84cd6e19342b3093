import { body, common, csrfHeader, hidden, input, json, list, output, problem, ref, signedIn, uuidPathParam } from '../openapi-parts.ts';
import {
  deploymentChangeRequest,
  deploymentRequest,
  deploymentSchema,
  deploymentUserSchema,
  bulkAssignRequest,
  bulkAssignResponse,
  linkUserRequest,
  productDetailsSchema,
  productRequest,
  productSchema,
  productUpdateRequest,
  productVersionSchema,
  shareRequest,
  versionRequest,
} from './product.schemas.ts';

const unsafe = { '403': problem('Missing or invalid CSRF token, or not permitted') };
const productId = uuidPathParam('id', 'An AI product id');
const deploymentId = uuidPathParam('id', 'A deployment id');
const noContent = { description: 'Done' };

/** The AI products part of the OpenAPI document. */
export const productOpenApi = {
  paths: {
    '/api/v1/products': {
      get: { summary: 'AI products you can see: your organisations’ own and those shared with them', ...signedIn, responses: { '200': json('Products', list('products', 'AiProduct')), ...common } },
      post: { summary: 'Register an AI product (AI product leads and organisation admins)', ...signedIn, parameters: [csrfHeader()], requestBody: body(input(productRequest)), responses: { '201': json('Registered', ref('AiProduct')), ...common, ...unsafe } },
    },
    '/api/v1/products/{id}': {
      get: { summary: 'A product with its versions, shares and deployments', ...signedIn, parameters: [productId], responses: { '200': json('The product', ref('AiProductDetails')), ...common, '404': hidden } },
      put: {
        summary: 'Edit a product (its organisation’s product leads and admins)',
        ...signedIn,
        parameters: [productId, csrfHeader()],
        requestBody: body(input(productUpdateRequest)),
        responses: { '200': json('Saved', ref('AiProduct')), ...common, ...unsafe, '404': hidden, '409': problem('Changed by someone else since `version`') },
      },
    },
    '/api/v1/products/{id}/versions': {
      post: { summary: 'Record a release and its training impact (versions cannot be changed afterwards)', ...signedIn, parameters: [productId, csrfHeader()], requestBody: body(input(versionRequest)), responses: { '201': json('Recorded', ref('AiProductVersion')), ...common, ...unsafe, '404': hidden } },
    },
    '/api/v1/products/{id}/shares': {
      post: { summary: 'Share a product with another organisation', ...signedIn, parameters: [productId, csrfHeader()], requestBody: body(input(shareRequest)), responses: { '204': noContent, ...common, ...unsafe, '404': hidden } },
    },
    '/api/v1/products/{id}/deployments': {
      post: { summary: 'Deploy a product in an organisation or team you manage', ...signedIn, parameters: [productId, csrfHeader()], requestBody: body(input(deploymentRequest)), responses: { '201': json('Deployed', ref('AiDeployment')), ...common, ...unsafe, '404': hidden } },
    },
    '/api/v1/deployments/{id}': {
      patch: {
        summary: 'Move a deployment on or make a version live; a refresher-required version sets a refresher due for everyone using it',
        ...signedIn,
        parameters: [deploymentId, csrfHeader()],
        requestBody: body(input(deploymentChangeRequest)),
        responses: { '200': json('Changed', ref('AiDeployment')), ...common, ...unsafe, '404': hidden, '409': problem('Withdrawn') },
      },
    },
    '/api/v1/deployments/{id}/users': {
      get: { summary: 'Who uses a deployment, and when their training is due', ...signedIn, parameters: [deploymentId], responses: { '200': json('Users', list('users', 'AiDeploymentUser')), ...common, '404': hidden } },
      post: { summary: 'Link yourself, or (product leads) assign someone, to a deployment', ...signedIn, parameters: [deploymentId, csrfHeader()], requestBody: body(input(linkUserRequest)), responses: { '204': noContent, ...common, ...unsafe, '404': hidden } },
    },
    '/api/v1/deployments/{id}/users/bulk': {
      post: {
        summary: 'Assign everyone in an organisation or team, or a list of e-mail addresses (all or nothing), skipping those already linked',
        ...signedIn,
        parameters: [deploymentId, csrfHeader()],
        requestBody: body(input(bulkAssignRequest)),
        responses: { '200': json('How many were assigned', output(bulkAssignResponse)), ...common, ...unsafe, '404': hidden },
      },
    },
    '/api/v1/deployments/{id}/users/{personId}': {
      delete: { summary: 'Unlink a user (history is kept)', ...signedIn, parameters: [deploymentId, uuidPathParam('personId', 'A person id'), csrfHeader()], responses: { '204': noContent, ...common, ...unsafe, '404': hidden } },
    },
    '/api/v1/me/products': {
      get: { summary: 'The AI product deployments you use', ...signedIn, responses: { '200': json('Your deployments', list('deployments', 'AiDeployment')), ...common } },
    },
  },
  schemas: {
    AiProduct: output(productSchema),
    AiProductDetails: output(productDetailsSchema),
    AiProductVersion: output(productVersionSchema),
    AiDeployment: output(deploymentSchema),
    AiDeploymentUser: output(deploymentUserSchema),
  },
};
