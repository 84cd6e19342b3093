import { AppError } from '../errors.ts';
import type { StagedFile } from './file-store.ts';
import type { VirusScanner } from './virus-scanner.ts';

const fileProblem = (message: string) => new AppError('invalid', message, [{ field: 'file', message }]);

/** Fails closed: a staged file may be committed only when a configured scanner calls it clean (no scanner: nothing to ask). */
export async function assertStagedFileClean(scanner: VirusScanner | null, staged: StagedFile): Promise<void> {
  if (!scanner) return;
  const content = await staged.read();
  try {
    const verdict = await scanner.scan(content);
    if (verdict.status === 'infected') throw fileProblem(`The selected file contains a virus (${verdict.signature}), so it has not been added`);
    if (verdict.status === 'error') throw fileProblem('The selected file could not be checked for viruses, so it has not been added. Try again later');
  } finally {
    content.destroy();
  }
}
