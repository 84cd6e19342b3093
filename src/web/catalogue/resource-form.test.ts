import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frameworkDocumentSchema } from '../../domain/framework/framework-document.ts';
import { indexFramework } from '../../domain/framework/framework-index.ts';
import { EMPTY_FORM, formValuesOf, readResourceForm } from './resource-form.ts';
import type { ResourceFormValues } from './resource-form.ts';

const index = indexFramework(frameworkDocumentSchema.parse(JSON.parse(readFileSync(new URL('../../../frameworks/dart-ed-2022.json', import.meta.url), 'utf8'))));

const filled: ResourceFormValues = {
  ...EMPTY_FORM,
  title: 'Evaluating AI products',
  provider: 'Academy',
  url: 'https://academy.example.nhs.uk/ai',
  description: 'How to read the evidence.',
  format: 'course',
  durationHours: '1',
  durationMinutes: '30',
  cost: '£12.50',
  vendorNeutral: 'yes',
  cpdAccredited: 'no',
  reviewDay: '1',
  reviewMonth: '4',
  reviewYear: '2027',
  outcomes: { 'how-ai-learns': 'familiarity' },
};

describe('readResourceForm', () => {
  it('turns hours and minutes, pounds and a date in three boxes into the service’s terms', () => {
    const { input, errors } = readResourceForm(index, filled);
    expect(errors).toEqual([]);
    expect(input).toMatchObject({ durationMinutes: 90, costPence: 1250, vendorNeutral: true, cpdAccredited: false, reviewDate: '2027-04-01', outcomes: [{ topicId: 'how-ai-learns', level: 'familiarity' }] });
  });

  it.each([
    [{ durationHours: '', durationMinutes: '45' }, 45],
    [{ durationHours: '2', durationMinutes: '' }, 120],
  ])('reads a duration given as %o', (change, minutes) => {
    expect(readResourceForm(index, { ...filled, ...change }).input?.durationMinutes).toBe(minutes);
  });

  it.each([
    ['0', 0],
    ['40', 4000],
    ['1,250.00', 125000],
  ])('reads a cost of %s', (cost, pence) => {
    expect(readResourceForm(index, { ...filled, cost }).input?.costPence).toBe(pence);
  });

  it.each([
    [{ durationMinutes: '75' }, '#durationHours'],
    [{ durationHours: 'one' }, '#durationHours'],
    [{ cost: '12.5.0' }, '#cost'],
    [{ cost: '' }, '#cost'],
    [{ reviewDay: '30', reviewMonth: '2' }, '#reviewDate-day'],
    [{ reviewYear: '27' }, '#reviewDate-day'],
    [{ cpdAccredited: '' }, '#cpdAccredited'],
    [{ outcomes: { 'how-ai-learns': 'proficiency' } }, '#outcome-how-ai-learns'],
  ])('links the problem with %o to its field', (change, href) => {
    const { input, errors } = readResourceForm(index, { ...filled, ...change });
    expect(input).toBeUndefined();
    expect(errors.map((e) => e.href)).toEqual([href]);
  });

  it('lists every problem of an empty form in the order of the form', () => {
    const { errors } = readResourceForm(index, EMPTY_FORM);
    expect(errors.map((e) => e.field)).toEqual(['title', 'provider', 'url', 'description', 'format', 'durationMinutes', 'costPence', 'vendorNeutral', 'cpdAccredited']);
    expect(errors[0]).toEqual({ field: 'title', href: '#title', text: 'Enter a title' });
  });
});

describe('formValuesOf', () => {
  it('keeps the chosen levels and lists, and ignores fields it does not know', () => {
    const values = formValuesOf({ title: 'T', 'outcome-how-ai-learns': 'awareness', 'outcome-model-bias': '', audienceArchetypes: 'user', prerequisiteIds: ['a', 'b'], other: 'x' });
    expect(values.outcomes).toEqual({ 'how-ai-learns': 'awareness' });
    expect(values.audienceArchetypes).toEqual(['user']);
    expect(values.prerequisiteIds).toEqual(['a', 'b']);
    expect(values).not.toHaveProperty('other');
  });
});
