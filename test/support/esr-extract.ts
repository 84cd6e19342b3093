/**
 * Fictional ESR staff-in-post extracts (issue 15 §2), seeded so a test or benchmark gets the same
 * file every time. Names are made up; addresses are on the reserved `.invalid` domain, which the
 * outbox never queues. Knobs add what real extracts carry: second (bank) assignments, leavers,
 * missing e-mails, duplicate assignment numbers, bad dates, and whole-file faults.
 */
export interface EsrExtractOptions {
  seed?: number;
  /** Employees 0…people-1; employee numbers are 8 digits with leading zeros. */
  people: number;
  /** Employees with a second (bank) assignment. */
  secondaryAssignments?: number;
  /** Employees whose primary assignment is terminated. */
  leavers?: number;
  /** Employees left out of the file (with a full extract, they have left). */
  absent?: number;
  missingEmails?: number;
  /** Extra rows reusing another employee's assignment number. */
  duplicateKeys?: number;
  badDates?: number;
  /** ODS codes to place employees at (round robin); none: no ODS column values. */
  odsCodes?: readonly string[];
  /** Rows given this ODS code instead (an organisation the importer does not administer). */
  foreignOds?: { code: string; count: number };
  malformed?: 'unbalanced-quote' | 'missing-header' | 'ragged-row';
  /** Every employee below the first reports to one of the first `managers` (default 5 %). */
  managers?: number;
}

export const ESR_HEADERS = [
  'Employee Number', 'Assignment Number', 'Title', 'First Name', 'Last Name', 'Known As', 'Work Email Address', 'Primary Assignment', 'Assignment Status',
  'Assignment Category', 'Assignment Start Date', 'Assignment End Date', 'Position Title', 'Occupation Code', 'Staff Group', 'Job Role', 'Area of Work',
  'Grade', 'Organisation', 'Cost Centre', 'ODS Code', 'Supervisor Employee Number',
] as const;

const FIRST = ['Ada', 'Bryn', 'Cerys', 'Dev', 'Esme', 'Farid', 'Gwen', 'Hari', 'Isla', 'Jonah', 'Kemi', 'Lior', 'Maya', 'Niall', 'Orla', 'Priya', 'Quinn', 'Rhys', 'Sana', 'Tomas'];
const LAST = ['Ashdown', 'Brightwater', 'Coldharbour', 'Dunmore', 'Elmsworth', 'Fairleigh', 'Glenrow', 'Hollins', 'Ivybridge', 'Jessop', 'Kingsmere', 'Larkfield'];
const ROLES: ReadonlyArray<readonly [string, string, string, string]> = [
  ['Nursing and Midwifery Registered', 'Staff Nurse', 'N0A', 'Band 5'],
  ['Medical and Dental', 'Consultant', 'C01', 'Consultant'],
  ['Allied Health Professionals', 'Physiotherapist', 'S2A', 'Band 6'],
  ['Additional Clinical Services', 'Healthcare Assistant', 'H1A', 'Band 3'],
  ['Administrative and Clerical', 'Data Analyst', 'G2A', 'Band 6'],
  ['Administrative and Clerical', 'Receptionist', 'G1A', 'Band 3'],
  ['Healthcare Scientists', 'Clinical Scientist', 'S1A', 'Band 7'],
  ['Estates and Ancillary', 'Porter', 'H2A', 'Band 2'],
];

/** mulberry32: small, fast and the same everywhere. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const employeeNumberOf = (i: number): string => String(10_000_000 + i).padStart(8, '0').replace(/^1/, '0');
export const emailOf = (i: number): string => `${FIRST[i % FIRST.length]!.toLowerCase()}.${LAST[i % LAST.length]!.toLowerCase()}.${i}@example-trust.invalid`;

/** Distinct indices below n, chosen by the generator, skipping the ones in `taken`. */
function pick(next: () => number, n: number, count: number, taken: Set<number>): Set<number> {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, n - taken.size)) {
    const i = Math.floor(next() * n);
    if (!taken.has(i) && !chosen.has(i)) chosen.add(i);
  }
  for (const i of chosen) taken.add(i);
  return chosen;
}

const quote = (cell: string): string => (/[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

export function generateEsrExtract(options: EsrExtractOptions): string {
  // Each knob draws from its own stream, so a second file that differs in one knob keeps the rest of the first.
  const seed = options.seed ?? 15;
  const stream = (k: number) => random(seed * 7919 + k);
  const n = options.people;
  const managers = Math.max(1, options.managers ?? Math.ceil(n / 20));
  const absent = pick(stream(1), n, options.absent ?? 0, new Set([0]));
  const leavers = pick(stream(2), n, options.leavers ?? 0, new Set([0, ...absent]));
  const noEmail = pick(stream(3), n, options.missingEmails ?? 0, new Set());
  const secondary = pick(stream(4), n, options.secondaryAssignments ?? 0, new Set());
  const badDate = pick(stream(5), n, options.badDates ?? 0, new Set([0]));
  const foreign = pick(stream(6), n, options.foreignOds?.count ?? 0, new Set([0]));
  const next = stream(7);
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    if (absent.has(i)) continue;
    const [staffGroup, jobRole, occupation, grade] = ROLES[i % ROLES.length]!;
    const supervisor = i === 0 ? '' : employeeNumberOf(i < managers ? 0 : i % managers);
    const ods = foreign.has(i) ? options.foreignOds!.code : options.odsCodes?.length ? options.odsCodes[i % options.odsCodes.length]! : '';
    const base = (assignment: number, primary: boolean, status: string, category: string): string[] => [
      employeeNumberOf(i), `${employeeNumberOf(i)}-${assignment}`, 'Mx', FIRST[i % FIRST.length]!, LAST[i % LAST.length]!, '', noEmail.has(i) ? '' : emailOf(i),
      primary ? 'Y' : 'N', status, category, badDate.has(i) && primary ? '31/02/2020' : '01/04/2020', '', jobRole, occupation, staffGroup, jobRole, '',
      grade, 'Example Trust', `CC${i % 40}`, ods, supervisor,
    ];
    rows.push(base(1, true, leavers.has(i) ? 'Terminate Assignment' : 'Active Assignment', 'Permanent'));
    if (secondary.has(i)) rows.push(base(2, false, leavers.has(i) ? 'Terminate Assignment' : 'Active Assignment', 'Bank'));
  }
  for (let d = 0; d < (options.duplicateKeys ?? 0) && rows.length > 1; d++) {
    const copy = [...rows[Math.floor(next() * rows.length)]!];
    copy[0] = employeeNumberOf(n + d);
    rows.push(copy);
  }
  return serialise(rows, options.malformed);
}

function serialise(rows: string[][], malformed: EsrExtractOptions['malformed']): string {
  const lines = rows.map((r) => r.map(quote).join(','));
  if (malformed === 'unbalanced-quote') lines.splice(Math.floor(lines.length / 2), 0, `"00099999,00099999-1,"Mx,Open,Quote`);
  if (malformed === 'ragged-row') lines.splice(Math.floor(lines.length / 2), 0, `${lines[0]},an extra cell`);
  const header = malformed === 'missing-header' ? [] : [ESR_HEADERS.join(',')];
  return [...header, ...lines].join('\r\n') + '\r\n';
}
