import { z } from 'zod';

/**
 * The assurance crosswalk (`crosswalks/assurance-crosswalk.json`): which items of external
 * checklists (DTAC, NICE ESF, the NHSX buyer's guide, DCB0129/DCB0160, MHRA) each A3/A6 question
 * supports, with the reason and the section it rests on. Reference data, versioned by date, so a
 * review can show the same work feeding the organisation's DTAC submission.
 */

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case slug (a-z, 0-9, -)');
const text = z.string().trim().min(1, 'must not be empty');

export const crosswalkItemSchema = z.object({
  id: slug,
  /** The item's short name as the checklist prints it, e.g. "C1 Clinical safety". */
  label: text,
  /** A grouping within the checklist, e.g. a NICE ESF standard group or a DTAC part. */
  group: text.optional(),
  /** What the item covers or where it applies, e.g. the ESF tiers a standard group applies to. */
  note: text.optional(),
});

export const crosswalkChecklistSchema = z.object({
  id: slug,
  title: text,
  publisher: text,
  /** The edition the items were taken from, in words. */
  edition: text,
  /** When that edition was published: YYYY, YYYY-MM or YYYY-MM-DD. */
  editionDate: z.string().regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD'),
  /** The canonical public address; kept for readers, never fetched. */
  url: z.url(),
  references: z.array(z.object({ title: text, url: z.url() })).optional(),
  items: z.array(crosswalkItemSchema).min(1),
});

export const crosswalkLinkSchema = z.object({
  /** A question id from the framework's question sets, e.g. "a3-01". */
  question: slug,
  /** An item id from one of the checklists, e.g. "dtac-c1". */
  item: slug,
  /** Why answering the question supports the item, in one plain sentence. */
  rationale: text,
  /** The checklist section, standard or question the link rests on. */
  source: text,
});

export const crosswalkDocumentSchema = z.object({
  id: slug,
  version: z.string().regex(/^\d{4}-\d{2}$/, 'must be a year and month such as 2026-12'),
  title: text,
  description: text,
  /** The framework whose questions the links name. */
  framework: slug,
  /** Items no question supports, declared so the gap is deliberate; checked against the links. */
  itemsWithoutQuestions: z.array(slug),
  checklists: z.array(crosswalkChecklistSchema).min(1),
  links: z.array(crosswalkLinkSchema).min(1),
});

export type CrosswalkDocument = z.infer<typeof crosswalkDocumentSchema>;
export type CrosswalkChecklist = z.infer<typeof crosswalkChecklistSchema>;
export type CrosswalkItem = z.infer<typeof crosswalkItemSchema>;
export type CrosswalkLink = z.infer<typeof crosswalkLinkSchema>;

/** Thrown when a crosswalk document is malformed or inconsistent; lists every problem found. */
export class CrosswalkError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source} is not a valid assurance crosswalk:\n- ${problems.join('\n- ')}`);
    this.name = 'CrosswalkError';
  }
}

/**
 * Cross-reference checks zod cannot express: unique checklist and item ids, links to known items
 * (and, when question ids are given, to known questions, with every question linked), no
 * duplicate links, and the declared unsupported items matching the links. Empty when consistent.
 */
export function findCrosswalkProblems(doc: CrosswalkDocument, questionIds?: Iterable<string>): string[] {
  const problems: string[] = [];
  const items = doc.checklists.flatMap((c) => c.items);
  reportDuplicates('checklist', doc.checklists.map((c) => c.id), problems);
  reportDuplicates('item', items.map((i) => i.id), problems);
  reportDuplicates('link', doc.links.map(linkKey), problems);

  const itemIds = new Set(items.map((i) => i.id));
  const known = questionIds === undefined ? undefined : new Set(questionIds);
  for (const link of doc.links) {
    if (!itemIds.has(link.item)) problems.push(`link ${linkKey(link)}: unknown item ${link.item}`);
    if (known && !known.has(link.question)) problems.push(`link ${linkKey(link)}: unknown question ${link.question}`);
  }
  if (known) {
    for (const id of questionsWithoutLinks(doc, known)) problems.push(`question ${id} has no link`);
  }

  const supported = new Set(doc.links.map((l) => l.item));
  const declared = new Set(doc.itemsWithoutQuestions);
  for (const id of declared) {
    if (!itemIds.has(id)) problems.push(`itemsWithoutQuestions: unknown item ${id}`);
    else if (supported.has(id)) problems.push(`itemsWithoutQuestions: ${id} is supported by a question`);
  }
  for (const id of itemIds) {
    if (!supported.has(id) && !declared.has(id)) problems.push(`item ${id} has no supporting question and is not in itemsWithoutQuestions`);
  }
  return problems;
}

/** The given question ids, in the order given, that no link names. */
export function questionsWithoutLinks(doc: CrosswalkDocument, questionIds: Iterable<string>): string[] {
  const linked = new Set(doc.links.map((l) => l.question));
  return [...questionIds].filter((id) => !linked.has(id));
}

/**
 * Validates raw JSON as a crosswalk, naming the bad entry in every problem (for example
 * `links[12] (a3-05 → dtac-c2).source: must not be empty`). Throws CrosswalkError.
 */
export function parseCrosswalk(raw: unknown, options: { source?: string; questionIds?: Iterable<string> } = {}): CrosswalkDocument {
  const source = options.source ?? 'the crosswalk';
  const parsed = crosswalkDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    throw new CrosswalkError(source, parsed.error.issues.map((issue) => `${describePath(raw, issue.path)}: ${issue.message}`));
  }
  const problems = findCrosswalkProblems(parsed.data, options.questionIds);
  if (problems.length > 0) throw new CrosswalkError(source, problems);
  return parsed.data;
}

function linkKey(link: Pick<CrosswalkLink, 'question' | 'item'>): string {
  return `${link.question} → ${link.item}`;
}

/** A zod issue path with the id of each entry it passes through, so an author can find it. */
function describePath(raw: unknown, path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(document)';
  let node: unknown = raw;
  let described = '';
  for (const key of path) {
    node = isRecord(node) || Array.isArray(node) ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    described += typeof key === 'number' ? `[${key}]${entryName(node)}` : `${described ? '.' : ''}${String(key)}`;
  }
  return described;
}

function entryName(node: unknown): string {
  if (!isRecord(node)) return '';
  if (typeof node.question === 'string' || typeof node.item === 'string') return ` (${String(node.question)} → ${String(node.item)})`;
  return typeof node.id === 'string' ? ` (${node.id})` : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function reportDuplicates(what: string, ids: string[], problems: string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) problems.push(`${what} ${id} appears more than once`);
    seen.add(id);
  }
}
