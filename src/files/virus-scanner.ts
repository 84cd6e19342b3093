import type { VirusScannerConfig } from '../config.ts';
import { createClamdScanner } from './clamd-scanner.ts';
import type { ByteSource } from './file-store.ts';

/** What a scanner says about some content. `error` means it could not tell: callers refuse the file (fail closed). */
export type ScanVerdict = { status: 'clean' } | { status: 'infected'; signature: string } | { status: 'error'; reason: string };

export interface VirusScanner {
  scan(content: ByteSource): Promise<ScanVerdict>;
}

/** The configured scanner, or null when scanning is off (the default). */
export function createVirusScanner(config: VirusScannerConfig | null | undefined, warn: (message: string) => void = defaultWarn): VirusScanner | null {
  if (!config) return null;
  return createClamdScanner('socket' in config ? { path: config.socket } : { host: config.host, port: config.port }, { warn });
}

function defaultWarn(message: string): void {
  process.emitWarning(message, 'VirusScannerWarning');
}
