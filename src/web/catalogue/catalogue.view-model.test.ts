import { formatIsoDate } from '../dates.ts';
import { describe, expect, it } from 'vitest';
import { formatCost, formatDuration } from './catalogue.view-model.ts';

describe('formatDuration', () => {
  it.each([
    [1, '1 minute'],
    [45, '45 minutes'],
    [60, '1 hour'],
    [90, '1 hour 30 minutes'],
    [121, '2 hours 1 minute'],
    [480, '8 hours'],
  ])('%i minutes is "%s"', (minutes, text) => {
    expect(formatDuration(minutes)).toBe(text);
  });
});

describe('formatCost', () => {
  it.each([
    [0, 'Free'],
    [1250, '£12.50'],
    [4000, '£40'],
    [5, '£0.05'],
  ])('%i pence is "%s"', (pence, text) => {
    expect(formatCost(pence)).toBe(text);
  });
});

describe('formatIsoDate', () => {
  it('shows a date as NHS pages do, whatever the time zone', () => {
    expect(formatIsoDate('2027-03-31')).toBe('31 March 2027');
  });
});
