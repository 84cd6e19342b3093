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
  /** The clinical guidelines (NICE, Royal College, local pathway) that apply to its use. */
  clinicalGuidelines: string;
  /** Who it was developed and validated on, and known differences in performance between groups. */
  validationPopulations: string;
  /** Reported accuracy: sensitivity, specificity, false-positive and false-negative rates. */
  performance: string;
  /** Where and when its output appears in the workflow, relative to the clinician's own assessment. */
  workflowIntegration: string;
  /** How patients can query or challenge decisions made with it. */
  patientQueryPathway: string;
  /** What patient data it uses, and how that is accessed, processed and stored. */
  dataUse: string;
  /** Patient communication materials about it. */
  patientMaterials: string;
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
  clinicalGuidelines: 'Clinical guidelines that apply',
  validationPopulations: 'Who it was validated on',
  performance: 'Reported accuracy',
  workflowIntegration: 'Where it sits in the workflow',
  patientQueryPathway: 'How patients can query decisions',
  dataUse: 'Patient data it uses',
  patientMaterials: 'Patient communication materials',
};

export const AUTONOMY_LABELS: Readonly<Record<Autonomy, string>> = {
  autonomous: 'Autonomous (its output is acted on without a person reviewing it first)',
  'human-in-the-loop': 'Human in the loop (a person reviews each output before it is acted on)',
};

/** Where a section's text comes from: the product facts it pulls in, and whether those alone can ever be enough. */
export interface SectionSource {
  fields: readonly ProductFactField[];
  /**
   * The statement asks for understanding or a skill that no recorded fact gives (implications,
   * liability, how to weigh or explain the output): the Embedders must write it in their own words.
   */
  needsOwnWords: boolean;
}

/**
 * Each Table 2 statement (dart-ed-2022 requirement ids) and the exact facts it pulls in. A
 * statement left out pulls in nothing and needs the Embedders' own words.
 */
export const SECTION_SOURCES: Readonly<Record<string, SectionSource>> = {
  't2-01': { fields: ['clinicalGuidelines'], needsOwnWords: false },
  't2-02': { fields: ['clinicalGuidelines', 'exclusionCriteria'], needsOwnWords: true },
  't2-03': { fields: ['autonomy', 'deviceClass', 'marking'], needsOwnWords: true },
  't2-04': { fields: ['autonomy'], needsOwnWords: true },
  't2-05': { fields: ['intendedUse', 'inclusionCriteria', 'exclusionCriteria'], needsOwnWords: false },
  't2-06': { fields: ['errorReporting'], needsOwnWords: false },
  't2-07': { fields: ['validationPopulations'], needsOwnWords: true },
  't2-08': { fields: ['contacts'], needsOwnWords: false },
  't2-09': { fields: ['performance'], needsOwnWords: true },
  't2-10': { fields: ['limitations', 'outlierSituations'], needsOwnWords: false },
  't2-11': { fields: ['decisionRecording'], needsOwnWords: false },
  't2-12': { fields: ['patientQueryPathway'], needsOwnWords: false },
  't2-14': { fields: ['explanations', 'performance'], needsOwnWords: true },
  't2-15': { fields: ['workflowIntegration', 'fallbackPathway'], needsOwnWords: true },
  't2-16': { fields: ['decisionRecording', 'fallbackPathway'], needsOwnWords: true },
  't2-18': { fields: ['dataUse'], needsOwnWords: true },
  't2-19': { fields: ['intendedUse', 'autonomy', 'patientMaterials'], needsOwnWords: true },
  't2-20': { fields: ['limitations'], needsOwnWords: true },
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
  /** Pulled-in facts alone never complete it (see SectionSource). */
  needsOwnWords: boolean;
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
        ...sourceOf(r.id),
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
 * The requirement ids of sections that lack what they need, in section order: a module with any
 * cannot be published. Embedder content always counts; pre-fill counts only when the facts fill
 * it and the section does not need the Embedders' own words.
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
      return section.needsOwnWords || renderPrefill(facts, section.prefillFields) === '';
    })
    .map((section) => section.requirementId);
}

/** Own keys only: a requirement id could be "constructor". Unmapped statements pull in nothing, so need own words. */
function sourceOf(requirementId: string): Pick<ModuleSection, 'prefillFields' | 'needsOwnWords'> {
  const source = Object.hasOwn(SECTION_SOURCES, requirementId) ? SECTION_SOURCES[requirementId] : undefined;
  return { prefillFields: [...(source?.fields ?? [])], needsOwnWords: source?.needsOwnWords ?? true };
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
