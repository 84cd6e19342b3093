import { describe, expect, it } from 'vitest';
import { summariseCurrency } from '../../domain/products/index.ts';
import type { CurrencyRow } from '../../services/products/product-training.service.ts';
import { countsView, organisationChoices, personRowView } from './training-currency.view-model.ts';

describe('countsView', () => {
  it('lists the four statuses a manager acts on, and "not required" only when someone is', () => {
    const live = countsView(summariseCurrency(['current', 'current', 'due', 'not-started']));
    expect(live.map((r) => `${r.key.text} ${r.value.text}`)).toEqual(['Current 2', 'Due 1', 'Overdue 0', 'Not started 1']);
    const withdrawn = countsView(summariseCurrency(['not-required']));
    expect(withdrawn.map((r) => r.key.text)).toEqual(['Current', 'Due', 'Overdue', 'Not started', 'Not required']);
  });
});

describe('personRowView', () => {
  const row: CurrencyRow = {
    personId: 'p1',
    displayName: 'Rae Radiographer',
    deploymentId: 'd1',
    productName: 'tri-X',
    organisationName: 'Test Trust',
    status: 'not-started',
    requiredVersion: { id: 'v1', label: '1.0' },
    lastPassedVersion: null,
    dueBy: new Date('2026-11-27T09:00:00Z'),
    whatChanged: [],
  };

  it('says what is missing rather than leaving a cell empty', () => {
    expect(personRowView(row)).toMatchObject({ tag: { text: 'Not started' }, requiredVersion: '1.0', lastPassedVersion: 'Not passed yet', dueBy: '27 November 2026' });
    expect(personRowView({ ...row, status: 'current', lastPassedVersion: { id: 'v1', label: '1.0' }, dueBy: null })).toMatchObject({ tag: { text: 'Current' }, lastPassedVersion: '1.0', dueBy: '–' });
  });
});

describe('organisationChoices', () => {
  it('indents by depth and selects the one shown', () => {
    expect(organisationChoices([{ id: 't', name: 'Test Trust', depth: 0 }, { id: 'r', name: 'Radiology', depth: 1 }], 'r')).toEqual([
      { value: 't', text: 'Test Trust', selected: false },
      { value: 'r', text: '\u00a0\u00a0\u00a0Radiology', selected: true },
    ]);
  });
});
