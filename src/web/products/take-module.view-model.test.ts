import { describe, expect, it } from 'vitest';
import type { LearnerModule } from '../../services/products/product-training.service.ts';
import { nestHeadings, readAnswers, takeModuleView } from './take-module.view-model.ts';

const QUESTIONS: LearnerModule['questions'] = [
  { id: 'q1', prompt: 'Who reviews?', kind: 'single', options: [{ id: 'a', text: 'A radiologist' }, { id: 'b', text: 'Nobody' }] },
  { id: 'q2', prompt: 'Which films?', kind: 'multiple', options: [{ id: 'a', text: 'Under-16s' }, { id: 'b', text: 'Portable' }] },
];

describe('readAnswers', () => {
  it.each([
    ['every question answered', { 'answer-q1': 'a', 'answer-q2': ['a', 'b'] }, { q1: ['a'], q2: ['a', 'b'] }, []],
    ['one checkbox sent as a single value', { 'answer-q1': 'b', 'answer-q2': 'b' }, { q1: ['b'], q2: ['b'] }, []],
    ['a question left out', { 'answer-q1': 'a' }, { q1: ['a'] }, ['#question-2 Select at least one answer to question 2']],
    ['an empty value', { 'answer-q1': '', 'answer-q2': 'a' }, { q2: ['a'] }, ['#question-1 Select an answer to question 1']],
    ['fields for questions the check does not have', { 'answer-q9': 'a', constructor: 'x' }, {}, ['#question-1 Select an answer to question 1', '#question-2 Select at least one answer to question 2']],
    ['no body', undefined, {}, ['#question-1 Select an answer to question 1', '#question-2 Select at least one answer to question 2']],
  ])('%s', (_, body, answers, errors) => {
    const read = readAnswers(QUESTIONS, body);
    expect(read.answers).toEqual(answers);
    expect(read.errors.map((e) => `${e.href} ${e.text}`)).toEqual(errors);
  });
});

describe('nestHeadings', () => {
  it.each([
    ['<h1>Local rules</h1>', '<h3>Local rules</h3>'],
    ['<h2 id="x">Sub</h2><p>Text</p>', '<h4 id="x">Sub</h4><p>Text</p>'],
    ['<h5>Deep</h5><h6>Deeper</h6>', '<h6>Deep</h6><h6>Deeper</h6>'],
    ['<p>No <strong>headings</strong> here; <header> is not one</p>', '<p>No <strong>headings</strong> here; <header> is not one</p>'],
  ])('%s becomes %s', (html, nested) => {
    expect(nestHeadings(html)).toBe(nested);
  });
});

describe('takeModuleView', () => {
  const module: LearnerModule = { id: 'm1', productId: 'p1', productName: 'tri-X', productVersionId: 'v1', versionLabel: '1.0', revision: { id: 'r1', number: 1, publishedAt: new Date('2026-11-01T10:00:00Z') }, sections: [], questions: QUESTIONS, passMarkPercent: 80 };

  it('keeps what was chosen and puts each error with its question', () => {
    const { errors } = readAnswers(QUESTIONS, { 'answer-q1': 'b' });
    const view = takeModuleView(module, { q1: ['b'] }, errors);
    expect(view.questions[0]).toMatchObject({ isMultiple: false, name: 'answer-q1', idPrefix: 'question-1', legend: '1. Who reviews?', error: undefined });
    expect(view.questions[0]?.items).toEqual([
      { value: 'a', text: 'A radiologist', checked: false },
      { value: 'b', text: 'Nobody', checked: true },
    ]);
    expect(view.questions[1]).toMatchObject({ isMultiple: true, error: 'Select at least one answer to question 2' });
  });
});
