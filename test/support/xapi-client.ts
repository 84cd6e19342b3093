import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { TestHub } from './test-hub.ts';

export interface TestLrsKey {
  keyId: string;
  keyName: string;
  secret: string;
  authorization: string;
}

/** Issues an LRS key for an organisation as the instance's operator would (the command line). */
export async function issueTestLrsKey(hub: Pick<TestHub, 'services'>, organisationId: string, platform = 'Test learning platform'): Promise<TestLrsKey> {
  const { key, secret } = await hub.services.lrsKeys.issueKey({ actor: { cli: true }, organisationId, platform });
  return { keyId: key.id, keyName: key.keyName, secret, authorization: basicAuthorization(key.keyName, secret) };
}

export const basicAuthorization = (name: string, secret: string) => `Basic ${Buffer.from(`${name}:${secret}`).toString('base64')}`;

/** Headers set to null are left out (to test a missing key or version header). */
interface XapiRequest {
  payload?: InjectOptions['payload'];
  query?: Record<string, string>;
  headers?: Record<string, string | null>;
}

/**
 * An xAPI client for `app.inject`: each call carries the key and `X-Experience-API-Version: 2.0.0`
 * unless the test overrides them (pass `null` values in `headers` to leave one out).
 */
export function xapiClient(app: FastifyInstance, key: Pick<TestLrsKey, 'authorization'>) {
  const send = (method: InjectOptions['method'], url: string, options: XapiRequest = {}): Promise<LightMyRequestResponse> => {
    const headers: Record<string, string> = { authorization: key.authorization, 'x-experience-api-version': '2.0.0' };
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (value === null) delete headers[name.toLowerCase()];
      else headers[name.toLowerCase()] = value;
    }
    return app.inject({ method, url: url.startsWith('/xapi') ? url : `/xapi${url}`, headers, payload: options.payload, query: options.query });
  };
  return {
    get: (url: string, options?: XapiRequest) => send('GET', url, options),
    head: (url: string, options?: XapiRequest) => send('HEAD', url, options),
    delete: (url: string, options?: XapiRequest) => send('DELETE', url, options),
    /** A JSON body unless `payload` is given with its own content type. */
    post: (url: string, body: unknown, options?: XapiRequest) => send('POST', url, withJson(body, options)),
    put: (url: string, body: unknown, options?: XapiRequest) => send('PUT', url, withJson(body, options)),
  };
}

function withJson(body: unknown, options: XapiRequest = {}): XapiRequest {
  if (Buffer.isBuffer(body) || typeof body === 'string') return { ...options, payload: body };
  return { ...options, payload: JSON.stringify(body), headers: { 'content-type': 'application/json', ...options.headers } };
}
