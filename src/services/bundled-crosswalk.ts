import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { indexCrosswalk, parseCrosswalk } from '../domain/assurance/crosswalk.ts';
import type { CrosswalkIndex } from '../domain/assurance/crosswalk.ts';

/**
 * The assurance crosswalk shipped in `crosswalks/`. It sits beside `frameworks/`, not in it:
 * loadBundledFrameworks imports every JSON file there as a framework document.
 */
export const BUNDLED_CROSSWALK_FILE = fileURLToPath(new URL('../../crosswalks/assurance-crosswalk.json', import.meta.url));

/**
 * Reads, validates and indexes a crosswalk file. Throws CrosswalkError naming every bad entry;
 * pass the framework's question ids to also check every question is linked and none is unknown.
 */
export function loadCrosswalkFile(file: string, questionIds?: Iterable<string>): CrosswalkIndex {
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  return indexCrosswalk(parseCrosswalk(raw, { source: file, ...(questionIds ? { questionIds } : {}) }));
}

let bundled: CrosswalkIndex | undefined;

/** The bundled crosswalk, read and validated on first use and shared after: it is immutable reference data. */
export function bundledCrosswalk(): CrosswalkIndex {
  bundled ??= loadCrosswalkFile(BUNDLED_CROSSWALK_FILE);
  return bundled;
}
