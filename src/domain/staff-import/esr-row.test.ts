import { describe, expect, it } from 'vitest';
import { CANONICAL_FIELDS } from './column-map.ts';
import type { CanonicalField } from './column-map.ts';
import { parseEsrDate, parseFlag, readEsrRow } from './esr-row.ts';

function esrRecord(overrides: Partial<Record<CanonicalField, string>> = {}): Record<CanonicalField, string> {
  const record = Object.fromEntries(CANONICAL_FIELDS.map((f) => [f, ''])) as Record<CanonicalField, string>;
  return { ...record, employeeNumber: '00012345', assignmentNumber: '00012345-1', firstName: 'Ada', lastName: 'Example', primaryAssignment: 'Y', assignmentStatus: 'Active Assignment', startDate: '01/04/2020', ...overrides };
}

describe('parseEsrDate', () => {
  it.each([
    ['01/04/2020', '2020-04-01'],
    ['1/4/2020', '2020-04-01'],
    ['2020-04-01', '2020-04-01'],
    ['2020-04-01T00:00:00Z', '2020-04-01'],
    ['01-APR-2020', '2020-04-01'],
    ['', null],
    ['31/02/2020', undefined],
    ['04/31/2020', undefined],
    ['yesterday', undefined],
  ])('%s → %s', (text, expected) => expect(parseEsrDate(text)).toBe(expected));
});

describe('parseFlag', () => {
  it.each([['Y', true], ['yes', true], ['N', false], ['No', false], ['', false], ['maybe', undefined]])('%s → %s', (text, expected) => expect(parseFlag(text)).toBe(expected));
});

describe('readEsrRow', () => {
  const today = '2026-12-05';
  it('keeps leading zeros and lower-cases the address', () => {
    const read = readEsrRow(esrRecord({ workEmail: 'Ada.Example@Example.INVALID' }), 2, today);
    expect('row' in read && read.row.employeeNumber).toBe('00012345');
    expect('row' in read && read.row.workEmail).toBe('ada.example@example.invalid');
  });

  it.each([
    ['Active Assignment', '', 'active'],
    ['Acting Up', '', 'active'],
    ['Suspend Assignment', '', 'active'],
    ['Terminate Assignment', '', 'leaver'],
    ['Active Assignment', '30/11/2026', 'leaver'],
    ['Active Assignment', '31/12/2026', 'active'],
  ])('status %s ending %s is %s', (status, endDate, state) => {
    const read = readEsrRow(esrRecord({ assignmentStatus: status, endDate }), 2, today);
    expect('row' in read && read.row.state).toBe(state);
  });

  it.each([
    [{ employeeNumber: '' }, 'missing-key'],
    [{ assignmentNumber: '' }, 'missing-key'],
    [{ lastName: '' }, 'missing-key'],
    [{ startDate: '2020-13-01' }, 'bad-date'],
    [{ primaryAssignment: 'P' }, 'bad-flag'],
    [{ workEmail: 'not an address' }, 'bad-email'],
  ])('%o is a %s error', (overrides, reason) => {
    const read = readEsrRow(esrRecord(overrides), 7, today);
    expect('error' in read && read.error).toMatchObject({ line: 7, reason });
  });
});
