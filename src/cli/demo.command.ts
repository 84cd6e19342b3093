import type { Command } from 'commander';
import { openHub } from '../hub.ts';
import type { DemoAccount } from '../services/demo/demo-dataset.ts';
import type { DemoLoadResult } from '../services/demo/demo.service.ts';
import type { CliContext } from './program.ts';

/** One line per demo sign-in, email first, for the serve banner and `demo load`. */
export function formatDemoSignIns(accounts: readonly DemoAccount[], password: string, indent = '  '): string {
  if (accounts.length === 0) return '';
  const width = Math.max(...accounts.map((a) => a.email.length));
  const lines = accounts.map((a) => `${indent}  ${a.email.padEnd(width)}  ${a.description}`);
  return [`${indent}demo sign-ins (password for all: ${password}):`, ...lines].join('\n') + '\n';
}

export function formatDemoLoad(result: DemoLoadResult): string {
  if (!result.loaded) {
    return result.reason === 'already-present' ? 'Demo data is already loaded; nothing changed.\n' : 'The database already holds people; demo data not loaded.\n';
  }
  return `Loaded demo data: ${result.organisations.length} organisations, ${result.accounts.length} people, ${result.supervisions} supervisions.\n`;
}

export function registerDemoCommands(program: Command, context: CliContext): void {
  const demo = program.command('demo').description('Demo organisations and people from the report’s personas and case studies');
  demo
    .command('load')
    .description('Load the demo data into this database (embedded or DATABASE_URL); does nothing if it is already there')
    .action(async () => {
      const hub = await openHub(context.config());
      try {
        const result = await hub.services.demo.loadDemoData();
        context.stdout.write(formatDemoLoad(result));
        context.stdout.write(formatDemoSignIns(await hub.services.demo.demoAccounts(), hub.services.demo.password, ''));
      } finally {
        await hub.close();
      }
    });
}
