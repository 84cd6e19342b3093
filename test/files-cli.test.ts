import { mkdtempSync, rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program.ts';
import { loadConfig } from '../src/config.ts';
import { openHub } from '../src/hub.ts';
import { SAMPLE_FILES } from './support/verification-fixtures.ts';
import { databaseTargets, storedContent } from './support/test-hub.ts';

describe.each(databaseTargets())('confidence-hub files sweep on $name', (target) => {
  let env: NodeJS.ProcessEnv;
  let workDir: string;
  let drop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), 'hub-files-cli-'));
    if (target.name === 'postgres') {
      const created = await target.create();
      drop = created.drop;
      env = { DATABASE_URL: created.config.kind === 'postgres' ? created.config.url : '' };
    } else {
      env = { HUB_DATA_DIR: path.join(workDir, 'data') };
    }
  });
  afterAll(async () => {
    await drop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('removes content no evidence points at from the store the configuration chooses', async () => {
    const hub = await openHub(loadConfig(env));
    expect(hub.fileStore.kind).toBe(target.name === 'postgres' ? 'database' : 'directory');
    const orphan = await hub.fileStore.stage([SAMPLE_FILES.pdf]);
    await orphan.commit();
    await hub.close();
    if (target.name === 'pglite') expect(await readdir(path.join(workDir, 'data', 'files', orphan.sha256.slice(0, 2)))).toEqual([orphan.sha256]);

    let stdout = '';
    const sweep = (...args: string[]) => runCli(['files', 'sweep', ...args], { env, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => {} } });
    expect(await sweep()).toBe(0);
    expect(stdout).toContain('Removed 0 unreferenced files and 0 unfinished uploads');
    stdout = '';
    expect(await sweep('--grace-hours', '0')).toBe(0);
    expect(stdout).toContain('Removed 1 unreferenced file and 0 unfinished uploads');

    const reopened = await openHub(loadConfig(env));
    expect(await storedContent(reopened.fileStore)).toEqual([]);
    await reopened.close();
  });
});
