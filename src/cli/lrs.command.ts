import type { Command } from 'commander';
import { openHub } from '../hub.ts';
import type { CliContext } from './program.ts';

/** Learning record store keys from the command line, for the instance's operator (issue 16 §1). */
export function registerLrsCommands(program: Command, context: CliContext): void {
  const keys = program.command('lrs').description('The xAPI learning record store at /xapi (issue 16)').command('keys').description('Keys learning platforms send statements with');
  keys
    .command('issue')
    .description('Issue a key for a learning platform; prints the key name and secret (the secret is shown only once)')
    .requiredOption('--organisation <id|ODS code>', 'the organisation whose learners the platform reports on')
    .requiredOption('--platform <name>', 'the learning platform, as learners will see it (for example "NHS Learning Hub")')
    .action(async (flags: { organisation: string; platform: string }) => {
      const hub = await openHub(context.config());
      try {
        const organisationId = await hub.services.staffImport.resolveOrganisation(flags.organisation);
        const { key, secret } = await hub.services.lrsKeys.issueKey({ actor: { cli: true }, organisationId, platform: flags.platform });
        context.stdout.write(`key ${key.keyName}\nsecret ${secret}\n`);
      } finally {
        await hub.close();
      }
    });
  keys
    .command('list')
    .description('List an organisation’s keys')
    .requiredOption('--organisation <id|ODS code>', 'the organisation')
    .action(async (flags: { organisation: string }) => {
      const hub = await openHub(context.config());
      try {
        const organisationId = await hub.services.staffImport.resolveOrganisation(flags.organisation);
        for (const key of await hub.services.lrsKeys.listKeys({ actor: { cli: true }, organisationId })) {
          const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : `live, last used ${key.lastUsedAt?.toISOString() ?? 'never'}`;
          context.stdout.write(`${key.keyName}\t${key.platform}\t${state}\n`);
        }
      } finally {
        await hub.close();
      }
    });
}
