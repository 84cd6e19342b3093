import type { FrameworkRepository } from '../db/framework.repository.ts';
import { importCasePackage } from '../domain/case/case-import.ts';
import type { CasePackage } from '../domain/case/case-package.ts';
import { CaseRefusal } from '../domain/case/case-reader.ts';
import { groupCaseWarnings } from '../domain/case/case-warnings.ts';
import type { CaseWarningGroup } from '../domain/case/case-warnings.ts';
import { contentHash } from '../domain/framework/content-hash.ts';
import { exportRequirementsCsv } from '../domain/framework/framework-csv.ts';
import type { FrameworkDocument } from '../domain/framework/framework-document.ts';
import { findReferenceProblems, frameworkDocumentSchema } from '../domain/framework/framework-document.ts';
import { AppError } from '../errors.ts';
import type { CatalogEntry, FrameworkCatalog, HubEntry } from './framework-catalog.ts';

export const EXPORT_FORMATS = ['json', 'csv', 'case'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const IMPORT_FORMATS = ['json', 'case'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface LoadResult {
  id: string;
  version: string;
  format: 'hub' | 'case';
  /** 'created' when stored now, 'unchanged' when the identical content was already loaded. */
  status: 'created' | 'unchanged';
  /**
   * Deviations from CASE the tolerant reader found and what it did about them, grouped by kind and
   * place; empty for the hub's own documents. An unchanged reload reports them again.
   */
  warnings: CaseWarningGroup[];
}

export interface FrameworkSummary {
  id: string;
  version: string;
  title: string;
  format: 'hub' | 'case';
  items: number;
}

export interface ExportedFile {
  filename: string;
  contentType: string;
  body: string;
}

interface FrameworkServiceDeps {
  frameworkRepository: FrameworkRepository;
  catalog: FrameworkCatalog;
}

export function createFrameworkService({ frameworkRepository, catalog }: FrameworkServiceDeps) {
  /** Stores a validated framework once; identical reloads are no-ops, changed content is refused. */
  async function storeFramework(entry: {
    id: string;
    version: string;
    title: string;
    format: 'hub' | 'case';
    itemCount: number;
    document: unknown;
    warnings?: CaseWarningGroup[];
  }): Promise<LoadResult> {
    const warnings = entry.warnings ?? [];
    const hash = contentHash(entry.document);
    const { stored, inserted } = await frameworkRepository.insertFrameworkIfAbsent({
      frameworkId: entry.id,
      version: entry.version,
      title: entry.title,
      format: entry.format,
      contentHash: hash,
      itemCount: entry.itemCount,
      document: entry.document,
      importWarnings: warnings,
    });
    if (!inserted && stored.contentHash !== hash) {
      throw new AppError(
        'conflict',
        `Framework ${entry.id} version ${entry.version} is already loaded with different content. ` +
          'A loaded framework version never changes: give the new content a new version.',
      );
    }
    if (inserted) await catalog.refresh();
    return { id: entry.id, version: entry.version, format: entry.format, status: inserted ? 'created' : 'unchanged', warnings };
  }

  function parseFrameworkDocument(input: unknown): FrameworkDocument {
    const parsed = frameworkDocumentSchema.safeParse(input);
    if (!parsed.success) {
      const details = parsed.error.issues.slice(0, 20).map((i) => ({ field: i.path.join('.') || '(document)', message: i.message }));
      throw new AppError('invalid', 'The framework document is not valid.', details);
    }
    const problems = findReferenceProblems(parsed.data);
    if (problems.length > 0) {
      throw new AppError(
        'invalid',
        'The framework document refers to things it does not define.',
        problems.slice(0, 20).map((message) => ({ field: '(references)', message })),
      );
    }
    return parsed.data;
  }

  async function loadFrameworkDocument({ document, warnings }: { document: unknown; warnings?: CaseWarningGroup[] }): Promise<LoadResult> {
    const doc = parseFrameworkDocument(document);
    return storeFramework({ id: doc.id, version: doc.version, title: doc.title, format: 'hub', itemCount: doc.requirements.length, document: doc, warnings });
  }

  async function importFramework({ content, format }: { content: string; format: ImportFormat }): Promise<LoadResult> {
    let input: unknown;
    try {
      input = JSON.parse(content);
    } catch {
      throw new AppError('invalid', 'The file is not valid JSON.');
    }
    if (format === 'json') return loadFrameworkDocument({ document: input });
    let imported: ReturnType<typeof importCasePackage>;
    try {
      imported = importCasePackage(input);
    } catch (error) {
      // Only a refusal is the file's fault; anything else is a bug and must not be dressed as one.
      if (error instanceof CaseRefusal) throw new AppError('invalid', error.message);
      throw error;
    }
    const warnings = groupCaseWarnings(imported.warnings);
    if (imported.kind === 'hub') return loadFrameworkDocument({ document: imported.document, warnings });
    return storeFramework({
      id: imported.id,
      version: imported.version,
      title: imported.title,
      format: 'case',
      itemCount: imported.itemCount,
      document: imported.package,
      warnings,
    });
  }

  function listFrameworks(): FrameworkSummary[] {
    return catalog.list().map((e) => ({ id: e.id, version: e.version, title: e.title, format: e.format, items: e.itemCount }));
  }

  function getFramework({ id, version }: { id: string; version?: string | undefined }): CatalogEntry {
    const entry = catalog.find(id, version);
    if (!entry) {
      throw new AppError('not_found', version ? `There is no framework ${id} version ${version}.` : `There is no framework ${id}.`);
    }
    return entry;
  }

  /** A framework in the hub's own format, with archetypes, tiers and levels (not an imported CASE package). */
  function getHubFramework(options: { id: string; version?: string | undefined }): HubEntry {
    const entry = getFramework(options);
    if (entry.format !== 'hub') {
      throw new AppError('not_found', `Framework ${entry.id} is an imported CASE package: it has no archetypes, tiers or levels.`);
    }
    return entry;
  }

  function exportFramework({ id, version, format }: { id: string; version?: string | undefined; format: ExportFormat }): ExportedFile {
    const entry = getFramework({ id, version });
    const base = `${entry.id}-${entry.version}`;
    if (format === 'case') {
      return { filename: `${base}.case.json`, contentType: 'application/json', body: JSON.stringify(catalog.casePackageOf(entry), null, 2) };
    }
    if (entry.format !== 'hub') {
      throw new AppError('invalid', `Framework ${entry.id} was imported from CASE and can only be exported as CASE.`);
    }
    if (format === 'csv') {
      return { filename: `${base}.csv`, contentType: 'text/csv; charset=utf-8', body: exportRequirementsCsv(entry.index.doc) };
    }
    return { filename: `${base}.json`, contentType: 'application/json', body: JSON.stringify(entry.index.doc, null, 2) + '\n' };
  }

  function getCasePackage(entry: CatalogEntry): CasePackage {
    return catalog.casePackageOf(entry);
  }

  return { loadFrameworkDocument, importFramework, listFrameworks, getFramework, getHubFramework, exportFramework, getCasePackage };
}

export type FrameworkService = ReturnType<typeof createFrameworkService>;
