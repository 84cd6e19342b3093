import { body, common, csrfHeader, hidden, input, json, list, output, problem, ref, signedIn, uuidPathParam } from '../openapi-parts.ts';
import { credentialSummarySchema, revokeRequest, rotateKeyRequest, rotatedKeySchema, verificationReportSchema, withdrawKeyRequest } from './credentials.schemas.ts';

/** Open Badges 3.0 credentials in the OpenAPI document (issue 16 §2). */
export const credentialsOpenApi = {
  paths: {
    '/api/v1/me/credentials': {
      get: { summary: 'The viewer’s own Open Badges credentials, newest first.', ...signedIn, responses: { '200': json('Credentials', list('credentials', 'CredentialSummary')), ...common } },
    },
    '/api/v1/me/credentials/{id}': {
      get: {
        summary: 'One of the viewer’s credentials as a JSON file, exactly as signed (eddsa-rdfc-2022), to keep or share.',
        ...signedIn,
        parameters: [uuidPathParam('id', 'A credential of the viewer')],
        responses: { '200': { description: 'The signed OpenBadgeCredential (Content-Disposition: attachment)', content: { 'application/json': { schema: { type: 'object' } } } }, ...common, '404': hidden },
      },
    },
    '/api/v1/credentials/verify': {
      post: {
        summary: 'Checks a credential this hub issued: its signature against the issuer’s published keys, the issuer, and its revocation status. Public; no sign-in.',
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', description: 'The signed credential, as downloaded.' } } } },
        responses: { '200': json('What was found', ref('CredentialVerification')), '400': problem('Not a signed credential') },
      },
    },
    '/api/v1/credentials/{id}/revoke': {
      post: {
        summary: 'Revokes a credential through its issuer’s Bitstring Status List (admins of the issuing organisation).',
        ...signedIn,
        parameters: [uuidPathParam('id', 'A credential the organisation issued'), csrfHeader()],
        requestBody: body(input(revokeRequest)),
        responses: { '200': json('The revoked credential', ref('CredentialSummary')), ...common, '403': problem('Only organisation admins can do this'), '404': hidden, '409': problem('Already revoked') },
      },
    },
    '/api/v1/organisations/{id}/issuer-key/rotate': {
      post: {
        summary: 'Replaces the organisation’s credential signing key. A retired key still verifies what it signed; a compromised one is withdrawn.',
        ...signedIn,
        parameters: [uuidPathParam('id', 'An organisation the viewer administers'), csrfHeader()],
        requestBody: body(input(rotateKeyRequest)),
        responses: { '200': json('The new key', ref('RotatedIssuerKey')), ...common, '403': problem('Only organisation admins can do this'), '404': hidden },
      },
    },
    '/api/v1/organisations/{id}/issuer-key/withdraw': {
      post: {
        summary: 'Withdraws a retired signing key that may be compromised: it leaves assertionMethod and what it signed stops verifying.',
        ...signedIn,
        parameters: [uuidPathParam('id', 'An organisation the viewer administers'), csrfHeader()],
        requestBody: body(input(withdrawKeyRequest)),
        responses: { '204': { description: 'Withdrawn' }, ...common, '403': problem('Only organisation admins can do this'), '404': hidden },
      },
    },
  },
  schemas: { CredentialSummary: output(credentialSummarySchema), CredentialVerification: output(verificationReportSchema), RotatedIssuerKey: output(rotatedKeySchema) },
};
