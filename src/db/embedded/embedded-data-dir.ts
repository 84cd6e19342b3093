import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Where the embedded database's PostgreSQL cluster lives inside the hub's data folder, and how a
 * brand-new one is made without ever leaving a half-made one behind.
 *
 * Layout: `<HUB_DATA_DIR>/database` holds the cluster (evidence files sit beside it). Hubs from
 * before this layout kept the cluster in the data folder itself; that is still used where found.
 */
const CLUSTER_DIR = 'database';
const INITIALISING_DIR = 'database.initialising';

const isCluster = (dir: string) => existsSync(path.join(dir, 'PG_VERSION'));

/** The folder of an existing cluster, or null on a first start. */
export function findEmbeddedCluster(dataDir: string): string | null {
  if (isCluster(dataDir)) return dataDir;
  const cluster = path.join(dataDir, CLUSTER_DIR);
  return isCluster(cluster) ? cluster : null;
}

/**
 * Makes a new cluster in a scratch folder and renames it into place only once it is complete, so
 * a start killed part-way (power cut, `kill -9`) leaves either nothing or a whole cluster; the
 * next start throws away any half-made scratch folder and begins again.
 */
export async function createEmbeddedCluster(dataDir: string, initialise: (dir: string) => Promise<void>): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  const scratch = path.join(dataDir, INITIALISING_DIR);
  await rm(scratch, { recursive: true, force: true });
  await initialise(scratch);
  const cluster = path.join(dataDir, CLUSTER_DIR);
  await rename(scratch, cluster);
  return cluster;
}
