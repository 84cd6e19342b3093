import type { AddressInfo } from 'node:net';
import { createTestHub, databaseTargets } from '../../test/support/test-hub.ts';
import type { TestHub } from '../../test/support/test-hub.ts';

export interface RunningHub {
  hub: TestHub;
  /** Where the hub listens, without a trailing slash: `http://127.0.0.1:PORT`. */
  baseUrl: string;
  close(): Promise<void>;
}

/** A hub on a fresh in-memory PGlite database, listening on a free local port for a browser. */
export async function startHubServer(): Promise<RunningHub> {
  const [pglite] = databaseTargets();
  if (!pglite) throw new Error('No PGlite database target');
  const hub = await createTestHub(pglite);
  try {
    await hub.app.listen({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    await hub.close();
    throw error;
  }
  const { port } = hub.app.server.address() as AddressInfo;
  return { hub, baseUrl: `http://127.0.0.1:${port}`, close: () => hub.close() };
}
