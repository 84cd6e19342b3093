import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program.ts';

describe('confidence-hub assurance notify-overdue', () => {
  const workDir = mkdtempSync(path.join(tmpdir(), 'hub-assurance-cli-'));
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('tells the owners of overdue actions and says how many (none on a new hub)', async () => {
    let stdout = '';
    const code = await runCli(['assurance', 'notify-overdue'], { env: { HUB_DATA_DIR: path.join(workDir, 'data') }, stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => {} } });
    expect({ code, stdout }).toEqual({ code: 0, stdout: 'Told the owners of 0 overdue actions.\n' });
  }, 60_000);
});
