import { describe, expect, it } from 'vitest';
import { AttemptInputError, findKnowledgeCheckProblems, scoreAttempt } from './knowledge-check.ts';
import type { CheckQuestion, KnowledgeCheck } from './knowledge-check.ts';

const single: CheckQuestion = {
  id: 'q-fallback',
  prompt: 'tri-X is unavailable. What do you do?',
  kind: 'single',
  options: [
    { id: 'a', text: 'Wait for it to come back' },
    { id: 'b', text: 'Report films in arrival order' },
    { id: 'c', text: 'Ask the vendor to triage' },
  ],
  correct: ['b'],
};

const multiple: CheckQuestion = {
  id: 'q-outliers',
  prompt: 'Which films is tri-X more likely to get wrong?',
  kind: 'multiple',
  options: [
    { id: 'a', text: 'Rotated films' },
    { id: 'b', text: 'Post-surgical chests' },
    { id: 'c', text: 'Well-exposed PA films' },
  ],
  correct: ['a', 'b'],
};

const valid: KnowledgeCheck = { questions: [single, multiple], passMarkPercent: 80 };

function withQuestion(changes: Partial<CheckQuestion>, base: CheckQuestion = single): KnowledgeCheck {
  return { ...valid, questions: [multiple, { ...base, ...changes }] };
}

const fields = (check: KnowledgeCheck) => findKnowledgeCheckProblems(check).map((p) => p.field);

describe('findKnowledgeCheckProblems', () => {
  it('finds nothing wrong with a sound check', () => {
    expect(findKnowledgeCheckProblems(valid)).toEqual([]);
  });

  it.each<[string, KnowledgeCheck, string, RegExp]>([
    ['no questions', { questions: [], passMarkPercent: 80 }, 'questions', /at least one question/],
    [
      'too many questions',
      { questions: Array.from({ length: 31 }, (_, i) => ({ ...single, id: `q${i}` })), passMarkPercent: 80 },
      'questions',
      /at most 30 questions; remove 1/,
    ],
    ['a blank prompt', withQuestion({ prompt: '  ' }), 'questions.1.prompt', /Enter the question text for question 2/],
    ['a long prompt', withQuestion({ prompt: 'x'.repeat(1001) }), 'questions.1.prompt', /1000 characters or fewer \(it has 1001\)/],
    ['a blank question id', withQuestion({ id: '' }), 'questions.1.id', /Question 2 needs an id/],
    ['a repeated question id', withQuestion({ id: multiple.id }), 'questions.1.id', /same id as question 1/],
    ['one option', withQuestion({ options: [{ id: 'b', text: 'Only' }] }), 'questions.1.options', /between 2 and 8 options \(it has 1\)/],
    [
      'nine options',
      withQuestion({ options: Array.from({ length: 9 }, (_, i) => ({ id: i === 0 ? 'b' : `o${i}`, text: `Option ${i}` })) }),
      'questions.1.options',
      /between 2 and 8 options \(it has 9\)/,
    ],
    ['blank option text', withQuestion({ options: [...single.options, { id: 'd', text: ' ' }] }), 'questions.1.options.3.text', /Enter the text for option 4 of question 2/],
    [
      'repeated option text, ignoring case and spacing',
      withQuestion({ options: [...single.options, { id: 'd', text: ' report  films in ARRIVAL order ' }] }),
      'questions.1.options.3.text',
      /repeats option 2/,
    ],
    ['a repeated option id', withQuestion({ options: [...single.options, { id: 'a', text: 'Phone radiology' }] }), 'questions.1.options.3.id', /used by another option/],
    ['a blank option id', withQuestion({ options: [...single.options, { id: '', text: 'Phone radiology' }] }), 'questions.1.options.3.id', /Give option 4 of question 2 an id/],
    ['single with two correct', withQuestion({ correct: ['a', 'b'] }), 'questions.1.correct', /exactly one option .* \(2 marked\)/],
    ['single with none correct', withQuestion({ correct: [] }), 'questions.1.correct', /exactly one option .* \(0 marked\)/],
    ['multiple with none correct', withQuestion({ id: 'q2', correct: [] }, multiple), 'questions.1.correct', /at least one option as correct/],
    ['a correct id that is not an option', withQuestion({ correct: ['z'] }), 'questions.1.correct', /an option it does not have/],
    ['a correct id given twice', withQuestion({ id: 'q2', correct: ['a', 'a', 'b'] }, multiple), 'questions.1.correct', /more than once/],
    ['an unknown kind', withQuestion({ kind: 'essay' as CheckQuestion['kind'] }), 'questions.1.kind', /one right answer or several/],
    ['a pass mark of 0', { ...valid, passMarkPercent: 0 }, 'passMarkPercent', /whole number from 1 to 100/],
    ['a pass mark over 100', { ...valid, passMarkPercent: 101 }, 'passMarkPercent', /whole number from 1 to 100/],
    ['a fractional pass mark', { ...valid, passMarkPercent: 66.5 }, 'passMarkPercent', /whole number/],
  ])('reports %s', (_name, check, field, message) => {
    const problems = findKnowledgeCheckProblems(check);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toEqual({ field, message: expect.stringMatching(message) });
  });

  it('accepts the limits themselves', () => {
    const eight = Array.from({ length: 8 }, (_, i) => ({ id: `o${i}`, text: `Option ${i}` }));
    const atLimits: KnowledgeCheck = {
      questions: Array.from({ length: 30 }, (_, i) => ({ ...single, id: `q${i}`, prompt: 'x'.repeat(1000), options: eight, correct: ['o0'] })),
      passMarkPercent: 100,
    };
    expect(findKnowledgeCheckProblems(atLimits)).toEqual([]);
    expect(findKnowledgeCheckProblems({ ...valid, passMarkPercent: 1 })).toEqual([]);
  });

  it('reports every problem, in the order a reader meets them', () => {
    const check: KnowledgeCheck = {
      questions: [{ ...single, prompt: '', options: [{ id: 'a', text: '' }], correct: ['z'] }],
      passMarkPercent: 0,
    };
    expect(fields(check)).toEqual(['questions.0.prompt', 'questions.0.options', 'questions.0.options.0.text', 'questions.0.correct', 'passMarkPercent']);
  });
});

describe('scoreAttempt', () => {
  it.each<[string, Record<string, string[]>, number, boolean, boolean[]]>([
    ['all right', { 'q-fallback': ['b'], 'q-outliers': ['b', 'a'] }, 100, true, [true, true]],
    ['a multiple-choice subset', { 'q-fallback': ['b'], 'q-outliers': ['a'] }, 50, false, [true, false]],
    ['a multiple-choice superset', { 'q-fallback': ['b'], 'q-outliers': ['a', 'b', 'c'] }, 50, false, [true, false]],
    ['two choices on a single-choice question', { 'q-fallback': ['a', 'b'], 'q-outliers': ['a', 'b'] }, 50, false, [false, true]],
    ['a question left out', { 'q-outliers': ['a', 'b'] }, 50, false, [false, true]],
    ['an empty answer', { 'q-fallback': [], 'q-outliers': ['a', 'b'] }, 50, false, [false, true]],
    ['nothing answered', {}, 0, false, [false, false]],
    ['a repeated choice', { 'q-fallback': ['b', 'b'], 'q-outliers': ['a', 'b'] }, 100, true, [true, true]],
  ])('marks %s', (_name, answers, percent, passed, results) => {
    const score = scoreAttempt(valid, answers);
    expect(score).toEqual({
      correct: results.filter(Boolean).length,
      total: 2,
      percent,
      passed,
      results: [
        { questionId: 'q-fallback', correct: results[0] },
        { questionId: 'q-outliers', correct: results[1] },
      ],
    });
  });

  it('passes exactly at the pass mark and rounds the percent down, never up to a pass', () => {
    const three: KnowledgeCheck = { questions: [single, multiple, { ...single, id: 'q3' }], passMarkPercent: 67 };
    const twoOfThree = { 'q-fallback': ['b'], 'q-outliers': ['a', 'b'] };
    expect(scoreAttempt(three, twoOfThree)).toMatchObject({ correct: 2, total: 3, percent: 66, passed: false });
    expect(scoreAttempt({ ...three, passMarkPercent: 66 }, twoOfThree)).toMatchObject({ percent: 66, passed: true });
    expect(scoreAttempt({ ...valid, passMarkPercent: 50 }, { 'q-fallback': ['b'] })).toMatchObject({ percent: 50, passed: true });
  });

  it.each<[string, Record<string, string[]>, RegExp]>([
    ['an unknown question', { 'q-fallback': ['b'], 'q-gone': ['a'] }, /question \("q-gone"\) that is not in this knowledge check/],
    ['an unknown option', { 'q-outliers': ['a', 'x'] }, /question "q-outliers" names an option \("x"\)/],
    ['an inherited property name as a question', { constructor: ['a'] }, /"constructor"/],
  ])('refuses %s', (_name, answers, message) => {
    expect(() => scoreAttempt(valid, answers)).toThrow(AttemptInputError);
    expect(() => scoreAttempt(valid, answers)).toThrow(message);
  });

  it('marks an unanswered question wrong even when a faulty check marks no option correct', () => {
    const faulty: KnowledgeCheck = { questions: [{ ...multiple, correct: [] }], passMarkPercent: 50 };
    expect(scoreAttempt(faulty, {}).results).toEqual([{ questionId: 'q-outliers', correct: false }]);
  });

  it('refuses to score a check with no questions', () => {
    expect(() => scoreAttempt({ questions: [], passMarkPercent: 50 }, {})).toThrow(/no questions/);
  });
});
