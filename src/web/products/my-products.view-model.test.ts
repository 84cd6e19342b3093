import { describe, expect, it } from 'vitest';
import type { CurrencyStatus, VersionChange } from '../../domain/products/index.ts';
import { currencyTag, trainingActionText } from './my-products.view-model.ts';
import { paragraphsOf } from './product-view.ts';

const DUE_BY = new Date('2026-11-27T12:00:00Z');
const REFRESHER: VersionChange = { versionId: 'v2', label: '1.1', trainingImpact: 'refresher-required', releaseNotes: 'New model.', affectedTopics: [] };

describe('currencyTag', () => {
  it.each<[CurrencyStatus, Date | null, string, string]>([
    ['current', null, 'Current', 'nhsuk-tag--green'],
    ['due', DUE_BY, 'Due by 27 November 2026', 'nhsuk-tag--yellow'],
    ['due', null, 'Due', 'nhsuk-tag--yellow'],
    ['overdue', DUE_BY, 'Overdue', 'nhsuk-tag--red'],
    ['not-started', DUE_BY, 'Not started', 'nhsuk-tag--blue'],
    ['not-required', null, 'Not required', 'nhsuk-tag--grey'],
  ])('%s (due %s) is "%s" in %s', (status, dueBy, text, classes) => {
    expect(currencyTag(status, dueBy)).toEqual({ text, classes });
  });
});

describe('trainingActionText', () => {
  it.each<[CurrencyStatus, VersionChange[], string]>([
    ['not-started', [], 'Start training'],
    ['overdue', [], 'Start training'],
    ['due', [REFRESHER], 'Take the refresher'],
    ['overdue', [REFRESHER], 'Take the refresher'],
    ['current', [], 'Review the training'],
    ['current', [{ ...REFRESHER, trainingImpact: 'minor' }], 'Review the training'],
    ['not-required', [], 'Review the training'],
  ])('%s with %j changes says "%s"', (status, whatChanged, text) => {
    expect(trainingActionText({ status, whatChanged })).toBe(text);
  });
});

describe('paragraphsOf', () => {
  it('splits release notes on blank lines and drops empty ones', () => {
    expect(paragraphsOf('First.\n\n  \nSecond\nline.\n\n')).toEqual(['First.', 'Second\nline.']);
    expect(paragraphsOf('   ')).toEqual([]);
  });
});
