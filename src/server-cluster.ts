import cluster from 'node:cluster';
import type { Worker } from 'node:cluster';
import type { HubConfig } from './config.ts';
import { openHub } from './hub.ts';
import { startServer } from './server.ts';
import type { DemoAccount } from './services/demo/demo-dataset.ts';

/**
 * Several hub processes behind one port, on PostgreSQL: Node's cluster hands connections to the
 * workers in turn. Everything they share (sessions, sign-in throttles, view stamps) lives in the
 * database, so any worker can answer any request. The primary migrates once before forking, so
 * workers never race each other to apply a migration.
 */
type WorkerMessage = { type: 'listening'; url: string };
const isListening = (message: unknown): message is WorkerMessage => (message as WorkerMessage | null)?.type === 'listening';

export interface RunningCluster {
  url: string;
  processes: number;
  demo: { accounts: DemoAccount[]; password: string };
  close(): Promise<void>;
}

export async function startCluster(config: HubConfig, log: (line: string) => void): Promise<RunningCluster> {
  const hub = await openHub(config);
  const demo = { accounts: await hub.services.demo.demoAccounts(), password: hub.services.demo.password };
  await hub.close();

  let stopping = false;
  const fork = (): Promise<{ worker: Worker; url: string }> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork({ HUB_CLUSTER_WORKER: '1' });
      const onExit = (code: number | null) => reject(new Error(`a hub process exited with code ${code} while starting`));
      worker.once('exit', onExit);
      worker.on('message', (message: unknown) => {
        if (!isListening(message)) return;
        worker.off('exit', onExit);
        // A worker that dies later (a crash, an out-of-memory kill) is replaced; the others serve meanwhile.
        worker.once('exit', (code) => {
          if (stopping) return;
          log(`a hub process exited (code ${code}); starting another`);
          fork().catch((error: unknown) => log(`could not replace a hub process: ${String(error)}`));
        });
        resolve({ worker, url: message.url });
      });
    });

  const started = await Promise.all(Array.from({ length: config.processes }, fork));
  return {
    url: started[0]?.url ?? '',
    processes: started.length,
    demo,
    async close() {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((resolve) => {
              worker.once('exit', () => resolve());
              worker.send('shutdown');
            }),
        ),
      );
    },
  };
}

/** A worker of the cluster: serves until the primary says to stop. */
export async function serveAsClusterWorker(config: HubConfig): Promise<void> {
  const server = await startServer(config);
  process.send?.({ type: 'listening', url: server.url } satisfies WorkerMessage);
  await new Promise<void>((resolve) => {
    const stop = () => void server.close().finally(resolve);
    process.on('message', (message) => message === 'shutdown' && stop());
    // Ctrl+C reaches the whole process group; the primary decides when workers stop.
    process.on('SIGINT', () => undefined);
    process.once('SIGTERM', stop);
  });
}

export const isClusterWorker = (): boolean => cluster.isWorker && process.env.HUB_CLUSTER_WORKER === '1';
