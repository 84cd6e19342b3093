import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

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
