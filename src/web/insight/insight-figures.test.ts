import { describe, expect, it } from 'vitest';
import { discloseCount, discloseMeasure, discloseShare, disclosedText } from '../../domain/insight/disclosure.ts';
import { figureCell, figureText, formatMonth } from './insight-figures.ts';

describe('insight figures on a page', () => {
  it('writes numbers with UK thousands separators, where the downloads keep them bare', () => {
    const national = discloseCount(831_094, 'national');
    expect(figureText(national)).toBe('831,094');
    expect(disclosedText(national)).toBe('831094');
    expect(figureText(discloseCount(4_130_662, 'national'))).toBe('4,130,662');
    expect(figureText(discloseCount(1_234, 'sub-national'))).toBe('1,235');
    expect(figureText(discloseShare(12, 21, 'sub-national'))).toBe('57%');
    expect(figureText(discloseMeasure({ value: 12_345.5, people: 40 }, 'sub-national', 1))).toBe('12,345.5');
  });

  it('says in words what * and - mean, for screen readers', () => {
    expect(figureCell(discloseCount(3, 'sub-national'))).toEqual({ text: '*', format: 'numeric', visuallyHiddenText: '(suppressed to protect individuals)' });
    expect(figureCell(discloseShare(0, 0, 'sub-national'))).toEqual({ text: '-', format: 'numeric', visuallyHiddenText: '(not applicable)' });
    expect(figureCell(discloseCount(0, 'sub-national'))).toEqual({ text: '0', format: 'numeric' });
    expect(figureCell(undefined)).toEqual({ text: '', format: 'numeric' });
  });

  it('writes months in words', () => {
    expect(formatMonth('2025-12')).toBe('December 2025');
    expect(formatMonth('2026-01-01')).toBe('January 2026');
    expect(formatMonth('not a month')).toBe('not a month');
  });
});
