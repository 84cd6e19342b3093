import { body, common, csrfHeader, hidden, input, json, output, problem, ref, signedIn, uuidPathParam } from '../openapi-parts.ts';
import {
  invitationRequest,
  invitationResponse,
  meSchema,
  meUpdateRequest,
  notificationsResponse,
  organisationPeopleResponse,
  personSchema,
  rolesRequest,
  sessionRequest,
  sessionResponse,
} from './people.schemas.ts';

/** The people part of the OpenAPI document: paths, component schemas and the session security scheme. */
export const peopleOpenApi = {
  paths: {
    '/api/v1/session': {
      post: {
        summary: 'Sign in with an email address and password; sets the session cookie',
        parameters: [csrfHeader(false)],
        requestBody: body(input(sessionRequest)),
        responses: {
          '200': json('Signed in', ref('Session')),
          ...common,
          '429': {
            ...problem('Too many recent failed attempts for this account from this address, or from this address overall; unknown and known addresses are answered alike'),
            headers: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } } },
          },
        },
      },
      delete: { summary: 'Sign out this session', ...signedIn, parameters: [csrfHeader()], responses: { '204': { description: 'Signed out' }, '401': common['401'], '403': problem('Missing or invalid CSRF token') } },
    },
    '/api/v1/me': {
      get: { summary: 'The signed-in person, their organisation path and supervisors', ...signedIn, responses: { '200': json('You', ref('Me')), '401': common['401'] } },
      patch: {
        summary: 'Change your name or job title (the fields you send)',
        ...signedIn,
        parameters: [csrfHeader()],
        requestBody: body(input(meUpdateRequest)),
        responses: { '200': json('You', ref('Me')), ...common, '403': problem('Missing or invalid CSRF token') },
      },
    },
    '/api/v1/people/{id}': {
      get: { summary: 'A person the signed-in person may see', ...signedIn, parameters: [uuidPathParam('id', 'A person id')], responses: { '200': json('Person', ref('Person')), ...common, '404': hidden } },
    },
    '/api/v1/people/{id}/roles': {
      put: {
        summary: 'Set the platform roles of a person in an organisation you administer (organisation admins); audited',
        ...signedIn,
        parameters: [uuidPathParam('id', 'A person id'), csrfHeader()],
        requestBody: body(input(rolesRequest)),
        responses: {
          '200': json('The person with their roles', ref('Person')),
          ...common,
          '403': problem('Not an admin of their organisation, a role you may not change, or a missing CSRF token'),
          '404': hidden,
        },
      },
    },
    '/api/v1/organisations/{id}/people': {
      get: {
        summary: 'People in an organisation and beneath it (organisation admins)',
        ...signedIn,
        parameters: [uuidPathParam('id', 'An organisation id')],
        responses: { '200': json('People', ref('OrganisationPeople')), ...common, '403': problem('Not an organisation admin'), '404': hidden },
      },
    },
    '/api/v1/organisations/{id}/invitations': {
      post: {
        summary: 'Invite a member of staff into an organisation (organisation admins); the email goes to the outbox',
        ...signedIn,
        parameters: [uuidPathParam('id', 'An organisation id'), csrfHeader()],
        requestBody: body(input(invitationRequest)),
        responses: {
          '201': json('Invitation created', ref('Invitation')),
          ...common,
          '403': problem('Not an organisation admin, a role you may not give, or a missing CSRF token'),
          '404': hidden,
          '409': problem('There is already an account for this email address'),
        },
      },
    },
    '/api/v1/notifications/{id}/read': {
      post: {
        summary: 'Mark one of your notifications read',
        ...signedIn,
        parameters: [uuidPathParam('id', 'A notification id'), csrfHeader()],
        responses: { '204': { description: 'Read' }, ...common, '403': problem('Missing or invalid CSRF token'), '404': hidden },
      },
    },
    '/api/v1/notifications': {
      get: { summary: 'Your in-app notifications, newest first', ...signedIn, responses: { '200': json('Notifications', ref('Notifications')), '401': common['401'] } },
    },
  },
  schemas: {
    Person: output(personSchema),
    Me: output(meSchema),
    Session: output(sessionResponse),
    OrganisationPeople: output(organisationPeopleResponse),
    Invitation: output(invitationResponse),
    Notifications: output(notificationsResponse),
  },
  securitySchemes: {
    sessionCookie: { type: 'apiKey', in: 'cookie', name: 'hub_session', description: 'Set by POST /api/v1/session or by signing in on the web.' },
  },
};
