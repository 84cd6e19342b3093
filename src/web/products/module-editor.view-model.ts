import { MAX_OPTIONS, MAX_QUESTIONS } from '../../domain/products/index.ts';
import { renderModuleMarkdown } from '../../services/products/module-markdown.ts';
import { formatDate } from '../dates.ts';
import type { ModuleDraft } from '../../services/products/product-training.service.ts';
import type { FormError } from '../form-errors.ts';
import { PRODUCT_PATHS } from './products.paths.ts';
import { FORM_ID, moduleFormErrors, newQuestionFor, optionName, questionName, sectionInputId, withBlankOptionSlots } from './module-form.ts';
import type { ModuleFormValues, QuestionFormValues } from './module-form.ts';

export const MODULE_EDITOR_TEMPLATE = 'products/module-editor.njk';

export const DONE_MESSAGES = {
  saved: 'Your changes have been saved.',
  published: 'The module has been published as a new revision. People who use this version of the product now read this revision; earlier attempts keep the revision they were made on.',
} as const;
export type DoneKey = keyof typeof DONE_MESSAGES;

export interface ModuleEditorPage {
  draft: ModuleDraft;
  /** As they are meant: removed questions gone, blank options closed up (see readModuleForm). */
  values: ModuleFormValues;
  errors?: FormError[];
  /** Someone else saved the module first; what this person typed is shown, unsaved. */
  conflict?: boolean;
  resumed?: boolean;
  done?: DoneKey;
  /** "Save and publish" saved the draft but could not publish it. */
  savedButNotPublished?: boolean;
}

const STATUS = {
  'not-started': { text: 'Not started', classes: 'nhsuk-tag--grey' },
  draft: { text: 'Draft', classes: 'nhsuk-tag--yellow' },
  published: { text: 'Published', classes: 'nhsuk-tag--green' },
} as const;

/** Everything the module editor template shows. */
export function moduleEditorContext({ draft, values, errors = [], conflict, resumed, done, savedButNotPublished }: ModuleEditorPage) {
  const { product, productVersion } = draft;
  const status = draft.module?.status ?? 'not-started';
  const messages = firstMessageByField(errors);
  const newQuestion = newQuestionFor(values);
  const questions = [...values.questions.map(withBlankOptionSlots), ...(newQuestion ? [newQuestion] : [])];
  return {
    pageTitle: `Training module for ${product.name} ${productVersion.label}`,
    caption: `${product.name}, version ${productVersion.label}`,
    currentSection: 'products',
    backPath: PRODUCT_PATHS.product(product.id),
    formPath: PRODUCT_PATHS.module(product.id, productVersion.id),
    formId: FORM_ID,
    productName: product.name,
    status: STATUS[status],
    isPublished: status === 'published',
    hasUnpublishedChanges: draft.hasUnpublishedChanges,
    latestRevisionText: draft.latestRevision ? `Learners read revision ${draft.latestRevision.number}, published ${formatDate(draft.latestRevision.publishedAt)}.` : undefined,
    copiedFromLabel: draft.copiedFrom?.label,
    reviewCount: draft.sections.filter((s) => s.needsReview).length,
    version: values.version,
    conflict,
    resumed,
    savedButNotPublished,
    doneMessage: done ? DONE_MESSAGES[done] : undefined,
    errorSummary: errors.length > 0 ? errors : undefined,
    // While the error summary lists problems, the same list again would only be noise.
    publishBlockers: (status !== 'published' || draft.hasUnpublishedChanges) && errors.length === 0 ? moduleFormErrors(draft.publishProblems, values) : [],
    passMark: { value: values.passMarkPercent, error: messages.get('knowledgeCheck.passMarkPercent') },
    sections: draft.sections.map((section, position) => ({
      number: position + 1,
      statement: section.statement,
      inputId: sectionInputId(section.requirementId),
      name: `section-${section.requirementId}`,
      prefillHtml: section.prefill.trim() === '' ? '' : renderModuleMarkdown(section.prefill),
      content: Object.hasOwn(values.sections, section.requirementId) ? values.sections[section.requirementId] : section.content,
      error: messages.get(`sections.${section.requirementId}`),
      needsReview: section.needsReview,
      needsOwnWords: section.needsOwnWords,
      reviewId: `${sectionInputId(section.requirementId)}-reviewed`,
      isConfirmed: values.reviewed.includes(section.requirementId),
      requirementId: section.requirementId,
    })),
    questions: questions.map((question, position) => questionView(question, { position, isNew: position === values.questions.length, isCheckFull: newQuestion === undefined }, messages)),
    isCheckFull: newQuestion === undefined,
    maxQuestions: MAX_QUESTIONS,
    maxOptions: MAX_OPTIONS,
  };
}

function questionView(question: QuestionFormValues, { position, isNew, isCheckFull }: { position: number; isNew: boolean; isCheckFull: boolean }, messages: ReadonlyMap<string, string>) {
  const name = questionName(position);
  const at = `knowledgeCheck.questions.${position}`;
  const number = position + 1;
  return {
    isNew,
    number,
    legend: isNew ? 'Add a question (optional)' : `Question ${number}`,
    fieldsetId: `${name}-fieldset`,
    name,
    id: question.id,
    prompt: question.prompt,
    promptError: (isNew || (position === 0 && isCheckFull) ? messages.get('knowledgeCheck.questions') : undefined) ?? messages.get(`${at}.prompt`) ?? messages.get(`${at}.id`) ?? messages.get(at),
    kindItems: [
      { value: 'single', text: 'One right answer', checked: question.kind === 'single' },
      { value: 'multiple', text: 'Several right answers', checked: question.kind === 'multiple' },
    ],
    kindError: messages.get(`${at}.kind`),
    optionsError: messages.get(`${at}.options`),
    options: question.options.map((option, slot) => ({
      name: optionName(position, slot),
      id: option.id,
      text: option.text,
      label: `Option ${slot + 1}`,
      error: messages.get(`${at}.options.${slot}.text`) ?? messages.get(`${at}.options.${slot}.id`),
    })),
    correctItems: question.options.map((option, slot) => ({ value: option.id, text: `Option ${slot + 1}`, checked: question.correct.includes(option.id) })),
    correctError: messages.get(`${at}.correct`),
  };
}

/** One message beside each input: the first, as the most basic. */
function firstMessageByField(errors: readonly FormError[]): Map<string, string> {
  const messages = new Map<string, string>();
  for (const error of errors) if (!messages.has(error.field)) messages.set(error.field, error.text);
  return messages;
}
