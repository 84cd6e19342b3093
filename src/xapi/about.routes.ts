import type { FastifyInstance } from 'fastify';
import { XAPI_VERSION } from './xapi-version.ts';

/** GET /xapi/about (9274.1.1 §4.1.6.7): the versions this LRS speaks. Public, and never refused for its version header. */
export function registerAboutRoute(xapi: FastifyInstance): void {
  xapi.get('/about', async () => ({ version: [XAPI_VERSION] }));
}
