import { frameworkDocumentSchema } from '../framework/framework-document.ts';
import type { FrameworkDocument, QuestionSet, Requirement } from '../framework/framework-document.ts';
import { hubDocumentExtensionSchema, hubItemExtensionSchema, readHubExtension } from './case-hub-extension.ts';
import type { HubDocumentExtension, HubItemExtension } from './case-hub-extension.ts';
import type { CasePackage } from './case-package.ts';
import { readCasePackage } from './case-reader.ts';
import type { CaseImportWarning } from './case-warnings.ts';

export type ImportedCasePackage = (
  | { kind: 'hub'; document: FrameworkDocument }
  | { kind: 'case'; package: CasePackage; id: string; version: string; title: string; itemCount: number }
) & { warnings: CaseImportWarning[] };

/**
 * Reads a CASE package. A package the hub exported (its `aiConfidenceHub` extensions rebuild a
 * valid FrameworkDocument) comes back as that document; anything else is a third-party framework
 * kept as CASE, with a slug id and version label the hub can store it under. Either way it carries
 * the deviations the tolerant reader found.
 * Throws a CaseRefusal whose message can be shown to the person who uploaded the file.
 */
export function importCasePackage(pkg: unknown): ImportedCasePackage {
  const { package: parsed, warnings } = readCasePackage(pkg);
  const document = rebuildHubDocument(parsed);
  if (document) return { kind: 'hub', document, warnings };
  const doc = parsed.CFDocument;
  const id = slugify(doc.title) || slugify(doc.identifier) || 'case-framework';
  return {
    kind: 'case',
    package: parsed,
    id,
    version: versionLabel(doc.version),
    title: doc.title.trim() || id,
    itemCount: parsed.CFItems?.length ?? 0,
    warnings,
  };
}

/** The package as the hub keeps it, without the warnings; for callers that only need the CASE view. */
export function parseCasePackage(pkg: unknown): CasePackage {
  return readCasePackage(pkg).package;
}

interface Ordered<T> {
  sequence: number;
  index: number;
  value: T;
}

type QuestionWithSet = QuestionSet['questions'][number] & { set: string };

/** The hub document the extensions describe, or null when they are absent, unknown or inconsistent. */
function rebuildHubDocument(pkg: CasePackage): FrameworkDocument | null {
  const meta = hubDocumentExtensionSchema.safeParse(readHubExtension(pkg.CFDocument));
  if (!meta.success) return null;
  const nodes = readItemExtensions(pkg);
  if (!nodes) return null;

  const requirements = byOrder(nodes.requirements);
  const questions = byOrder(nodes.questions);
  const { questionSets: setMetas, ...rest } = documentFields(meta.data);
  const questionSets = setMetas.map((set) => ({
    ...set,
    questions: questions.filter((q) => q.set === set.id).map(({ set: _set, ...q }) => q),
  }));
  // A question whose set is not listed would silently disappear; treat that as inconsistent.
  if (questionSets.reduce((n, s) => n + s.questions.length, 0) !== questions.length) return null;

  const result = frameworkDocumentSchema.safeParse({ ...rest, requirements, questionSets });
  return result.success ? result.data : null;
}

function readItemExtensions(
  pkg: CasePackage,
): { requirements: Ordered<Requirement>[]; questions: Ordered<QuestionWithSet>[] } | null {
  const sequences = childSequenceNumbers(pkg);
  const requirements: Ordered<Requirement>[] = [];
  const questions: Ordered<QuestionWithSet>[] = [];
  const items = pkg.CFItems ?? [];
  for (const [index, item] of items.entries()) {
    const raw = readHubExtension(item);
    if (raw === undefined) continue;
    const parsed = hubItemExtensionSchema.safeParse(raw);
    if (!parsed.success) return null;
    const sequence = sequences.get(item.identifier) ?? Number.POSITIVE_INFINITY;
    const node: HubItemExtension = parsed.data;
    if (node.node === 'requirement') {
      requirements.push({ sequence, index, value: { ...withoutNode(node), statement: item.fullStatement } });
    } else if (node.node === 'question') {
      questions.push({ sequence, index, value: { ...withoutNode(node), text: item.fullStatement } });
    }
  }
  return { requirements, questions };
}

function documentFields({ formatVersion: _formatVersion, ...fields }: HubDocumentExtension) {
  return fields;
}

function withoutNode<T extends { node: string }>({ node: _node, ...fields }: T): Omit<T, 'node'> {
  return fields;
}

/** sequenceNumber of each item's (first) isChildOf association, keyed by item identifier. */
function childSequenceNumbers(pkg: CasePackage): Map<string, number> {
  const sequences = new Map<string, number>();
  for (const a of pkg.CFAssociations ?? []) {
    const child = a.originNodeURI.identifier;
    if (a.associationType === 'isChildOf' && a.sequenceNumber !== undefined && !sequences.has(child)) {
      sequences.set(child, a.sequenceNumber);
    }
  }
  return sequences;
}

function byOrder<T>(entries: Ordered<T>[]): T[] {
  return [...entries].sort((a, b) => a.sequence - b.sequence || a.index - b.index).map((e) => e.value);
}

/** A lower-case a-z0-9 slug of at most `max` characters, accents folded ("É" → "e"). */
export function slugify(text: string, max = 60): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

/** Third-party versions such as "2019 Edition" become a label the framework schema accepts. */
function versionLabel(version: string | undefined): string {
  const cleaned = (version ?? '').trim().replace(/\s+/g, '-').replace(/[^0-9A-Za-z.+-]/g, '');
  return cleaned || '1';
}
