import type { Command } from 'commander';
import { openDatabase } from '../db/client.ts';
import type { CliContext } from './program.ts';

export function registerDbCommands(program: Command, context: CliContext): void {
  const db = program.command('db').description('Database maintenance');
  db.command('migrate')
    .description('Apply any pending migrations (the server also does this at start)')
    .action(async () => {
      const database = await openDatabase(context.config().database);
      try {
        await database.migrate();
        context.stdout.write('Database is up to date.\n');
      } finally {
        await database.close();
      }
    });
}
