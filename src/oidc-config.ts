import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { JsonWebKey, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Sign-in with an OpenID Connect provider (NHS CIS2; issue 15 plan §2), read once with the rest of
 * the configuration (config.ts). Keys and secrets are read here and never logged.
 */

/** CIS2's authenticator assurance values the hub accepts by default: AAL2 and AAL3 (NHS recommends AAL2 at least). */
export const DEFAULT_ACCEPTED_ACR = ['AAL2_OR_AAL3_ANY', 'AAL3_ANY', 'AAL3_N3_SMARTCARD', 'AAL3_FIDO2', 'AAL3_IOS', 'AAL2_TOTP', 'AAL2_NHSMAIL'] as const;
export const DEFAULT_OIDC_SCOPES = 'openid profile email nhsperson nationalrbacaccess associatedorgs selectedrole';
export const OIDC_CALLBACK_PATH = '/sign-in/nhs/callback';
export const SIGNED_OUT_PATH = '/signed-out';

export const oidcEnvSchema = z.object({
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  OIDC_CLIENT_AUTH: z.enum(['private_key_jwt', 'client_secret_basic', 'client_secret_post']).default('private_key_jwt'),
  OIDC_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  OIDC_KEY_ID: z.string().min(1).max(200).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET_FILE: z.string().min(1).optional(),
  OIDC_SCOPES: z.string().min(1).default(DEFAULT_OIDC_SCOPES),
  OIDC_ACR_VALUES: z.string().min(1).optional(),
  OIDC_ACCEPTED_ACR: z.string().min(1).optional(),
  OIDC_ASSERTION_AUDIENCE: z.enum(['token_endpoint', 'issuer']).default('token_endpoint'),
  OIDC_PROVIDER_NAME: z.string().min(1).max(60).default('NHS CIS2'),
  OIDC_ALLOW_HTTP: z.enum(['on', 'off', 'true', 'false', '1', '0']).optional(),
  LOCAL_PASSWORDS: z.enum(['on', 'off']).default('on'),
});

export type OidcClientAuth =
  | { method: 'private_key_jwt'; privateKey: KeyObject; keyId: string; algorithm: 'RS256' | 'ES256' }
  | { method: 'client_secret_basic' | 'client_secret_post'; secret: string };

export interface OidcConfig {
  /** Exactly as configured: CIS2's issuer carries `:443`, and ID tokens' `iss` is compared to it as a string. */
  issuer: string;
  clientId: string;
  clientAuth: OidcClientAuth;
  scopes: string;
  /** Asked for in the authorisation request (`acr_values`), if set. */
  acrValues?: string;
  /** The `acr` values accepted in the ID token; anything else (or none) is refused. */
  acceptedAcr: string[];
  /** The private_key_jwt assertion's `aud`: CIS2 wants the token endpoint. */
  assertionAudience: 'token_endpoint' | 'issuer';
  providerName: string;
  /** Plain-HTTP provider (a local test provider); refused in production. */
  allowHttp: boolean;
  redirectUri: string;
  postLogoutRedirectUri: string;
}

export class OidcConfigError extends Error {}

export function loadOidcConfig(env: z.infer<typeof oidcEnvSchema>, context: { publicUrl: string | undefined; isProduction: boolean }): OidcConfig | null {
  if (!env.OIDC_ISSUER) return null;
  if (!env.OIDC_CLIENT_ID) throw new OidcConfigError('OIDC_CLIENT_ID is required with OIDC_ISSUER');
  if (!context.publicUrl) throw new OidcConfigError('PUBLIC_URL is required with OIDC_ISSUER: the provider sends people back to PUBLIC_URL/sign-in/nhs/callback');
  const allowHttp = ['on', 'true', '1'].includes(env.OIDC_ALLOW_HTTP ?? 'off');
  if (allowHttp && context.isProduction) throw new OidcConfigError('OIDC_ALLOW_HTTP is refused when NODE_ENV=production');
  if (!allowHttp && !env.OIDC_ISSUER.startsWith('https://')) throw new OidcConfigError('OIDC_ISSUER must be https:// (OIDC_ALLOW_HTTP=on for a local test provider)');
  const base = context.publicUrl.replace(/\/$/, '');
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientAuth: clientAuthOf(env),
    scopes: env.OIDC_SCOPES.split(/\s+/).filter(Boolean).join(' '),
    ...(env.OIDC_ACR_VALUES ? { acrValues: env.OIDC_ACR_VALUES.trim() } : {}),
    acceptedAcr: env.OIDC_ACCEPTED_ACR ? env.OIDC_ACCEPTED_ACR.split(',').map((v) => v.trim()).filter(Boolean) : [...DEFAULT_ACCEPTED_ACR],
    assertionAudience: env.OIDC_ASSERTION_AUDIENCE,
    providerName: env.OIDC_PROVIDER_NAME,
    allowHttp,
    redirectUri: base + OIDC_CALLBACK_PATH,
    postLogoutRedirectUri: base + SIGNED_OUT_PATH,
  };
}

function clientAuthOf(env: z.infer<typeof oidcEnvSchema>): OidcClientAuth {
  if (env.OIDC_CLIENT_AUTH === 'private_key_jwt') {
    if (!env.OIDC_PRIVATE_KEY_FILE || !env.OIDC_KEY_ID) throw new OidcConfigError('OIDC_CLIENT_AUTH=private_key_jwt needs OIDC_PRIVATE_KEY_FILE and OIDC_KEY_ID');
    const privateKey = readPrivateKey(env.OIDC_PRIVATE_KEY_FILE);
    return { method: 'private_key_jwt', privateKey, keyId: env.OIDC_KEY_ID, algorithm: algorithmOf(privateKey) };
  }
  if (env.OIDC_CLIENT_SECRET && env.OIDC_CLIENT_SECRET_FILE) throw new OidcConfigError('Set OIDC_CLIENT_SECRET or OIDC_CLIENT_SECRET_FILE, not both');
  const secret = env.OIDC_CLIENT_SECRET ?? (env.OIDC_CLIENT_SECRET_FILE ? readSecretFile(env.OIDC_CLIENT_SECRET_FILE).trim() : undefined);
  if (!secret) throw new OidcConfigError(`OIDC_CLIENT_AUTH=${env.OIDC_CLIENT_AUTH} needs OIDC_CLIENT_SECRET or OIDC_CLIENT_SECRET_FILE`);
  return { method: env.OIDC_CLIENT_AUTH, secret };
}

function readSecretFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // The message names the file, never its content.
    throw new OidcConfigError(`Cannot read ${file}`);
  }
}

/** A PEM private key, or a private JWK (JSON). */
function readPrivateKey(file: string): KeyObject {
  const content = readSecretFile(file).trim();
  try {
    const key = content.startsWith('{') ? createPrivateKey({ key: JSON.parse(content) as JsonWebKey, format: 'jwk' }) : createPrivateKey(content);
    if (key.type !== 'private') throw new Error('not a private key');
    return key;
  } catch {
    throw new OidcConfigError(`OIDC_PRIVATE_KEY_FILE ${file} does not hold a private key (PEM or JWK)`);
  }
}

function algorithmOf(key: KeyObject): 'RS256' | 'ES256' {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ES256';
  throw new OidcConfigError('OIDC_PRIVATE_KEY_FILE must hold an RSA or P-256 key');
}

/** The hub's public signing key, as the provider fetches it from /.well-known/jwks.json. */
export function publicJwksOf(config: OidcConfig | null): { keys: JsonWebKey[] } {
  if (!config || config.clientAuth.method !== 'private_key_jwt') return { keys: [] };
  const { privateKey, keyId, algorithm } = config.clientAuth;
  return { keys: [{ ...createPublicKey(privateKey).export({ format: 'jwk' }), kid: keyId, alg: algorithm, use: 'sig' }] };
}
