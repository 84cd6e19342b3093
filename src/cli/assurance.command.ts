import type { Command } from 'commander';
import { openHub } from '../hub.ts';
import type { CliContext } from './program.ts';

export function registerAssuranceCommands(program: Command, context: CliContext): void {
  const assurance = program.command('assurance').description('Assurance reviews of AI products');
  assurance
    .command('notify-overdue')
    .description('Tell the owners of open review actions past their due date, once each (run it daily, e.g. from cron)')
    .action(async () => {
      const hub = await openHub(context.config());
      try {
        const told = await hub.services.assurance.notifyOverdueActions();
        context.stdout.write(`Told the owners of ${told} overdue action${told === 1 ? '' : 's'}.\n`);
      } finally {
        await hub.close();
      }
    });
}
