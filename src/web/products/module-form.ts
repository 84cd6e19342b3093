import { MAX_OPTIONS, MAX_QUESTIONS } from '../../domain/products/index.ts';
import type { CheckQuestion, CheckQuestionKind, KnowledgeCheck } from '../../domain/products/index.ts';
import type { FormError } from '../form-errors.ts';
import { fieldsOf, textOf, textsOf } from '../form-fields.ts';

/**
 * The module editor's form ⇄ the training service's module input. Pure. The form is flat (one
 * field per input, so it works without JavaScript): `section-<requirement id>` textareas, a pass
 * mark, and per question `question-<n>-…` fields, n and option slots counted from 1 as the page
 * shows them. Blank option slots, blank questions and questions marked for removal are dropped.
 */

export const SECTION_PREFIX = 'section-';
export const FORM_ID = 'module-form';
/** More than the service accepts (it says so), so nobody's work is cut off silently. */
const MAX_SECTION_CHARS = 30_000;
const MAX_TEXT_CHARS = 5_000;
const MAX_ID_CHARS = 60;
/** Bounds the work a crafted form can cause; the service refuses more than it allows anyway. */
const MAX_QUESTION_SLOTS = 100;
const QUESTION_FIELD = /^question-(\d{1,3})-/;

export interface OptionFormValues {
  id: string;
  text: string;
}

/** One question as typed: `kind` is whatever was chosen ('' when nothing), `options` its slots. */
export interface QuestionFormValues {
  id: string;
  prompt: string;
  kind: string;
  options: OptionFormValues[];
  correct: string[];
  isRemoved: boolean;
}

/** What the Embedder typed, as strings, so a form with mistakes shows it back unchanged. */
export interface ModuleFormValues {
  version: string;
  passMarkPercent: string;
  /** requirement id → Markdown. */
  sections: Record<string, string>;
  questions: QuestionFormValues[];
  /** Sections marked for review that the Embedder confirmed as they are. */
  reviewed: string[];
}

export interface ModuleInput {
  sections: Record<string, string>;
  reviewed: string[];
  knowledgeCheck: KnowledgeCheck;
}

/** A problem in the service's terms: `field` is a path such as `knowledgeCheck.questions.0.prompt`. */
export interface FieldProblem {
  field: string;
  message: string;
}

export const questionName = (position: number) => `question-${position + 1}`;
export const optionName = (questionPosition: number, slot: number) => `${questionName(questionPosition)}-option-${slot + 1}`;
/** Requirement ids come from a framework document; an element id must stay a plain token. */
export const sectionInputId = (requirementId: string) => `${SECTION_PREFIX}${requirementId.replace(/[^\w-]/g, '_')}`;

/** The module as saved, for the form's first showing. */
export function valuesFromDraft(draft: { module: { version: number } | null; sections: ReadonlyArray<{ requirementId: string; content: string }>; knowledgeCheck: KnowledgeCheck }): ModuleFormValues {
  return {
    version: draft.module ? String(draft.module.version) : '',
    passMarkPercent: String(draft.knowledgeCheck.passMarkPercent),
    sections: Object.fromEntries(draft.sections.map((s) => [s.requirementId, s.content])),
    questions: draft.knowledgeCheck.questions.map((q) => ({ id: q.id, prompt: q.prompt, kind: q.kind, options: q.options.map((o) => ({ ...o })), correct: [...q.correct], isRemoved: false })),
    reviewed: [],
  };
}


/** The submitted form as values to show back; fields it does not know are ignored. */
export function formValuesOf(body: unknown): ModuleFormValues {
  const fields = fieldsOf(body);
  const sections: Array<[string, string]> = [];
  const positions = new Set<number>();
  for (const [key, value] of Object.entries(fields)) {
    if (key.startsWith(SECTION_PREFIX)) sections.push([key.slice(SECTION_PREFIX.length), textOf(value, MAX_SECTION_CHARS)]);
    const question = QUESTION_FIELD.exec(key);
    if (question) positions.add(Number(question[1]) - 1);
  }
  const questions = [...positions]
    .filter((p) => p >= 0)
    .sort((a, b) => a - b)
    .slice(0, MAX_QUESTION_SLOTS)
    .map((p): QuestionFormValues => {
      const field = (name: string) => fields[`${questionName(p)}-${name}`];
      const options = Array.from({ length: MAX_OPTIONS }, (_, slot) => ({
        id: textOf(fields[`${optionName(p, slot)}-id`], MAX_ID_CHARS).trim(),
        text: textOf(fields[`${optionName(p, slot)}-text`], MAX_TEXT_CHARS),
      }));
      return { id: textOf(field('id'), MAX_ID_CHARS).trim(), prompt: textOf(field('prompt'), MAX_TEXT_CHARS), kind: textOf(field('kind'), 20), options, correct: textsOf(field('correct'), MAX_OPTIONS).map((id) => id.slice(0, MAX_ID_CHARS)), isRemoved: field('remove') === 'yes' };
    });
  // fromEntries makes own properties, so a section called "__proto__" cannot reach the prototype.
  return { version: textOf(fields.version, 20).trim(), passMarkPercent: textOf(fields.passMarkPercent, 20), sections: Object.fromEntries(sections), questions, reviewed: textsOf(fields.reviewed, 200).map((id) => id.slice(0, 80)) };
}

const isBlank = (text: string) => text.trim() === '';
const isBlankQuestion = (q: QuestionFormValues) => isBlank(q.prompt) && q.options.every((o) => isBlank(o.text));
const isKind = (kind: string): kind is CheckQuestionKind => kind === 'single' || kind === 'multiple';

/**
 * Reads the form into the service's input. Besides the input it returns the values as they are
 * now meant (removed and blank questions gone, blank options closed up), so question and option
 * numbers in every message match the form shown back. Only what the service cannot judge for
 * itself is checked here; an incomplete module is still a draft worth saving.
 */
export function readModuleForm(submitted: ModuleFormValues): { input?: ModuleInput; values: ModuleFormValues; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const questions = submitted.questions.filter((q) => !q.isRemoved && !isBlankQuestion(q)).map((q, position) => keptQuestion(q, position, problems));
  const withIds = withFreshIds(questions);
  const values: ModuleFormValues = { ...submitted, questions: withIds };
  const passMarkPercent = passMarkOf(submitted.passMarkPercent);
  if (passMarkPercent === undefined) problems.push({ field: 'knowledgeCheck.passMarkPercent', message: 'Enter a pass mark as a whole number from 1 to 100' });
  if (problems.length > 0 || passMarkPercent === undefined) return { values, problems };
  const checkQuestions = withIds.map((q): CheckQuestion => ({ id: q.id, prompt: q.prompt, kind: q.kind as CheckQuestionKind, options: q.options, correct: q.correct }));
  return { input: { sections: { ...submitted.sections }, reviewed: [...submitted.reviewed], knowledgeCheck: { passMarkPercent, questions: checkQuestions } }, values, problems };
}

function keptQuestion(q: QuestionFormValues, position: number, problems: FieldProblem[]): QuestionFormValues {
  const number = position + 1;
  if (!isKind(q.kind)) problems.push({ field: `knowledgeCheck.questions.${position}.kind`, message: `Choose whether question ${number} has one right answer or several` });
  const options = q.options.filter((o) => !isBlank(o.text));
  const kept = new Set(options.map((o) => o.id));
  const blankSlots = new Set(q.options.filter((o) => isBlank(o.text)).map((o) => o.id));
  if (q.correct.some((id) => blankSlots.has(id) && !kept.has(id))) {
    problems.push({ field: `knowledgeCheck.questions.${position}.correct`, message: `An empty option of question ${number} was marked as correct; enter its text, or mark another option` });
  }
  return { ...q, options, correct: [...new Set(q.correct.filter((id) => kept.has(id)))] };
}

/** Hidden ids are only missing from a tampered form; give such questions and options new ones. */
function withFreshIds(questions: QuestionFormValues[]): QuestionFormValues[] {
  const result: QuestionFormValues[] = [];
  for (const q of questions) {
    const id = q.id === '' ? newQuestionId([...questions, ...result]) : q.id;
    const options: OptionFormValues[] = [];
    for (const o of q.options) options.push(o.id === '' ? { ...o, id: newOptionId([...q.options, ...options]) } : o);
    result.push({ ...q, id, options });
  }
  return result;
}

function passMarkOf(text: string): number | undefined {
  const digits = text.trim().replace(/\s*%$/, '');
  if (!/^\d{1,3}$/.test(digits)) return undefined;
  const mark = Number(digits);
  return mark >= 1 && mark <= 100 ? mark : undefined;
}

/**
 * An id no question has: one past the highest `q<number>`, so a question added after others were
 * removed from the end may reuse a removed id, but never one in use.
 */
export function newQuestionId(questions: ReadonlyArray<{ id: string }>): string {
  const numbers = questions.map((q) => /^q(\d{1,6})$/.exec(q.id)?.[1]).map(Number).filter((n) => Number.isInteger(n));
  let next = Math.max(0, ...numbers) + 1;
  const used = new Set(questions.map((q) => q.id));
  while (used.has(`q${next}`)) next += 1;
  return `q${next}`;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** The first letter no option of the question uses, then `o<number>`. */
export function newOptionId(options: ReadonlyArray<{ id: string }>): string {
  const used = new Set(options.map((o) => o.id));
  const letter = [...LETTERS].find((l) => !used.has(l));
  if (letter) return letter;
  let next = 1;
  while (used.has(`o${next}`)) next += 1;
  return `o${next}`;
}

/** Each question's options padded to MAX_OPTIONS slots with new ids, so options can be added without JavaScript. */
export function withBlankOptionSlots(question: QuestionFormValues): QuestionFormValues {
  const options = [...question.options];
  while (options.length < MAX_OPTIONS) options.push({ id: newOptionId(options), text: '' });
  return { ...question, options };
}

/** The empty question offered for adding one, or undefined when the check is full. */
export function newQuestionFor(values: ModuleFormValues): QuestionFormValues | undefined {
  if (values.questions.length >= MAX_QUESTIONS) return undefined;
  return withBlankOptionSlots({ id: newQuestionId(values.questions), prompt: '', kind: 'single', options: [], correct: [], isRemoved: false });
}

/** The id of the input a problem's error summary link should focus. */
export function fieldAnchor(field: string, values: ModuleFormValues): string {
  const [area, key, positionText, part, slotText] = field.split('.');
  // Requirement ids may hold dots, so a section's id is all that follows "sections.".
  const requirementId = field.slice('sections.'.length);
  if (area === 'sections') return Object.hasOwn(values.sections, requirementId) ? sectionInputId(requirementId) : FORM_ID;
  if (area !== 'knowledgeCheck') return FORM_ID;
  if (key === 'passMarkPercent') return 'passMarkPercent';
  if (key !== 'questions') return FORM_ID;
  const position = Number(positionText);
  if (positionText === undefined || !Number.isInteger(position) || position >= values.questions.length) {
    // "Add at least one question" goes to where a question is added; a full check has no such place.
    return values.questions.length < MAX_QUESTIONS ? `${questionName(values.questions.length)}-prompt` : `${questionName(0)}-prompt`;
  }
  const question = questionName(position);
  if (part === 'kind') return `${question}-kind`;
  if (part === 'correct') return `${question}-correct`;
  if (part === 'options') return `${optionName(position, slotText === undefined ? 0 : Math.min(Number(slotText) || 0, MAX_OPTIONS - 1))}-text`;
  return `${question}-prompt`;
}

/** Problems as error summary entries, each linked to its input; a repeated message is listed once. */
export function moduleFormErrors(problems: readonly FieldProblem[], values: ModuleFormValues): FormError[] {
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const key = `${p.field}|${p.message}`;
      const isRepeat = seen.has(key);
      seen.add(key);
      return !isRepeat;
    })
    .map((p) => ({ field: p.field, href: `#${fieldAnchor(p.field, values)}`, text: p.message }));
}
