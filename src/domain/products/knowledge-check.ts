/**
 * The short knowledge check an Embedder writes for a product module, and the scoring of a
 * learner's attempt. Pure: the service stores checks and attempts, and refuses to publish a
 * check while `findKnowledgeCheckProblems` reports anything.
 */

export type CheckQuestionKind = 'single' | 'multiple';

export interface CheckOption {
  id: string;
  text: string;
}

export interface CheckQuestion {
  id: string;
  prompt: string;
  kind: CheckQuestionKind;
  options: CheckOption[];
  /** Option ids. */
  correct: string[];
}

export interface KnowledgeCheck {
  questions: CheckQuestion[];
  passMarkPercent: number;
}

/** A problem with a check, `field` being a path into it such as `questions.2.options`. */
export interface CheckProblem {
  field: string;
  message: string;
}

export const MAX_QUESTIONS = 30;
export const MAX_PROMPT_LENGTH = 1000;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 8;

/** Every problem that stops a check being published, in the order a reader meets them; empty when none. */
export function findKnowledgeCheckProblems(check: KnowledgeCheck): CheckProblem[] {
  const problems: CheckProblem[] = [];
  if (check.questions.length === 0) problems.push({ field: 'questions', message: 'Add at least one question' });
  if (check.questions.length > MAX_QUESTIONS) {
    problems.push({ field: 'questions', message: `A check can have at most ${MAX_QUESTIONS} questions; remove ${check.questions.length - MAX_QUESTIONS}` });
  }
  const seenIds = new Map<string, number>();
  check.questions.forEach((question, i) => {
    const id = question.id.trim();
    const earlier = seenIds.get(id);
    if (id === '') problems.push({ field: `questions.${i}.id`, message: `Question ${i + 1} needs an id` });
    else if (earlier !== undefined) {
      problems.push({ field: `questions.${i}.id`, message: `Question ${i + 1} has the same id as question ${earlier + 1}` });
    } else seenIds.set(id, i);
    problems.push(...questionProblems(question, i));
  });
  const mark = check.passMarkPercent;
  if (!Number.isInteger(mark) || mark < 1 || mark > 100) {
    problems.push({ field: 'passMarkPercent', message: 'Enter a pass mark as a whole number from 1 to 100' });
  }
  return problems;
}

function questionProblems(question: CheckQuestion, i: number): CheckProblem[] {
  const at = `questions.${i}`;
  const name = `Question ${i + 1}`;
  const problems: CheckProblem[] = [];
  const prompt = question.prompt.trim();
  if (prompt === '') problems.push({ field: `${at}.prompt`, message: `Enter the question text for question ${i + 1}` });
  if (prompt.length > MAX_PROMPT_LENGTH) {
    problems.push({ field: `${at}.prompt`, message: `${name} must be ${MAX_PROMPT_LENGTH} characters or fewer (it has ${prompt.length})` });
  }
  if (question.kind !== 'single' && question.kind !== 'multiple') {
    problems.push({ field: `${at}.kind`, message: `Choose whether ${name.toLowerCase()} has one right answer or several` });
  }
  const count = question.options.length;
  if (count < MIN_OPTIONS || count > MAX_OPTIONS) {
    problems.push({ field: `${at}.options`, message: `${name} needs between ${MIN_OPTIONS} and ${MAX_OPTIONS} options (it has ${count})` });
  }
  problems.push(...optionProblems(question, i), ...correctProblems(question, i));
  return problems;
}

function optionProblems(question: CheckQuestion, i: number): CheckProblem[] {
  const problems: CheckProblem[] = [];
  const idsSeen = new Set<string>();
  const textsSeen = new Map<string, number>();
  question.options.forEach((option, j) => {
    const at = `questions.${i}.options.${j}`;
    const where = `option ${j + 1} of question ${i + 1}`;
    if (option.id.trim() === '') problems.push({ field: `${at}.id`, message: `Give ${where} an id` });
    else if (idsSeen.has(option.id)) problems.push({ field: `${at}.id`, message: `The id of ${where} is used by another option` });
    idsSeen.add(option.id);
    const text = comparableText(option.text);
    const earlier = textsSeen.get(text);
    if (text === '') problems.push({ field: `${at}.text`, message: `Enter the text for ${where}` });
    else if (earlier !== undefined) {
      problems.push({ field: `${at}.text`, message: `Option ${j + 1} of question ${i + 1} repeats option ${earlier + 1}; each option needs different text` });
    } else textsSeen.set(text, j);
  });
  return problems;
}

function correctProblems(question: CheckQuestion, i: number): CheckProblem[] {
  const field = `questions.${i}.correct`;
  const problems: CheckProblem[] = [];
  const optionIds = new Set(question.options.map((o) => o.id));
  const marked = new Set(question.correct);
  if (marked.size !== question.correct.length) problems.push({ field, message: `Question ${i + 1} marks the same option correct more than once` });
  if ([...marked].some((id) => !optionIds.has(id))) {
    problems.push({ field, message: `Question ${i + 1} marks as correct an option it does not have; choose the correct answer from its options` });
  }
  if (question.kind === 'single' && marked.size !== 1) {
    problems.push({ field, message: `Mark exactly one option as correct for question ${i + 1} (${marked.size} marked)` });
  }
  if (question.kind === 'multiple' && marked.size === 0) {
    problems.push({ field, message: `Mark at least one option as correct for question ${i + 1}` });
  }
  return problems;
}

/** Case, surrounding and repeated spaces do not make two options different. */
function comparableText(text: string): string {
  return text.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** An attempt names a question or option the check does not have: a stale or tampered form. */
export class AttemptInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AttemptInputError';
  }
}

export interface AttemptScore {
  correct: number;
  total: number;
  /** Rounded down, so a learner is never shown the pass mark when they fell short of it. */
  percent: number;
  passed: boolean;
  results: Array<{ questionId: string; correct: boolean }>;
}

/**
 * Marks an attempt: `answers` maps question ids to the option ids chosen. A question is right
 * only when the chosen set is exactly the correct set; an unanswered question is wrong.
 */
export function scoreAttempt(check: KnowledgeCheck, answers: Readonly<Record<string, readonly string[] | undefined>>): AttemptScore {
  if (check.questions.length === 0) throw new Error('Cannot score a knowledge check with no questions');
  const byId = new Map(check.questions.map((q) => [q.id, q]));
  for (const [questionId, chosen] of Object.entries(answers)) {
    const question = byId.get(questionId);
    if (!question) throw new AttemptInputError(`The answers name a question ("${questionId}") that is not in this knowledge check`);
    const optionIds = new Set(question.options.map((o) => o.id));
    const unknown = (chosen ?? []).find((id) => !optionIds.has(id));
    if (unknown !== undefined) throw new AttemptInputError(`The answer to question "${questionId}" names an option ("${unknown}") that the question does not have`);
  }
  const results = check.questions.map((q) => {
    const chosen = Object.hasOwn(answers, q.id) ? answers[q.id] : undefined;
    return { questionId: q.id, correct: isSameSet(chosen ?? [], q.correct) };
  });
  const correct = results.filter((r) => r.correct).length;
  const total = results.length;
  return {
    correct,
    total,
    percent: Math.floor((correct * 100) / total),
    // Compared exactly, not through the rounded percent.
    passed: correct * 100 >= check.passMarkPercent * total,
    results,
  };
}

function isSameSet(chosen: readonly string[], correct: readonly string[]): boolean {
  const a = new Set(chosen);
  const b = new Set(correct);
  return a.size > 0 && a.size === b.size && [...a].every((id) => b.has(id));
}
