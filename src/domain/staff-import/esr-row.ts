import type { CanonicalField } from './column-map.ts';

/** One ESR assignment row, read: text kept as text (employee numbers keep their leading zeros), dates ISO. */
export interface EsrRow {
  /** The file's line number, for reporting. */
  line: number;
  employeeNumber: string;
  assignmentNumber: string;
  title: string;
  firstName: string;
  middleNames: string;
  lastName: string;
  knownAs: string;
  /** Lower-cased; null when the row has none. */
  workEmail: string | null;
  isPrimary: boolean;
  /** The status as ESR wrote it, and what it means here. */
  status: string;
  state: 'active' | 'leaver';
  category: string;
  startDate: string | null;
  endDate: string | null;
  hireDate: string | null;
  terminationDate: string | null;
  positionTitle: string;
  positionNumber: string;
  occupationCode: string;
  staffGroup: string;
  jobRole: string;
  areaOfWork: string;
  grade: string;
  organisationName: string;
  costCentre: string;
  odsCode: string;
  supervisorEmployeeNumber: string;
  cisUuid: string;
}

export type RowErrorReason =
  | 'missing-key'
  | 'bad-date'
  | 'bad-flag'
  | 'bad-email'
  | 'duplicate-assignment'
  | 'email-in-use'
  | 'foreign-organisation'
  | 'supervisor-not-found'
  | 'malformed-row';

export interface RowError {
  line: number;
  employeeNumber: string;
  assignmentNumber: string;
  reason: RowErrorReason;
  message: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/**
 * A date as ESR extracts write it: dd/mm/yyyy (UK order, never US), ISO yyyy-mm-dd (with or
 * without a time), or ESR's dd-MON-yyyy. Empty is null; anything else, or an impossible day, is undefined.
 */
export function parseEsrDate(text: string): string | null | undefined {
  const value = text.trim();
  if (value === '') return null;
  const uk = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(value);
  if (uk) return isoDate(Number(uk[3]), Number(uk[2]), Number(uk[1]));
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/.exec(value);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const esr = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(value);
  const month = esr ? MONTHS.indexOf(esr[2]!.toLowerCase()) + 1 : 0;
  if (esr && month > 0) return isoDate(Number(esr[3]), month, Number(esr[1]));
  return undefined;
}

/** Y/N, Yes/No, True/False, 1/0; empty is "no"; anything else undefined. */
export function parseFlag(text: string): boolean | undefined {
  const value = text.trim().toLowerCase();
  if (['y', 'yes', 'true', '1'].includes(value)) return true;
  if (['n', 'no', 'false', '0', ''].includes(value)) return false;
  return undefined;
}

/** Terminate Assignment (and ESR's "Terminated"/"Leaver" variants) mean the assignment has ended. */
export const isTerminateStatus = (status: string): boolean => /terminat|leaver|^left$/i.test(status.trim());

const DATE_FIELDS = ['startDate', 'endDate', 'hireDate', 'terminationDate'] as const;

/** Reads one row; `today` (ISO) decides whether an end date is past. */
export function readEsrRow(record: Record<CanonicalField, string>, line: number, today: string): { row: EsrRow } | { error: RowError } {
  const fail = (reason: RowErrorReason, message: string) => ({
    error: { line, employeeNumber: record.employeeNumber, assignmentNumber: record.assignmentNumber, reason, message },
  });
  if (record.employeeNumber === '') return fail('missing-key', 'The employee number is empty.');
  if (record.assignmentNumber === '') return fail('missing-key', 'The assignment number is empty.');
  if (record.firstName === '' && record.knownAs === '') return fail('missing-key', 'The first name is empty.');
  if (record.lastName === '') return fail('missing-key', 'The last name is empty.');
  const dates: Partial<Record<(typeof DATE_FIELDS)[number], string | null>> = {};
  for (const field of DATE_FIELDS) {
    const parsed = parseEsrDate(record[field]);
    if (parsed === undefined) return fail('bad-date', `"${record[field]}" is not a date (use dd/mm/yyyy or yyyy-mm-dd).`);
    dates[field] = parsed;
  }
  const isPrimary = parseFlag(record.primaryAssignment);
  if (isPrimary === undefined) return fail('bad-flag', `"${record.primaryAssignment}" is not Y or N.`);
  const email = record.workEmail.toLowerCase();
  if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return fail('bad-email', `"${record.workEmail}" is not an e-mail address.`);
  const ended = [dates.endDate, dates.terminationDate].some((d) => d != null && d < today);
  const state = isTerminateStatus(record.assignmentStatus) || ended ? 'leaver' : 'active';
  return {
    row: {
      ...record,
      line,
      workEmail: email === '' ? null : email,
      isPrimary,
      status: record.assignmentStatus,
      state,
      category: record.assignmentCategory,
      startDate: dates.startDate ?? null,
      endDate: dates.endDate ?? null,
      hireDate: dates.hireDate ?? null,
      terminationDate: dates.terminationDate ?? null,
    },
  };
}
