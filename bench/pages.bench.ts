/**
 * `npm run bench:pages`: starts the hub as `npm start` does (fresh embedded database, in its own
 * process), times start-up to the first page, then loads the unfiltered requirement explorer with
 * autocannon at 50 connections. Prints figures; asserts nothing (machines are shared and noisy).
 * Targets on a 2-core machine: ≥ 1,000 req/s and p99 ≤ 50 ms; first page in < 15 s.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const PATH = '/frameworks/dart-ed-2022/requirements';
// What every browser sends; the hub serves cached pages pre-compressed.
const HEADERS = { 'accept-encoding': 'gzip, deflate, br' };

const dataDir = mkdtempSync(path.join(tmpdir(), 'hub-bench-'));
const started = performance.now();
const server = spawn(process.execPath, ['bin/confidence-hub.mjs', 'serve'], {
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', HUB_DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' },
  stdio: ['ignore', 'pipe', 'inherit'],
});

try {
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let output = '';
    server.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    server.once('exit', (code) => reject(new Error(`the hub exited with code ${code} before it was ready`)));
  });
  const firstPage = await fetch(`${baseUrl}/`);
  const startupSeconds = (performance.now() - started) / 1000;
  if (firstPage.status !== 200) throw new Error(`home page answered ${firstPage.status}`);
  console.log(`start-up on a fresh embedded database to the first page: ${startupSeconds.toFixed(2)} s`);

  // Warm-up: JIT, template compilation and the page cache.
  await autocannon({ url: `${baseUrl}${PATH}`, connections: CONNECTIONS, duration: 2, headers: HEADERS });

  const rounds: Array<{ rps: number; p50: number; p99: number; errors: number }> = [];
  for (let i = 0; i < ROUNDS; i++) {
    const result = await autocannon({ url: `${baseUrl}${PATH}`, connections: CONNECTIONS, duration: SECONDS, headers: HEADERS });
    const errors = result.errors + result.non2xx + result.timeouts;
    rounds.push({ rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors });
  }

  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] ?? NaN;
  };
  console.log(`\nGET ${PATH} (unfiltered explorer, 242 requirements), ${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s`);
  console.log('round  req/s     p50 ms  p99 ms  errors');
  rounds.forEach((r, i) => console.log(`${String(i + 1).padEnd(6)} ${r.rps.toFixed(0).padEnd(9)} ${String(r.p50).padEnd(7)} ${String(r.p99).padEnd(7)} ${r.errors}`));
  console.log(`median ${median(rounds.map((r) => r.rps)).toFixed(0).padEnd(9)} ${String(median(rounds.map((r) => r.p50))).padEnd(7)} ${median(rounds.map((r) => r.p99))}`);
  console.log('targets: >= 1000 req/s, p99 <= 50 ms (autocannon runs on the same machine as the hub)');
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
