import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EsrRow } from './esr-row.ts';
import { isEmptyPlan, planStaffImport, suggestionKey } from './plan.ts';
import type { StaffPlan, StaffPlanOptions, StaffState } from './plan.ts';

const ORG = 'org-trust';
const OPTIONS: StaffPlanOptions = { today: '2026-12-05', fullExtract: true, leaverThresholdPct: 10, allowManyLeavers: false };

function row(employeeNumber: string, overrides: Partial<EsrRow> = {}): EsrRow {
  return {
    line: 2, employeeNumber, assignmentNumber: `${employeeNumber}-1`, title: '', firstName: 'Ada', middleNames: '', lastName: `Example ${employeeNumber}`, knownAs: '',
    workEmail: `e${employeeNumber}@example.invalid`, isPrimary: true, status: 'Active Assignment', state: 'active', category: 'Permanent', startDate: '2020-04-01',
    endDate: null, hireDate: null, terminationDate: null, positionTitle: 'Staff Nurse', positionNumber: '', occupationCode: '', staffGroup: 'Nursing and Midwifery Registered',
    jobRole: 'Staff Nurse', areaOfWork: '', grade: 'Band 5', organisationName: '', costCentre: '', odsCode: '', supervisorEmployeeNumber: '', cisUuid: '', ...overrides,
  };
}

const emptyState = (): StaffState => ({ importingOrganisationId: ORG, organisationsByOds: new Map([['RXX', ORG], ['RXX01', 'org-site']]), people: [], assignments: [], links: [], emailOwners: new Map() });

/** What the repository would hold after applying the plan, as the planner reads it back. */
function applyToState(state: StaffState, plan: StaffPlan): StaffState {
  const people = new Map(state.people.map((p) => [p.employeeNumber, { ...p }]));
  const owners = new Map(state.emailOwners);
  for (const p of plan.newPeople) {
    people.set(p.employeeNumber, { employeeNumber: p.employeeNumber, personId: `person-${p.employeeNumber}`, organisationId: p.organisationId, email: p.email, cisUuid: p.cisUuid, leftAt: null, suggestionKey: null });
    owners.set(`${p.organisationId} ${p.email}`, `person-${p.employeeNumber}`);
  }
  for (const c of plan.changedPeople) {
    const p = people.get(c.employeeNumber)!;
    if (c.rejoins) p.leftAt = null;
    if (c.cisUuid) p.cisUuid = c.cisUuid;
    if (c.email) { p.email = c.email; owners.set(`${p.organisationId} ${c.email}`, p.personId); }
  }
  for (const l of plan.leavers) people.get(l.employeeNumber)!.leftAt = OPTIONS.today;
  for (const s of plan.suggestions) people.get(s.employeeNumber)!.suggestionKey = suggestionKey(s);
  const assignments = new Map(state.assignments.map((a) => [a.assignmentNumber, { ...a }]));
  for (const a of plan.assignments) assignments.set(a.assignmentNumber, { assignmentNumber: a.assignmentNumber, employeeNumber: a.employeeNumber, rowHash: a.rowHash, ended: false });
  for (const n of plan.endedAssignments) assignments.get(n)!.ended = true;
  const key = (l: { supervisorEmployeeNumber: string; learnerEmployeeNumber: string }) => `${l.supervisorEmployeeNumber}>${l.learnerEmployeeNumber}`;
  const ended = new Set(plan.supervisionsEnded.map(key));
  const links = [...state.links.filter((l) => !(l.source === 'esr' && ended.has(key(l)))), ...plan.supervisionsAdded.map((l) => ({ ...l, source: 'esr' as const }))];
  return { ...state, people: [...people.values()], assignments: [...assignments.values()], links, emailOwners: owners };
}

describe('planStaffImport', () => {
  it('creates people, their assignments, line-manager links and suggestions, then nothing the second time', () => {
    const rows = [row('001'), row('002', { supervisorEmployeeNumber: '001' }), row('002', { assignmentNumber: '002-2', isPrimary: false, category: 'Bank' })];
    const plan = planStaffImport(rows, [], emptyState(), OPTIONS);
    expect(plan.counts).toMatchObject({ newPeople: 2, assignmentsWritten: 3, supervisionsAdded: 1, suggestions: 2, errors: 0, leavers: 0 });
    expect(plan.supervisionsAdded).toEqual([{ supervisorEmployeeNumber: '001', learnerEmployeeNumber: '002' }]);
    expect(isEmptyPlan(planStaffImport(rows, [], applyToState(emptyState(), plan), OPTIONS))).toBe(true);
  });

  it('gives a placeholder address and a warning when there is no work e-mail', () => {
    const plan = planStaffImport([row('001', { workEmail: null })], [], emptyState(), OPTIONS);
    expect(plan.newPeople[0]!.email).toMatch(/\.invalid$/);
    expect(plan.warnings.map((w) => w.reason)).toEqual(['placeholder-email']);
  });

  it.each([
    ['duplicate assignment number', [row('001'), row('002', { assignmentNumber: '001-1' })], 'duplicate-assignment', ['001', '002']],
    ['foreign ODS code', [row('001', { odsCode: 'ZZZ' })], 'foreign-organisation', ['001']],
    ['supervisor not found', [row('001', { supervisorEmployeeNumber: '999' })], 'supervisor-not-found', ['001']],
    ['same address twice', [row('001', { workEmail: 'a@example.invalid' }), row('002', { workEmail: 'a@example.invalid' })], 'email-in-use', ['002']],
  ])('%s is a row error and the employee is left alone', (_name, rows, reason, employees) => {
    const plan = planStaffImport(rows, [], emptyState(), OPTIONS);
    expect(plan.errors.map((e) => e.reason)).toContain(reason);
    expect(plan.newPeople.map((p) => p.employeeNumber)).not.toEqual(expect.arrayContaining(employees));
  });

  it('refuses an address another person in the organisation has', () => {
    const state = { ...emptyState(), emailOwners: new Map([[`${ORG} taken@example.invalid`, 'someone-else']]) };
    const plan = planStaffImport([row('001', { workEmail: 'taken@example.invalid' })], [], state, OPTIONS);
    expect(plan.errors).toMatchObject([{ reason: 'email-in-use', employeeNumber: '001' }]);
  });

  it('places people in the organisation their ODS code names', () => {
    expect(planStaffImport([row('001', { odsCode: 'rxx01' })], [], emptyState(), OPTIONS).newPeople[0]!.organisationId).toBe('org-site');
  });

  it('describes someone without an active primary assignment by their first active one, with a warning', () => {
    const rows = [row('001', { isPrimary: true, state: 'leaver', status: 'Terminate Assignment' }), row('001', { assignmentNumber: '001-2', isPrimary: false, positionTitle: 'Bank Nurse' })];
    const plan = planStaffImport(rows, [], emptyState(), OPTIONS);
    expect(plan.newPeople[0]!.jobTitle).toBe('Bank Nurse');
    expect(plan.warnings.map((w) => w.reason)).toContain('no-primary');
  });

  it('finds leavers by status and by absence, ends their ESR links, and refuses too many', () => {
    const rows = Array.from({ length: 30 }, (_, i) => row(String(100 + i), { supervisorEmployeeNumber: i === 0 ? '' : '100' }));
    const state = applyToState(emptyState(), planStaffImport(rows, [], emptyState(), OPTIONS));
    const next = [row('100', { state: 'leaver', status: 'Terminate Assignment' }), ...rows.slice(1, 29)];
    const plan = planStaffImport(next, [], state, OPTIONS);
    expect(plan.leavers.map((l) => [l.employeeNumber, l.reason])).toEqual([['100', 'terminated'], ['129', 'absent']]);
    expect(plan.supervisionsEnded).toHaveLength(29);
    expect(plan.refusal).toBeNull();
    const partial = planStaffImport(rows.slice(0, 20), [], state, OPTIONS);
    expect(partial.refusal).toMatchObject({ reason: 'too-many-leavers', leavers: 10, limit: 3 });
    expect(planStaffImport(rows.slice(0, 20), [], state, { ...OPTIONS, allowManyLeavers: true }).refusal).toBeNull();
    expect(planStaffImport(rows.slice(0, 20), [], state, { ...OPTIONS, fullExtract: false }).leavers).toEqual([]);
  });

  it('never ends a manual supervision', () => {
    const state = { ...applyToState(emptyState(), planStaffImport([row('001'), row('002')], [], emptyState(), OPTIONS)) };
    const withManual = { ...state, links: [{ supervisorEmployeeNumber: '001', learnerEmployeeNumber: '002', source: 'manual' as const }] };
    expect(planStaffImport([row('001'), row('002')], [], withManual, OPTIONS).supervisionsEnded).toEqual([]);
  });
});

describe('planStaffImport properties', () => {
  const employee = fc.integer({ min: 1, max: 12 }).map((n) => String(n).padStart(3, '0'));
  const arbitraryRow = fc.record({
    employee, second: fc.boolean(), leaver: fc.boolean(), noEmail: fc.boolean(), supervisor: fc.option(employee, { nil: '' }), foreign: fc.boolean(),
  }).map((r) => row(r.employee, {
    assignmentNumber: `${r.employee}-${r.second ? 2 : 1}`, isPrimary: !r.second, state: r.leaver ? 'leaver' : 'active',
    workEmail: r.noEmail ? null : `e${r.employee}@example.invalid`, supervisorEmployeeNumber: r.supervisor, odsCode: r.foreign && r.second ? 'ZZZ' : '',
  }));
  const files = fc.array(arbitraryRow, { maxLength: 20 });

  it('planning again after applying a plan gives an empty plan', () => {
    fc.assert(fc.property(files, files, (first, second) => {
      const options = { ...OPTIONS, allowManyLeavers: true };
      const state = applyToState(emptyState(), planStaffImport(first, [], emptyState(), options));
      const plan = planStaffImport(second, [], state, options);
      expect(isEmptyPlan(planStaffImport(second, [], applyToState(state, plan), options))).toBe(true);
    }));
  });

  it('never makes an employee with an error a leaver', () => {
    fc.assert(fc.property(files, files, (first, second) => {
      const options = { ...OPTIONS, allowManyLeavers: true };
      const state = applyToState(emptyState(), planStaffImport(first, [], emptyState(), options));
      const plan = planStaffImport(second, [], state, options);
      const errored = new Set(plan.errors.map((e) => e.employeeNumber));
      expect(plan.leavers.filter((l) => errored.has(l.employeeNumber))).toEqual([]);
    }));
  });
});
