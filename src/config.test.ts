import path from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultProcesses, DEVELOPMENT_CREDENTIAL_KEY, loadConfig } from './config.ts';

describe('where file content is kept, and virus scanning', () => {
  it.each([
    [{}, { kind: 'directory', dir: path.resolve('./.hub-data/files') }],
    [{ HUB_DATA_DIR: '/srv/hub' }, { kind: 'directory', dir: '/srv/hub/files' }],
    [{ DATABASE_URL: 'postgres://db/hub' }, { kind: 'database' }],
    [{ DATABASE_URL: 'postgres://db/hub', HUB_FILE_DIR: '/mnt/shared/hub-files' }, { kind: 'directory', dir: '/mnt/shared/hub-files' }],
    [{ HUB_FILE_DIR: '/var/lib/hub-files' }, { kind: 'directory', dir: '/var/lib/hub-files' }],
  ])('with %j keeps files in %j', (env, files) => {
    expect(loadConfig(env).files).toEqual(files);
  });

  it.each([
    [{}, null],
    [{ CLAMAV_SOCKET: '/run/clamav/clamd.ctl' }, { kind: 'clamd', socket: '/run/clamav/clamd.ctl' }],
    [{ CLAMAV_HOST: 'clamav.internal' }, { kind: 'clamd', host: 'clamav.internal', port: 3310 }],
    [{ CLAMAV_HOST: 'clamav.internal', CLAMAV_PORT: '3311' }, { kind: 'clamd', host: 'clamav.internal', port: 3311 }],
  ])('with %j scans with %j', (env, scanner) => {
    expect(loadConfig(env).virusScanner).toEqual(scanner);
  });

  it('refuses two scanners at once, and a port that is not one', () => {
    expect(() => loadConfig({ CLAMAV_SOCKET: '/run/clamd.ctl', CLAMAV_HOST: 'clamav' })).toThrow(ConfigError);
    expect(() => loadConfig({ CLAMAV_HOST: 'clamav', CLAMAV_PORT: 'x' })).toThrow(ConfigError);
  });
});

describe('the default number of hub processes on PostgreSQL', () => {
  it('is one per core, leaving one core to a PostgreSQL server on the same machine', () => {
    expect(defaultProcesses('postgres://hub@db.internal:5432/hub', 4)).toBe(4);
    expect(defaultProcesses('postgres://hub@127.0.0.1:5432/hub', 4)).toBe(3);
    expect(defaultProcesses('postgres://hub@localhost/hub', 2)).toBe(1);
    expect(defaultProcesses('postgresql:///hub?host=/var/run/postgresql', 8)).toBe(7);
    expect(defaultProcesses('postgres://hub@127.0.0.1/hub', 1)).toBe(1);
  });
});

describe('sign-in with NHS CIS2 (OIDC_*)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hub-oidc-config-'));
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pemFile = path.join(dir, 'key.pem');
  const jwkFile = path.join(dir, 'key.json');
  const secretFile = path.join(dir, 'secret');
  writeFileSync(pemFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(jwkFile, JSON.stringify(privateKey.export({ format: 'jwk' })));
  writeFileSync(secretFile, 'shh-from-file\n');
  const issuer = 'https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk:443/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare';
  const base = { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'hub', OIDC_PRIVATE_KEY_FILE: pemFile, OIDC_KEY_ID: 'hub-1', PUBLIC_URL: 'https://hub.example.nhs.uk/' };

  it('is off unless OIDC_ISSUER is set, and passwords are on by default', () => {
    expect(loadConfig({})).toMatchObject({ oidc: null, localPasswords: true });
  });

  it('keeps the issuer verbatim (with :443) and defaults for CIS2', () => {
    const { oidc } = loadConfig(base);
    expect(oidc).toMatchObject({
      issuer,
      clientId: 'hub',
      clientAuth: { method: 'private_key_jwt', keyId: 'hub-1', algorithm: 'RS256' },
      scopes: 'openid profile email nhsperson nationalrbacaccess associatedorgs selectedrole',
      assertionAudience: 'token_endpoint',
      providerName: 'NHS CIS2',
      allowHttp: false,
      redirectUri: 'https://hub.example.nhs.uk/sign-in/nhs/callback',
      postLogoutRedirectUri: 'https://hub.example.nhs.uk/signed-out',
    });
    expect(oidc?.acceptedAcr).toEqual(expect.arrayContaining(['AAL2_OR_AAL3_ANY', 'AAL3_ANY', 'AAL3_N3_SMARTCARD']));
    expect(oidc?.acceptedAcr).not.toContain('AAL1_USERPASS');
    expect(oidc?.acrValues).toBeUndefined();
  });

  it('reads a JWK key, a secret from a file, and the acr lists', () => {
    expect(loadConfig({ ...base, OIDC_PRIVATE_KEY_FILE: jwkFile }).oidc?.clientAuth.method).toBe('private_key_jwt');
    const secret = loadConfig({ ...base, OIDC_CLIENT_AUTH: 'client_secret_post', OIDC_CLIENT_SECRET_FILE: secretFile }).oidc;
    expect(secret?.clientAuth).toEqual({ method: 'client_secret_post', secret: 'shh-from-file' });
    const acr = loadConfig({ ...base, OIDC_ACR_VALUES: 'AAL3_ANY', OIDC_ACCEPTED_ACR: 'AAL3_ANY, AAL3_N3_SMARTCARD' }).oidc;
    expect(acr).toMatchObject({ acrValues: 'AAL3_ANY', acceptedAcr: ['AAL3_ANY', 'AAL3_N3_SMARTCARD'] });
  });

  it.each([
    ['no client id', { OIDC_CLIENT_ID: '' }, /OIDC_CLIENT_ID/],
    ['no public URL', { PUBLIC_URL: '' }, /PUBLIC_URL/],
    ['no key', { OIDC_PRIVATE_KEY_FILE: '' }, /OIDC_PRIVATE_KEY_FILE/],
    ['a missing key file', { OIDC_PRIVATE_KEY_FILE: path.join(dir, 'absent.pem') }, /Cannot read/],
    ['a key file that is not a key', { OIDC_PRIVATE_KEY_FILE: secretFile }, /does not hold a private key/],
    ['a secret method without a secret', { OIDC_CLIENT_AUTH: 'client_secret_basic' }, /OIDC_CLIENT_SECRET/],
    ['two secrets', { OIDC_CLIENT_AUTH: 'client_secret_basic', OIDC_CLIENT_SECRET: 'a', OIDC_CLIENT_SECRET_FILE: secretFile }, /not both/],
    ['a plain-HTTP issuer', { OIDC_ISSUER: 'http://127.0.0.1:4010/op' }, /https/],
    ['plain HTTP in production', { OIDC_ALLOW_HTTP: 'on', NODE_ENV: 'production', DATABASE_URL: 'postgres://db/hub' }, /production/],
    ['an unknown audience', { OIDC_ASSERTION_AUDIENCE: 'client' }, /OIDC_ASSERTION_AUDIENCE/],
  ])('refuses %s', (_name, env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(message);
  });

  it('allows a plain-HTTP provider outside production when asked', () => {
    expect(loadConfig({ ...base, OIDC_ISSUER: 'http://127.0.0.1:4010/op', OIDC_ALLOW_HTTP: 'on' }).oidc?.allowHttp).toBe(true);
  });

  it('turns passwords off only when there is a provider to sign in with', () => {
    expect(loadConfig({ ...base, LOCAL_PASSWORDS: 'off' }).localPasswords).toBe(false);
    expect(() => loadConfig({ LOCAL_PASSWORDS: 'off' })).toThrow(ConfigError);
  });

  it('never puts the secret or key in an error message', () => {
    try {
      loadConfig({ ...base, OIDC_CLIENT_AUTH: 'client_secret_basic', OIDC_CLIENT_SECRET: 'top-secret', OIDC_CLIENT_SECRET_FILE: secretFile });
    } catch (error) {
      expect(String(error)).not.toContain('top-secret');
      expect(String(error)).not.toContain('shh-from-file');
    }
  });
});

describe('sending mail', () => {
  const smtp = { SMTP_HOST: 'smtp.trust.nhs.uk', MAIL_FROM: 'AI Confidence Hub <hub@trust.nhs.uk>' };

  it('sends none without SMTP_HOST: mail stays in the outbox page', () => {
    expect(loadConfig({}).mail).toBeNull();
  });

  it('uses port 587 with STARTTLS, required in production only, and 465 for TLS from the start', () => {
    expect(loadConfig(smtp).mail).toEqual({
      host: 'smtp.trust.nhs.uk', port: 587, secure: false, requireTls: false, auth: null,
      from: 'AI Confidence Hub <hub@trust.nhs.uk>', replyTo: undefined, maxAttempts: 10,
    });
    expect(loadConfig({ ...smtp, NODE_ENV: 'production', DATABASE_URL: 'postgres://db/hub', CREDENTIAL_KEY_ENCRYPTION_KEY: KEK }).mail).toMatchObject({ port: 587, requireTls: true });
    expect(loadConfig({ ...smtp, NODE_ENV: 'production', DATABASE_URL: 'postgres://db/hub', CREDENTIAL_KEY_ENCRYPTION_KEY: KEK, SMTP_REQUIRE_TLS: 'false' }).mail).toMatchObject({ requireTls: false });
    expect(loadConfig({ ...smtp, SMTP_SECURE: 'true' }).mail).toMatchObject({ port: 465, secure: true, requireTls: false });
    expect(loadConfig({ ...smtp, SMTP_PORT: '2525', SMTP_MAX_ATTEMPTS: '3', MAIL_REPLY_TO: 'ai-team@trust.nhs.uk' }).mail).toMatchObject({ port: 2525, maxAttempts: 3, replyTo: 'ai-team@trust.nhs.uk' });
  });

  it('reads the password from the environment or from a file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hub-config-'));
    const file = path.join(dir, 'smtp-password');
    writeFileSync(file, 's3cret from file\n');
    expect(loadConfig({ ...smtp, SMTP_USER: 'hub', SMTP_PASSWORD: 's3cret' }).mail?.auth).toEqual({ user: 'hub', password: 's3cret' });
    expect(loadConfig({ ...smtp, SMTP_USER: 'hub', SMTP_PASSWORD_FILE: file }).mail?.auth).toEqual({ user: 'hub', password: 's3cret from file' });
  });

  it.each([
    [{ SMTP_HOST: 'smtp.trust.nhs.uk' }, /MAIL_FROM is required/],
    [{ ...smtp, MAIL_FROM: 'not an address' }, /MAIL_FROM/],
    [{ ...smtp, SMTP_USER: 'hub' }, /go together/],
    [{ ...smtp, SMTP_PASSWORD: 'x' }, /go together/],
    [{ ...smtp, SMTP_USER: 'hub', SMTP_PASSWORD: 'x', SMTP_PASSWORD_FILE: '/run/secrets/smtp' }, /not both/],
    [{ ...smtp, SMTP_USER: 'hub', SMTP_PASSWORD_FILE: '/nonexistent/smtp-password' }, /SMTP_PASSWORD_FILE: cannot read/],
    [{ ...smtp, SMTP_SECURE: 'perhaps' }, /SMTP_SECURE/],
    [{ ...smtp, SMTP_PORT: '0' }, /SMTP_PORT/],
    [{ ...smtp, SMTP_MAX_ATTEMPTS: '0' }, /SMTP_MAX_ATTEMPTS/],
  ])('refuses %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never puts the password in an error', () => {
    const error = (() => {
      try {
        loadConfig({ ...smtp, SMTP_PASSWORD: 'hunter2-secret', SMTP_PORT: 'x' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/SMTP_PORT/);
    expect(error?.message).not.toContain('hunter2');
  });
});

const KEK = Buffer.alloc(32, 7).toString('base64');

describe('the key that encrypts issuers’ signing keys (issue 16 §2)', () => {
  it('is required in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/hub' })).toThrow(/CREDENTIAL_KEY_ENCRYPTION_KEY/);
    expect(loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/hub', CREDENTIAL_KEY_ENCRYPTION_KEY: KEK }).credentialKeyEncryptionKey).toEqual(Buffer.alloc(32, 7));
  });

  it('refuses anything but 32 bytes in base64', () => {
    expect(() => loadConfig({ CREDENTIAL_KEY_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/CREDENTIAL_KEY_ENCRYPTION_KEY/);
  });

  it('falls back to the published development key outside production', () => {
    expect(loadConfig({}).credentialKeyEncryptionKey).toEqual(DEVELOPMENT_CREDENTIAL_KEY);
    expect(DEVELOPMENT_CREDENTIAL_KEY).toHaveLength(32);
  });
});
