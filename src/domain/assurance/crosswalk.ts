import type { CrosswalkChecklist, CrosswalkDocument, CrosswalkItem, CrosswalkLink } from './crosswalk-document.ts';

export type { CrosswalkChecklist, CrosswalkDocument, CrosswalkItem, CrosswalkLink } from './crosswalk-document.ts';
export {
  CrosswalkError,
  crosswalkChecklistSchema,
  crosswalkDocumentSchema,
  crosswalkItemSchema,
  crosswalkLinkSchema,
  findCrosswalkProblems,
  parseCrosswalk,
  questionsWithoutLinks,
} from './crosswalk-document.ts';

/**
 * Lookups over a parsed crosswalk and the per-item coverage a review shows: for each external
 * checklist item, which answered questions (and how much evidence) support it. Pure; the file is
 * read once by src/services/bundled-crosswalk.ts.
 */

export interface ResolvedLink {
  link: CrosswalkLink;
  checklist: CrosswalkChecklist;
  item: CrosswalkItem;
}

export interface CrosswalkIndex {
  doc: CrosswalkDocument;
  checklistById: ReadonlyMap<string, CrosswalkChecklist>;
  /** Every item with the checklist it belongs to. */
  itemById: ReadonlyMap<string, { checklist: CrosswalkChecklist; item: CrosswalkItem }>;
  linksByQuestion: ReadonlyMap<string, readonly ResolvedLink[]>;
  linksByItem: ReadonlyMap<string, readonly ResolvedLink[]>;
}

/** Builds the lookups once; the document must already be valid (parseCrosswalk). */
export function indexCrosswalk(doc: CrosswalkDocument): CrosswalkIndex {
  const checklistById = new Map(doc.checklists.map((c) => [c.id, c]));
  const itemById = new Map(doc.checklists.flatMap((checklist) => checklist.items.map((item) => [item.id, { checklist, item }] as const)));
  const linksByQuestion = new Map<string, ResolvedLink[]>();
  const linksByItem = new Map<string, ResolvedLink[]>();
  for (const link of doc.links) {
    const owner = itemById.get(link.item);
    if (!owner) throw new Error(`crosswalk link ${link.question} → ${link.item}: unknown item (parse the document with parseCrosswalk first)`);
    const resolved = { link, ...owner };
    append(linksByQuestion, link.question, resolved);
    append(linksByItem, link.item, resolved);
  }
  return { doc, checklistById, itemById, linksByQuestion, linksByItem };
}

/** The checklist items a question supports, in document order; none for an unknown question. */
export function linksOfQuestion(index: CrosswalkIndex, questionId: string): readonly ResolvedLink[] {
  return index.linksByQuestion.get(questionId) ?? [];
}

/** A checklist's items in printed order; none for an unknown checklist (see checklistById). */
export function itemsOfChecklist(index: CrosswalkIndex, checklistId: string): readonly CrosswalkItem[] {
  return index.checklistById.get(checklistId)?.items ?? [];
}

export const JUDGEMENTS = ['met', 'partly-met', 'not-met', 'not-applicable'] as const;
export type Judgement = (typeof JUDGEMENTS)[number];

/** Where a review stands on one question. A question missing from the answers is unanswered. */
export interface QuestionAnswerState {
  answered: boolean;
  judgement?: Judgement | null | undefined;
  evidenceCount: number;
}

export type CrosswalkAnswers = ReadonlyMap<string, QuestionAnswerState> | Readonly<Record<string, QuestionAnswerState>>;

export const ITEM_COVERAGE_STATUSES = ['supported', 'partly', 'not-met', 'not-started', 'not-applicable', 'no-questions'] as const;
/**
 * - `supported`: every supporting question answered, none judged not met or partly met;
 * - `partly`: some answered, or all answered with some judged partly met;
 * - `not-met`: a supporting question is judged not met (shown first: it needs attention whatever else is done);
 * - `not-started`: no supporting question answered yet;
 * - `not-applicable`: every supporting question answered as not applicable;
 * - `no-questions`: no question in the review's scope supports the item.
 */
export type ItemCoverageStatus = (typeof ITEM_COVERAGE_STATUSES)[number];

export interface SupportingQuestion {
  questionId: string;
  rationale: string;
  source: string;
  answered: boolean;
  judgement: Judgement | null;
  evidenceCount: number;
}

export interface ItemCoverageCounts {
  total: number;
  answered: number;
  met: number;
  partlyMet: number;
  notMet: number;
  notApplicable: number;
  /** Supporting questions with at least one piece of evidence (not pieces: one may back several questions). */
  withEvidence: number;
}

export interface ItemCoverage {
  item: CrosswalkItem;
  questions: SupportingQuestion[];
  counts: ItemCoverageCounts;
  status: ItemCoverageStatus;
}

export interface ChecklistCoverage {
  checklist: CrosswalkChecklist;
  items: ItemCoverage[];
  /** How many of the checklist's items are in each status. */
  statusCounts: Record<ItemCoverageStatus, number>;
}

export interface CrosswalkCoverageOptions {
  /**
   * The questions the review asks (say only A3 for a Driver's review); links from other questions
   * are left out, so an item only they support shows `no-questions` rather than `not-started`.
   * All linked questions when omitted.
   */
  questionIds?: Iterable<string>;
}

/** Per checklist, per item: the supporting questions with their state, counts and a status. */
export function crosswalkCoverage(index: CrosswalkIndex, answers: CrosswalkAnswers, options: CrosswalkCoverageOptions = {}): ChecklistCoverage[] {
  const stateOf = answerLookup(answers);
  const inScope = options.questionIds === undefined ? () => true : membership(new Set(options.questionIds));
  return index.doc.checklists.map((checklist) => {
    const items = checklist.items.map((item) => {
      const links = (index.linksByItem.get(item.id) ?? []).filter((r) => inScope(r.link.question));
      return itemCoverage(item, links.map((r) => supportingQuestion(r.link, stateOf(r.link.question))));
    });
    return { checklist, items, statusCounts: countStatuses(items) };
  });
}

function itemCoverage(item: CrosswalkItem, questions: SupportingQuestion[]): ItemCoverage {
  const answered = questions.filter((q) => q.answered);
  const judged = (j: Judgement) => answered.filter((q) => q.judgement === j).length;
  const counts: ItemCoverageCounts = {
    total: questions.length,
    answered: answered.length,
    met: judged('met'),
    partlyMet: judged('partly-met'),
    notMet: judged('not-met'),
    notApplicable: judged('not-applicable'),
    withEvidence: questions.filter((q) => q.evidenceCount > 0).length,
  };
  return { item, questions, counts, status: coverageStatus(counts) };
}

function coverageStatus(c: ItemCoverageCounts): ItemCoverageStatus {
  if (c.total === 0) return 'no-questions';
  if (c.notMet > 0) return 'not-met';
  if (c.answered === 0) return 'not-started';
  if (c.answered < c.total || c.partlyMet > 0) return 'partly';
  return c.notApplicable === c.total ? 'not-applicable' : 'supported';
}

function supportingQuestion(link: CrosswalkLink, state: QuestionAnswerState | undefined): SupportingQuestion {
  const answered = state?.answered ?? false;
  return {
    questionId: link.question,
    rationale: link.rationale,
    source: link.source,
    answered,
    // A judgement on an unanswered question (a draft) does not count until the answer is given.
    judgement: answered ? (state?.judgement ?? null) : null,
    evidenceCount: state?.evidenceCount ?? 0,
  };
}

function answerLookup(answers: CrosswalkAnswers): (questionId: string) => QuestionAnswerState | undefined {
  if (answers instanceof Map) return (id) => answers.get(id);
  const record = answers as Readonly<Record<string, QuestionAnswerState>>;
  return (id) => (Object.hasOwn(record, id) ? record[id] : undefined);
}

function membership(ids: ReadonlySet<string>): (id: string) => boolean {
  return (id) => ids.has(id);
}

function countStatuses(items: readonly ItemCoverage[]): Record<ItemCoverageStatus, number> {
  const counts = Object.fromEntries(ITEM_COVERAGE_STATUSES.map((s) => [s, 0])) as Record<ItemCoverageStatus, number>;
  for (const i of items) counts[i.status] += 1;
  return counts;
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
