import { Command, CommanderError, Option } from 'commander';
import { loadConfig, ConfigError } from '../config.ts';
import { AppError } from '../errors.ts';
import { registerAssuranceCommands } from './assurance.command.ts';
import { registerDbCommands } from './db.command.ts';
import { registerDemoCommands } from './demo.command.ts';
import { registerDevCommands } from './dev.command.ts';
import { registerFilesCommands } from './files.command.ts';
import { registerFrameworkCommands } from './framework.command.ts';
import { registerInsightCommands } from './insight.command.ts';
import { registerJourneyCommands } from './journey.command.ts';
import { registerLrsCommands } from './lrs.command.ts';
import { registerMailCommands } from './mail.command.ts';
import { registerProductsCommands } from './products.command.ts';
import { registerServeCommand } from './serve.command.ts';
import { registerStaffCommands } from './staff.command.ts';
import { registerTeamCommands } from './team.command.ts';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export interface CliContext extends CliIo {
  config(): ReturnType<typeof loadConfig>;
}

/** Runs `confidence-hub <args>` and returns the exit code; the tests call this in-process. */
export async function runCli(args: string[], io: CliIo): Promise<number> {
  const context: CliContext = { ...io, config: () => loadConfig(io.env) };
  const program = new Command('confidence-hub')
    .description('The AI Confidence Hub: serve the hub, manage its database and frameworks.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  registerServeCommand(program, context);
  registerDbCommands(program, context);
  registerFrameworkCommands(program, context);
  registerDemoCommands(program, context);
  registerFilesCommands(program, context);
  registerJourneyCommands(program, context);
  registerAssuranceCommands(program, context);
  registerTeamCommands(program, context);
  registerInsightCommands(program, context);
  registerMailCommands(program, context);
  registerProductsCommands(program, context);
  registerDevCommands(program, context);
  registerStaffCommands(program, context);
  registerLrsCommands(program, context);
  try {
    await program.parseAsync(args, { from: 'user' });
    return 0;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) return error.exitCode;
  if (error instanceof AppError) {
    io.stderr.write(`Error: ${error.message}\n`);
    for (const d of error.details) io.stderr.write(`  - ${d.field}: ${d.message}\n`);
    return error.code === 'invalid' ? 2 : 1;
  }
  if (error instanceof ConfigError) {
    io.stderr.write(`Error: ${error.message}\n`);
    return 2;
  }
  io.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
}

export function formatOption(choices: readonly string[], description: string): Option {
  return new Option('--format <format>', description).choices(choices).makeOptionMandatory();
}
