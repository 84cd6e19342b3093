import { z } from 'zod';
import type { Database } from '../../db/client.ts';
import type { StaffImportRepository, StaffImportRunRow } from '../../db/staff-import.repository.ts';
import type { AppliedRows, AuditRow } from '../../db/staff-import-writes.ts';
import { inTransaction } from '../../db/transaction.ts';
import { CANONICAL_FIELDS } from '../../domain/staff-import/column-map.ts';
import type { ColumnMap } from '../../domain/staff-import/column-map.ts';
import type { RowError } from '../../domain/staff-import/esr-row.ts';
import { planFingerprint, planStaffImport } from '../../domain/staff-import/plan.ts';
import type { StaffPlan, StaffPlanCounts } from '../../domain/staff-import/plan.ts';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { InsightContributions } from '../insight/insight-contributions.ts';
import type { AccessPolicy } from '../people/access-policy.ts';
import { parseExtract, readExtract } from './staff-extract-reader.ts';
import type { ExtractSource } from './staff-extract-reader.ts';

/** The first errors kept with a run; the count keeps them all. */
const ERRORS_KEPT = 1_000;

/** A signed-in admin, or the command line (whoever can run it holds the database). */
export type ImportActor = { viewer: Viewer } | { cli: true };

export const importOptionsSchema = z.object({
  fullExtract: z.boolean().default(true),
  leaverThresholdPct: z.number().min(0).max(100).default(10),
  allowManyLeavers: z.boolean().default(false),
  strict: z.boolean().default(false),
  map: z.partialRecord(z.enum(CANONICAL_FIELDS), z.string().min(1)).default({}),
});
export type ImportOptions = z.infer<typeof importOptionsSchema>;

export interface PreviewStaffImportOptions {
  actor: ImportActor;
  organisationId: string;
  file: { name: string; source: ExtractSource };
  /** Overrides the organisation's saved map and options. */
  options?: Partial<ImportOptions>;
}

export interface StaffImportOutcome {
  runId: string;
  fileSha256: string;
  mode: 'dry-run' | 'applied' | 'refused';
  counts: StaffPlanCounts;
  refusal: StaffPlan['refusal'] | { reason: 'row-errors'; errors: number } | null;
  errors: RowError[];
  warnings: StaffPlan['warnings'];
}

export interface ApplyStaffImportOptions {
  actor: ImportActor;
  runId: string;
  /** The checksum the preview showed: the file given now must be that file. */
  fileSha256: string;
  file: { source: ExtractSource };
}

const actorIdOf = (actor: ImportActor): string | null => ('viewer' in actor ? actor.viewer.personId : null);
const today = (at: Date): string => at.toISOString().slice(0, 10);

export function createStaffImportService(deps: {
  db: Database;
  staffImportRepository: StaffImportRepository;
  access: Pick<AccessPolicy, 'assertCanAdministerOrganisation'>;
  contributions?: Pick<InsightContributions, 'refreshPeople'>;
  now?: () => Date;
}) {
  const repo = deps.staffImportRepository;
  const now = deps.now ?? (() => new Date());

  /** New people owe the foundational requirements at once (as createAccount does), worked out once per organisation. */
  async function refreshNewPeople(tx: Database, created: AppliedRows['created']): Promise<void> {
    if (!deps.contributions) return;
    const templates = new Map<string, string>();
    for (const c of created) if (!templates.has(c.organisationId)) templates.set(c.organisationId, c.personId);
    await deps.contributions.refreshPeople(tx, [...templates.values()], ['standing']);
    const rest = created.filter((c) => templates.get(c.organisationId) !== c.personId);
    await repo.copyStanding(tx, rest.map((c) => ({ personId: c.personId, organisationId: c.organisationId, templateId: templates.get(c.organisationId)! })));
  }

  /** Only an organisation admin of that organisation (or one above it) imports its staff; unknown organisations are "not found". */
  async function assertCanImport(actor: ImportActor, organisationId: string): Promise<void> {
    if ('viewer' in actor) await deps.access.assertCanAdministerOrganisation(actor.viewer, organisationId);
  }

  async function resolveOptions(organisationId: string, given: Partial<ImportOptions> = {}): Promise<ImportOptions> {
    const saved = await repo.getImportMap(organisationId);
    const savedOptions = (saved?.options ?? {}) as Partial<ImportOptions>;
    return importOptionsSchema.parse({ ...savedOptions, map: (saved?.columns ?? {}) as ColumnMap, ...given });
  }

  async function plan(bytes: Buffer, organisationId: string, options: ImportOptions, at: Date, tx?: Database): Promise<StaffPlan> {
    const parsed = await parseExtract(bytes, options.map, today(at));
    const emails = [...new Set(parsed.rows.flatMap((r) => (r.workEmail ? [r.workEmail] : [])))];
    const state = await repo.loadStaffState(organisationId, emails, tx);
    return planStaffImport(parsed.rows, parsed.readErrors, state, { today: today(at), ...options });
  }

  function refusalOf(staffPlan: StaffPlan, options: ImportOptions): StaffImportOutcome['refusal'] {
    if (staffPlan.refusal) return staffPlan.refusal;
    return options.strict && staffPlan.errors.length > 0 ? { reason: 'row-errors', errors: staffPlan.errors.length } : null;
  }

  const outcomeOf = (run: StaffImportRunRow, staffPlan: StaffPlan, refusal: StaffImportOutcome['refusal']): StaffImportOutcome => ({
    runId: run.id, fileSha256: run.fileSha256, mode: run.mode, counts: staffPlan.counts, refusal, errors: staffPlan.errors.slice(0, ERRORS_KEPT), warnings: staffPlan.warnings.slice(0, ERRORS_KEPT),
  });

  return {
    /**
     * Reads the file and works out what importing it would change, changing nothing but a run record
     * of what was found. A malformed file or one without a required column is refused (invalid).
     */
    async previewStaffImport({ actor, organisationId, file, options: given }: PreviewStaffImportOptions): Promise<StaffImportOutcome> {
      await assertCanImport(actor, organisationId);
      const options = await resolveOptions(organisationId, given);
      const at = now();
      const extract = await readExtract(file.source);
      const staffPlan = await plan(extract.bytes, organisationId, options, at);
      const refusal = refusalOf(staffPlan, options);
      const run = await repo.insertRun({
        organisationId, actorId: actorIdOf(actor), source: 'viewer' in actor ? 'web' : 'cli', fileName: file.name, fileSha256: extract.sha256,
        rows: staffPlan.counts.rows, mode: refusal ? 'refused' : 'dry-run', options, summary: { counts: staffPlan.counts, refusal },
        errors: staffPlan.errors.slice(0, ERRORS_KEPT), errorCount: staffPlan.errors.length, planFingerprint: planFingerprint(staffPlan), createdAt: at,
      });
      return outcomeOf(run, staffPlan, refusal);
    },

    /**
     * Applies a previewed run in one transaction: plans again against the hub as it is now and
     * refuses (conflict) if that differs from what the preview showed, or if the file is another.
     */
    async applyStaffImport({ actor, runId, fileSha256, file }: ApplyStaffImportOptions): Promise<StaffImportOutcome> {
      const run = await repo.getRun(runId);
      if (!run) throw new AppError('not_found', 'There is no such staff import.');
      await assertCanImport(actor, run.organisationId);
      if (run.mode !== 'dry-run') throw new AppError('conflict', run.mode === 'applied' ? 'This import has already been applied.' : 'This import was refused: fix the file and preview it again.');
      const extract = await readExtract(file.source);
      if (extract.sha256 !== fileSha256 || extract.sha256 !== run.fileSha256) throw new AppError('conflict', 'This is not the file that was previewed: preview it again.');
      const options = importOptionsSchema.parse(run.options);
      const at = now();
      return inTransaction(deps.db, async (tx) => {
        const staffPlan = await plan(extract.bytes, run.organisationId, options, at, tx);
        if (planFingerprint(staffPlan) !== run.planFingerprint) throw new AppError('conflict', 'Staff records have changed since the preview: preview the file again.');
        const applied = await repo.writeStaffPlan(tx, staffPlan, { organisationId: run.organisationId, runId: run.id, actorId: run.actorId ?? actorIdOf(actor), now: at });
        await refreshNewPeople(tx, applied.created);
        await repo.insertAuditRows(tx, auditRowsOf(run, staffPlan.counts, applied, 'viewer' in actor ? 'web' : 'cli'), actorIdOf(actor), at);
        if (!(await repo.markRunApplied(run.id, { counts: staffPlan.counts, refusal: null }, at, tx))) throw new AppError('conflict', 'This import has already been applied.');
        return outcomeOf({ ...run, mode: 'applied' }, staffPlan, null);
      });
    },

    /** The organisation an id or ODS code names, for the command line; "not found" when none (or several) do. */
    async resolveOrganisation(idOrOds: string): Promise<string> {
      const id = await repo.findOrganisationId(idOrOds.trim());
      if (!id) throw new AppError('not_found', `There is no organisation with the id or ODS code ${idOrOds}.`);
      return id;
    },

    /** Saves the organisation's column map and options, which later imports start from. */
    async saveImportSettings({ actor, organisationId, settings }: { actor: ImportActor; organisationId: string; settings: Partial<ImportOptions> }): Promise<void> {
      await assertCanImport(actor, organisationId);
      // Strictness and allowing many leavers are asked for each time, never saved.
      const { map, fullExtract, leaverThresholdPct } = importOptionsSchema.parse(settings);
      await repo.saveImportMap({ organisationId, columns: map, options: { fullExtract, leaverThresholdPct }, updatedBy: actorIdOf(actor) });
    },

    async listStaffImports({ actor, organisationId }: { actor: ImportActor; organisationId: string }): Promise<StaffImportRunRow[]> {
      await assertCanImport(actor, organisationId);
      return repo.listRuns(organisationId);
    },
  };
}

function auditRowsOf(run: StaffImportRunRow, counts: StaffPlanCounts, applied: AppliedRows, via: 'web' | 'cli'): AuditRow[] {
  const detail = { runId: run.id, source: 'esr', via };
  return [
    { organisationId: run.organisationId, subjectId: run.id, action: 'staff-import.applied', detail: { ...detail, fileName: run.fileName, fileSha256: run.fileSha256, counts } },
    ...applied.created.map((c) => ({ organisationId: c.organisationId, subjectId: c.personId, action: 'person.created', detail: { ...detail, employeeNumber: c.employeeNumber } })),
    ...applied.deactivated.map((d) => ({ organisationId: d.organisationId, subjectId: d.personId, action: 'person.deactivated', detail: { ...detail, reason: 'left' } })),
    ...applied.supervisionsAdded.map((s) => ({ organisationId: s.organisationId, subjectId: s.learnerId, action: 'supervision.assigned', detail: { ...detail, supervisionId: s.id, supervisorId: s.supervisorId } })),
    ...applied.supervisionsEnded.map((s) => ({ organisationId: s.organisationId, subjectId: s.learnerId, action: 'supervision.ended', detail: { ...detail, supervisionId: s.id, supervisorId: s.supervisorId } })),
  ];
}

export type StaffImportService = ReturnType<typeof createStaffImportService>;
