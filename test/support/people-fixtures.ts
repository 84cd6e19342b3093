import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { PlatformRole } from '../../src/domain/people/platform-roles.ts';
import { hashPassword } from '../../src/services/identity/password-hasher.ts';
import type { TestHub } from './test-hub.ts';

export const TEST_PASSWORD = 'a long enough test password';
// scrypt is deliberately slow; tests share one hash of TEST_PASSWORD.
let sharedHash: Promise<string> | undefined;
export const testPasswordHash = () => (sharedHash ??= hashPassword(TEST_PASSWORD));

/** An integrated care system with a trust under it: enough tree for most tests. */
export async function createTestOrganisations(hub: Pick<TestHub, 'services'>) {
  const suffix = randomBytes(3).toString('hex');
  const national = await hub.services.organisations.createOrganisation({ kind: 'national', name: `NHS England ${suffix}`, parentId: null });
  const region = await hub.services.organisations.createOrganisation({ kind: 'region', name: 'Test region', parentId: national.id });
  const ics = await hub.services.organisations.createOrganisation({ kind: 'integrated-care-system', name: 'Test ICS', parentId: region.id });
  const trust = await hub.services.organisations.createOrganisation({ kind: 'trust', name: 'Test Trust', parentId: ics.id });
  const otherTrust = await hub.services.organisations.createOrganisation({ kind: 'trust', name: 'Other Trust', parentId: ics.id });
  return { national, region, ics, trust, otherTrust };
}

export async function createTestPerson(hub: Pick<TestHub, 'services'>, options: { organisationId: string; roles?: PlatformRole[]; name?: string }) {
  const name = options.name ?? `Person ${randomBytes(3).toString('hex')}`;
  return hub.services.accounts.createAccount({
    organisationId: options.organisationId,
    email: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}.${randomBytes(3).toString('hex')}@example.nhs.uk`,
    displayName: name,
    roles: options.roles ?? ['learner'],
    password: { hash: await testPasswordHash() },
  });
}

export interface TestSession {
  cookie: string;
  csrfToken: string;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** A form post, with the session's CSRF token added. */
  post(url: string, form?: Record<string, string | string[]>): Promise<LightMyRequestResponse>;
  /** A JSON API call with the session cookie and CSRF header. */
  api(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF token on the page');
  return match[1];
}

export function formBody(form: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  return params.toString();
}

/** Signs in through the real sign-in form and returns a session to make requests with. */
export async function signIn(app: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<TestSession> {
  const page = await app.inject({ method: 'GET', url: '/sign-in' });
  const visitorCookie = String(page.headers['set-cookie'] ?? '').split(';')[0] ?? '';
  const response = await app.inject({
    method: 'POST',
    url: '/sign-in',
    // Each from its own address, so one test's wrong passwords never count against another's sign-in.
    remoteAddress: `10.${randomBytes(3).join('.')}`,
    headers: { cookie: visitorCookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: formBody({ email, password, _csrf: csrfTokenIn(page.body) }),
  });
  if (response.statusCode !== 303) throw new Error(`sign-in failed with ${response.statusCode}`);
  const sessionCookie = response.cookies.find((c) => c.name === 'hub_session');
  if (!sessionCookie) throw new Error('sign-in set no session cookie');
  const cookie = `hub_session=${sessionCookie.value}`;
  const csrfToken = csrfTokenIn((await app.inject({ method: 'GET', url: '/sign-out', headers: { cookie } })).body);
  return {
    cookie,
    csrfToken,
    get: (url, headers = {}) => app.inject({ method: 'GET', url, headers: { cookie, ...headers } }),
    post: (url, form = {}) =>
      app.inject({
        method: 'POST',
        url,
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ _csrf: csrfToken, ...form }),
      }),
    api: (method, url, body) =>
      app.inject({
        method,
        url,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      }),
  };
}
