import type { Command } from 'commander';
import { openHub } from '../hub.ts';
import type { CliContext } from './program.ts';

export function registerProductsCommands(program: Command, context: CliContext): void {
  const products = program.command('products').description('AI products and their training');
  products
    .command('notify-training')
    .description('Remind people of product training due within a fortnight or overdue, once per due date (the server does this hourly)')
    .action(async () => {
      const hub = await openHub(context.config());
      try {
        const told = await hub.services.trainingReminders.notifyDueAndOverdue();
        context.stdout.write(`Sent ${told} training reminder${told === 1 ? '' : 's'}.\n`);
      } finally {
        await hub.close();
      }
    });
}
