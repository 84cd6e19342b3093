import { createHash } from 'node:crypto';
import type { EsrRow, RowError } from './esr-row.ts';
import { sortEmployees } from './plan-employees.ts';
import type { FileEmployee, Warning } from './plan-employees.ts';
import type {
  AssignmentRecord, ExistingStaffPerson, Leaver, PersonChange, PlannedLink, PlannedPerson, PlannedSuggestion, StaffPlan, StaffPlanOptions, StaffState,
} from './plan-types.ts';
import { isEmptySuggestion, suggestProfile } from './suggestions.ts';

export type * from './plan-types.ts';

/** Reserved for addresses that can never be delivered (RFC 2606): the outbox never queues mail to them. */
export const PLACEHOLDER_DOMAIN = 'staff-record.invalid';

export const placeholderEmail = (employeeNumber: string, organisationId: string): string =>
  `esr-${employeeNumber.toLowerCase()}-${organisationId}@${PLACEHOLDER_DOMAIN}`;

export const isPlaceholderEmail = (email: string): boolean => email.endsWith(`@${PLACEHOLDER_DOMAIN}`);

export function toAssignmentRecord(row: EsrRow): AssignmentRecord {
  const values = {
    assignmentNumber: row.assignmentNumber, employeeNumber: row.employeeNumber, isPrimary: row.isPrimary, status: row.status, state: row.state,
    category: row.category, startDate: row.startDate, endDate: row.endDate, positionTitle: row.positionTitle, occupationCode: row.occupationCode,
    staffGroup: row.staffGroup, jobRole: row.jobRole, areaOfWork: row.areaOfWork, grade: row.grade, organisationName: row.organisationName,
    costCentre: row.costCentre, odsCode: row.odsCode, supervisorEmployeeNumber: row.supervisorEmployeeNumber,
  };
  return { ...values, rowHash: createHash('sha256').update(JSON.stringify(Object.values(values))).digest('base64url') };
}

const displayNameOf = (row: EsrRow): string => `${row.knownAs || row.firstName} ${row.lastName}`.replace(/\s+/g, ' ').trim();

function newPerson(e: FileEmployee, importingOrganisationId: string, warnings: Warning[]): PlannedPerson {
  const row = e.primary!;
  if (!e.email) warnings.push({ line: row.line, employeeNumber: e.employeeNumber, reason: 'placeholder-email', message: 'No work e-mail: the account has a placeholder address until ESR gives one.' });
  return {
    employeeNumber: e.employeeNumber,
    organisationId: e.organisationId,
    displayName: displayNameOf(row),
    email: e.email ?? placeholderEmail(e.employeeNumber, importingOrganisationId),
    jobTitle: row.positionTitle || row.jobRole || null,
    cisUuid: row.cisUuid || null,
  };
}

function personChange(e: FileEmployee, known: ExistingStaffPerson): PersonChange | null {
  const cis = e.primary!.cisUuid || null;
  const change: PersonChange = {
    employeeNumber: e.employeeNumber,
    personId: known.personId,
    rejoins: known.leftAt !== null,
    cisUuid: cis !== null && cis !== known.cisUuid ? cis : null,
    email: e.email && isPlaceholderEmail(known.email) ? e.email : null,
  };
  return change.rejoins || change.cisUuid || change.email ? change : null;
}

export const suggestionKey = (s: { professionalGroup: string | null; archetypes: readonly string[] }): string =>
  `${s.professionalGroup ?? ''}|${[...s.archetypes].sort().join(',')}`;

function suggestionFor(e: FileEmployee, known: ExistingStaffPerson | undefined): PlannedSuggestion | null {
  const suggestion = suggestProfile(e.primary!);
  if (isEmptySuggestion(suggestion)) return null;
  const key = suggestionKey(suggestion);
  return known?.suggestionKey === key ? null : { employeeNumber: e.employeeNumber, ...suggestion, key };
}

const linkKey = (l: PlannedLink): string => `${l.supervisorEmployeeNumber}>${l.learnerEmployeeNumber}`;

function planLinks(state: StaffState, active: FileEmployee[], leaving: Set<string>, known: Map<string, ExistingStaffPerson>, fileActive: Set<string>) {
  const desired = new Map<string, PlannedLink>();
  for (const e of active) {
    const supervisor = e.primary!.supervisorEmployeeNumber;
    const resolvable = fileActive.has(supervisor) || (known.has(supervisor) && known.get(supervisor)!.leftAt === null);
    if (supervisor === '' || supervisor === e.employeeNumber || leaving.has(supervisor) || !resolvable) continue;
    const link = { supervisorEmployeeNumber: supervisor, learnerEmployeeNumber: e.employeeNumber };
    desired.set(linkKey(link), link);
  }
  const current = new Set(state.links.map(linkKey));
  const activeLearners = new Set(active.map((e) => e.employeeNumber));
  const ended = state.links
    .filter((l) => l.source === 'esr')
    .filter((l) => leaving.has(l.learnerEmployeeNumber) || leaving.has(l.supervisorEmployeeNumber) || (activeLearners.has(l.learnerEmployeeNumber) && !desired.has(linkKey(l))))
    .map(({ supervisorEmployeeNumber, learnerEmployeeNumber }) => ({ supervisorEmployeeNumber, learnerEmployeeNumber }));
  return { added: [...desired.values()].filter((l) => !current.has(linkKey(l))), ended };
}

function planAssignments(state: StaffState, kept: FileEmployee[], absent: Set<string>) {
  const existing = new Map(state.assignments.map((a) => [a.assignmentNumber, a]));
  const records = kept.flatMap((e) => e.rows.map(toAssignmentRecord));
  const written = records.filter((r) => {
    const before = existing.get(r.assignmentNumber);
    return !before || before.ended || before.rowHash !== r.rowHash || before.employeeNumber !== r.employeeNumber;
  });
  const inFile = new Set(records.map((r) => r.assignmentNumber));
  const keptEmployees = new Set(kept.map((e) => e.employeeNumber));
  const ended = state.assignments
    .filter((a) => !a.ended && !inFile.has(a.assignmentNumber) && (keptEmployees.has(a.employeeNumber) || absent.has(a.employeeNumber)))
    .map((a) => a.assignmentNumber);
  return { written, ended };
}

/**
 * The pure diff between an ESR extract and what the hub holds (plan §5 I5). Valid rows are planned
 * and the rest reported; an employee with any error is left exactly as they are and is never a
 * leaver (Q3). Leavers are those whose every assignment has ended, and with a full extract those
 * missing from it; too many of them refuses the plan unless allowed (Q4, risk 6).
 */
export function planStaffImport(rows: readonly EsrRow[], readErrors: readonly RowError[], state: StaffState, options: StaffPlanOptions): StaffPlan {
  const sorted = sortEmployees(rows, readErrors, state);
  const known = new Map(state.people.map((p) => [p.employeeNumber, p]));
  const employees = [...sorted.good.values()];
  const active = employees.filter((e) => e.primary !== null);
  const ended = employees.filter((e) => e.primary === null);
  const inFile = new Set([...sorted.good.keys(), ...sorted.errored]);
  const leavers: Leaver[] = [
    ...ended.flatMap((e) => { const k = known.get(e.employeeNumber); return k && k.leftAt === null ? [{ employeeNumber: e.employeeNumber, personId: k.personId, reason: 'terminated' as const }] : []; }),
    ...(options.fullExtract ? state.people.filter((p) => p.leftAt === null && !inFile.has(p.employeeNumber)).map((p) => ({ employeeNumber: p.employeeNumber, personId: p.personId, reason: 'absent' as const })) : []),
  ];
  const leaving = new Set(leavers.map((l) => l.employeeNumber));
  const warnings = [...sorted.warnings];
  const newPeople = active.filter((e) => !known.has(e.employeeNumber)).map((e) => newPerson(e, state.importingOrganisationId, warnings));
  const changedPeople = active.flatMap((e) => { const k = known.get(e.employeeNumber); const c = k && personChange(e, k); return c ? [c] : []; });
  const kept = [...active, ...ended.filter((e) => known.has(e.employeeNumber))];
  const assignments = planAssignments(state, kept, new Set(leavers.filter((l) => l.reason === 'absent').map((l) => l.employeeNumber)));
  const links = planLinks(state, active, leaving, known, new Set(active.map((e) => e.employeeNumber)));
  const suggestions = active.flatMap((e) => { const s = suggestionFor(e, known.get(e.employeeNumber)); return s ? [s] : []; });
  const activeBefore = state.people.filter((p) => p.leftAt === null).length;
  const limit = Math.floor((activeBefore * options.leaverThresholdPct) / 100);
  const refusal = !options.allowManyLeavers && activeBefore > 0 && leavers.length > limit ? { reason: 'too-many-leavers' as const, leavers: leavers.length, limit } : null;
  return {
    newPeople, changedPeople, leavers, assignments: assignments.written, endedAssignments: assignments.ended,
    supervisionsAdded: links.added, supervisionsEnded: links.ended, suggestions, errors: sorted.errors, warnings, refusal,
    counts: {
      rows: rows.length + readErrors.length, employees: sorted.good.size + sorted.errored.size, newPeople: newPeople.length, changedPeople: changedPeople.length,
      leavers: leavers.length, assignmentsWritten: assignments.written.length, assignmentsEnded: assignments.ended.length,
      supervisionsAdded: links.added.length, supervisionsEnded: links.ended.length, suggestions: suggestions.length,
      errors: sorted.errors.length, erroredEmployees: sorted.errored.size, warnings: warnings.length, skippedLeavers: ended.length - (kept.length - active.length),
    },
  };
}

/** Whether applying the plan would change anything. */
export const isEmptyPlan = (plan: StaffPlan): boolean =>
  [plan.newPeople, plan.changedPeople, plan.leavers, plan.assignments, plan.endedAssignments, plan.supervisionsAdded, plan.supervisionsEnded, plan.suggestions].every((l) => l.length === 0);

/** A digest of what the plan would change: apply refuses when re-planning gives another. */
export function planFingerprint(plan: StaffPlan): string {
  const changes = [plan.newPeople, plan.changedPeople, plan.leavers, plan.assignments, plan.endedAssignments, plan.supervisionsAdded, plan.supervisionsEnded, plan.suggestions, plan.errors, plan.refusal];
  return createHash('sha256').update(JSON.stringify(changes)).digest('hex');
}
