import type { Command } from 'commander';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startDevOidcProvider } from '../dev/oidc-dev-provider.ts';
import type { DevCis2User } from '../dev/oidc-dev-provider.ts';
import type { CliContext } from './program.ts';

/** Fictional CIS2 users for trying sign-in locally, with roles at the demo trusts' made-up ODS codes (ZZ…, never real). */
export const DEV_CIS2_USERS: DevCis2User[] = [
  { uid: '900000000001', givenName: 'Nia', familyName: 'Nurse', email: 'nia.nurse@example.invalid', roles: [{ roleId: 'dev-role-1', orgCode: 'ZZR01', roleName: 'Nurse Access Role', roleCode: 'S8000:G8000:R8001' }] },
  {
    uid: '900000000002',
    givenName: 'Sam',
    familyName: 'Twotrusts',
    roles: [
      { roleId: 'dev-role-2a', orgCode: 'ZZR01', roleName: 'Clinical Practitioner Access Role', roleCode: 'S8000:G8000:R8000' },
      { roleId: 'dev-role-2b', orgCode: 'ZZR02', roleName: 'Clinical Director', roleCode: 'S8000:G8000:R8003' },
    ],
  },
  { uid: '900000000003', givenName: 'Rhys', familyName: 'Noroles', roles: [] },
];

export function registerDevCommands(program: Command, context: CliContext): void {
  const dev = program.command('dev').description('Tools for developing the hub');
  dev
    .command('oidc')
    .description('Run a stand-in NHS CIS2 provider on 127.0.0.1 and print the settings that point the hub at it')
    .option('--port <port>', 'port for the provider', '4010')
    .option('--hub-url <url>', 'the hub’s PUBLIC_URL', 'http://127.0.0.1:3000')
    .action(async (options: { port: string; hubUrl: string }) => {
      const hubUrl = options.hubUrl.replace(/\/$/, '');
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      // A fresh key each run, beside the embedded database; the hub reads it at start (OIDC_PRIVATE_KEY_FILE).
      const { database } = context.config();
      const keyFile = path.join(database.kind === 'embedded' ? database.dataDir : path.resolve('.hub-data'), 'oidc-dev-key.pem');
      mkdirSync(path.dirname(keyFile), { recursive: true });
      writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
      // oidc-provider is a dev dependency: startDevOidcProvider imports it on demand and says so when it is absent.
      const provider = await startDevOidcProvider({
        port: Number(options.port),
        users: DEV_CIS2_USERS,
        client: {
          clientId: 'hub-dev',
          redirectUris: [`${hubUrl}/sign-in/nhs/callback`],
          postLogoutRedirectUris: [`${hubUrl}/signed-out`],
          jwks: { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'hub-dev-1', alg: 'RS256', use: 'sig' }] },
        },
      });
      context.stdout.write(
        [
          `Development NHS CIS2 provider at ${provider.issuer}`,
          'Start the hub with:',
          `  OIDC_ISSUER=${provider.issuer}`,
          '  OIDC_CLIENT_ID=hub-dev',
          `  OIDC_PRIVATE_KEY_FILE=${keyFile}`,
          '  OIDC_KEY_ID=hub-dev-1',
          '  OIDC_ACR_VALUES=AAL2_OR_AAL3_ANY',
          '  OIDC_ALLOW_HTTP=on',
          `  PUBLIC_URL=${hubUrl}`,
          'The demo trusts carry these made-up ODS codes (ZZR01 Nymouth, ZZR02 Linchester): allow a first CIS2 sign-in to create accounts there on their sign-in settings page.',
          `Users: ${DEV_CIS2_USERS.map((u) => `${u.givenName} ${u.familyName} (${u.roles.map((r) => r.orgCode).join(', ') || 'no roles'})`).join('; ')}.`,
          'Press Ctrl+C to stop.',
          '',
        ].join('\n'),
      );
      await new Promise<void>((resolve) => {
        const stop = () => void provider.close().finally(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
