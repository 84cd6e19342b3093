import type { Kind } from '../framework/framework-document.ts';
import type { FrameworkIndex } from '../framework/framework-index.ts';
import { isClinicalLayer } from '../applicability/applicability.ts';

/**
 * A product's training module (3.4, R8): one section per Table 2 statement that applies to the
 * product, each able to pull in facts the Embedder recorded when registering the product so the
 * same text is not typed twice. Pure: the service stores sections' content and the facts.
 */

export type Autonomy = 'autonomous' | 'human-in-the-loop';

/** What an Embedder records about a product; the sources of a module's pre-filled text. */
export interface ProductFacts {
  intendedUse: string;
  inclusionCriteria: string;
  exclusionCriteria: string;
  clinicalDecisionMaking: boolean;
  autonomy: Autonomy;
  deviceClass: string;
  /** UKCA or CE marking. */
  marking: string;
  /** How the product shows explanations and certainty. */
  explanations: string;
  limitations: string;
  outlierSituations: string;
  contacts: string;
  errorReporting: string;
  fallbackPathway: string;
  decisionRecording: string;
}

export type ProductFactField = keyof ProductFacts;

export const PRODUCT_FACT_LABELS: Readonly<Record<ProductFactField, string>> = {
  intendedUse: 'Intended use',
  inclusionCriteria: 'Inclusion criteria',
  exclusionCriteria: 'Exclusion criteria',
  clinicalDecisionMaking: 'Used in clinical decision making',
  autonomy: 'Autonomy',
  deviceClass: 'Medical device class',
  marking: 'UKCA/CE marking',
  explanations: 'Explanations and certainty shown',
  limitations: 'Limitations',
  outlierSituations: 'Outlier situations',
  contacts: 'Who to contact',
  errorReporting: 'Reporting errors and safety concerns',
  fallbackPathway: 'Fallback pathway',
  decisionRecording: 'Recording assisted decisions',
};

export const AUTONOMY_LABELS: Readonly<Record<Autonomy, string>> = {
  autonomous: 'Autonomous (its output is acted on without a person reviewing it first)',
  'human-in-the-loop': 'Human in the loop (a person reviews each output before it is acted on)',
};

/**
 * The product facts each Table 2 topic (dart-ed-2022 topic ids) pulls into its section. Topics
 * left out — fairness, false positives and negatives, the patient query pathway, weighing
 * expertise, data use — have no recorded fact that answers them, so the Embedder must write them.
 */
export const PREFILL_BY_TOPIC: Readonly<Record<string, readonly ProductFactField[]>> = {
  'clinical-guidelines-for-ai': ['deviceClass', 'marking'],
  'use-outside-guidelines': ['exclusionCriteria'],
  'liability-and-legal-frameworks': ['autonomy'],
  'intended-use': ['intendedUse', 'inclusionCriteria', 'exclusionCriteria'],
  'incident-reporting': ['errorReporting'],
  'product-contacts': ['contacts'],
  'product-limitations': ['limitations', 'outlierSituations'],
  'recording-assisted-decisions': ['decisionRecording'],
  'probability-and-certainty': ['explanations'],
  'context-and-reliance': ['autonomy', 'fallbackPathway'],
  'ai-contradicts-intuition': ['decisionRecording'],
  'explaining-ai-to-patients': ['intendedUse', 'autonomy'],
  'counselling-on-benefits-and-risks': ['limitations'],
};

export interface ModuleSection {
  requirementId: string;
  /** As the report prints it (R11). */
  statement: string;
  topicId: string;
  factor: string;
  kind: Kind;
  level: string;
  prefillFields: ProductFactField[];
}

/**
 * The sections of a product's module, in framework order: every product-specific statement,
 * leaving out the clinical-use layer unless the product is used in clinical decision making (R3).
 */
export function planProductModule(index: FrameworkIndex, facts: Pick<ProductFacts, 'clinicalDecisionMaking'>): ModuleSection[] {
  return index.doc.requirements
    .filter((r) => r.tier === 'product-specific' && (facts.clinicalDecisionMaking || !isClinicalLayer(index, r)))
    .map((r): ModuleSection => {
      const topicId = index.topicByRequirementId.get(r.id)?.id ?? r.id;
      return {
        requirementId: r.id,
        statement: r.statement,
        topicId,
        factor: r.factor,
        kind: r.kind,
        level: r.level,
        prefillFields: prefillFieldsFor(topicId),
      };
    });
}

/**
 * The pre-filled Markdown for a section: one "**Label:** value" paragraph per field that holds
 * something, in the order given. Blank fields are left out so an unfinished product record never
 * looks like content; the result is '' when no field holds anything.
 */
export function renderPrefill(facts: Partial<ProductFacts>, fields: readonly ProductFactField[]): string {
  return fields
    .map((field) => {
      const value = factText(facts, field);
      return value === '' ? '' : `**${PRODUCT_FACT_LABELS[field]}:** ${value}`;
    })
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}

/**
 * The requirement ids of sections with neither Embedder content nor pre-filled text, in section
 * order: a module with any cannot be published. Pre-fill counts only when the facts fill it.
 */
export function sectionsMissingContent(
  sections: readonly ModuleSection[],
  contentByRequirementId: Readonly<Record<string, string | undefined>>,
  facts: Partial<ProductFacts>,
): string[] {
  return sections
    .filter((section) => {
      const content = Object.hasOwn(contentByRequirementId, section.requirementId) ? contentByRequirementId[section.requirementId] : undefined;
      if (content !== undefined && content.trim() !== '') return false;
      return renderPrefill(facts, section.prefillFields) === '';
    })
    .map((section) => section.requirementId);
}

/** Own keys only: an implicit topic's id is a requirement id, which could be "constructor". */
function prefillFieldsFor(topicId: string): ProductFactField[] {
  return Object.hasOwn(PREFILL_BY_TOPIC, topicId) ? [...(PREFILL_BY_TOPIC[topicId] ?? [])] : [];
}

function factText(facts: Partial<ProductFacts>, field: ProductFactField): string {
  if (field === 'clinicalDecisionMaking') {
    return facts.clinicalDecisionMaking === undefined ? '' : facts.clinicalDecisionMaking ? 'Yes' : 'No';
  }
  if (field === 'autonomy') return facts.autonomy === undefined ? '' : AUTONOMY_LABELS[facts.autonomy];
  return (facts[field] ?? '').trim();
}

/** A section as a learner reads it: the product's facts pulled in, then the Embedders' content. */
export interface LearnerSection {
  requirementId: string;
  /** As the report prints it (R11). */
  statement: string;
  markdown: string;
}

/** The module's text as learners see it at this moment: what a published revision keeps. */
export function learnerSections(sections: readonly ModuleSection[], contentByRequirementId: Readonly<Record<string, string>>, facts: Partial<ProductFacts>): LearnerSection[] {
  return sections.map((s) => {
    const own = Object.hasOwn(contentByRequirementId, s.requirementId) ? (contentByRequirementId[s.requirementId] ?? '') : '';
    const markdown = [renderPrefill(facts, s.prefillFields), own].filter((part) => part.trim() !== '').join('\n\n');
    return { requirementId: s.requirementId, statement: s.statement, markdown };
  });
}

/**
 * The sections of a module copied forward from the previous version that the new version's
 * change touches, so their Embedders review them before publishing: those on a topic the version
 * affects. A refresher-required version that names no topic could have changed anything, so
 * every section is marked; otherwise none is.
 */
export function sectionsToReview(sections: readonly ModuleSection[], change: { affectedTopics: readonly string[]; trainingImpact: string }): string[] {
  const topics = new Set(change.affectedTopics);
  const touched = sections.filter((s) => topics.has(s.topicId)).map((s) => s.requirementId);
  if (touched.length > 0) return touched;
  return change.trainingImpact === 'refresher-required' && topics.size === 0 ? sections.map((s) => s.requirementId) : [];
}
