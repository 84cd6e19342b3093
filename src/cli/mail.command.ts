import type { Command } from 'commander';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { openHub } from '../hub.ts';
import type { Hub } from '../hub.ts';
import type { CliContext } from './program.ts';

const address = z.email();

export function registerMailCommands(program: Command, context: CliContext): void {
  const mail = program.command('mail').description('Outgoing email (needs SMTP_HOST and MAIL_FROM)');
  mail
    .command('send-pending')
    .description('Hand the mail that is due to the mail server now, as the server does every 15 seconds')
    .action(async () => {
      await withMail(context, async (delivery) => {
        const { sent, retrying, failed } = await delivery.drain(60_000);
        const left = await delivery.unsentCount();
        context.stdout.write(`Sent ${sent}, to try again later ${retrying}, not delivered ${failed}. Still to send: ${left}.\n`);
      });
    });
  mail
    .command('test')
    .description('Send a test message straight to the mail server (not through the outbox) and show its reply')
    .requiredOption('--to <address>', 'who to send it to')
    .action(async (options: { to: string }) => {
      const to = address.safeParse(options.to);
      if (!to.success) throw new AppError('invalid', 'Give an email address to send the test message to.', [{ field: 'to', message: 'Enter an email address' }]);
      await withMail(context, async (delivery) => {
        const { response, messageId } = await delivery.sendTest(to.data);
        context.stdout.write(`The mail server accepted the test message ${messageId}: ${response}\n`);
      });
    });
}

async function withMail(context: CliContext, work: (delivery: NonNullable<Hub['services']['mailDelivery']>) => Promise<void>): Promise<void> {
  const config = context.config();
  if (!config.mail) throw new AppError('invalid', 'No mail server is configured: set SMTP_HOST and MAIL_FROM (see the README’s E-mail section).');
  const hub = await openHub(config);
  try {
    const delivery = hub.services.mailDelivery;
    if (!delivery) throw new Error('mail delivery was not set up');
    await work(delivery);
  } finally {
    await hub.close();
  }
}
