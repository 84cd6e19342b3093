import { CASE_WARNING_LABELS } from '../../domain/case/case-warnings.ts';
import type { CaseWarningGroup } from '../../domain/case/case-warnings.ts';

export const FRAMEWORK_IMPORT_PATH = '/frameworks/import';

/** A framework file is JSON text; the largest real CASE packages are a few megabytes. */
export const FRAMEWORK_FILE_MAX_BYTES = 20 * 1024 * 1024;

export const FORMAT_CHOICES = [
  { value: 'case', text: 'A 1EdTech CASE package (JSON)', hint: 'From a CASE tool such as OpenSALT, or a CASE file this hub exported.' },
  { value: 'json', text: 'A framework in the hub’s own format (JSON)', hint: 'A canonical framework document, such as one downloaded from this hub.' },
] as const;

/** One row of the "What we found | Where | What we did" table. */
export interface WarningRow {
  found: string;
  where: string;
  did: string;
}

/** The grouped warnings as table rows, most informative words first. */
export function warningRows(groups: readonly CaseWarningGroup[]): WarningRow[] {
  return groups.map((g) => ({
    found: `${CASE_WARNING_LABELS[g.code]}: ${g.found}`,
    where: g.count === 1 ? g.first : `${g.where}, ${g.count} times (first at ${g.first})`,
    did: upperFirst(g.did),
  }));
}

export function warningTotal(groups: readonly CaseWarningGroup[]): number {
  return groups.reduce((n, g) => n + g.count, 0);
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
