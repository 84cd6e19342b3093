import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { JsonWebKey } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Configuration, default as ProviderClass } from 'oidc-provider';

/**
 * A stand-in for NHS CIS2 on 127.0.0.1 (issue 15 I4): oidc-provider issuing CIS2-shaped claims
 * (nhsid_useruid, nhsid_nrbac_roles, selected_roleid, acr/amr) to the hub. For tests and
 * `confidence-hub dev oidc` only; oidc-provider is a dev dependency, so it is imported on demand.
 */

export const CIS2_PATH = '/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare';

export interface DevCis2Role {
  roleId: string;
  orgCode: string;
  roleName: string;
  roleCode: string;
}

export interface DevCis2User {
  uid: string;
  givenName: string;
  familyName: string;
  email?: string;
  roles: DevCis2Role[];
  /** CIS2's own role selection (the `selectedrole` scope), if any. */
  selectedRoleId?: string;
}

/** Who signs in at the provider's login step, and how strongly. */
export interface DevLogin {
  uid: string;
  acr: string;
  amr?: string[];
}

export interface DevProviderOptions {
  /** The issuer's origin as the hub is told it (e.g. `https://cis2.test:443` behind a fetch rewrite); default the local address. */
  issuerOrigin?: string;
  port?: number;
  users: DevCis2User[];
  client: { clientId: string; redirectUris: string[]; postLogoutRedirectUris: string[]; jwks?: { keys: JsonWebKey[] }; clientSecret?: string };
  /** Signs in without a page (tests): the login to use for the next interaction. */
  autoLogin?: () => DevLogin;
}

export interface DevProvider {
  issuer: string;
  /** Where the provider really listens (http://127.0.0.1:port). */
  localOrigin: string;
  close(): Promise<void>;
}

export const ACR_CHOICES = ['AAL3_ANY', 'AAL2_OR_AAL3_ANY', 'AAL3_N3_SMARTCARD', 'AAL2_TOTP', 'AAL1_USERPASS'] as const;

async function loadProvider(): Promise<typeof ProviderClass> {
  try {
    return (await import('oidc-provider')).default;
  } catch {
    throw new Error('The development OpenID provider needs the dev dependencies: run `npm install` (not `npm ci --omit=dev`).');
  }
}

export async function startDevOidcProvider(options: DevProviderOptions): Promise<DevProvider> {
  const Provider = await loadProvider();
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const localOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = (options.issuerOrigin ?? localOrigin) + CIS2_PATH;
  const provider = new Provider(issuer, providerConfiguration(options));
  // Behind a rewrite (tests), the provider's URLs follow X-Forwarded-Host/Proto, so they match the issuer's origin.
  provider.proxy = true;
  const callback = provider.callback();
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    void route(provider, options, req, res, callback).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  return { issuer, localOrigin, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function providerConfiguration(options: DevProviderOptions): Configuration {
  const { client } = options;
  const opKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  return {
    jwks: { keys: [{ ...opKey, kid: 'dev-op-1', alg: 'RS256', use: 'sig' }] as never },
    clients: [
      {
        client_id: client.clientId,
        ...(client.jwks ? { token_endpoint_auth_method: 'private_key_jwt', jwks: client.jwks as never } : { client_secret: client.clientSecret ?? 'dev-secret', token_endpoint_auth_method: 'client_secret_basic' }),
        redirect_uris: client.redirectUris,
        post_logout_redirect_uris: client.postLogoutRedirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    scopes: ['openid', 'profile', 'email', 'nhsperson', 'nationalrbacaccess', 'associatedorgs', 'selectedrole', 'offline_access'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name', 'uid'],
      email: ['email'],
      nhsperson: ['nhsid_useruid'],
      nationalrbacaccess: ['nhsid_nrbac_roles'],
      associatedorgs: ['nhsid_user_orgs'],
      selectedrole: ['selected_roleid'],
    },
    acrValues: [...ACR_CHOICES],
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    findAccount: async (_ctx, sub) => {
      const user = options.users.find((u) => u.uid === sub);
      return user ? { accountId: sub, claims: async () => claimsOf(user) } : undefined;
    },
    // Consent is not part of CIS2's journey: every requested scope is granted.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client?.clientId ?? '', accountId: ctx.oidc.session?.accountId ?? '' });
      grant.addOIDCScope(String(ctx.oidc.params?.scope ?? 'openid'));
      await grant.save();
      return grant;
    },
  };
}

function claimsOf(user: DevCis2User) {
  const orgs = [...new Set(user.roles.map((r) => r.orgCode))];
  return {
    sub: user.uid,
    nhsid_useruid: user.uid,
    uid: user.uid,
    name: `${user.givenName} ${user.familyName}`,
    given_name: user.givenName,
    family_name: user.familyName,
    ...(user.email ? { email: user.email } : {}),
    nhsid_nrbac_roles: user.roles.map((r) => ({ person_orgid: `org-${r.roleId}`, person_roleid: r.roleId, org_code: r.orgCode, role_name: `"Clinical":"Clinical Provision":"${r.roleName}"`, role_code: r.roleCode })),
    nhsid_user_orgs: orgs.map((code) => ({ org_code: code, org_name: `Organisation ${code}` })),
    ...(user.selectedRoleId ? { selected_roleid: user.selectedRoleId } : {}),
  };
}

async function route(provider: ProviderClass, options: DevProviderOptions, req: http.IncomingMessage, res: http.ServerResponse, callback: ReturnType<ProviderClass['callback']>): Promise<void> {
  const url = req.url ?? '/';
  if (url.startsWith('/interaction/')) return interaction(provider, options, req, res);
  // The provider lives at the issuer's path (CIS2's realm path): strip it so its routes match.
  if (url.startsWith(CIS2_PATH)) {
    (req as http.IncomingMessage & { originalUrl?: string }).originalUrl = url;
    req.url = url.slice(CIS2_PATH.length) || '/';
  }
  await callback(req, res);
}

async function interaction(provider: ProviderClass, options: DevProviderOptions, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const login = options.autoLogin?.() ?? (req.method === 'POST' ? parseLogin(await readBody(req)) : undefined);
  if (!login) {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(loginPage(details.uid, options.users));
    return;
  }
  await provider.interactionFinished(req, res, { login: { accountId: login.uid, acr: login.acr, amr: login.amr ?? ['N3_SMARTCARD'] } }, { mergeWithLastSubmission: false });
}

function parseLogin(body: string): DevLogin | undefined {
  const form = new URLSearchParams(body);
  const uid = form.get('uid');
  const acr = form.get('acr');
  return uid && acr ? { uid, acr } : undefined;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain login form (no external fonts or scripts): which test user, and which assurance level. */
function loginPage(uid: string, users: DevCis2User[]): string {
  const userOptions = users.map((u) => `<option value="${escapeHtml(u.uid)}">${escapeHtml(`${u.givenName} ${u.familyName} (${u.roles.map((r) => r.orgCode).join(', ') || 'no roles'})`)}</option>`).join('');
  const acrOptions = ACR_CHOICES.map((a) => `<option value="${a}">${a}</option>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Development NHS CIS2 sign-in</title></head><body><main>
<h1>Development NHS CIS2 sign-in</h1><p>A stand-in for NHS CIS2. Nothing here is real.</p>
<form method="post" action="/interaction/${escapeHtml(uid)}">
<p><label for="uid">User</label> <select id="uid" name="uid">${userOptions}</select></p>
<p><label for="acr">Authentication</label> <select id="acr" name="acr">${acrOptions}</select></p>
<p><button type="submit">Sign in</button></p></form></main></body></html>`;
}
