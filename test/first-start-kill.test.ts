import { DEMO_ORGANISATIONS, DEMO_PEOPLE } from '../src/services/demo/demo-dataset.ts';
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';

const HUB = path.resolve('bin/confidence-hub.mjs');

interface Start {
  process: ChildProcessByStdio<null, Readable, Readable>;
  output(): string;
  /** Resolves when the output contains `text`; rejects if the hub exits first. */
  waitFor(text: string): Promise<void>;
}

function startHub(dataDir: string): Start {
  const child = spawn(process.execPath, [HUB, 'serve'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', HUB_DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return {
    process: child,
    output: () => output,
    waitFor: (text) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!output.includes(text)) return;
          listeners.delete(check);
          child.off('exit', exited);
          resolve();
        };
        const exited = (code: number | null) => reject(new Error(`the hub exited (code ${code}) before printing "${text}":\n${output}`));
        listeners.add(check);
        child.once('exit', exited);
        check();
      }),
  };
}

async function killHard(start: Start): Promise<void> {
  const exited = new Promise((resolve) => start.process.once('exit', resolve));
  start.process.kill('SIGKILL');
  await exited;
}

/**
 * `kill -9` (or a power cut) while the hub starts for the first time must leave a database that
 * starts next time, with the demo data whole: the cluster is made in a scratch folder and renamed
 * into place, migrations and the demo data each load in one transaction.
 */
describe('a first start killed part-way', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hub-kill-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts next time, whichever step it was killed in, with the demo data loaded once and whole', { timeout: 300_000 }, async () => {
    const killPoints = [
      { step: 'creating the embedded database', after: 400 },
      { step: 'applying database migrations', after: 30 },
      { step: 'loading demo data', after: 40 },
    ];
    for (const { step, after } of killPoints) {
      const start = startHub(dataDir);
      await start.waitFor(step);
      await new Promise((resolve) => setTimeout(resolve, after));
      await killHard(start);
      expect(start.output(), `killed while ${step}`).not.toContain('is running at');
    }
    const last = startHub(dataDir);
    try {
      await last.waitFor('is running at');
      await last.waitFor('press Ctrl+C');
      expect(last.output()).toContain(`Loaded demo data: ${DEMO_ORGANISATIONS.length} organisations, ${DEMO_PEOPLE.length} people`);
      const url = /running at (http:\/\/\S+)/.exec(last.output())?.[1];
      const signIn = await fetch(`${url}/sign-in`);
      expect(signIn.status).toBe(200);
      const page = await signIn.text();
      expect(page).toContain('morgan.hale@demo.confidence-hub.example');
      expect(page).toContain('ben.ashworth@demo.confidence-hub.example');
    } finally {
      last.process.kill('SIGTERM');
      await new Promise((resolve) => last.process.once('exit', resolve));
    }
  });
});
