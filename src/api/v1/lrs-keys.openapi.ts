import { body, common, hidden, input, json, output, problem, ref, signedIn, uuidPathParam } from '../openapi-parts.ts';
import { issuedLrsKeySchema, issueLrsKeyBody, lrsKeyListSchema, lrsKeySchema } from './lrs-keys.schemas.ts';

const organisationParam = uuidPathParam('id', 'An organisation the viewer administers');
const adminsOnly = { ...common, '403': problem('Only organisation admins can do this'), '404': hidden };

/** Learning record store keys in the OpenAPI document (issue 16 §1). */
export const lrsKeysOpenApi = {
  paths: {
    '/api/v1/organisations/{id}/lrs-keys': {
      get: {
        summary: 'The keys learning platforms send xAPI statements to the hub’s learning record store with, newest first (organisation admins). Secrets are never listed.',
        ...signedIn,
        parameters: [organisationParam],
        responses: { '200': json('The organisation’s keys and the xAPI endpoint', ref('LrsKeyList')), ...adminsOnly },
      },
      post: {
        summary: 'Issue a key for a learning platform. The answer holds the secret, which is never shown again. Audited.',
        ...signedIn,
        parameters: [organisationParam],
        requestBody: body(input(issueLrsKeyBody)),
        responses: { '201': json('The key, its secret and the endpoint', ref('IssuedLrsKey')), ...adminsOnly },
      },
    },
    '/api/v1/organisations/{id}/lrs-keys/{keyId}': {
      delete: {
        summary: 'Revoke a key: the platform can no longer send statements with it. The record is kept. Audited.',
        ...signedIn,
        parameters: [organisationParam, uuidPathParam('keyId', 'One of the organisation’s keys')],
        responses: { '200': json('The revoked key', ref('LrsKey')), ...adminsOnly },
      },
    },
  },
  schemas: { LrsKey: output(lrsKeySchema), LrsKeyList: output(lrsKeyListSchema), IssuedLrsKey: output(issuedLrsKeySchema) },
};
