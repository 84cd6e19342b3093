import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/program.ts';
import { databaseTargets } from './support/test-hub.ts';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

describe.each(databaseTargets())('confidence-hub CLI on $name', (target) => {
  let env: NodeJS.ProcessEnv;
  let workDir: string;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), 'hub-cli-'));
    if (target.name === 'postgres') {
      const created = await target.create();
      drop = created.drop;
      env = { DATABASE_URL: created.config.kind === 'postgres' ? created.config.url : '' };
    } else {
      // The embedded database on disk, as `npm start` uses it.
      env = { HUB_DATA_DIR: path.join(workDir, 'data') };
      drop = async () => {};
    }
  });
  afterAll(async () => {
    await drop?.();
    rmSync(workDir, { recursive: true, force: true });
  });

  const run = async (...args: string[]): Promise<CliResult> => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, {
      env,
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
    });
    return { code, stdout, stderr };
  };

  it('migrates the database', async () => {
    const result = await run('db', 'migrate');
    expect(result).toMatchObject({ code: 0, stdout: 'Database is up to date.\n' });
  });

  it('lists frameworks as JSON', async () => {
    const result = await run('framework', 'list', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { id: 'dart-ed-2022', version: '1.1.0', title: 'Developing healthcare workers’ confidence in AI: knowledge and skills framework', items: 242 },
    ]);
  });

  it('shows a framework', async () => {
    const result = await run('framework', 'show', 'dart-ed-2022');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('requirements by table: 1: 30, 2: 20, A1: 33, A2: 35, A4: 52, A5: 46, A7: 26');
  });

  it('exports the canonical JSON to stdout and to a file, and re-imports it as the same framework', async () => {
    const toStdout = await run('framework', 'export', 'dart-ed-2022', '--format', 'json');
    expect(JSON.parse(toStdout.stdout)).toEqual(JSON.parse(readFileSync(new URL('../frameworks/dart-ed-2022.json', import.meta.url), 'utf8')));
    const file = path.join(workDir, 'export.json');
    expect((await run('framework', 'export', 'dart-ed-2022', '--version', '1.1.0', '--format', 'json', '--out', file)).code).toBe(0);
    const imported = await run('framework', 'import', file, '--format', 'json');
    expect(imported).toMatchObject({ code: 0, stdout: 'dart-ed-2022 1.1.0 (already loaded; nothing changed)\n' });
  });

  it('exports CSV and CASE', async () => {
    const csv = await run('framework', 'export', 'dart-ed-2022', '--format', 'csv');
    expect(csv.stdout.split('\r\n').filter(Boolean)).toHaveLength(243);
    const casePackage = JSON.parse((await run('framework', 'export', 'dart-ed-2022', '--format', 'case')).stdout);
    expect(casePackage.CFItems.length).toBeGreaterThan(242);
  });

  it('imports a third-party CASE package and prints the id and version it created', async () => {
    const fixture = new URL('./fixtures/third-party-case-package.json', import.meta.url).pathname;
    const result = await run('framework', 'import', fixture, '--format', 'case');
    expect(result).toMatchObject({ code: 0, stdout: 'example-digital-skills-framework 2.1\n' });
    const list = JSON.parse((await run('framework', 'list', '--json')).stdout) as Array<{ id: string; items: number }>;
    expect(list.find((f) => f.id === 'example-digital-skills-framework')?.items).toBe(5);
  });

  it('imports an imperfect CASE package, keeping stdout to the id and version and listing the warnings on stderr', async () => {
    const fixture = new URL('./fixtures/opensalt-2017-style-case-package.json', import.meta.url).pathname;
    const result = await run('framework', 'import', fixture, '--format', 'case');
    expect(result).toMatchObject({ code: 0, stdout: 'coastal-ecology-standards-invented-sample 1\n' });
    expect(result.stderr).toMatch(/^Imported with 49 warnings:\n/);
    expect(result.stderr).toContain('  A number written as text at CFAssociations[*].sequenceNumber (6 times, first at CFAssociations[0].sequenceNumber): found "1", read as 1\n');
    const refused = path.join(workDir, 'refused.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(refused, JSON.stringify({ CFDocument: { title: 'No identifier' } })));
    const refusal = await run('framework', 'import', refused, '--format', 'case');
    expect(refusal.code).not.toBe(0);
    expect(refusal.stderr).toBe('Error: Not a valid CASE package: CFDocument.identifier is missing; CFDocument.uri is missing; CFDocument.creator is missing (and 1 more problem)\n');
  });

  it('refreshes everyone’s insight contributions, one organisation at a time', async () => {
    const result = await run('insight', 'refresh');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Finished the insight refresh for dart-ed-2022 1\.1\.0: \d+ people in \d+ organisations\.$/m);
    expect(result.stdout).toMatch(/^Rebuilt the requirement, training and journey trends from history for \d+ people\.$/m);
    expect((await run('insight', 'refresh', '--restart')).code).toBe(0);
  });

  it('explains mistakes and exits non-zero', async () => {
    expect((await run('framework', 'show', 'nope')).stderr).toContain('There is no framework nope.');
    const badFormat = await run('framework', 'export', 'dart-ed-2022', '--format', 'pdf');
    expect(badFormat.code).not.toBe(0);
    expect(badFormat.stderr).toMatch(/Allowed choices are json, csv, case/);
    const notJson = path.join(workDir, 'bad.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(notJson, '{oops'));
    expect(await run('framework', 'import', notJson, '--format', 'json')).toMatchObject({ code: 2, stderr: 'Error: The file is not valid JSON.\n' });
  });
});
