import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { buildApp } from '../../src/app.ts';
import { startDevOidcProvider } from '../../src/dev/oidc-dev-provider.ts';
import type { DevCis2User, DevProvider } from '../../src/dev/oidc-dev-provider.ts';
import { openHub } from '../../src/hub.ts';
import { DEFAULT_ACCEPTED_ACR, DEFAULT_OIDC_SCOPES } from '../../src/oidc-config.ts';
import { databaseTargets } from '../../test/support/test-hub.ts';
import type { TestHub } from '../../test/support/test-hub.ts';
import { HubPage } from './hub-page.ts';

export interface RunningOidcHub {
  hub: TestHub;
  provider: DevProvider;
  baseUrl: string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A hub listening for a browser, signing in with a stand-in CIS2 on another local port (its login page a plain form). */
export async function startOidcHubServer(users: DevCis2User[]): Promise<RunningOidcHub> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const provider = await startDevOidcProvider({
    users,
    client: {
      clientId: 'hub',
      redirectUris: [`${baseUrl}/sign-in/nhs/callback`],
      postLogoutRedirectUris: [`${baseUrl}/signed-out`],
      jwks: { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'hub-1', alg: 'RS256', use: 'sig' }] },
    },
  });
  const [pglite] = databaseTargets();
  if (!pglite) throw new Error('No PGlite database target');
  const { config, drop } = await pglite.create();
  const opened = await openHub({
    database: config,
    publicUrl: baseUrl,
    host: '127.0.0.1',
    port,
    demoSyntheticPeople: 0,
    oidc: {
      issuer: provider.issuer,
      clientId: 'hub',
      clientAuth: { method: 'private_key_jwt', privateKey, keyId: 'hub-1', algorithm: 'RS256' },
      scopes: DEFAULT_OIDC_SCOPES,
      acrValues: 'AAL2_OR_AAL3_ANY',
      acceptedAcr: [...DEFAULT_ACCEPTED_ACR],
      assertionAudience: 'token_endpoint',
      providerName: 'NHS CIS2',
      allowHttp: true,
      redirectUri: `${baseUrl}/sign-in/nhs/callback`,
      postLogoutRedirectUri: `${baseUrl}/signed-out`,
    },
  });
  const app = await buildApp({ services: opened.services });
  await app.listen({ port, host: '127.0.0.1' });
  const hub: TestHub = { ...opened, app, databaseConfig: config, close: async () => {} };
  return {
    hub,
    provider,
    baseUrl,
    async close() {
      await app.close();
      await opened.close();
      await drop();
      await provider.close();
    },
  };
}

/** Signing in with CIS2 from the hub's sign-in page, the stand-in provider's login form, and the role pages. */
export class OidcSignInPages extends HubPage {
  /** The hub's sign-in page (checked with `check`), then its link to the provider. */
  async startFromSignInPage(check: () => Promise<void>): Promise<void> {
    await this.open('/sign-in');
    await check();
    await this.press('Sign in with NHS CIS2');
  }

  /** On the stand-in provider's page: who signs in, and how. */
  async signInAtProvider(userLabel: RegExp, acr: string): Promise<void> {
    const user = this.page.getByLabel('User');
    const option = (await user.locator('option').allTextContents()).find((text) => userLabel.test(text));
    if (!option) throw new Error(`no provider user matching ${userLabel}`);
    await user.selectOption({ label: option });
    await this.page.getByLabel('Authentication').selectOption(acr);
    await this.press('Sign in');
  }

  async chooseRole(roleName: string, button = 'Continue'): Promise<void> {
    await this.page.getByLabel(roleName).check();
    await this.press(button);
  }

  async accountMenuText(): Promise<string> {
    return (await this.page.locator('header .nhsuk-header__account').textContent())?.replace(/\s+/g, ' ').trim() ?? '';
  }
}
