import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import type { ResourceSubmission } from './catalogue.types.ts';
import { dartEd } from './framework.fixture.ts';
import { checkResourceInput, findResourceProblems, listOf, yesNo } from './resource-input.ts';

const valid = {
  title: '  Introduction to AI  ',
  provider: 'Test provider',
  url: 'https://example.org/intro',
  description: 'What AI is.',
  format: 'e-learning',
  durationMinutes: 45,
  vendorNeutral: true,
};
const draft = { index: dartEd, forPublishing: false };

function fieldsAtFault(submission: ResourceSubmission, forPublishing = false): string[] {
  return [...new Set(findResourceProblems(submission, { index: dartEd, forPublishing }).problems.map((p) => p.field))];
}

describe('checkResourceInput', () => {
  it('normalises a minimal draft, filling defaults', () => {
    expect(checkResourceInput(valid, draft)).toEqual({
      ...valid,
      title: 'Introduction to AI',
      costPence: 0,
      cpdAccredited: false,
      cpdDetail: null,
      activityId: null,
      audienceArchetypes: [],
      audienceNote: null,
      reviewDate: null,
      outcomes: [],
      prerequisiteIds: [],
    });
  });

  it('takes an xAPI activity id as an IRI and refuses anything else', () => {
    expect(checkResourceInput({ ...valid, activityId: ' https://learninghub.example/course/1 ' }, draft).activityId).toBe('https://learninghub.example/course/1');
    expect(checkResourceInput({ ...valid, activityId: 'urn:uuid:0f2a1c3e-0000-4000-8000-000000000001' }, draft).activityId).toBe('urn:uuid:0f2a1c3e-0000-4000-8000-000000000001');
    expect(checkResourceInput({ ...valid, activityId: '' }, draft).activityId).toBeNull();
    for (const bad of ['course 1', 'learninghub.example/course/1', 'https://a b']) {
      expect(() => checkResourceInput({ ...valid, activityId: bad }, draft)).toThrow(/xAPI activity ID/);
    }
  });

  it('reads form and spreadsheet text: numbers, yes/no and `a;b` lists', () => {
    const checked = checkResourceInput(
      {
        ...valid,
        durationMinutes: ' 90 ',
        costPence: '2500',
        cpdAccredited: 'yes',
        vendorNeutral: 'FALSE',
        audienceArchetypes: 'user; driver',
        outcomes: 'ai-definitions:familiarity;weighing-ai-predictions:capability',
        prerequisiteIds: '3F2504E0-4F89-41D3-9A0C-0305E82C3301',
        reviewDate: '2026-03-31',
      },
      draft,
    );
    expect(checked).toMatchObject({
      durationMinutes: 90,
      costPence: 2500,
      cpdAccredited: true,
      vendorNeutral: false,
      // Framework order, whatever order they were given in.
      audienceArchetypes: ['driver', 'user'],
      outcomes: [
        { topicId: 'ai-definitions', level: 'familiarity' },
        { topicId: 'weighing-ai-predictions', level: 'capability' },
      ],
      prerequisiteIds: ['3f2504e0-4f89-41d3-9a0c-0305e82c3301'],
      reviewDate: '2026-03-31',
    });
  });

  it.each([
    [{ ...valid, title: ' ' }, ['title']],
    [{ ...valid, title: 'x'.repeat(201) }, ['title']],
    [{ ...valid, provider: undefined, description: '' }, ['provider', 'description']],
    [{ ...valid, url: 'javascript:alert(1)' }, ['url']],
    [{ ...valid, url: 'example.org' }, ['url']],
    [{ ...valid, url: 'https://user:pw@example.org' }, ['url']],
    [{ ...valid, format: 'book' }, ['format']],
    [{ ...valid, durationMinutes: 0 }, ['durationMinutes']],
    [{ ...valid, durationMinutes: 100_001 }, ['durationMinutes']],
    [{ ...valid, durationMinutes: 1.5 }, ['durationMinutes']],
    [{ ...valid, durationMinutes: 'an hour' }, ['durationMinutes']],
    [{ ...valid, costPence: -1 }, ['costPence']],
    [{ ...valid, vendorNeutral: undefined }, ['vendorNeutral']],
    [{ ...valid, cpdAccredited: 'perhaps' }, ['cpdAccredited']],
    [{ ...valid, audienceArchetypes: ['wizard'] }, ['audienceArchetypes']],
    [{ ...valid, reviewDate: '2026-02-30' }, ['reviewDate']],
    [{ ...valid, reviewDate: '31/03/2026' }, ['reviewDate']],
    [{ ...valid, outcomes: [{ topicId: 'no-such-topic', level: 'awareness' }] }, ['outcomes']],
    // A skill level on a knowledge topic, and a knowledge level on a skill topic.
    [{ ...valid, outcomes: 'ai-definitions:capability' }, ['outcomes']],
    [{ ...valid, outcomes: 'weighing-ai-predictions:understanding' }, ['outcomes']],
    [{ ...valid, outcomes: 'ai-definitions:awareness;ai-definitions:familiarity' }, ['outcomes']],
    [{ ...valid, prerequisiteIds: ['not-an-id'] }, ['prerequisiteIds']],
  ])('refuses %j, naming %j', (submission, fields) => {
    expect(fieldsAtFault(submission)).toEqual(fields);
  });

  it('needs an outcome to publish, but not for a draft', () => {
    expect(fieldsAtFault(valid)).toEqual([]);
    expect(fieldsAtFault(valid, true)).toEqual(['outcomes']);
    expect(fieldsAtFault({ ...valid, outcomes: 'ai-definitions:awareness' }, true)).toEqual([]);
  });

  it('reports every problem at once, first message as the summary', () => {
    try {
      checkResourceInput({ format: 'video' }, draft);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const problem = error as AppError;
      expect(problem.code).toBe('invalid');
      expect(problem.message).toBe('Enter a title');
      expect(problem.details.map((d) => d.field)).toEqual(['title', 'provider', 'description', 'url', 'durationMinutes', 'vendorNeutral']);
    }
  });
});

describe('listOf and yesNo', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['a; b;;c', ['a', 'b', 'c']],
    ['a\nb', ['a', 'b']],
    [['x', 'y'], ['x', 'y']],
  ])('lists %j as %j', (value, list) => {
    expect(listOf(value)).toEqual(list);
  });

  it.each([
    [true, true],
    ['Yes', true],
    ['1', true],
    ['on', true],
    ['false', false],
    ['N', false],
    ['maybe', undefined],
    [1, undefined],
  ])('reads %j as %j', (value, answer) => {
    expect(yesNo(value)).toBe(answer);
  });
});
