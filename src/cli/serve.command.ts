import type { Command } from 'commander';
import type { HubConfig } from '../config.ts';
import { isClusterWorker, serveAsClusterWorker, startCluster } from '../server-cluster.ts';
import { startServer } from '../server.ts';
import { formatDemoLoad, formatDemoSignIns } from './demo.command.ts';
import type { CliContext } from './program.ts';

export function registerServeCommand(program: Command, context: CliContext): void {
  program
    .command('serve')
    .description('Migrate the database, load the bundled frameworks and serve the hub')
    .action(async () => {
      const config = context.config();
      if (isClusterWorker()) return serveAsClusterWorker(config);
      const started = Date.now();
      const server = config.processes > 1 ? await startClusterServer(config, context) : await startOneServer(config, context);
      context.stdout.write(`  ready in ${((Date.now() - started) / 1000).toFixed(1)} s; press Ctrl+C to stop\n`);
      await new Promise<void>((resolve) => {
        const stop = () => void server.close().finally(resolve);
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}

function describeDatabase(config: HubConfig): string {
  return config.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded database in ${config.database.kind === 'embedded' ? config.database.dataDir : 'memory'}`;
}

async function startOneServer(config: HubConfig, context: CliContext) {
  const server = await startServer(config, (step) => context.stdout.write(`  ${step}…\n`));
  context.stdout.write(`AI Confidence Hub is running at ${server.url}\n  database: ${describeDatabase(config)}\n`);
  if (server.demo.load?.loaded) context.stdout.write(`  ${formatDemoLoad(server.demo.load)}`);
  context.stdout.write(formatDemoSignIns(server.demo.accounts, server.demo.password));
  return server;
}

async function startClusterServer(config: HubConfig, context: CliContext) {
  const server = await startCluster(config, (line) => context.stderr.write(`${line}\n`));
  context.stdout.write(`AI Confidence Hub is running at ${server.url}\n  database: ${describeDatabase(config)}, ${server.processes} processes\n`);
  context.stdout.write(formatDemoSignIns(server.demo.accounts, server.demo.password));
  return server;
}
