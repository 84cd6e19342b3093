import type { Archetype, Factor, FrameworkDocument, Kind, Requirement, TaxonomyLevel, Tier } from './framework-document.ts';
import { KINDS, TIERS } from './framework-document.ts';
import { resolveTopics } from './topics.ts';
import type { TopicWithRequirements } from './topics.ts';

/**
 * A loaded framework with the lookups pages and the API need. Frameworks are immutable once
 * loaded, so an index is built once and read by every request.
 */
export interface FrameworkIndex {
  doc: FrameworkDocument;
  requirementById: ReadonlyMap<string, Requirement>;
  factorById: ReadonlyMap<string, Factor>;
  archetypeById: ReadonlyMap<string, Archetype>;
  levelById: ReadonlyMap<string, TaxonomyLevel & { kind: Kind }>;
  /** Topics in document order; implicit one-requirement topics when the document has none (topics.ts). */
  topicById: ReadonlyMap<string, TopicWithRequirements>;
  topicByRequirementId: ReadonlyMap<string, TopicWithRequirements>;
  /** Lower-cased statement per requirement id, for text search without re-allocating. */
  searchText: ReadonlyMap<string, string>;
}

export function indexFramework(doc: FrameworkDocument): FrameworkIndex {
  const levels = [
    ...doc.taxonomy.knowledge.map((l) => ({ ...l, kind: 'knowledge' as const })),
    ...doc.taxonomy.skill.map((l) => ({ ...l, kind: 'skill' as const })),
  ];
  const topics = resolveTopics(doc);
  return {
    doc,
    requirementById: new Map(doc.requirements.map((r) => [r.id, r])),
    factorById: new Map(doc.factors.map((f) => [f.id, f])),
    archetypeById: new Map(doc.archetypes.map((a) => [a.id, a])),
    levelById: new Map(levels.map((l) => [l.id, l])),
    topicById: new Map(topics.map((t) => [t.id, t])),
    topicByRequirementId: new Map(topics.flatMap((t) => t.requirements.map((r) => [r.id, t] as const))),
    searchText: new Map(doc.requirements.map((r) => [r.id, r.statement.toLowerCase()])),
  };
}

export interface RequirementFilter {
  tier?: Tier | undefined;
  archetype?: string | undefined;
  /** A factor id; a top-level factor also matches its sub-factors. */
  factor?: string | undefined;
  kind?: Kind | undefined;
  level?: string | undefined;
  /** Free text: every word must appear in the statement (case-insensitive). */
  q?: string | undefined;
}

export function filterRequirements(index: FrameworkIndex, filter: RequirementFilter): Requirement[] {
  const words = (filter.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return index.doc.requirements.filter((r) => {
    if (filter.tier && r.tier !== filter.tier) return false;
    if (filter.archetype && r.archetype !== filter.archetype) return false;
    if (filter.factor && r.factor !== filter.factor && index.factorById.get(r.factor)?.parent !== filter.factor) return false;
    if (filter.kind && r.kind !== filter.kind) return false;
    if (filter.level && r.level !== filter.level) return false;
    if (words.length > 0) {
      const text = index.searchText.get(r.id) ?? '';
      if (!words.every((w) => text.includes(w))) return false;
    }
    return true;
  });
}

/** The top-level factor a factor sits under (itself when it is top-level). */
export function topLevelFactor(index: FrameworkIndex, factorId: string): Factor | undefined {
  let factor = index.factorById.get(factorId);
  while (factor?.parent) factor = index.factorById.get(factor.parent);
  return factor;
}

/** Factors in document order, each top-level factor followed by its sub-factors. */
export function factorTree(index: FrameworkIndex): Array<{ factor: Factor; children: Factor[] }> {
  return index.doc.factors
    .filter((f) => f.parent === null)
    .map((factor) => ({ factor, children: index.doc.factors.filter((f) => f.parent === factor.id) }));
}

/** Requirements or questions grouped by factor, in factor order, leaving out factors with none. */
export function groupByFactor<T extends { factor: string }>(index: FrameworkIndex, items: T[]): Array<{ factor: Factor; items: T[] }> {
  return index.doc.factors
    .map((factor) => ({ factor, items: items.filter((item) => item.factor === factor.id) }))
    .filter((group) => group.items.length > 0);
}

export function sourceLabel(requirement: Pick<Requirement, 'source'>): string {
  return `Table ${requirement.source.table}, item ${requirement.source.item}`;
}

/** Words that say the level or kind rather than the subject, so they do not make statements look alike. */
const NON_SUBJECT_WORDS = new Set(
  (
    'awareness familiarity familiarly understanding understand capable capability proficient proficiency ' +
    'of the and to in for with a an on or as by be is are how this that its their it from at any including ' +
    'use using used ai technologies technology products product e.g example'
  ).split(' '),
);

function subjectWords(statement: string): Set<string> {
  const words = statement.toLowerCase().match(/[a-z0-9/]+/g) ?? [];
  return new Set(words.filter((w) => w.length > 2 && !NON_SUBJECT_WORDS.has(w)).map(stem));
}

/** A crude stem so "validation"/"validate" and "biases"/"bias" meet; good enough for ranking similarity. */
function stem(word: string): string {
  return word.replace(/(ations?|ing|ed|es|s)$/, '');
}

export interface RelatedRequirement {
  requirement: Requirement;
  /** Jaccard similarity of subject words, 0–1. */
  similarity: number;
}

/**
 * Statements on the same subject in other tables (the same subject recurs at different levels
 * for different archetypes and tiers). Ranked by shared subject words: the fallback for documents
 * without topics, whose curated grouping (topics.ts) says this exactly.
 */
export function relatedRequirements(index: FrameworkIndex, requirementId: string, limit = 6, threshold = 0.3): RelatedRequirement[] {
  const target = index.requirementById.get(requirementId);
  if (!target) return [];
  const targetWords = subjectWords(target.statement);
  const scored: RelatedRequirement[] = [];
  for (const other of index.doc.requirements) {
    if (other.source.table === target.source.table) continue;
    const words = subjectWords(other.statement);
    let shared = 0;
    for (const w of words) if (targetWords.has(w)) shared += 1;
    const union = targetWords.size + words.size - shared;
    const similarity = union === 0 ? 0 : shared / union;
    if (similarity >= threshold) scored.push({ requirement: other, similarity });
  }
  return scored.sort((a, b) => b.similarity - a.similarity || a.requirement.id.localeCompare(b.requirement.id)).slice(0, limit);
}

export function isTier(value: string): value is Tier {
  return (TIERS as readonly string[]).includes(value);
}

export function isKind(value: string): value is Kind {
  return (KINDS as readonly string[]).includes(value);
}
