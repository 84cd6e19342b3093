import type { LearnerModule } from '../../services/products/product-training.service.ts';
import { formatDate } from '../dates.ts';
import type { FormError } from '../form-errors.ts';
import { fieldsOf } from '../form-fields.ts';

type LearnerQuestion = LearnerModule['questions'][number];
/** Chosen option ids by question id. */
export type ChosenAnswers = Record<string, string[]>;

/** Question ids are the Embedder's and may hold any characters; the form field carries them, element ids never do. */
export const answerField = (questionId: string) => `answer-${questionId}`;
/** The id of a question's first option: where its error summary link lands. */
export const questionElementId = (index: number) => `question-${index + 1}`;
export const CHECK_HEADING_ID = 'knowledge-check';

const unansweredMessage = (question: LearnerQuestion, index: number) =>
  question.kind === 'single' ? `Select an answer to question ${index + 1}` : `Select at least one answer to question ${index + 1}`;

/**
 * The answers a form sent for the module's questions as they are now, and an error for each one
 * left unanswered. The domain marks an unanswered question wrong rather than refusing it, so the
 * page asks for every answer before anything is recorded.
 */
export function readAnswers(questions: readonly LearnerQuestion[], body: unknown): { answers: ChosenAnswers; errors: FormError[] } {
  const fields = fieldsOf(body);
  const answers: ChosenAnswers = {};
  const errors: FormError[] = [];
  questions.forEach((question, index) => {
    const name = answerField(question.id);
    const sent = Object.hasOwn(fields, name) ? fields[name] : undefined;
    const chosen = (Array.isArray(sent) ? sent : [sent]).filter((v): v is string => typeof v === 'string' && v !== '');
    if (chosen.length === 0) errors.push({ field: name, href: `#${questionElementId(index)}`, text: unansweredMessage(question, index) });
    else answers[question.id] = chosen;
  });
  return { answers, errors };
}

/**
 * Headings in a section's Markdown would otherwise sit level with (or above) the page's own: the
 * section's statement is an h2, so the Embedder's headings start at h3. Only tag names change, in
 * HTML the Markdown renderer already made safe.
 */
export function nestHeadings(html: string): string {
  return html.replace(/<(\/?)h([1-6])(?=[\s>])/g, (_, slash: string, level: string) => `<${slash}h${Math.min(Number(level) + 2, 6)}`);
}

/** The module page: its sections and the knowledge check as radios or checkboxes, keeping what was chosen. */
export function takeModuleView(module: LearnerModule, chosen: ChosenAnswers, errors: readonly FormError[]) {
  const errorFor = new Map(errors.map((e) => [e.field, e.text]));
  return {
    productName: module.productName,
    versionLabel: module.versionLabel,
    revisionId: module.revision.id ?? '',
    revisionText: `Revision ${module.revision.number}, published ${formatDate(module.revision.publishedAt)}`,
    sections: module.sections.map((s, i) => ({ id: `section-${i + 1}`, statement: s.statement, html: nestHeadings(s.html) })),
    passMarkPercent: module.passMarkPercent,
    checkHeadingId: CHECK_HEADING_ID,
    questions: module.questions.map((q, index) => {
      const picked = Object.hasOwn(chosen, q.id) ? (chosen[q.id] ?? []) : [];
      return {
        isMultiple: q.kind === 'multiple',
        name: answerField(q.id),
        idPrefix: questionElementId(index),
        legend: `${index + 1}. ${q.prompt}`,
        items: q.options.map((o) => ({ value: o.id, text: o.text, checked: picked.includes(o.id) })),
        error: errorFor.get(answerField(q.id)),
      };
    }),
  };
}
