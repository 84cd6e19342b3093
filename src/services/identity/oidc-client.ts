import { webcrypto } from 'node:crypto';
import * as client from 'openid-client';
import type { OidcConfig } from '../../oidc-config.ts';

/**
 * The hub's side of OpenID Connect with NHS CIS2 (issue 15 plan §2), over openid-client. The issuer
 * is passed to discovery as configured and never compared by the hub itself: openid-client keeps
 * the discovered issuer string verbatim and checks `iss` against it exactly (CIS2's carry `:443`).
 */

export interface OidcClientSeams {
  /** Replaces fetch for every request to the provider (tests rewrite a CIS2-looking host to a local provider). */
  fetch?: client.CustomFetch;
  /** Seconds the hub's clock is taken to be off from the provider's (tests age an ID token with it). */
  clockSkewSeconds?: number;
}

export interface BeganSignIn {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface FinishedSignIn {
  idToken: string;
  idTokenClaims: Record<string, unknown>;
  userinfo: Record<string, unknown>;
}

/** The provider said no, or its answer failed a check (state, nonce, signature, expiry, code reuse): never shown to the person. */
export class OidcExchangeError extends Error {}

export function createOidcClient(config: OidcConfig, seams: OidcClientSeams = {}) {
  let discovered: Promise<client.Configuration> | undefined;

  async function discover(): Promise<client.Configuration> {
    const metadata: Partial<client.ClientMetadata> = seams.clockSkewSeconds ? { [client.clockSkew]: seams.clockSkewSeconds } : {};
    const configuration: client.Configuration = await client.discovery(new URL(config.issuer), config.clientId, metadata, await clientAuthentication(() => configuration), {
      ...(seams.fetch ? { [client.customFetch]: seams.fetch } : {}),
      ...(config.allowHttp ? { execute: [client.allowInsecureRequests] } : {}),
    });
    return configuration;
  }

  async function clientAuthentication(configuration: () => client.Configuration): Promise<client.ClientAuth> {
    const auth = config.clientAuth;
    if (auth.method !== 'private_key_jwt') return auth.method === 'client_secret_basic' ? client.ClientSecretBasic(auth.secret) : client.ClientSecretPost(auth.secret);
    const jwk = auth.privateKey.export({ format: 'jwk' });
    const algorithm = auth.algorithm === 'ES256' ? { name: 'ECDSA', namedCurve: 'P-256' } : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    const key = await webcrypto.subtle.importKey('jwk', jwk, algorithm, false, ['sign']);
    return client.PrivateKeyJwt({ key, kid: auth.keyId }, {
      [client.modifyAssertion]: (_header, payload) => {
        // CIS2 wants the token endpoint as the audience; openid-client's default is the issuer.
        if (config.assertionAudience === 'token_endpoint') payload.aud = configuration().serverMetadata().token_endpoint;
        if (seams.clockSkewSeconds) {
          // The skew seam ages the ID token check only; the provider must still accept the assertion.
          const now = Math.floor(Date.now() / 1000);
          payload.iat = now;
          payload.nbf = now;
          payload.exp = now + 60;
        }
      },
    });
  }

  /** Discovered once and kept; a failed discovery is tried again on the next sign-in. */
  function configuration(): Promise<client.Configuration> {
    discovered ??= discover().catch((error: unknown) => {
      discovered = undefined;
      throw error;
    });
    return discovered;
  }

  return {
    /** Where to send the browser: PKCE, state and nonce are made here and kept by the caller. */
    async begin(): Promise<BeganSignIn> {
      const cfg = await configuration();
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(cfg, {
        redirect_uri: config.redirectUri,
        scope: config.scopes,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        ...(config.acrValues ? { acr_values: config.acrValues } : {}),
      });
      return { url: url.href, state, nonce, codeVerifier };
    },

    /** Exchanges the callback's code, checks the ID token, and reads userinfo for the same subject. */
    async finish(callbackUrl: URL, checks: { codeVerifier: string; state: string; nonce: string }): Promise<FinishedSignIn> {
      const cfg = await configuration();
      try {
        const tokens = await client.authorizationCodeGrant(cfg, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        });
        const claims = tokens.claims();
        if (!claims || !tokens.id_token) throw new OidcExchangeError('no ID token');
        const userinfo = await client.fetchUserInfo(cfg, tokens.access_token, claims.sub);
        return { idToken: tokens.id_token, idTokenClaims: { ...claims }, userinfo: { ...userinfo } };
      } catch (error) {
        if (error instanceof OidcExchangeError) throw error;
        throw new OidcExchangeError(`the provider's answer failed a check: ${errorCode(error)}`, { cause: error });
      }
    },

    /** The provider's end-session URL for this ID token, or null when it has none. */
    async endSessionUrl(idTokenHint: string | null): Promise<string | null> {
      const cfg = await configuration();
      if (!cfg.serverMetadata().end_session_endpoint) return null;
      const parameters: Record<string, string> = { post_logout_redirect_uri: config.postLogoutRedirectUri, client_id: config.clientId };
      if (idTokenHint) parameters.id_token_hint = idTokenHint;
      return client.buildEndSessionUrl(cfg, parameters).href;
    },
  };
}

/** A code for the logs that names what failed without any token or claim value. */
function errorCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const { code, error: oauthError } = error as { code?: unknown; error?: unknown };
    if (typeof oauthError === 'string') return oauthError;
    if (typeof code === 'string') return code;
  }
  return error instanceof Error ? error.name : 'unknown';
}

export type OidcClient = ReturnType<typeof createOidcClient>;
