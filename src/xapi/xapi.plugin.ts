import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { AppError, HTTP_STATUS } from '../errors.ts';
import type { Services } from '../services/index.ts';
import type { LrsClient } from '../services/xapi/lrs-key.service.ts';
import { registerAboutRoute } from './about.routes.ts';
import { registerStatementRoutes } from './statements/statement.routes.ts';
import { registerAgentsAndActivitiesRoutes } from './activities/agents-activities.routes.ts';
import { registerDocumentRoutes } from './documents/document.routes.ts';
import { XapiError } from './xapi-errors.ts';
import { versionProblem, XAPI_VERSION, XAPI_VERSION_HEADER } from './xapi-version.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The learning platform calling the LRS, set for every /xapi request but /xapi/about. */
    lrsClient: LrsClient | null;
  }
}

export interface XapiDeps {
  services: Services;
}

export const XAPI_PREFIX = '/xapi';
/** Statements with attachments (certificates, video) and documents are larger than any hub form. */
export const XAPI_BODY_LIMIT = 16 * 1024 * 1024;

// Browser-based e-learning packages call the LRS from another origin; they authenticate with HTTP
// Basic on every request, never with the hub's cookies, so any origin may call.
const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'ETag, Last-Modified, Content-Type, X-Experience-API-Version, X-Experience-API-Consistent-Through',
};
const PREFLIGHT_HEADERS = {
  'access-control-allow-methods': 'GET, HEAD, PUT, POST, DELETE, OPTIONS',
  'access-control-allow-headers': 'Authorization, Content-Type, If-Match, If-None-Match, X-Experience-API-Version',
  'access-control-max-age': '600',
};

/**
 * The hub's xAPI 2.0 learning record store (IEEE 9274.1.1; issue 16 §1) under /xapi. Its own scope:
 * bodies arrive as bytes (documents may be any media type, statements may be multipart/mixed), every
 * answer carries the version header, and errors are JSON whatever the address.
 */
export async function registerXapi(app: FastifyInstance, deps: XapiDeps): Promise<void> {
  await app.register(
    async (xapi) => {
      xapi.removeAllContentTypeParsers();
      xapi.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: XAPI_BODY_LIMIT }, (_request, body, done) => done(null, body));
      xapi.decorateRequest('lrsClient', null);
      xapi.setErrorHandler(sendXapiError);
      xapi.setNotFoundHandler((request, reply) => sendXapiError(new XapiError(404, `There is no xAPI resource at ${request.url.split('?')[0]}.`), request, reply));
      xapi.addHook('onRequest', async (request, reply) => {
        reply.headers({ ...CORS_HEADERS, [XAPI_VERSION_HEADER]: XAPI_VERSION });
        if (request.method === 'OPTIONS' || isAbout(request)) return;
        request.lrsClient = (await deps.services.lrsKeys.authenticate(request.headers.authorization)) ?? null;
        if (!request.lrsClient) throw new XapiError(401, 'Send the learning record store key and secret your organisation admin issued, as HTTP Basic authentication.');
        const problem = versionProblem(request.headers[XAPI_VERSION_HEADER]);
        if (problem) throw new XapiError(400, problem);
      });
      xapi.options('/*', async (_request, reply) => reply.headers(PREFLIGHT_HEADERS).status(204).send());
      registerAboutRoute(xapi);
      registerStatementRoutes(xapi, deps);
      registerDocumentRoutes(xapi, deps);
      registerAgentsAndActivitiesRoutes(xapi, deps);
    },
    { prefix: XAPI_PREFIX },
  );
}

/** The calling platform; routes behind the authentication hook always have one. */
export function lrsClientOf(request: FastifyRequest): LrsClient {
  if (!request.lrsClient) throw new XapiError(401, 'Authentication is required.');
  return request.lrsClient;
}

function isAbout(request: FastifyRequest): boolean {
  return request.url === `${XAPI_PREFIX}/about` || request.url.startsWith(`${XAPI_PREFIX}/about?`);
}

function sendXapiError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const status = statusOf(error);
  if (status >= 500) request.log.error({ err: error }, 'xAPI request failed');
  // Never leak internals: the log has the detail.
  const message = status >= 500 ? 'The learning record store could not complete the request. Try again later.' : error.message;
  return reply.status(status).type('application/json; charset=utf-8').send({ error: { status, message } });
}

function statusOf(error: Error & { statusCode?: number }): number {
  if (error instanceof XapiError) return error.statusCode;
  if (error instanceof AppError) return HTTP_STATUS[error.code];
  if (error instanceof ZodError) return 400;
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return error.statusCode;
  return 500;
}
