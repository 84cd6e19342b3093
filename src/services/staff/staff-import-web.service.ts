import type { AuditRepository } from '../../db/audit.repository.ts';
import type { OrganisationRow } from '../../db/organisation.repository.ts';
import type { StaffImportFileRepository } from '../../db/staff-import-file.repository.ts';
import type { StaffImportRepository, StaffImportRunRow } from '../../db/staff-import.repository.ts';
import { CANONICAL_FIELDS } from '../../domain/staff-import/column-map.ts';
import type { ColumnMap } from '../../domain/staff-import/column-map.ts';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { AccessPolicy } from '../people/access-policy.ts';
import { importOptionsSchema } from './staff-import.service.ts';
import type { StaffImportOutcome, StaffImportService } from './staff-import.service.ts';

/** How long an uploaded extract waits for "Apply" before it is removed. */
export const KEEP_UPLOAD_MS = 24 * 60 * 60 * 1000;
const HEADER_MAX = 200;

export interface StaffImportWebDeps {
  staffImport: Pick<StaffImportService, 'previewStaffImport' | 'applyStaffImport' | 'saveImportSettings'>;
  staffImportRepository: Pick<StaffImportRepository, 'getRun' | 'listRuns' | 'getImportMap'>;
  files: StaffImportFileRepository;
  auditRepository: Pick<AuditRepository, 'insertAuditEvent'>;
  access: Pick<AccessPolicy, 'assertCanAdministerOrganisation'>;
  now?: () => Date;
}

export interface ImportSettings {
  columns: ColumnMap;
  fullExtract: boolean;
  leaverThresholdPct: number;
}

export interface RunView {
  organisation: OrganisationRow;
  run: StaffImportRunRow;
  /** A dry run whose file is still kept can be applied from the page. */
  canApply: boolean;
}

/**
 * The staff import as an organisation admin uses it on the web (issue 15 §2): upload, look at the
 * dry run, apply the same bytes, and keep the organisation's column map. The import itself is
 * the staff import service's; this adds keeping the upload between the two steps.
 */
export function createStaffImportWebService(deps: StaffImportWebDeps) {
  const now = deps.now ?? (() => new Date());

  async function runFor(viewer: Viewer, runId: string): Promise<{ organisation: OrganisationRow; run: StaffImportRunRow }> {
    const run = await deps.staffImportRepository.getRun(runId);
    if (!run) throw new AppError('not_found', 'There is no such staff import.');
    return { organisation: await deps.access.assertCanAdministerOrganisation(viewer, run.organisationId), run };
  }

  async function settingsOf(organisationId: string): Promise<ImportSettings> {
    const saved = await deps.staffImportRepository.getImportMap(organisationId);
    const options = importOptionsSchema.parse({ ...((saved?.options ?? {}) as object), map: (saved?.columns ?? {}) as ColumnMap });
    return { columns: options.map, fullExtract: options.fullExtract, leaverThresholdPct: options.leaverThresholdPct };
  }

  return {
    /** Works out what the file would change and keeps it for "Apply"; a refused file is not kept. */
    async previewUpload({ viewer, organisationId, fileName, content, fullExtract, allowManyLeavers }: { viewer: Viewer; organisationId: string; fileName: string; content: Buffer; fullExtract: boolean; allowManyLeavers: boolean }): Promise<StaffImportOutcome> {
      await deps.access.assertCanAdministerOrganisation(viewer, organisationId);
      const at = now();
      await deps.files.dropExpiredFiles(at);
      const outcome = await deps.staffImport.previewStaffImport({ actor: { viewer }, organisationId, file: { name: fileName, source: content }, options: { fullExtract, allowManyLeavers } });
      if (outcome.mode === 'dry-run') await deps.files.keepFile({ runId: outcome.runId, organisationId, content, expiresAt: new Date(at.getTime() + KEEP_UPLOAD_MS) });
      return outcome;
    },

    async viewRun({ viewer, runId }: { viewer: Viewer; runId: string }): Promise<RunView> {
      const { organisation, run } = await runFor(viewer, runId);
      return { organisation, run, canApply: run.mode === 'dry-run' && (await deps.files.hasFile(run.id, now())) };
    },

    /** Applies the kept bytes of a dry run, then removes them. */
    async applyRun({ viewer, runId, fileSha256 }: { viewer: Viewer; runId: string; fileSha256: string }): Promise<StaffImportOutcome> {
      const { run } = await runFor(viewer, runId);
      if (run.mode === 'applied') throw new AppError('conflict', 'This import has already been applied.');
      const content = await deps.files.getFile(run.id, now());
      if (!content) throw new AppError('conflict', 'The uploaded file is no longer kept (files wait 24 hours for “Apply”): upload it again.');
      const outcome = await deps.staffImport.applyStaffImport({ actor: { viewer }, runId, fileSha256, file: { source: content } });
      await deps.files.dropFile(run.id);
      return outcome;
    },

    async listRuns({ viewer, organisationId }: { viewer: Viewer; organisationId: string }): Promise<{ organisation: OrganisationRow; runs: StaffImportRunRow[] }> {
      const organisation = await deps.access.assertCanAdministerOrganisation(viewer, organisationId);
      return { organisation, runs: await deps.staffImportRepository.listRuns(organisation.id, 20) };
    },

    async getSettings({ viewer, organisationId }: { viewer: Viewer; organisationId: string }): Promise<{ organisation: OrganisationRow; settings: ImportSettings }> {
      const organisation = await deps.access.assertCanAdministerOrganisation(viewer, organisationId);
      return { organisation, settings: await settingsOf(organisation.id) };
    },

    /** Saves the headers this organisation's extracts use (blank: the usual names) and its options, audited. */
    async saveSettings({ viewer, organisationId, settings }: { viewer: Viewer; organisationId: string; settings: ImportSettings }): Promise<void> {
      const organisation = await deps.access.assertCanAdministerOrganisation(viewer, organisationId);
      const problems: Array<{ field: string; message: string }> = CANONICAL_FIELDS.filter((field) => (settings.columns[field]?.length ?? 0) > HEADER_MAX).map((field) => ({ field, message: `The column name must be ${HEADER_MAX} characters or fewer` }));
      if (!Number.isInteger(settings.leaverThresholdPct) || settings.leaverThresholdPct < 0 || settings.leaverThresholdPct > 100) problems.push({ field: 'leaverThresholdPct', message: 'Enter a whole number from 0 to 100' });
      if (problems.length > 0) throw new AppError('invalid', 'The import settings were not saved.', problems);
      const columns = Object.fromEntries(CANONICAL_FIELDS.flatMap((field) => (settings.columns[field]?.trim() ? [[field, settings.columns[field].trim()]] : [])));
      const options = { fullExtract: settings.fullExtract, leaverThresholdPct: settings.leaverThresholdPct };
      await deps.staffImport.saveImportSettings({ actor: { viewer }, organisationId: organisation.id, settings: { map: columns, ...options } });
      await deps.auditRepository.insertAuditEvent({ organisationId: organisation.id, actorId: viewer.personId, subjectId: organisation.id, action: 'staff-import.settings-saved', detail: { columns, options } });
    },
  };
}

export type StaffImportWebService = ReturnType<typeof createStaffImportWebService>;
