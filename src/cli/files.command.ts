import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { openHub } from '../hub.ts';
import type { CliContext } from './program.ts';

const hours = (value: string): number => {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new InvalidArgumentError('Give a number of hours, 0 or more.');
  return parsed;
};

export function registerFilesCommands(program: Command, context: CliContext): void {
  const files = program.command('files').description('Evidence file content: the file store');
  files
    .command('sweep')
    .description('Remove stored content no evidence points at, and uploads that never finished (the server also does this at start)')
    .option('--grace-hours <hours>', 'keep anything stored more recently than this', hours, 24)
    .action(async (options: { graceHours: number }) => {
      // Opening the hub also moves any bytes still in evidence_files into the store.
      const hub = await openHub(context.config());
      try {
        const { removedContent, removedStaging } = await hub.services.evidenceContent.sweepUnreferencedContent({ graceMs: options.graceHours * 3_600_000 });
        const { moved, refused } = hub.legacyContent;
        if (moved > 0) context.stdout.write(`Moved ${moved} evidence file${moved === 1 ? '' : 's'} from the database into the file store.\n`);
        for (const id of refused) context.stdout.write(`Evidence ${id}: its bytes do not match its checksum, so they stay in the database (evidence_files).\n`);
        context.stdout.write(`Removed ${removedContent} unreferenced file${removedContent === 1 ? '' : 's'} and ${removedStaging} unfinished upload${removedStaging === 1 ? '' : 's'} (${hub.fileStore.kind} store).\n`);
      } finally {
        await hub.close();
      }
    });
}
