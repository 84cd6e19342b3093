/**
 * The hub's canonical ESR fields and the headers trusts' extracts use for them (plan §3). Column
 * names differ by trust, so headers match case- and space-insensitively, and an organisation may
 * save its own map (field → header) that wins over the aliases.
 */
export const CANONICAL_FIELDS = [
  'employeeNumber', 'assignmentNumber', 'title', 'firstName', 'middleNames', 'lastName', 'knownAs', 'workEmail',
  'primaryAssignment', 'assignmentStatus', 'assignmentCategory', 'startDate', 'endDate', 'hireDate', 'terminationDate',
  'positionTitle', 'positionNumber', 'occupationCode', 'staffGroup', 'jobRole', 'areaOfWork', 'grade',
  'organisationName', 'costCentre', 'odsCode', 'supervisorEmployeeNumber', 'cisUuid',
] as const;

export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

/** Without these a file cannot say who works where: it is refused whole. */
export const REQUIRED_FIELDS: readonly CanonicalField[] = [
  'employeeNumber', 'assignmentNumber', 'firstName', 'lastName', 'primaryAssignment', 'assignmentStatus', 'startDate',
];

export const HEADER_ALIASES: Readonly<Record<CanonicalField, readonly string[]>> = {
  employeeNumber: ['Employee Number', 'Emp No', 'Employee No', 'Person Number'],
  assignmentNumber: ['Assignment Number', 'Assignment No'],
  title: ['Title'],
  firstName: ['First Name', 'Forename', 'Forenames'],
  middleNames: ['Middle Names', 'Middle Name'],
  lastName: ['Last Name', 'Surname'],
  knownAs: ['Known As', 'Preferred Name'],
  workEmail: ['Work Email Address', 'Work Email', 'E-mail Address', 'Email Address', 'NHSmail'],
  primaryAssignment: ['Primary Assignment', 'Primary Assignment Flag', 'Primary Flag'],
  assignmentStatus: ['Assignment Status', 'User Person Type Status'],
  assignmentCategory: ['Assignment Category'],
  startDate: ['Assignment Start Date', 'Start Date'],
  endDate: ['Assignment End Date', 'Projected End', 'Projected Assignment End', 'End Date'],
  hireDate: ['Date of Hire', 'Hire Date'],
  terminationDate: ['Termination Date', 'Leaving Date', 'Actual Termination Date'],
  positionTitle: ['Position Title', 'Position Name'],
  positionNumber: ['Position Number'],
  occupationCode: ['Occupation Code'],
  staffGroup: ['Staff Group'],
  jobRole: ['Job Role'],
  areaOfWork: ['Area of Work'],
  grade: ['Grade', 'Pay Scale', 'Grade Code'],
  organisationName: ['Organisation', 'Organisation Name', 'Org L3', 'Org L4'],
  costCentre: ['Cost Centre'],
  odsCode: ['ODS Code', 'Site Code', 'Org Code'],
  supervisorEmployeeNumber: ['Supervisor Employee Number', 'Line Manager Employee Number', 'Supervisor Emp No'],
  cisUuid: ['NHS CRS UUID', 'User Person UUID', 'CIS UUID'],
};

/** An organisation's saved map: for some fields, the header its extracts use. */
export type ColumnMap = Partial<Record<CanonicalField, string>>;

/** Where each canonical field is in a file's rows. */
export type ColumnPositions = Partial<Record<CanonicalField, number>>;

export type ResolvedColumns = { ok: true; positions: ColumnPositions } | { ok: false; missing: CanonicalField[] };

/** "Emp. No" and "EMP_NO" are the same header. */
export const normaliseHeader = (header: string): string => header.toLowerCase().replace(/[^a-z0-9]/g, '');

export function isCanonicalField(value: string): value is CanonicalField {
  return (CANONICAL_FIELDS as readonly string[]).includes(value);
}

/** Finds each field's column from the saved map first, then the aliases; a missing required field fails the file. */
export function resolveColumns(headers: readonly string[], map: ColumnMap = {}): ResolvedColumns {
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    const key = normaliseHeader(h);
    if (key !== '' && !index.has(key)) index.set(key, i);
  });
  const positions: ColumnPositions = {};
  for (const field of CANONICAL_FIELDS) {
    const saved = map[field];
    const candidates = saved ? [saved] : HEADER_ALIASES[field];
    const found = candidates.map((c) => index.get(normaliseHeader(c))).find((i) => i !== undefined);
    if (found !== undefined) positions[field] = found;
  }
  const missing = REQUIRED_FIELDS.filter((f) => positions[f] === undefined);
  return missing.length > 0 ? { ok: false, missing } : { ok: true, positions };
}

/** A row's values by field (absent columns and empty cells are empty strings). */
export function pickFields(cells: readonly string[], positions: ColumnPositions): Record<CanonicalField, string> {
  const record = {} as Record<CanonicalField, string>;
  for (const field of CANONICAL_FIELDS) {
    const at = positions[field];
    record[field] = at === undefined ? '' : (cells[at] ?? '').trim();
  }
  return record;
}
