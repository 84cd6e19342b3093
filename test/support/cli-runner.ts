import { runCli } from '../../src/cli/program.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a CLI command in-process with no environment, capturing what it prints and its exit code. */
export async function runCliCaptured(...args: string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    env: {},
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}
