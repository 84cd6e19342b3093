import { HEADER_ALIASES } from '../../domain/staff-import/column-map.ts';
import type { CanonicalField } from '../../domain/staff-import/column-map.ts';
import type { StaffImportRunRow } from '../../db/staff-import.repository.ts';
import type { StaffPlanCounts } from '../../domain/staff-import/plan-types.ts';
import type { RowError } from '../../domain/staff-import/esr-row.ts';

export const STAFF_IMPORT_PATHS = {
  upload: '/organisation/staff-import',
  template: '/organisation/staff-import/template.csv',
  settings: '/organisation/staff-import/settings',
  run: (runId: string) => `/organisation/staff-import/runs/${runId}`,
  apply: (runId: string) => `/organisation/staff-import/runs/${runId}/apply`,
} as const;

const number = (n: number) => n.toLocaleString('en-GB');

/** What a run found (or did), as summary list rows, in the order an admin checks them. */
export function countRows(counts: StaffPlanCounts, applied: boolean) {
  const rows: Array<[string, number]> = [
    ['Rows read', counts.rows],
    ['Employees in the file', counts.employees],
    [applied ? 'New people added' : 'New people to add', counts.newPeople],
    [applied ? 'People updated' : 'People to update', counts.changedPeople],
    [applied ? 'Leavers whose accounts were disabled' : 'Leavers whose accounts will be disabled', counts.leavers],
    [applied ? 'Supervisors linked' : 'Supervisors to link (from line managers)', counts.supervisionsAdded],
    [applied ? 'Supervisor links ended' : 'Supervisor links to end', counts.supervisionsEnded],
    ['Profile suggestions for people to confirm', counts.suggestions],
    ['Rows in error (left out)', counts.errors],
    ['Warnings', counts.warnings],
  ];
  return rows.map(([key, value]) => ({ key: { text: key }, value: { text: number(value) } }));
}

interface StoredSummary {
  counts?: StaffPlanCounts;
  refusal?: { reason: 'too-many-leavers'; leavers: number; limit: number } | { reason: 'row-errors'; errors: number } | null;
}

/** Why a run was refused, in words an admin can act on. */
export function refusalText(run: StaffImportRunRow): string | undefined {
  const { refusal } = run.summary as StoredSummary;
  if (!refusal) return undefined;
  if (refusal.reason === 'too-many-leavers') {
    return `The file would make ${number(refusal.leavers)} people leavers, more than the limit of ${number(refusal.limit)}. If the file is only part of your staff, untick “The file lists all staff”; if they really have left, tick “Allow more leavers than usual” and upload it again.`;
  }
  return `The file has ${number(refusal.errors)} rows in error and was imported strictly. Put the rows right and upload it again.`;
}

export const countsOf = (run: StaffImportRunRow): StaffPlanCounts | undefined => (run.summary as StoredSummary).counts;

/** The first errors a run kept, as table rows. */
export function errorRows(run: StaffImportRunRow, limit: number) {
  const errors = (Array.isArray(run.errors) ? run.errors : []) as RowError[];
  return errors.slice(0, limit).map((e) => [{ text: String(e.line) }, { text: e.employeeNumber || '-' }, { text: e.assignmentNumber || '-' }, { text: e.message }]);
}

export const MODE_TEXT: Record<StaffImportRunRow['mode'], string> = { 'dry-run': 'Dry run', applied: 'Applied', refused: 'Refused' };

/** What each of the hub's ESR fields is, for the column names page. */
export const FIELD_LABELS: Record<CanonicalField, string> = {
  employeeNumber: 'Employee number',
  assignmentNumber: 'Assignment number',
  title: 'Title',
  firstName: 'First name',
  middleNames: 'Middle names',
  lastName: 'Last name',
  knownAs: 'Known as',
  workEmail: 'Work email address',
  primaryAssignment: 'Primary assignment (Y or N)',
  assignmentStatus: 'Assignment status',
  assignmentCategory: 'Assignment category',
  startDate: 'Assignment start date',
  endDate: 'Assignment end date',
  hireDate: 'Date of hire',
  terminationDate: 'Termination date',
  positionTitle: 'Position title',
  positionNumber: 'Position number',
  occupationCode: 'Occupation code',
  staffGroup: 'Staff group',
  jobRole: 'Job role',
  areaOfWork: 'Area of work',
  grade: 'Grade',
  organisationName: 'Organisation',
  costCentre: 'Cost centre',
  odsCode: 'ODS code',
  supervisorEmployeeNumber: "Line manager's employee number",
  cisUuid: 'NHS CIS UUID (links NHS CIS2 sign-in)',
};

/**
 * A CSV with every column under its usual name and one made-up row, so an admin can see what the
 * hub reads (and a trust without an ESR report yet can build one). The address is on `.invalid`.
 */
export function extractTemplateCsv(): string {
  const example: Record<CanonicalField, string> = {
    employeeNumber: '01234567', assignmentNumber: '01234567-2', title: 'Ms', firstName: 'Ada', middleNames: '', lastName: 'Example', knownAs: '',
    workEmail: 'ada.example@example-trust.invalid', primaryAssignment: 'Y', assignmentStatus: 'Active Assignment', assignmentCategory: 'Permanent',
    startDate: '01/04/2024', endDate: '', hireDate: '01/04/2024', terminationDate: '', positionTitle: 'Staff Nurse', positionNumber: '',
    occupationCode: 'N0A', staffGroup: 'Nursing and Midwifery Registered', jobRole: 'Staff Nurse', areaOfWork: '', grade: 'Band 5',
    organisationName: '', costCentre: '', odsCode: '', supervisorEmployeeNumber: '', cisUuid: '',
  };
  const fields = Object.keys(example) as CanonicalField[];
  const cell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return `${fields.map((f) => cell(HEADER_ALIASES[f][0] ?? f)).join(',')}\r\n${fields.map((f) => cell(example[f])).join(',')}\r\n`;
}
