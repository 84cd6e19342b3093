import type { FastifyInstance } from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import { generateKeyPairSync } from 'node:crypto';
import { buildApp } from '../../src/app.ts';
import type { DevCis2User, DevLogin, DevProvider } from '../../src/dev/oidc-dev-provider.ts';
import { startDevOidcProvider } from '../../src/dev/oidc-dev-provider.ts';
import { openHub } from '../../src/hub.ts';
import { DEFAULT_ACCEPTED_ACR, DEFAULT_OIDC_SCOPES } from '../../src/oidc-config.ts';
import type { OidcConfig } from '../../src/oidc-config.ts';
import type { CustomFetch } from 'openid-client';
import type { StaffRecordLookup } from '../../src/services/identity/staff-record-lookup.ts';
import type { DatabaseTarget, TestHub } from './test-hub.ts';
import { TEST_BASE_URL } from './test-hub.ts';

/** CIS2's issuers carry `:443`; the hub must keep it verbatim (issue 15 plan §2). */
export const CIS2_TEST_ORIGIN = 'https://cis2.test:443';
export const CALLBACK_URL = `${TEST_BASE_URL}/sign-in/nhs/callback`;

export interface TestCis2 {
  provider: DevProvider;
  /** Sends requests for cis2.test to the provider on 127.0.0.1 (the hub's fetch seam, and the test's browser). */
  fetch: CustomFetch;
  /** Who signs in next, and how strongly. */
  login(next: DevLogin): void;
  /** The hub's OIDC configuration for this provider, private_key_jwt with the hub's key. */
  config(overrides?: Partial<OidcConfig>): OidcConfig;
  close(): Promise<void>;
}

export async function startTestCis2(users: DevCis2User[]): Promise<TestCis2> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let next: DevLogin | undefined;
  const provider = await startDevOidcProvider({
    issuerOrigin: CIS2_TEST_ORIGIN,
    users,
    client: {
      clientId: 'hub',
      redirectUris: [CALLBACK_URL],
      postLogoutRedirectUris: [`${TEST_BASE_URL}/signed-out`],
      jwks: { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'hub-1', alg: 'RS256', use: 'sig' }] },
    },
    autoLogin: () => {
      if (!next) throw new Error('the test did not say who signs in');
      return next;
    },
  });
  // As a TLS-terminating proxy in front of the provider would: the provider sees the public origin in X-Forwarded-*.
  const rewrite: CustomFetch = (url, options) => {
    const target = new URL(url);
    if (target.hostname !== 'cis2.test') return fetch(target.href, options as RequestInit);
    const headers = new Headers(options.headers as HeadersInit);
    headers.set('x-forwarded-proto', 'https');
    headers.set('x-forwarded-host', target.host || 'cis2.test');
    target.protocol = 'http:';
    target.host = new URL(provider.localOrigin).host;
    return fetch(target.href, { ...(options as RequestInit), headers });
  };
  return {
    provider,
    fetch: rewrite,
    login: (login) => void (next = login),
    config: (overrides = {}) => ({
      issuer: provider.issuer,
      clientId: 'hub',
      clientAuth: { method: 'private_key_jwt', privateKey, keyId: 'hub-1', algorithm: 'RS256' },
      scopes: DEFAULT_OIDC_SCOPES,
      // Asked for, as the hub does with CIS2; oidc-provider puts `acr` in the ID token only when it is.
      acrValues: 'AAL2_OR_AAL3_ANY',
      acceptedAcr: [...DEFAULT_ACCEPTED_ACR],
      assertionAudience: 'token_endpoint',
      providerName: 'NHS CIS2',
      allowHttp: false,
      redirectUri: CALLBACK_URL,
      postLogoutRedirectUri: `${TEST_BASE_URL}/signed-out`,
      ...overrides,
    }),
    close: () => provider.close(),
  };
}

/** A test hub signing in with the test CIS2 (and the seams a test may need). */
export async function createOidcTestHub(
  target: DatabaseTarget,
  cis2: TestCis2,
  options: { localPasswords?: boolean; clockSkewSeconds?: number; staffRecords?: StaffRecordLookup } = {},
): Promise<TestHub> {
  const { config, drop } = await target.create();
  const url = new URL(TEST_BASE_URL);
  const hub = await openHub({
    database: config,
    publicUrl: TEST_BASE_URL,
    host: url.hostname,
    port: 80,
    demoSyntheticPeople: 0,
    oidc: cis2.config(),
    localPasswords: options.localPasswords ?? true,
    oidcSeams: { fetch: cis2.fetch, ...(options.clockSkewSeconds ? { clockSkewSeconds: options.clockSkewSeconds } : {}) },
    ...(options.staffRecords ? { staffRecords: options.staffRecords } : {}),
  });
  const app = await buildApp({ services: hub.services });
  return {
    ...hub,
    app,
    databaseConfig: config,
    async close() {
      await app.close();
      await hub.close();
      await drop();
    },
  };
}

export interface Cis2Journey {
  /** The hub's answer to the provider's callback. */
  callback: LightMyRequestResponse;
  callbackUrl: string;
  /** The cookies the browser holds for the hub afterwards (binding cookie and session, as `name=value; …`). */
  cookies: Map<string, string>;
}

export const cookieHeader = (cookies: Map<string, string>) => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');

function keepCookies(cookies: Map<string, string>, response: LightMyRequestResponse): void {
  for (const c of response.cookies) {
    if (c.value === '' || (c.expires && c.expires.getTime() <= Date.now())) cookies.delete(c.name);
    else cookies.set(c.name, c.value);
  }
}

/**
 * A browser's sign-in with CIS2: the hub's start link, the provider (auto-login as told), and the
 * callback back at the hub. `start` may name an invitation or a return path.
 */
export async function signInWithCis2(app: FastifyInstance, cis2: TestCis2, options: { start?: string; cookies?: Map<string, string>; beforeCallback?: (url: string) => string } = {}): Promise<Cis2Journey> {
  const cookies = options.cookies ?? new Map<string, string>();
  const started = await app.inject({ method: 'GET', url: options.start ?? '/sign-in/nhs', headers: { cookie: cookieHeader(cookies) } });
  if (started.statusCode !== 303) throw new Error(`sign-in did not start: ${started.statusCode} ${started.body.slice(0, 200)}`);
  keepCookies(cookies, started);
  const callbackUrl = await followProvider(cis2, String(started.headers.location));
  const url = options.beforeCallback ? options.beforeCallback(callbackUrl) : callbackUrl;
  const callback = await app.inject({ method: 'GET', url: url.slice(TEST_BASE_URL.length), headers: { cookie: cookieHeader(cookies) } });
  keepCookies(cookies, callback);
  return { callback, callbackUrl, cookies };
}

/** Follows the provider's redirects, carrying its cookies, until it sends the browser back to the hub. */
export async function followProvider(cis2: TestCis2, start: string): Promise<string> {
  const jar = new Map<string, string>();
  let next = start;
  for (let hop = 0; hop < 12; hop++) {
    const response = await cis2.fetch(next, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } } as never);
    for (const set of response.headers.getSetCookie()) {
      const [pair] = set.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) jar.set(name, value.join('='));
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`the provider stopped with ${response.status}: ${(await response.text()).slice(0, 300)}`);
    next = new URL(location, next).href;
    if (next.startsWith(CALLBACK_URL)) return next;
  }
  throw new Error('the provider never sent the browser back');
}
