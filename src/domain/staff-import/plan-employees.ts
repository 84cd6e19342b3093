import type { EsrRow, RowError, RowErrorReason } from './esr-row.ts';
import type { StaffState } from './plan-types.ts';

/** One employee of the file: their assignment rows, and the one that describes them. */
export interface FileEmployee {
  employeeNumber: string;
  rows: EsrRow[];
  /** The primary active assignment, else the first active one; null when every assignment has ended. */
  primary: EsrRow | null;
  organisationId: string;
  /** Lower-cased; null when no row gives one. */
  email: string | null;
}

export interface Warning {
  line: number;
  employeeNumber: string;
  reason: 'no-primary' | 'placeholder-email';
  message: string;
}

export interface SortedEmployees {
  good: Map<string, FileEmployee>;
  /** Employees with any row in error: nothing about them changes, and they are never leavers. */
  errored: Set<string>;
  errors: RowError[];
  warnings: Warning[];
}

const rowError = (row: EsrRow, reason: RowErrorReason, message: string): RowError => ({
  line: row.line, employeeNumber: row.employeeNumber, assignmentNumber: row.assignmentNumber, reason, message,
});

/** Rows sharing an assignment number are all in error: which one is right cannot be told. */
function duplicateAssignmentErrors(rows: readonly EsrRow[]): RowError[] {
  const count = new Map<string, number>();
  for (const r of rows) count.set(r.assignmentNumber, (count.get(r.assignmentNumber) ?? 0) + 1);
  return rows.filter((r) => count.get(r.assignmentNumber)! > 1).map((r) => rowError(r, 'duplicate-assignment', `Assignment ${r.assignmentNumber} appears more than once.`));
}

function foreignOrganisationErrors(rows: readonly EsrRow[], state: StaffState): RowError[] {
  return rows
    .filter((r) => r.odsCode !== '' && !state.organisationsByOds.has(r.odsCode.toUpperCase()))
    .map((r) => rowError(r, 'foreign-organisation', `ODS code ${r.odsCode} is not an organisation you administer.`));
}

function describe(employeeNumber: string, rows: EsrRow[], state: StaffState, warnings: Warning[]): FileEmployee {
  const active = rows.filter((r) => r.state === 'active');
  const primary = active.find((r) => r.isPrimary) ?? active[0] ?? null;
  if (primary && !primary.isPrimary) {
    warnings.push({ line: primary.line, employeeNumber, reason: 'no-primary', message: `No active primary assignment: assignment ${primary.assignmentNumber} describes them.` });
  }
  const describing = primary ?? rows[0]!;
  const ods = describing.odsCode.toUpperCase();
  return {
    employeeNumber,
    rows,
    primary,
    organisationId: (ods && state.organisationsByOds.get(ods)) || state.importingOrganisationId,
    email: describing.workEmail ?? rows.find((r) => r.workEmail)?.workEmail ?? null,
  };
}

/** An address is taken when another person in the same organisation has it, in the hub or earlier in this file. */
function emailErrors(employees: Map<string, FileEmployee>, state: StaffState): RowError[] {
  const existing = new Map(state.people.map((p) => [p.employeeNumber, p]));
  const claimed = new Map<string, string>();
  const errors: RowError[] = [];
  for (const e of employees.values()) {
    if (!e.email || !e.primary) continue;
    const key = `${e.organisationId} ${e.email}`;
    const mine = existing.get(e.employeeNumber)?.personId;
    const owner = state.emailOwners.get(key);
    const other = claimed.get(key);
    if ((owner && owner !== mine) || (other && other !== e.employeeNumber)) {
      errors.push(rowError(e.primary, 'email-in-use', `${e.email} is already used by another person in this organisation.`));
    } else claimed.set(key, e.employeeNumber);
  }
  return errors;
}

function supervisorErrors(employees: Map<string, FileEmployee>, inFile: Set<string>, state: StaffState): RowError[] {
  const known = new Set(state.people.map((p) => p.employeeNumber));
  const errors: RowError[] = [];
  for (const e of employees.values()) {
    const supervisor = e.primary?.supervisorEmployeeNumber ?? '';
    if (supervisor !== '' && !inFile.has(supervisor) && !known.has(supervisor)) {
      errors.push(rowError(e.primary!, 'supervisor-not-found', `Supervisor ${supervisor} is neither in this file nor already in the hub.`));
    }
  }
  return errors;
}

/** Groups the rows by employee, checks what needs more than one row, and sets apart every employee with an error. */
export function sortEmployees(rows: readonly EsrRow[], readErrors: readonly RowError[], state: StaffState): SortedEmployees {
  const errors = [...readErrors, ...duplicateAssignmentErrors(rows), ...foreignOrganisationErrors(rows, state)];
  const errored = new Set(errors.map((e) => e.employeeNumber).filter((n) => n !== ''));
  const byEmployee = new Map<string, EsrRow[]>();
  for (const r of rows) byEmployee.set(r.employeeNumber, [...(byEmployee.get(r.employeeNumber) ?? []), r]);
  const warnings: Warning[] = [];
  const good = new Map<string, FileEmployee>();
  for (const [number, own] of byEmployee) if (!errored.has(number)) good.set(number, describe(number, own, state, warnings));
  const inFile = new Set([...byEmployee.keys(), ...errored]);
  for (const error of [...emailErrors(good, state), ...supervisorErrors(good, inFile, state)]) {
    errors.push(error);
    errored.add(error.employeeNumber);
    good.delete(error.employeeNumber);
  }
  return { good, errored, errors, warnings: warnings.filter((w) => good.has(w.employeeNumber)) };
}
