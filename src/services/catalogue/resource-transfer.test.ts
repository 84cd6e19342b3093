import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import type { LearningResource } from './catalogue.types.ts';
import { CSV_COLUMNS, parseImport, resourcesToCsv, resourcesToJson, rowProblem } from './resource-transfer.ts';

const resource: LearningResource = {
  id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
  organisationId: '9b2d7c3e-1f4a-4c1e-8a53-2d7c3e1f4a4c',
  organisationName: 'Test Trust',
  frameworkId: 'dart-ed-2022',
  status: 'published',
  sample: false,
  version: 3,
  createdAt: new Date('2025-01-01T00:00:00Z'),
  updatedAt: new Date('2025-01-02T00:00:00Z'),
  publishedAt: new Date('2025-01-02T00:00:00Z'),
  retiredAt: null,
  title: 'Bias, "fairness" and you',
  provider: 'Test provider',
  url: 'https://example.org/bias',
  description: 'Line one,\nline two.',
  format: 'video',
  durationMinutes: 12,
  costPence: 0,
  cpdAccredited: true,
  cpdDetail: 'Test CPD: 1 credit',
  activityId: 'https://learning.example/xapi/bias',
  vendorNeutral: true,
  audienceArchetypes: ['driver', 'user'],
  audienceNote: null,
  reviewDate: '2026-03-31',
  outcomes: [
    { topicId: 'model-bias', level: 'familiarity' },
    { topicId: 'ai-and-inequity', level: 'awareness' },
  ],
  prerequisiteIds: ['7c9e6679-7425-40de-944b-e07fc1f90ae7'],
};

function problemsOf(run: () => unknown): string[] {
  try {
    run();
    return [];
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return error.details.map((d) => d.message);
  }
}

describe('CSV export and import', () => {
  it('writes the documented columns, quoting commas, quotes and new lines', () => {
    const csv = resourcesToCsv([resource]);
    const [header] = csv.split('\n');
    expect(header).toBe(CSV_COLUMNS.join(','));
    expect(csv).toContain('"Bias, ""fairness"" and you"');
    expect(csv).toContain('model-bias:familiarity;ai-and-inequity:awareness');
    expect(csv).toContain(',driver;user,');
  });

  it('reads back what it writes', () => {
    const [row] = parseImport('csv', resourcesToCsv([resource]));
    expect(row).toMatchObject({
      row: 2,
      id: resource.id,
      version: 3,
      status: 'published',
      sample: false,
      prerequisiteRefs: resource.prerequisiteIds,
      problems: [],
      submission: { title: resource.title, description: resource.description, durationMinutes: '12', outcomes: 'model-bias:familiarity;ai-and-inequity:awareness', audienceArchetypes: 'driver;user' },
    });
  });

  it('takes the columns in any order, a byte order mark and blank optional cells', () => {
    const [row] = parseImport('csv', '\uFEFFTitle,prerequisites,version\nOnly a title,First course; 7c9e6679-7425-40de-944b-e07fc1f90ae7,\n');
    expect(row).toMatchObject({ row: 2, id: null, version: null, status: null, submission: { title: 'Only a title' }, prerequisiteRefs: ['First course', '7c9e6679-7425-40de-944b-e07fc1f90ae7'] });
  });

  it.each([
    ['', 'The file has no resources in it'],
    ['title,tittle\nA,B\n', 'The CSV file has columns the catalogue does not know: “tittle”.'],
    ['A resource,https://example.org\n', 'The CSV file has columns the catalogue does not know'],
    ['url\nhttps://example.org\n', 'The first line of the CSV file must name the columns, including title'],
    ['title,title\nA,B\n', 'The CSV file names a column more than once'],
    ['title,url\n"unclosed,https://example.org\n', 'The CSV file could not be read'],
    ['title,url\nA,B,C\n', 'The CSV file could not be read'],
  ])('refuses the file %j', (content, message) => {
    expect(problemsOf(() => parseImport('csv', content))[0]).toContain(message);
  });

  it('names row problems as a spreadsheet shows them', () => {
    const [, second] = parseImport('csv', 'title,version,sample\nA,,\nB,two,perhaps\n');
    expect(second?.problems.map((p) => p.message)).toEqual(['Row 3 – version: Version must be a whole number, 1 or more', 'Row 3 – sample: Sample must be true or false']);
    expect(rowProblem('csv', 4, 'durationMinutes', 'Enter how long')).toEqual({ field: 'rows.4.duration_minutes', message: 'Row 4 – duration_minutes: Enter how long' });
    expect(rowProblem('json', 4, 'durationMinutes', 'Enter how long')).toEqual({ field: 'rows.4.durationMinutes', message: 'Row 4 – durationMinutes: Enter how long' });
  });
});

describe('JSON export and import', () => {
  it('exports an envelope and reads it back, or a bare list', () => {
    const json = resourcesToJson([resource], { frameworkId: 'dart-ed-2022', exportedAt: new Date('2025-02-01T00:00:00Z') });
    const parsed = JSON.parse(json);
    expect(parsed).toMatchObject({ format: 'ai-confidence-hub/learning-resources', frameworkId: 'dart-ed-2022', exportedAt: '2025-02-01T00:00:00.000Z' });
    const [row] = parseImport('json', json);
    expect(row).toMatchObject({ row: 1, id: resource.id, version: 3, status: 'published', problems: [], prerequisiteRefs: resource.prerequisiteIds });
    expect(row?.submission).toMatchObject({ outcomes: resource.outcomes, durationMinutes: 12, cpdAccredited: true });
    expect(parseImport('json', JSON.stringify(parsed.resources))).toHaveLength(1);
  });

  it.each([
    ['{', 'The JSON file could not be read'],
    ['{"items": []}', 'The JSON file must hold a list of resources'],
    ['[]', 'The file has no resources in it'],
  ])('refuses the file %j', (content, message) => {
    expect(problemsOf(() => parseImport('json', content))[0]).toContain(message);
  });

  it('flags rows that are not objects and fields it does not know', () => {
    const rows = parseImport('json', JSON.stringify([42, { title: 'A', durationMinute: 5 }]));
    expect(rows.map((r) => r.problems.map((p) => p.message))).toEqual([['Row 1 – resource: Each resource must be an object'], ['Row 2 – durationMinute: This is not a field of a learning resource']]);
  });
});
