import { describe, expect, it } from 'vitest';
import { MAX_OPTIONS, MAX_QUESTIONS } from '../../domain/products/index.ts';
import { fieldAnchor, formValuesOf, moduleFormErrors, newOptionId, newQuestionFor, newQuestionId, readModuleForm, valuesFromDraft, withBlankOptionSlots } from './module-form.ts';
import type { ModuleFormValues, QuestionFormValues } from './module-form.ts';

/** A question's fields as the page posts them: every option slot, blank ones included. */
function questionFields(n: number, q: { id: string; prompt: string; kind?: string; options: string[]; correct?: string[]; remove?: boolean }): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = { [`question-${n}-id`]: q.id, [`question-${n}-prompt`]: q.prompt };
  if (q.kind) fields[`question-${n}-kind`] = q.kind;
  for (let slot = 1; slot <= MAX_OPTIONS; slot += 1) {
    fields[`question-${n}-option-${slot}-id`] = String.fromCharCode(96 + slot);
    fields[`question-${n}-option-${slot}-text`] = q.options[slot - 1] ?? '';
  }
  if (q.correct) fields[`question-${n}-correct`] = q.correct.length === 1 ? (q.correct[0] ?? '') : q.correct;
  if (q.remove) fields[`question-${n}-remove`] = 'yes';
  return fields;
}

const REVIEWER = { id: 'q1', prompt: 'Who reviews each flagged film?', kind: 'single', options: ['A radiologist', '', 'Nobody'], correct: ['a'] };
const NOT_FOR = { id: 'q2', prompt: 'Which films is it not for?', kind: 'multiple', options: ['Under-16s', 'Portable films', 'Adult PA films'], correct: ['a', 'b'] };
const BLANK_NEW = { id: 'q3', prompt: '  ', kind: 'single', options: [] };

const body = (...questions: Array<Record<string, string | string[]>>) => Object.assign({ _csrf: 'token', action: 'save', version: '3', passMarkPercent: '80', 'section-t2-05': 'Our local guidance.', 'section-t2-07': '' }, ...questions);

describe('formValuesOf', () => {
  it('reads the sections confirmed as reviewed, one or several, into the input', () => {
    expect(formValuesOf({ reviewed: 't2-10' }).reviewed).toEqual(['t2-10']);
    const values = formValuesOf({ reviewed: ['t2-10', 't2-14'], passMarkPercent: '80' });
    expect(readModuleForm(values).input?.reviewed).toEqual(['t2-10', 't2-14']);
  });

  it('reads sections, the pass mark and each question’s slots in question order', () => {
    const values = formValuesOf(body(questionFields(2, NOT_FOR), questionFields(1, REVIEWER)));
    expect(values).toMatchObject({ version: '3', passMarkPercent: '80', sections: { 't2-05': 'Our local guidance.', 't2-07': '' } });
    expect(values.questions.map((q) => q.id)).toEqual(['q1', 'q2']);
    expect(values.questions[0]?.options).toHaveLength(MAX_OPTIONS);
    expect(values.questions[0]).toMatchObject({ kind: 'single', correct: ['a'], isRemoved: false });
    expect(values.questions[1]?.correct).toEqual(['a', 'b']);
  });

  it('ignores what is not a string, and keeps a section called __proto__ as data', () => {
    const values = formValuesOf({ passMarkPercent: ['1', '2'], 'section-__proto__': 'x', 'question-1-prompt': { nested: true } });
    expect(values.passMarkPercent).toBe('');
    expect(Object.hasOwn(values.sections, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(values.sections)).toBe(Object.prototype);
    expect(values.questions[0]?.prompt).toBe('');
    expect(formValuesOf(undefined)).toEqual({ version: '', passMarkPercent: '', sections: {}, questions: [], reviewed: [] });
  });
});

describe('readModuleForm', () => {
  it('turns the form into the service’s input, dropping blank option slots and the empty new question', () => {
    const { input, problems, values } = readModuleForm(formValuesOf(body(questionFields(1, REVIEWER), questionFields(2, NOT_FOR), questionFields(3, BLANK_NEW))));
    expect(problems).toEqual([]);
    expect(input?.knowledgeCheck.passMarkPercent).toBe(80);
    expect(input?.sections).toEqual({ 't2-05': 'Our local guidance.', 't2-07': '' });
    expect(input?.knowledgeCheck.questions).toEqual([
      { id: 'q1', prompt: 'Who reviews each flagged film?', kind: 'single', options: [{ id: 'a', text: 'A radiologist' }, { id: 'c', text: 'Nobody' }], correct: ['a'] },
      { id: 'q2', prompt: 'Which films is it not for?', kind: 'multiple', options: [{ id: 'a', text: 'Under-16s' }, { id: 'b', text: 'Portable films' }, { id: 'c', text: 'Adult PA films' }], correct: ['a', 'b'] },
    ]);
    expect(values.questions).toHaveLength(2);
  });

  it('leaves out a question marked for removal, numbering the rest as they will be saved', () => {
    const { input, values } = readModuleForm(formValuesOf(body(questionFields(1, { ...REVIEWER, remove: true }), questionFields(2, NOT_FOR))));
    expect(input?.knowledgeCheck.questions.map((q) => q.id)).toEqual(['q2']);
    expect(values.questions.map((q) => q.id)).toEqual(['q2']);
  });

  it('saves an unfinished question as a draft: the service says what stops publishing', () => {
    const { input, problems } = readModuleForm(formValuesOf(body(questionFields(1, { id: 'q1', prompt: 'Half written', kind: 'single', options: [] }))));
    expect(problems).toEqual([]);
    expect(input?.knowledgeCheck.questions).toEqual([{ id: 'q1', prompt: 'Half written', kind: 'single', options: [], correct: [] }]);
  });

  it.each([
    ['', 'knowledgeCheck.passMarkPercent'],
    ['eighty', 'knowledgeCheck.passMarkPercent'],
    ['0', 'knowledgeCheck.passMarkPercent'],
    ['101', 'knowledgeCheck.passMarkPercent'],
    ['75.5', 'knowledgeCheck.passMarkPercent'],
  ])('refuses a pass mark of %j', (passMarkPercent, field) => {
    const { input, problems } = readModuleForm({ ...formValuesOf(body()), passMarkPercent });
    expect(input).toBeUndefined();
    expect(problems).toEqual([{ field, message: 'Enter a pass mark as a whole number from 1 to 100' }]);
  });

  it.each([
    ['100', 100],
    [' 70 % ', 70],
    ['1', 1],
  ])('reads a pass mark of %j', (passMarkPercent, mark) => {
    expect(readModuleForm({ ...formValuesOf(body()), passMarkPercent }).input?.knowledgeCheck.passMarkPercent).toBe(mark);
  });

  it('asks for the kind of a question that has none, and for text where an empty option is marked correct', () => {
    const { input, problems } = readModuleForm(formValuesOf(body(questionFields(1, NOT_FOR), questionFields(2, { id: 'q9', prompt: 'Which?', options: ['Yes', 'No'], correct: ['c'] }))));
    expect(input).toBeUndefined();
    expect(problems).toEqual([
      { field: 'knowledgeCheck.questions.1.kind', message: 'Choose whether question 2 has one right answer or several' },
      { field: 'knowledgeCheck.questions.1.correct', message: 'An empty option of question 2 was marked as correct; enter its text, or mark another option' },
    ]);
  });

  it('gives new ids to questions and options whose hidden ids were lost, without clashing', () => {
    const fields = body(questionFields(1, REVIEWER), questionFields(2, NOT_FOR));
    fields['question-2-id'] = '';
    fields['question-2-option-2-id'] = '';
    const { input } = readModuleForm(formValuesOf(fields));
    const second = input?.knowledgeCheck.questions[1];
    expect(second?.id).toBe('q2');
    expect(second?.options.map((o) => o.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('ids for new questions and options', () => {
  it.each([
    [[], 'q1'],
    [['q1', 'q2'], 'q3'],
    [['q7', 'intro'], 'q8'],
    [['x', 'y'], 'q1'],
  ])('after questions %j the next is %s', (ids, expected) => {
    expect(newQuestionId(ids.map((id) => ({ id })))).toBe(expected);
  });

  it.each([
    [[], 'a'],
    [['a', 'b'], 'c'],
    [['b'], 'a'],
    [[...'abcdefghijklmnopqrstuvwxyz'], 'o1'],
  ])('after options %j the next is %s', (ids, expected) => {
    expect(newOptionId(ids.map((id) => ({ id })))).toBe(expected);
  });

  it('pads a question to every option slot with distinct ids', () => {
    const padded = withBlankOptionSlots({ id: 'q1', prompt: '', kind: 'single', options: [{ id: 'b', text: 'Yes' }], correct: [], isRemoved: false });
    expect(padded.options).toHaveLength(MAX_OPTIONS);
    expect(new Set(padded.options.map((o) => o.id)).size).toBe(MAX_OPTIONS);
    expect(padded.options[0]).toEqual({ id: 'b', text: 'Yes' });
  });

  it('offers a new question only while the check has room', () => {
    const question: QuestionFormValues = { id: 'q1', prompt: 'P', kind: 'single', options: [], correct: [], isRemoved: false };
    const some: ModuleFormValues = { version: '', passMarkPercent: '80', sections: {}, questions: [question], reviewed: [] };
    expect(newQuestionFor(some)).toMatchObject({ id: 'q2', prompt: '', kind: 'single' });
    const full = { ...some, questions: Array.from({ length: MAX_QUESTIONS }, (_, i) => ({ ...question, id: `q${i + 1}` })) };
    expect(newQuestionFor(full)).toBeUndefined();
  });
});

describe('valuesFromDraft', () => {
  it('shows the saved module, with its version', () => {
    const values = valuesFromDraft({
      module: { version: 4 },
      sections: [{ requirementId: 't2-05', content: 'Ours.' }],
      knowledgeCheck: { passMarkPercent: 90, questions: [{ id: 'q1', prompt: 'P', kind: 'multiple', options: [{ id: 'a', text: 'A' }], correct: ['a'] }] },
    });
    expect(values).toEqual({ version: '4', passMarkPercent: '90', sections: { 't2-05': 'Ours.' }, questions: [{ id: 'q1', prompt: 'P', kind: 'multiple', options: [{ id: 'a', text: 'A' }], correct: ['a'], isRemoved: false }], reviewed: [] });
    expect(valuesFromDraft({ module: null, sections: [], knowledgeCheck: { passMarkPercent: 80, questions: [] } }).version).toBe('');
  });
});

describe('error summary links', () => {
  const values = readModuleForm(formValuesOf(body(questionFields(1, REVIEWER), questionFields(2, NOT_FOR)))).values;

  it.each([
    ['sections.t2-05', 'section-t2-05'],
    ['sections.not-on-the-form', 'module-form'],
    ['knowledgeCheck.passMarkPercent', 'passMarkPercent'],
    ['knowledgeCheck.questions', 'question-3-prompt'],
    ['knowledgeCheck.questions.0.prompt', 'question-1-prompt'],
    ['knowledgeCheck.questions.1.id', 'question-2-prompt'],
    ['knowledgeCheck.questions.1.kind', 'question-2-kind'],
    ['knowledgeCheck.questions.0.correct', 'question-1-correct'],
    ['knowledgeCheck.questions.0.options', 'question-1-option-1-text'],
    ['knowledgeCheck.questions.1.options.2.text', 'question-2-option-3-text'],
    ['version', 'module-form'],
    ['', 'module-form'],
  ])('%j links to #%s', (field, anchor) => {
    expect(fieldAnchor(field, values)).toBe(anchor);
  });

  it('links "add a question" to the first question when the check is full', () => {
    const full = { ...values, questions: Array.from({ length: MAX_QUESTIONS }, (_, i) => ({ ...values.questions[0]!, id: `q${i + 1}` })) };
    expect(fieldAnchor('knowledgeCheck.questions', full)).toBe('question-1-prompt');
  });

  it('lists a repeated problem once', () => {
    const problem = { field: 'knowledgeCheck.questions.0.prompt', message: 'Enter the question text for question 1' };
    expect(moduleFormErrors([problem, problem], values)).toEqual([{ field: problem.field, href: '#question-1-prompt', text: problem.message }]);
  });
});
