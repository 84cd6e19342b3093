import { spawn } from 'node:child_process';

/** The hub started as `npm start` starts it, in its own process (several, on PostgreSQL). */
export interface HubProcess {
  url: string;
  /** From the banner: "N processes" on PostgreSQL, one otherwise. */
  processes: number;
  startupSeconds: number;
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 20_000;

export async function startHubProcess(env: Record<string, string>): Promise<HubProcess> {
  const started = performance.now();
  // BENCH_HUB_NODE_ARGS passes Node options to the hub alone, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_HUB_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, 'bin/confidence-hub.mjs', 'serve'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let banner = '';
  const ready = await new Promise<{ url: string; processes: number }>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      banner += chunk.toString();
      const url = /running at (http:\/\/\S+)/.exec(banner)?.[1];
      // The database line follows the URL line; wait for it to read the process count.
      if (!url || !/database: .*\n/.test(banner)) return;
      child.stdout.off('data', onData);
      child.stdout.resume();
      resolve({ url, processes: Number(/(\d+) processes/.exec(banner)?.[1] ?? 1) });
    };
    child.stdout.on('data', onData);
    void exited.then((code) => reject(new Error(`the hub exited with code ${code} before it was ready:\n${banner}`)));
  });
  return {
    ...ready,
    startupSeconds: (performance.now() - started) / 1000,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
