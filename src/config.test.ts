import path from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultProcesses, loadConfig } from './config.ts';

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
    expect(loadConfig({ ...smtp, NODE_ENV: 'production', DATABASE_URL: 'postgres://db/hub' }).mail).toMatchObject({ port: 587, requireTls: true });
    expect(loadConfig({ ...smtp, NODE_ENV: 'production', DATABASE_URL: 'postgres://db/hub', SMTP_REQUIRE_TLS: 'false' }).mail).toMatchObject({ requireTls: false });
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
