import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidence } from '../src/db/schema.ts';
import { createClamdScanner } from '../src/files/clamd-scanner.ts';
import type { ClamdAddress } from '../src/files/clamd-scanner.ts';
import { createTestHub, databaseTargets, storedContent } from './support/test-hub.ts';
import type { TestHub } from './support/test-hub.ts';
import { createVerificationCast, postMultipart, SAMPLE_FILES, topicOf } from './support/verification-fixtures.ts';
import type { VerificationCast } from './support/verification-fixtures.ts';

const CLAMD = '/usr/sbin/clamd';
/** Harmless bytes our own signature database calls a virus: real clamd, no real malware, no network. */
const MARKER = 'AI-CONFIDENCE-HUB-TEST-VIRUS-7f3c9a';
const infectedPdf = Buffer.concat([SAMPLE_FILES.pdf, Buffer.from(`% ${MARKER}\n`)]);
const cleanPdf = Buffer.concat([SAMPLE_FILES.pdf, Buffer.alloc(2000, 0x20)]);

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** clamd answers PING with PONG once its signatures are loaded. */
async function waitForClamd(socketPath: string, clamd: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (clamd.exitCode !== null) throw new Error(`clamd exited with code ${clamd.exitCode}`);
    const answer = await new Promise<string>((resolve) => {
      const socket = net.createConnection(socketPath, () => socket.end('zPING\0'));
      let text = '';
      socket.on('data', (data) => (text += data.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(''));
    });
    if (answer.startsWith('PONG')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('clamd did not answer within 30 s');
}

/** A hub whose uploads go through `scanner`, with a learner signed in on the evidence page. */
async function hubWithScanner(scanner: NonNullable<Parameters<typeof createTestHub>[1]>['virusScanner']) {
  const hub = await createTestHub(databaseTargets()[0]!, { virusScanner: scanner });
  const cast = await createVerificationCast(hub);
  const page = `/evidence/topics/${topicOf(hub, 't1-02')}`;
  const upload = (content: Buffer) => postMultipart(hub, cast.sessions.learner, page, [{ name: 'kind', value: 'file' }, { name: 'file', file: { fileName: 'scan.pdf', contentType: 'application/pdf', content } }]);
  const nothingStored = async () => ({
    rows: (await hub.database.db.select().from(evidence)).length,
    stored: (await storedContent(hub.fileStore)).length,
    staged: await hub.fileStore.removeAbandonedStaging(new Date(Date.now() + 60_000)),
  });
  return { hub, cast, upload, nothingStored };
}

describe('a virus scanner that is configured but cannot be reached', () => {
  let hub: TestHub;
  let upload: (content: Buffer) => ReturnType<typeof postMultipart>;
  let nothingStored: () => Promise<{ rows: number; stored: number; staged: number }>;
  beforeAll(async () => ({ hub, upload, nothingStored } = await hubWithScanner({ kind: 'clamd', socket: path.join(tmpdir(), 'no-such-clamd.sock') })));
  afterAll(() => hub.close());

  it('refuses the upload with a clear message (fail closed), stores nothing, and never answers 500', async () => {
    const response = await upload(cleanPdf);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('The selected file could not be checked for viruses, so it has not been added. Try again later');
    expect(response.body).toContain('href="#file"');
    expect(await nothingStored()).toEqual({ rows: 0, stored: 0, staged: 0 });
  });

  it('calls a refused TCP connection and a closed socket errors, not clean', async () => {
    const port = await freePort();
    expect(await createClamdScanner({ host: '127.0.0.1', port }).scan([cleanPdf])).toMatchObject({ status: 'error' });
    expect(await createClamdScanner({ path: path.join(tmpdir(), 'no-such-clamd.sock') }).scan([cleanPdf])).toMatchObject({ status: 'error' });
  });
});

const hasClamd = existsSync(CLAMD);
const skipReason = `skipped: ${CLAMD} is not installed (Debian package clamav-daemon)`;
if (!hasClamd) process.stderr.write(`ClamAV tests ${skipReason}\n`);

describe.skipIf(!hasClamd)(hasClamd ? 'ClamAV (a real clamd with a test signature)' : `ClamAV, ${skipReason}`, () => {
  let workDir: string;
  let clamd: ChildProcess;
  let unixSocket: ClamdAddress;
  let tcpSocket: ClamdAddress;
  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), 'hub-clamd-'));
    mkdirSync(path.join(workDir, 'db'));
    writeFileSync(path.join(workDir, 'db', 'hub-test.ndb'), `HubTest.Marker:0:*:${Buffer.from(MARKER).toString('hex')}\n`);
    const port = await freePort();
    const socketPath = path.join(workDir, 'clamd.sock');
    const settings = [`LocalSocket ${socketPath}`, `TCPSocket ${port}`, 'TCPAddr 127.0.0.1', 'Foreground yes', `DatabaseDirectory ${path.join(workDir, 'db')}`, 'StreamMaxLength 20M', `PidFile ${path.join(workDir, 'clamd.pid')}`];
    writeFileSync(path.join(workDir, 'clamd.conf'), `${settings.join('\n')}\n`);
    clamd = spawn(CLAMD, ['-c', path.join(workDir, 'clamd.conf')], { stdio: 'ignore' });
    await waitForClamd(socketPath, clamd);
    unixSocket = { path: socketPath };
    tcpSocket = { host: '127.0.0.1', port };
  });
  afterAll(() => {
    clamd?.kill('SIGTERM');
    rmSync(workDir, { recursive: true, force: true });
  });

  it('finds the test signature over a Unix socket and over TCP, and passes clean files, 10 MB included', async () => {
    for (const address of [unixSocket, tcpSocket]) {
      const scanner = createClamdScanner(address);
      expect(await scanner.scan([infectedPdf])).toEqual({ status: 'infected', signature: 'HubTest.Marker.UNOFFICIAL' });
      expect(await scanner.scan([cleanPdf])).toEqual({ status: 'clean' });
    }
    const big = Buffer.concat([SAMPLE_FILES.pdf, Buffer.alloc(10 * 1024 * 1024 - 1000, 0x20)]);
    expect(await createClamdScanner(unixSocket).scan([big.subarray(0, 3_000_000), big.subarray(3_000_000)])).toEqual({ status: 'clean' });
  });

  describe('scanning uploads', () => {
    let hub: TestHub;
    let cast: VerificationCast;
    let upload: (content: Buffer) => ReturnType<typeof postMultipart>;
    let nothingStored: () => Promise<{ rows: number; stored: number; staged: number }>;
    beforeAll(async () => ({ hub, cast, upload, nothingStored } = await hubWithScanner({ kind: 'clamd', socket: (unixSocket as { path: string }).path })));
    afterAll(() => hub.close());

    it('refuses an infected file with a 400 that names the virus, and stores nothing', async () => {
      const response = await upload(infectedPdf);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('The selected file contains a virus (HubTest.Marker.UNOFFICIAL), so it has not been added');
      expect(await nothingStored()).toEqual({ rows: 0, stored: 0, staged: 0 });
      const api = await postMultipart(hub, cast.sessions.learner, '/api/v1/evidence', [{ name: 'topicId', value: topicOf(hub, 't1-02') }, { name: 'kind', value: 'file' }, { name: 'file', file: { fileName: 'x.pdf', contentType: 'application/pdf', content: infectedPdf } }], {
        withCsrf: false,
        headers: { 'x-csrf-token': cast.sessions.learner.csrfToken },
      });
      expect(api.statusCode).toBe(400);
      expect(api.json().errors).toEqual([{ field: 'file', message: 'The selected file contains a virus (HubTest.Marker.UNOFFICIAL), so it has not been added' }]);
    });

    it('stores a clean file', async () => {
      expect((await upload(cleanPdf)).statusCode).toBe(303);
      expect(await nothingStored()).toEqual({ rows: 1, stored: 1, staged: 0 });
    });
  });
});
