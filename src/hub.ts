import type { HubConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import type { ProgressReporter } from './db/client.ts';
import type { DatabaseHandle } from './db/client.ts';
import { createRepositories } from './db/index.ts';
import { createRatingPartitionsRepository } from './db/rating-partitions.repository.ts';
import type { RatingPartitionReport } from './db/rating-partitions.repository.ts';
import type { FileStore } from './files/file-store.ts';
import { openFileStore } from './files/open-file-store.ts';
import { createVirusScanner } from './files/virus-scanner.ts';
import { loadBundledFrameworks } from './services/bundled-frameworks.ts';
import type { LoadResult } from './services/framework.service.ts';
import { createServices } from './services/index.ts';
import type { Services } from './services/index.ts';
import type { OidcClientSeams } from './services/identity/oidc-client.ts';
import type { StaffRecordLookup } from './services/identity/staff-record-lookup.ts';
import type { LegacyMigrationReport } from './services/verification/evidence-content.service.ts';

export interface Hub {
  database: DatabaseHandle;
  fileStore: FileStore;
  services: Services;
  bundled: LoadResult[];
  /** What this start moved from evidence_files into the file store, and what it had to leave there. */
  legacyContent: LegacyMigrationReport;
  /** What this start found of topic_ratings' monthly partitions (it makes the coming months'). */
  ratingPartitions: RatingPartitionReport;
  /** Makes the coming months' topic_ratings partitions if missing: at start, then daily (server.ts). */
  ensureRatingPartitions(): Promise<RatingPartitionReport>;
  close(): Promise<void>;
}

export function baseUrlOf(config: Pick<HubConfig, 'publicUrl' | 'host' | 'port'>): string {
  return (config.publicUrl ?? `http://${config.host}:${config.port}`).replace(/\/$/, '');
}

export type HubOpenConfig = Pick<HubConfig, 'database' | 'publicUrl' | 'host' | 'port' | 'files' | 'virusScanner' | 'demoSyntheticPeople' | 'mail' | 'oidc' | 'localPasswords' | 'credentialKeyEncryptionKey'> & {
  /** Tests only: the provider's HTTP and clock, and the staff records that pre-link CIS2 identities. */
  oidcSeams?: OidcClientSeams;
  staffRecords?: StaffRecordLookup;
};

/**
 * Opens the database, brings its schema up to date, moves evidence file content stored before the
 * file store into it, loads the bundled frameworks and wires the services: what the server, every
 * CLI command and the integration tests start from.
 */
export async function openHub(config: HubOpenConfig, onProgress: ProgressReporter = () => undefined): Promise<Hub> {
  const database = await openDatabase(config.database, onProgress);
  let fileStore: FileStore | undefined;
  try {
    onProgress('applying database migrations');
    await database.migrate();
    const { ensureRatingPartitions } = createRatingPartitionsRepository(database.db);
    onProgress('making the coming months\' rating partitions');
    const ratingPartitions = await ensureRatingPartitions();
    onProgress('loading the bundled frameworks');
    fileStore = await openFileStore(config.files, { kind: config.database, db: database.db });
    // Message-IDs end in the hub's own host name.
    const mailHost = new URL(baseUrlOf(config)).hostname;
    const services = await createServices(createRepositories(database.db, { mailHost }), {
      baseUrl: baseUrlOf(config),
      mail: config.mail,
      mailHost,
      fileStore,
      virusScanner: createVirusScanner(config.virusScanner),
      demoSyntheticPeople: config.demoSyntheticPeople,
      oidc: config.oidc ?? null,
      localPasswords: config.localPasswords ?? true,
      ...(config.credentialKeyEncryptionKey ? { credentialKeyEncryptionKey: config.credentialKeyEncryptionKey } : {}),
      ...(config.oidcSeams ? { oidcSeams: config.oidcSeams } : {}),
      ...(config.staffRecords ? { staffRecords: config.staffRecords } : {}),
    });
    const legacyContent = await services.evidenceContent.migrateLegacyEvidenceContent();
    const bundled = await loadBundledFrameworks(services.frameworks);
    const store = fileStore;
    return {
      database,
      fileStore: store,
      services,
      bundled,
      legacyContent,
      ratingPartitions,
      ensureRatingPartitions: () => ensureRatingPartitions(),
      async close() {
        await services.mailDelivery?.close();
        await database.close();
        await store.close();
      },
    };
  } catch (error) {
    await database.close();
    await fileStore?.close();
    throw error;
  }
}
