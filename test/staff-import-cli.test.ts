import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program.ts';
import { loadConfig } from '../src/config.ts';
import { openHub } from '../src/hub.ts';
import { generateEsrExtract } from './support/esr-extract.ts';

/** The command line on the embedded database: one PostgreSQL run of the import is in staff-import.test.ts. */
describe('confidence-hub staff import', () => {
  let workDir: string;
  let env: NodeJS.ProcessEnv;
  const file = (name: string, text: string) => {
    const at = path.join(workDir, name);
    writeFileSync(at, text);
    return at;
  };
  const run = async (...args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['staff', 'import', ...args], { env, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } });
    return { code, stdout, stderr };
  };

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), 'hub-staff-cli-'));
    env = { HUB_DATA_DIR: path.join(workDir, 'data') };
    const hub = await openHub(loadConfig(env));
    const national = await hub.services.organisations.createOrganisation({ kind: 'national', name: 'CLI national', parentId: null });
    await hub.services.organisations.createOrganisation({ kind: 'region', name: 'CLI Region', parentId: national.id, odsCode: 'RCL' });
    await hub.close();
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('dry-runs, applies, and exits 2 on a malformed file', async () => {
    const extract = file('staff.csv', generateEsrExtract({ people: 12, secondaryAssignments: 2 }));
    const dry = await run(extract, '--organisation', 'rcl', '--dry-run');
    expect(dry).toMatchObject({ code: 0, stderr: '' });
    expect(dry.stdout).toMatch(/new people 12,/);
    expect(dry.stdout).toMatch(/Dry run: nothing was changed/);
    const applied = await run(extract, '--organisation', 'RCL');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/new people 12,[\s\S]*Applied/);
    expect((await run(extract, '--organisation', 'RCL')).stdout).toMatch(/new people 0, changed 0, leavers 0/);
    const malformed = await run(file('bad.csv', generateEsrExtract({ people: 5, malformed: 'ragged-row' })), '--organisation', 'RCL');
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/not a well-formed CSV/);
    const partial = await run(file('partial.csv', generateEsrExtract({ people: 6 })), '--organisation', 'RCL', '--strict');
    expect(partial.code).toBe(1);
    expect(partial.stderr).toMatch(/allow-many-leavers/);
  });
});
