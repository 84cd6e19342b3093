import type { FrameworkDocument, QuestionSet, Requirement } from '../framework/framework-document.ts';
import type { HubItemExtension, HubNodeKind } from './case-hub-extension.ts';
import type { HubItemTypeCode } from './case-item-types.ts';

/**
 * The shape of an exported framework as a tree, before it becomes CFItems and associations:
 *
 *   Foundational / Advanced — <Archetype> / Product-specific      (tier groupings)
 *     <Factor> → <Sub-factor>                                     (only factors in use)
 *       requirement
 *   <Question set>
 *     question
 *
 * Ordering contract (what lets an import restore the document order exactly): a requirement's
 * sequenceNumber is its 1-based position in `doc.requirements`, and a factor grouping takes the
 * position of the first requirement beneath it, so requirements and factors interleave in
 * document order. Tiers are numbered in the report's tier order (Figure 3: foundational, advanced
 * per archetype in document order, product-specific), then question sets; questions are numbered
 * within their set. Siblings are therefore ordered, though not always contiguously numbered,
 * which CASE permits.
 */
export interface ExportNode {
  kind: HubNodeKind;
  /** Unique within `kind`; with the framework id and version it derives the item's UUID. */
  key: string;
  parent: ExportNode | null;
  sequenceNumber: number;
  type: HubItemTypeCode;
  fullStatement: string;
  humanCodingScheme?: string;
  notes?: string;
  conceptKeywords?: string[];
  extension: HubItemExtension;
}

interface Layout {
  doc: FrameworkDocument;
  nodes: ExportNode[];
  byKey: Map<string, ExportNode>;
}

/** Nodes in parent-before-child order, which is also the CFItems order. */
export function layoutFramework(doc: FrameworkDocument): ExportNode[] {
  const layout: Layout = { doc, nodes: [], byKey: new Map() };
  doc.requirements.forEach((requirement, index) => addRequirement(layout, requirement, index + 1));
  // Question sets follow every tier (tier ranks end at archetypes.length + 2).
  doc.questionSets.forEach((set, index) => addQuestionSet(layout, set, doc.archetypes.length + 3 + index));
  return layout.nodes;
}

function addNode(layout: Layout, node: ExportNode): ExportNode {
  layout.nodes.push(node);
  layout.byKey.set(`${node.kind}:${node.key}`, node);
  return node;
}

function addRequirement(layout: Layout, r: Requirement, position: number): void {
  const parent = ensureFactorChain(layout, ensureTier(layout, r), r, position);
  const { statement, ...rest } = r;
  const levels = r.kind === 'knowledge' ? layout.doc.taxonomy.knowledge : layout.doc.taxonomy.skill;
  const levelLabel = levels.find((l) => l.id === r.level)?.label ?? r.level;
  addNode(layout, {
    kind: 'requirement',
    key: r.id,
    parent,
    sequenceNumber: position,
    type: r.kind,
    fullStatement: statement,
    humanCodingScheme: `${r.source.table}-${r.source.item}`,
    ...(r.notes.length > 0 ? { notes: r.notes.join('\n\n') } : {}),
    // The topic label tells other CASE tools which statements share a subject; the hub itself
    // reads topics back from the extensions.
    conceptKeywords: [factorLabel(layout.doc, r.factor), levelLabel, ...topicLabel(layout.doc, r.topic)],
    extension: { node: 'requirement', ...rest },
  });
}

function ensureTier(layout: Layout, r: Requirement): ExportNode {
  const key = r.tier === 'advanced' ? `advanced/${r.archetype ?? ''}` : r.tier;
  const existing = layout.byKey.get(`tier:${key}`);
  if (existing) return existing;
  return addNode(layout, {
    kind: 'tier',
    key,
    parent: null,
    sequenceNumber: tierRank(layout.doc, r),
    type: 'tier',
    fullStatement: tierTitle(layout.doc, r),
    extension: { node: 'tier', tier: r.tier, archetype: r.archetype },
  });
}

/** 1 for foundational, 2.. for each archetype's advanced tier, then product-specific. */
function tierRank(doc: FrameworkDocument, r: Requirement): number {
  if (r.tier === 'foundational') return 1;
  if (r.tier === 'product-specific') return doc.archetypes.length + 2;
  const index = doc.archetypes.findIndex((a) => a.id === r.archetype);
  return index === -1 ? doc.archetypes.length + 1 : index + 2;
}

function tierTitle(doc: FrameworkDocument, r: Requirement): string {
  if (r.tier === 'foundational') return 'Foundational';
  if (r.tier === 'product-specific') return 'Product-specific';
  const archetype = doc.archetypes.find((a) => a.id === r.archetype);
  return archetype ? `Advanced — ${archetype.label}` : 'Advanced';
}

/** Creates the factor groupings from the top-level factor down; returns the innermost one. */
function ensureFactorChain(layout: Layout, tier: ExportNode, r: Requirement, position: number): ExportNode {
  let parent = tier;
  for (const factorId of factorLineage(layout.doc, r.factor)) {
    const key = `${tier.key}/${factorId}`;
    const factor = layout.doc.factors.find((f) => f.id === factorId);
    parent =
      layout.byKey.get(`factor:${key}`) ??
      addNode(layout, {
        kind: 'factor',
        key,
        parent,
        sequenceNumber: position,
        type: 'factor',
        fullStatement: factor?.label ?? factorId,
        ...(factor?.description ? { notes: factor.description } : {}),
        extension: { node: 'factor', tier: r.tier, archetype: r.archetype, factor: factorId },
      });
  }
  return parent;
}

/**
 * The factor and its ancestors, top first. Guards against parent cycles and unknown parents,
 * which the zod schema cannot rule out, so a malformed document still exports.
 */
function factorLineage(doc: FrameworkDocument, factorId: string): string[] {
  const lineage: string[] = [];
  let current: string | null = factorId;
  while (current !== null && !lineage.includes(current)) {
    lineage.unshift(current);
    const id: string = current;
    current = doc.factors.find((f) => f.id === id)?.parent ?? null;
  }
  return lineage;
}

function factorLabel(doc: FrameworkDocument, factorId: string): string {
  return doc.factors.find((f) => f.id === factorId)?.label ?? factorId;
}

function topicLabel(doc: FrameworkDocument, topicId: string | undefined): string[] {
  const topic = topicId === undefined ? undefined : doc.topics?.find((t) => t.id === topicId);
  return topic ? [topic.label] : [];
}

function addQuestionSet(layout: Layout, set: QuestionSet, position: number): void {
  const setNode = addNode(layout, {
    kind: 'question-set',
    key: set.id,
    parent: null,
    sequenceNumber: position,
    type: 'question-set',
    fullStatement: set.title,
    humanCodingScheme: set.source.table,
    extension: { node: 'question-set', set: set.id },
  });
  set.questions.forEach((q, index) => {
    const { text, ...rest } = q;
    addNode(layout, {
      kind: 'question',
      // Scoped by set so a slug reused across sets still yields distinct UUIDs.
      key: `${set.id}/${q.id}`,
      parent: setNode,
      sequenceNumber: index + 1,
      type: 'question',
      fullStatement: text,
      humanCodingScheme: `${q.source.table}-${q.source.item}`,
      conceptKeywords: [factorLabel(layout.doc, q.factor)],
      extension: { node: 'question', ...rest, set: set.id },
    });
  });
}
