import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../errors.ts';
import { openHub } from '../hub.ts';
import { importOptionsSchema } from '../services/staff/staff-import.service.ts';
import type { StaffImportOutcome } from '../services/staff/staff-import.service.ts';
import { readInstanceFile } from './instance-file.ts';
import type { CliContext } from './program.ts';

interface ImportFlags {
  organisation: string;
  dryRun?: boolean;
  map?: string;
  strict?: boolean;
  allowManyLeavers?: boolean;
}

/** Errors printed before "and N more": the run keeps the first thousand. */
const ERRORS_SHOWN = 20;

export function registerStaffCommands(program: Command, context: CliContext): void {
  const staff = program.command('staff').description('Staff records (issue 15)');
  staff
    .command('import')
    .description('Import an ESR staff extract (CSV): creates people, disables leavers and links line managers as supervisors. Exit code 2 for a malformed file.')
    .argument('<file>', 'the ESR extract, CSV (UTF-8 or Windows-1252)')
    .requiredOption('--organisation <id|ODS code>', 'the organisation whose staff the file lists')
    .option('--dry-run', 'show what would change and change nothing')
    .option('--map <map.json>', 'JSON object of canonical field → header, for headers the aliases do not know')
    .option('--strict', 'refuse the whole file when any row has an error')
    .option('--allow-many-leavers', 'apply even when more than the threshold (10 %) of staff would become leavers')
    .action(async (file: string, flags: ImportFlags) => {
      const map = flags.map ? await readInstanceFile(flags.map, importOptionsSchema.shape.map, 'column map') : undefined;
      const hub = await openHub(context.config());
      try {
        const service = hub.services.staffImport;
        const organisationId = await service.resolveOrganisation(flags.organisation);
        const options = { ...(map ? { map } : {}), strict: flags.strict === true, allowManyLeavers: flags.allowManyLeavers === true };
        const preview = await service.previewStaffImport({ actor: { cli: true }, organisationId, file: { name: path.basename(file), source: file }, options });
        if (preview.mode === 'refused' || flags.dryRun) {
          printOutcome(context, preview);
          if (preview.mode === 'refused') throw new AppError('conflict', `Refused: ${refusalText(preview)}. Nothing was changed.`);
          context.stdout.write('Dry run: nothing was changed.\n');
          return;
        }
        const applied = await service.applyStaffImport({ actor: { cli: true }, runId: preview.runId, fileSha256: preview.fileSha256, file: { source: file } });
        printOutcome(context, applied);
        context.stdout.write('Applied.\n');
      } finally {
        await hub.close();
      }
    });
}

function refusalText(outcome: StaffImportOutcome): string {
  const refusal = outcome.refusal;
  if (!refusal) return '';
  if (refusal.reason === 'row-errors') return `${refusal.errors} rows have errors and --strict was given`;
  return `${refusal.leavers} people would become leavers, more than ${refusal.limit} (use --allow-many-leavers if the file really is everyone)`;
}

function printOutcome(context: CliContext, outcome: StaffImportOutcome): void {
  const c = outcome.counts;
  const lines = [
    `Staff import ${outcome.runId} (sha256 ${outcome.fileSha256})`,
    `  rows ${c.rows}, employees ${c.employees}`,
    `  new people ${c.newPeople}, changed ${c.changedPeople}, leavers ${c.leavers}, leavers not imported ${c.skippedLeavers}`,
    `  assignments written ${c.assignmentsWritten}, ended ${c.assignmentsEnded}`,
    `  supervisions added ${c.supervisionsAdded}, ended ${c.supervisionsEnded}`,
    `  profile suggestions ${c.suggestions}`,
    `  row errors ${c.errors} (${c.erroredEmployees} employees left unchanged), warnings ${c.warnings}`,
    ...outcome.errors.slice(0, ERRORS_SHOWN).map((e) => `  line ${e.line}: ${e.reason}: ${e.message}`),
    ...(outcome.errors.length > ERRORS_SHOWN || c.errors > outcome.errors.length ? [`  … and ${c.errors - ERRORS_SHOWN} more errors`] : []),
  ];
  context.stdout.write(lines.join('\n') + '\n');
}
