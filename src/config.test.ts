import path from 'node:path';
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
