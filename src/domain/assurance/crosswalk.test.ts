import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frameworkDocumentSchema } from '../framework/framework-document.ts';
import { crosswalkCoverage, CrosswalkError, findCrosswalkProblems, indexCrosswalk, itemsOfChecklist, linksOfQuestion, parseCrosswalk, questionsWithoutLinks } from './crosswalk.ts';
import type { CrosswalkDocument, ItemCoverage, ItemCoverageStatus, QuestionAnswerState } from './crosswalk.ts';

const readJson = (path: string): unknown => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const raw = readJson('../../../crosswalks/assurance-crosswalk.json');
const framework = frameworkDocumentSchema.parse(readJson('../../../frameworks/dart-ed-2022.json'));
const questionsOf = (setId: string) => framework.questionSets.find((s) => s.id === setId)?.questions.map((q) => q.id) ?? [];
const a3 = questionsOf('a3');
const a6 = questionsOf('a6');
// Parsed without question ids so a missing link fails its own test below rather than the whole file.
const doc = parseCrosswalk(raw);
const index = indexCrosswalk(doc);

describe('the bundled assurance crosswalk', () => {
  it('is valid, consistent and links questions of the framework it names', () => {
    expect(doc.framework).toBe(framework.id);
    expect(findCrosswalkProblems(doc, [...a3, ...a6])).toEqual([]);
  });

  it('links every one of the 65 A3 and A6 questions to at least one checklist item', () => {
    expect(a3).toHaveLength(40);
    expect(a6).toHaveLength(25);
    const linked = new Set(doc.links.map((l) => l.question));
    expect([...a3, ...a6].filter((id) => !linked.has(id))).toEqual([]);
    expect(questionsWithoutLinks(doc, [...a3, ...a6])).toEqual([]);
  });

  it('points every link at a known question and a known item, with a source and a one-sentence rationale', () => {
    const questionIds = new Set([...a3, ...a6]);
    const itemIds = new Set(doc.checklists.flatMap((c) => c.items.map((i) => i.id)));
    for (const link of doc.links) {
      const where = `${link.question} → ${link.item}`;
      expect(questionIds.has(link.question), where).toBe(true);
      expect(itemIds.has(link.item), where).toBe(true);
      expect(link.source.trim(), where).not.toBe('');
      expect(link.rationale, where).toMatch(/^[A-Z].*\.$/);
      expect(link.rationale, where).not.toMatch(/\.\s/);
    }
  });

  it('has no duplicate links, checklists or items', () => {
    const pairs = doc.links.map((l) => `${l.question} ${l.item}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(new Set(doc.checklists.map((c) => c.id)).size).toBe(doc.checklists.length);
    const items = doc.checklists.flatMap((c) => c.items.map((i) => i.id));
    expect(new Set(items).size).toBe(items.length);
  });

  it('models the six checklists the issue names, with their editions', () => {
    expect(doc.checklists.map((c) => c.id)).toEqual(['dtac', 'nice-esf', 'nhsx-buyers-guide', 'dcb0129', 'dcb0160', 'mhra-device']);
    expect(itemsOfChecklist(index, 'dtac').map((i) => i.label)).toEqual([
      'A Company information',
      'B Value proposition',
      'C1 Clinical safety',
      'C2 Data protection',
      'C3 Technical security',
      'C4 Interoperability',
      'D1 Usability and accessibility',
    ]);
    expect(itemsOfChecklist(index, 'nhsx-buyers-guide')).toHaveLength(10);
    for (const standard of ['dcb0129', 'dcb0160']) {
      expect(itemsOfChecklist(index, standard).map((i) => i.id)).toEqual(['crm-plan', 'hazard-log', 'safety-case', 'crm-file', 'cso'].map((d) => `${standard}-${d}`));
    }
    for (const checklist of doc.checklists) expect(checklist.editionDate, checklist.id).toMatch(/^\d{4}/);
  });

  it('declares, and names in its description, exactly the items no question supports', () => {
    const supported = new Set(doc.links.map((l) => l.item));
    const unsupported = doc.checklists.flatMap((c) => c.items.map((i) => i.id)).filter((id) => !supported.has(id));
    expect(doc.itemsWithoutQuestions).toEqual(unsupported);
    for (const id of unsupported) expect(doc.description).toContain(id);
  });

  it('answers which items a question supports', () => {
    expect(linksOfQuestion(index, 'a3-01').map((r) => r.item.id)).toEqual(expect.arrayContaining(['mhra-qualification', 'mhra-classification', 'mhra-conformity-marking', 'dtac-c1']));
    expect(linksOfQuestion(index, 'a6-23').every((r) => r.checklist.id === 'dcb0160' || r.item.id === 'dtac-c1')).toBe(true);
    expect(linksOfQuestion(index, 'z9-99')).toEqual([]);
    expect(itemsOfChecklist(index, 'no-such-checklist')).toEqual([]);
  });
});

/** A small crosswalk for checking the rules, so the cases do not move when the data is revised. */
function fixture(changes: Partial<CrosswalkDocument> = {}): CrosswalkDocument {
  return {
    id: 'fixture',
    version: '2026-12',
    title: 'Fixture',
    description: 'For tests.',
    framework: 'dart-ed-2022',
    itemsWithoutQuestions: ['x-unlinked'],
    checklists: [
      {
        id: 'x',
        title: 'Checklist X',
        publisher: 'Publisher',
        edition: 'First',
        editionDate: '2026',
        url: 'https://example.org/x',
        items: [
          { id: 'x-one', label: 'One' },
          { id: 'x-two', label: 'Two' },
          { id: 'x-unlinked', label: 'Unlinked' },
        ],
      },
    ],
    links: [
      { question: 'a3-01', item: 'x-one', rationale: 'Because.', source: 'X 1' },
      { question: 'a3-02', item: 'x-one', rationale: 'Because.', source: 'X 1' },
      { question: 'a6-01', item: 'x-two', rationale: 'Because.', source: 'X 2' },
    ],
    ...changes,
  };
}

describe('parseCrosswalk', () => {
  const parseProblems = (value: unknown, questionIds?: string[]): string[] => {
    try {
      parseCrosswalk(value, { source: 'fixture.json', ...(questionIds ? { questionIds } : {}) });
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(CrosswalkError);
      return [...(error as CrosswalkError).problems];
    }
  };

  it('accepts a consistent document', () => {
    expect(parseProblems(fixture(), ['a3-01', 'a3-02', 'a6-01'])).toEqual([]);
  });

  it('fails when a question has no link, naming it', () => {
    expect(parseProblems(fixture(), ['a3-01', 'a3-02', 'a6-01', 'a6-02'])).toEqual(['question a6-02 has no link']);
    const withoutA301 = fixture({ links: fixture().links.filter((l) => l.question !== 'a3-01') });
    expect(questionsWithoutLinks(withoutA301, ['a3-01', 'a3-02', 'a6-01'])).toEqual(['a3-01']);
  });

  it('names the bad entry when a field is malformed', () => {
    const links = fixture().links.map((l, i) => (i === 1 ? { ...l, source: '  ' } : l));
    expect(parseProblems({ ...fixture(), links })).toEqual(['links[1] (a3-02 → x-one).source: must not be empty']);
    const checklists = [{ ...fixture().checklists[0], items: [{ id: 'X One', label: 'One' }] }];
    expect(parseProblems({ ...fixture(), checklists })[0]).toMatch(/^checklists\[0\] \(x\)\.items\[0\] \(X One\)\.id: must be a lower-case slug/);
  });

  it('reports unknown items and questions, duplicates and a wrong list of unsupported items', () => {
    const base = fixture();
    const broken = fixture({
      links: [...base.links, base.links[0]!, { question: 'a9-01', item: 'x-three', rationale: 'Because.', source: 'X 3' }],
      itemsWithoutQuestions: ['x-one'],
    });
    expect(parseProblems(broken, ['a3-01', 'a3-02', 'a6-01']).sort()).toEqual(
      [
        'link a3-01 → x-one appears more than once',
        'link a9-01 → x-three: unknown item x-three',
        'link a9-01 → x-three: unknown question a9-01',
        'itemsWithoutQuestions: x-one is supported by a question',
        'item x-unlinked has no supporting question and is not in itemsWithoutQuestions',
      ].sort(),
    );
  });

  it('throws one error listing every problem, with the file it came from', () => {
    expect(() => parseCrosswalk({ ...fixture(), version: 'December' }, { source: 'fixture.json' })).toThrow(/^fixture\.json is not a valid assurance crosswalk:\n- version: must be a year and month/);
  });
});

describe('crosswalkCoverage', () => {
  const fixtureIndex = indexCrosswalk(fixture());
  const answered = (judgement: QuestionAnswerState['judgement'], evidenceCount = 0): QuestionAnswerState => ({ answered: true, judgement, evidenceCount });
  const itemOf = (answers: Record<string, QuestionAnswerState>, id: string, questionIds?: string[]): ItemCoverage => {
    const coverage = crosswalkCoverage(fixtureIndex, answers, questionIds ? { questionIds } : {});
    const found = coverage[0]?.items.find((i) => i.item.id === id);
    if (!found) throw new Error(`no item ${id}`);
    return found;
  };

  it.each<[string, Record<string, QuestionAnswerState>, ItemCoverageStatus]>([
    ['nothing answered', {}, 'not-started'],
    ['an unanswered draft with a judgement', { 'a3-01': { answered: false, judgement: 'not-met', evidenceCount: 0 } }, 'not-started'],
    ['one of two answered', { 'a3-01': answered('met') }, 'partly'],
    ['both answered and met', { 'a3-01': answered('met'), 'a3-02': answered('met') }, 'supported'],
    ['both answered, one not applicable', { 'a3-01': answered('met'), 'a3-02': answered('not-applicable') }, 'supported'],
    ['both answered, not yet judged', { 'a3-01': answered(undefined), 'a3-02': answered(null) }, 'supported'],
    ['both answered, one partly met', { 'a3-01': answered('met'), 'a3-02': answered('partly-met') }, 'partly'],
    ['one not met, the other unanswered', { 'a3-01': answered('not-met') }, 'not-met'],
    ['both not applicable', { 'a3-01': answered('not-applicable'), 'a3-02': answered('not-applicable') }, 'not-applicable'],
  ])('item supported by two questions: %s → %s', (_case, answers, status) => {
    expect(itemOf(answers, 'x-one').status).toBe(status);
  });

  it('counts answers, judgements and questions with evidence', () => {
    const item = itemOf({ 'a3-01': answered('met', 3), 'a3-02': { answered: false, evidenceCount: 1 } }, 'x-one');
    expect(item.counts).toEqual({ total: 2, answered: 1, met: 1, partlyMet: 0, notMet: 0, notApplicable: 0, withEvidence: 2 });
    expect(item.questions).toEqual([
      { questionId: 'a3-01', rationale: 'Because.', source: 'X 1', answered: true, judgement: 'met', evidenceCount: 3 },
      { questionId: 'a3-02', rationale: 'Because.', source: 'X 1', answered: false, judgement: null, evidenceCount: 1 },
    ]);
  });

  it('leaves out questions outside the review, and shows items without questions', () => {
    expect(itemOf({}, 'x-two', ['a3-01', 'a3-02']).status).toBe('no-questions');
    expect(itemOf({}, 'x-unlinked').status).toBe('no-questions');
    expect(itemOf({ 'a3-01': answered('met') }, 'x-one', ['a3-01']).status).toBe('supported');
  });

  it('summarises statuses per checklist and accepts a Map of answers', () => {
    const [x] = crosswalkCoverage(fixtureIndex, new Map([['a6-01', answered('met', 1)]]));
    expect(x?.items.map((i) => [i.item.id, i.status])).toEqual([
      ['x-one', 'not-started'],
      ['x-two', 'supported'],
      ['x-unlinked', 'no-questions'],
    ]);
    expect(x?.statusCounts).toEqual({ supported: 1, partly: 0, 'not-met': 0, 'not-started': 1, 'not-applicable': 0, 'no-questions': 1 });
  });

  it('on the bundled data, feeds DTAC C1 from a Driver review of the A3 questions', () => {
    const answers = Object.fromEntries(a3.map((id) => [id, answered('met', 1)]));
    const dtac = crosswalkCoverage(index, answers, { questionIds: a3 }).find((c) => c.checklist.id === 'dtac');
    const c1 = dtac?.items.find((i) => i.item.id === 'dtac-c1');
    expect(c1?.status).toBe('supported');
    expect(c1?.questions.map((q) => q.questionId)).toEqual(['a3-01', 'a3-03', 'a3-21']);
    expect(dtac?.items.find((i) => i.item.id === 'dtac-a')?.status).toBe('no-questions');
    const dcb0160 = crosswalkCoverage(index, answers, { questionIds: a3 }).find((c) => c.checklist.id === 'dcb0160');
    expect(dcb0160?.items.find((i) => i.item.id === 'dcb0160-cso')?.status).toBe('no-questions');
  });
});
