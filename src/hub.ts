import type { HubConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import type { ProgressReporter } from './db/client.ts';
import type { DatabaseHandle } from './db/client.ts';
import { createRepositories } from './db/index.ts';
import { loadBundledFrameworks } from './services/bundled-frameworks.ts';
import type { LoadResult } from './services/framework.service.ts';
import { createServices } from './services/index.ts';
import type { Services } from './services/index.ts';

export interface Hub {
  database: DatabaseHandle;
  services: Services;
  bundled: LoadResult[];
  close(): Promise<void>;
}

export function baseUrlOf(config: Pick<HubConfig, 'publicUrl' | 'host' | 'port'>): string {
  return (config.publicUrl ?? `http://${config.host}:${config.port}`).replace(/\/$/, '');
}

/**
 * Opens the database, brings its schema up to date, loads the bundled frameworks and wires the
 * services: what the server, every CLI command and the integration tests start from.
 */
export async function openHub(config: Pick<HubConfig, 'database' | 'publicUrl' | 'host' | 'port'>, onProgress: ProgressReporter = () => undefined): Promise<Hub> {
  const database = await openDatabase(config.database, onProgress);
  try {
    onProgress('applying database migrations');
    await database.migrate();
    onProgress('loading the bundled frameworks');
    const services = await createServices(createRepositories(database.db), { baseUrl: baseUrlOf(config) });
    const bundled = await loadBundledFrameworks(services.frameworks);
    return { database, services, bundled, close: () => database.close() };
  } catch (error) {
    await database.close();
    throw error;
  }
}
