import type { FrameworkRepository, FrameworkRow } from '../db/framework.repository.ts';
import { exportCasePackage } from '../domain/case/case-export.ts';
import type { CasePackage } from '../domain/case/case-package.ts';
import type { CaseWarningGroup } from '../domain/case/case-warnings.ts';
import { frameworkDocumentSchema } from '../domain/framework/framework-document.ts';
import type { FrameworkIndex } from '../domain/framework/framework-index.ts';
import { indexFramework } from '../domain/framework/framework-index.ts';
import { compareVersions } from '../domain/framework/versions.ts';

interface EntryBase {
  id: string;
  version: string;
  title: string;
  itemCount: number;
  loadedAt: Date;
  contentHash: string;
  /** What the tolerant CASE reader reported when the framework was imported (issue 16 §3). */
  importWarnings: CaseWarningGroup[];
}

export interface HubEntry extends EntryBase {
  format: 'hub';
  index: FrameworkIndex;
}

export interface CaseEntry extends EntryBase {
  format: 'case';
  casePackage: CasePackage;
}

export type CatalogEntry = HubEntry | CaseEntry;

/**
 * Every loaded framework, held in memory: frameworks are immutable once loaded, so pages and the
 * API read them without touching the database. `refresh` re-reads the table after a load.
 */
export function createFrameworkCatalog(repository: FrameworkRepository, options: { baseUrl: string }) {
  let entries: CatalogEntry[] = [];
  let fingerprint = '';
  const casePackages = new Map<string, CasePackage>();

  function toEntry(row: FrameworkRow): CatalogEntry {
    const base = {
      id: row.frameworkId,
      version: row.version,
      title: row.title,
      itemCount: row.itemCount,
      loadedAt: row.loadedAt,
      contentHash: row.contentHash,
      importWarnings: row.importWarnings,
    };
    if (row.format === 'hub') {
      // Stored documents were validated on load; parsing again guards against hand-edited rows.
      return { ...base, format: 'hub', index: indexFramework(frameworkDocumentSchema.parse(row.document)) };
    }
    return { ...base, format: 'case', casePackage: row.document as CasePackage };
  }

  function entryKey(id: string, version: string): string {
    return `${id}@${version}`;
  }

  return {
    async refresh(): Promise<void> {
      const rows = await repository.listFrameworks();
      const known = new Map(entries.map((e) => [entryKey(e.id, e.version), e]));
      entries = rows.map((row) => known.get(entryKey(row.frameworkId, row.version)) ?? toEntry(row));
      fingerprint = await repository.getFrameworksFingerprint();
    },

    /** Re-reads the table only when another process (the CLI) has loaded something since. */
    async refreshIfChanged(): Promise<void> {
      if ((await repository.getFrameworksFingerprint()) !== fingerprint) await this.refresh();
    },

    list(): readonly CatalogEntry[] {
      return entries;
    },

    /** Changes whenever this process re-reads the frameworks: a key for anything rendered from them. */
    generation(): string {
      return fingerprint;
    },

    /** The given version, or the highest version of that framework when none is given. */
    find(id: string, version?: string): CatalogEntry | undefined {
      const versions = entries.filter((e) => e.id === id);
      if (version !== undefined) return versions.find((e) => e.version === version);
      return versions.sort((a, b) => compareVersions(b.version, a.version))[0];
    },

    versionsOf(id: string): string[] {
      return entries
        .filter((e) => e.id === id)
        .map((e) => e.version)
        .sort(compareVersions);
    },

    /** The CASE package for an entry: ours are generated once per entry and kept. */
    casePackageOf(entry: CatalogEntry): CasePackage {
      if (entry.format === 'case') return entry.casePackage;
      const key = entryKey(entry.id, entry.version);
      let pkg = casePackages.get(key);
      if (!pkg) {
        pkg = exportCasePackage(entry.index.doc, {
          baseUrl: options.baseUrl,
          lastChangeDateTime: entry.loadedAt.toISOString(),
        });
        casePackages.set(key, pkg);
      }
      return pkg;
    },
  };
}

export type FrameworkCatalog = ReturnType<typeof createFrameworkCatalog>;
