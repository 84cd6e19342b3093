import type { Command } from 'commander';
import { startServer } from '../server.ts';
import { formatDemoLoad, formatDemoSignIns } from './demo.command.ts';
import type { CliContext } from './program.ts';

export function registerServeCommand(program: Command, context: CliContext): void {
  program
    .command('serve')
    .description('Migrate the database, load the bundled frameworks and serve the hub')
    .action(async () => {
      const started = Date.now();
      const config = context.config();
      const server = await startServer(config);
      const where = config.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded database in ${config.database.kind === 'embedded' ? config.database.dataDir : 'memory'}`;
      context.stdout.write(`AI Confidence Hub is running at ${server.url}\n`);
      context.stdout.write(`  database: ${where}\n  ready in ${((Date.now() - started) / 1000).toFixed(1)} s; press Ctrl+C to stop\n`);
      if (server.demo.load?.loaded) context.stdout.write(`  ${formatDemoLoad(server.demo.load)}`);
      context.stdout.write(formatDemoSignIns(server.demo.accounts, server.demo.password));
      await new Promise<void>((resolve) => {
        const stop = () => void server.close().finally(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
