import { describe, expect, it } from 'vitest';
import { normaliseHeader, pickFields, resolveColumns } from './column-map.ts';

const REQUIRED_HEADERS = ['Employee Number', 'Assignment Number', 'First Name', 'Last Name', 'Primary Assignment', 'Assignment Status', 'Assignment Start Date'];

describe('resolveColumns', () => {
  it.each([
    ['exact headers', REQUIRED_HEADERS],
    ['case and spacing differ', ['EMPLOYEE_NUMBER', 'assignment no', 'Forename', 'SURNAME', 'Primary Assignment Flag', 'assignment-status', 'start date']],
    ['aliases', ['Person Number', 'Assignment No', 'Forename', 'Surname', 'Primary Flag', 'Assignment Status', 'Start Date']],
  ])('finds every required column: %s', (_name, headers) => {
    const resolved = resolveColumns(headers);
    expect(resolved.ok).toBe(true);
    if (resolved.ok) expect(resolved.positions.employeeNumber).toBe(0);
  });

  it('refuses a file without a required column, naming it', () => {
    expect(resolveColumns(REQUIRED_HEADERS.filter((h) => h !== 'Assignment Number'))).toEqual({ ok: false, missing: ['assignmentNumber'] });
  });

  it('prefers the saved map over the aliases', () => {
    const resolved = resolveColumns([...REQUIRED_HEADERS, 'Trust Email'], { workEmail: 'trust email' });
    expect(resolved.ok && resolved.positions.workEmail).toBe(7);
  });

  it('normalises headers and picks trimmed fields', () => {
    expect(normaliseHeader(' Emp. No ')).toBe('empno');
    const resolved = resolveColumns(REQUIRED_HEADERS);
    if (!resolved.ok) throw new Error('unresolved');
    const fields = pickFields([' 00012345 ', '00012345-1'], resolved.positions);
    expect(fields.employeeNumber).toBe('00012345');
    expect(fields.firstName).toBe('');
  });
});
