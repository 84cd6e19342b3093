/**
 * `npm run bench:upload-stall`: how long one 10 MB evidence upload, and its download, stall the
 * hub's event loop. Opens an embedded hub in a temporary data folder, serves it on a loopback port,
 * and has curl (another process, so the client costs this loop nothing) upload and then download a
 * 10 MB PDF through the API while perf_hooks.monitorEventLoopDelay watches this process.
 * BENCH_DATABASE_URL (an empty PostgreSQL database) measures the database file store instead.
 * Prints figures; asserts nothing (machines are shared and noisy).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { buildApp } from '../src/app.ts';
import { openHub } from '../src/hub.ts';
import { createTestOrganisations, createTestPerson, signIn } from '../test/support/people-fixtures.ts';
import type { TestHub } from '../test/support/test-hub.ts';
import { SAMPLE_FILES, topicOf } from '../test/support/verification-fixtures.ts';

const run = promisify(execFile);
const FILE_BYTES = 10 * 1024 * 1024 - 1024;

const dataDir = mkdtempSync(path.join(tmpdir(), 'hub-upload-stall-'));
const postgresUrl = process.env.BENCH_DATABASE_URL;
const hub = await openHub({ database: postgresUrl ? { kind: 'postgres', url: postgresUrl } : { kind: 'embedded', dataDir }, publicUrl: undefined, host: '127.0.0.1', port: 0 });
const app = await buildApp({ services: hub.services });
try {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const testHub = { ...hub, app } as TestHub;
  const { trust } = await createTestOrganisations(testHub);
  const person = await createTestPerson(testHub, { organisationId: trust.id, name: 'Upload Bench' });
  const session = await signIn(app, person.email);
  const topicId = topicOf(testHub, 't1-02');
  const filePath = path.join(dataDir, 'ten-megabytes.pdf');
  writeFileSync(filePath, Buffer.concat([SAMPLE_FILES.pdf, Buffer.alloc(FILE_BYTES - SAMPLE_FILES.pdf.length, 0x20)]));

  const measure = async (label: string, work: () => Promise<string>) => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const started = performance.now();
    const output = await work();
    const seconds = (performance.now() - started) / 1000;
    delay.disable();
    const ms = (ns: number) => (ns / 1e6).toFixed(1);
    console.log(`${label.padEnd(30)} ${seconds.toFixed(2).padStart(6)} s   delay max ${ms(delay.max).padStart(7)} ms  p99 ${ms(delay.percentile(99)).padStart(7)} ms  mean ${ms(delay.mean).padStart(6)} ms`);
    return output;
  };
  const headers = ['-H', `cookie: ${session.cookie}`, '-H', `x-csrf-token: ${session.csrfToken}`];
  console.log(`10 MB PDF (${FILE_BYTES} bytes), ${postgresUrl ? 'PostgreSQL' : 'embedded database'}, ${hub.fileStore.kind} file store, real listening server, curl as the client`);
  const created = await measure('upload (POST /api/v1/evidence)', async () => {
    const { stdout } = await run('curl', ['-sS', '-X', 'POST', ...headers, '-F', `topicId=${topicId}`, '-F', 'kind=file', '-F', `file=@${filePath};type=application/pdf`, `${baseUrl}/api/v1/evidence`]);
    return stdout;
  });
  const { id } = JSON.parse(created) as { id: string };
  if (!id) throw new Error(`upload failed: ${created}`);
  await measure('download (GET …/file)', async () => {
    const { stdout } = await run('curl', ['-sS', '-o', '/dev/null', '-w', '%{http_code} %{size_download}', ...headers, `${baseUrl}/api/v1/evidence/${id}/file`]);
    if (!stdout.startsWith('200 ')) throw new Error(`download answered ${stdout}`);
    return stdout;
  });
} finally {
  await app.close();
  await hub.close();
  rmSync(dataDir, { recursive: true, force: true });
}
