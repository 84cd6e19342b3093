import type { AuditRepository } from '../db/audit.repository.ts';
import { AppError } from '../errors.ts';
import type { FrameworkService, ImportFormat, LoadResult } from './framework.service.ts';
import type { Viewer } from './identity/viewer.ts';

interface FrameworkImportDeps {
  frameworks: Pick<FrameworkService, 'importFramework'>;
  audit: Pick<AuditRepository, 'insertAuditEvent'>;
}

/**
 * Importing a framework from the admin page or the API (issue 16 §3). Frameworks are reference data
 * shared by every organisation on the hub (R1), so only platform admins may add one; before this
 * only the operator could, through the CLI.
 */
export function createFrameworkImportService({ frameworks, audit }: FrameworkImportDeps) {
  const mayImport = (viewer: Viewer | null): boolean => viewer !== null && viewer.roles.includes('platform-admin');

  return {
    mayImport,

    /** Imports the file as the viewer, and records who did it and what the reader found. */
    async importAs({ viewer, content, format, fileName }: { viewer: Viewer; content: string; format: ImportFormat; fileName?: string }): Promise<LoadResult> {
      if (!mayImport(viewer)) throw new AppError('forbidden', 'Only platform admins can import frameworks.');
      const result = await frameworks.importFramework({ content, format });
      const warnings = result.warnings.reduce((n, g) => n + g.count, 0);
      await audit.insertAuditEvent({
        organisationId: viewer.organisationId,
        actorId: viewer.personId,
        action: 'framework.imported',
        detail: { frameworkId: result.id, version: result.version, format: result.format, status: result.status, warnings, ...(fileName ? { fileName } : {}) },
      });
      return result;
    },
  };
}

export type FrameworkImportService = ReturnType<typeof createFrameworkImportService>;
