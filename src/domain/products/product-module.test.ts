import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frameworkDocumentSchema } from '../framework/framework-document.ts';
import { indexFramework } from '../framework/framework-index.ts';
import { isClinicalLayer } from '../applicability/applicability.ts';
import { miniFramework } from '../applicability/mini-framework.fixture.ts';
import { planProductModule, PRODUCT_FACT_LABELS, renderPrefill, SECTION_SOURCES, sectionsMissingContent, sectionsToReview } from './product-module.ts';
import type { ProductFactField, ProductFacts } from './product-module.ts';

const raw: unknown = JSON.parse(readFileSync(new URL('../../../frameworks/dart-ed-2022.json', import.meta.url), 'utf8'));
const index = indexFramework(frameworkDocumentSchema.parse(raw));
const t2 = (...items: number[]) => items.map((n) => `t2-${String(n).padStart(2, '0')}`);

/** Box 2's chest X-ray triage product, as an Embedder might register it. */
const triX: ProductFacts = {
  intendedUse: 'Prioritises adult chest X-rays for reporting by flagging likely abnormalities.',
  inclusionCriteria: 'Adults aged 18 and over; PA and AP chest radiographs.',
  exclusionCriteria: 'Children; lateral views; images with lines or tubes.',
  clinicalDecisionMaking: true,
  autonomy: 'human-in-the-loop',
  deviceClass: 'Class IIa',
  marking: 'UKCA',
  explanations: 'A heatmap over the image and a confidence score from 0 to 100.',
  limitations: 'Lower sensitivity for small nodules.',
  outlierSituations: 'Post-surgical chests; rotated or under-exposed films.',
  contacts: 'The ICS AI MDT: ai-mdt@example.nhs.uk',
  errorReporting: 'Report through Datix and the MHRA Yellow Card scheme.',
  fallbackPathway: 'Report films in arrival order if tri-X is unavailable.',
  decisionRecording: 'Note in the report whether tri-X flagged the film and whether you agreed.',
  clinicalGuidelines: 'RCR guidance on AI in imaging; the trust chest X-ray reporting standard.',
  validationPopulations: 'Adults from three NHS trusts; few patients over 85.',
  performance: '94% sensitivity, 88% specificity for urgent findings.',
  workflowIntegration: 'Flags show in the worklist before the film is opened.',
  patientQueryPathway: 'Through PALS.',
  dataUse: 'Processed inside the trust network; no identifiable data leaves it.',
  patientMaterials: 'The leaflet "Computers helping to read your X-ray".',
};

describe('planProductModule on the report framework', () => {
  it('gives a clinical product every Table 2 statement, as printed, in framework order', () => {
    const sections = planProductModule(index, { clinicalDecisionMaking: true });
    expect(sections.map((s) => s.requirementId)).toEqual(t2(...Array.from({ length: 20 }, (_, i) => i + 1)));
    for (const section of sections) {
      const requirement = index.requirementById.get(section.requirementId)!;
      expect(section).toMatchObject({
        statement: requirement.statement,
        topicId: requirement.topic,
        factor: requirement.factor,
        kind: requirement.kind,
        level: requirement.level,
      });
    }
  });

  it('leaves the clinical-use layer out for a product not used in clinical decision making (R3)', () => {
    const sections = planProductModule(index, { clinicalDecisionMaking: false });
    expect(sections.map((s) => s.requirementId)).toEqual(t2(1, 2, 3, 4, 5, 6, 7));
    const left = planProductModule(index, { clinicalDecisionMaking: true }).filter((s) => !sections.some((k) => k.requirementId === s.requirementId));
    expect(left.every((s) => isClinicalLayer(index, index.requirementById.get(s.requirementId)!))).toBe(true);
  });

  it.each<[string, ProductFactField[], boolean]>([
    ['t2-01', ['clinicalGuidelines'], false],
    ['t2-02', ['clinicalGuidelines', 'exclusionCriteria'], true],
    ['t2-03', ['autonomy', 'deviceClass', 'marking'], true],
    ['t2-04', ['autonomy'], true],
    ['t2-05', ['intendedUse', 'inclusionCriteria', 'exclusionCriteria'], false],
    ['t2-06', ['errorReporting'], false],
    ['t2-07', ['validationPopulations'], true],
    ['t2-08', ['contacts'], false],
    ['t2-09', ['performance'], true],
    ['t2-10', ['limitations', 'outlierSituations'], false],
    ['t2-11', ['decisionRecording'], false],
    ['t2-12', ['patientQueryPathway'], false],
    ['t2-13', [], true],
    ['t2-14', ['explanations', 'performance'], true],
    ['t2-15', ['workflowIntegration', 'fallbackPathway'], true],
    ['t2-17', [], true],
    ['t2-18', ['dataUse'], true],
    ['t2-19', ['intendedUse', 'autonomy', 'patientMaterials'], true],
  ])('pre-fills %s from %j; own words needed: %s', (requirementId, fields, needsOwnWords) => {
    const section = planProductModule(index, { clinicalDecisionMaking: true }).find((s) => s.requirementId === requirementId);
    expect(section).toMatchObject({ prefillFields: fields, needsOwnWords });
  });

  it('maps only Table 2 statements', () => {
    const productStatements = new Set(index.doc.requirements.filter((r) => r.tier === 'product-specific').map((r) => r.id));
    expect(Object.keys(SECTION_SOURCES).filter((id) => !productStatements.has(id))).toEqual([]);
  });

  it('puts every recorded product fact into some section of a clinical module', () => {
    const used = new Set(planProductModule(index, { clinicalDecisionMaking: true }).flatMap((s) => s.prefillFields));
    const facts = (Object.keys(PRODUCT_FACT_LABELS) as ProductFactField[]).filter((f) => f !== 'clinicalDecisionMaking');
    expect(facts.filter((f) => !used.has(f))).toEqual([]);
  });

  it('does not share pre-fill lists between sections', () => {
    const [first] = planProductModule(index, { clinicalDecisionMaking: true });
    first!.prefillFields.push('contacts');
    expect(planProductModule(index, { clinicalDecisionMaking: true })[0]!.prefillFields).toEqual(['clinicalGuidelines']);
  });
});

describe('planProductModule on a hand-made framework', () => {
  const mini = miniFramework({
    requirements: [
      ['p1', 'product-specific', null, 'cognitive-biases', 'knowledge', 'awareness'],
      ['f1', 'foundational', null, 'governance', 'knowledge', 'awareness'],
      ['p2', 'product-specific', null, 'liability', 'skill', 'capability'],
      ['p3', 'product-specific', null, 'clinical-use', 'knowledge', 'familiarity'],
    ],
  });

  it('treats a clinical-use sub-factor as clinical and keeps document order', () => {
    expect(planProductModule(mini, { clinicalDecisionMaking: true }).map((s) => s.requirementId)).toEqual(['p1', 'p2', 'p3']);
    expect(planProductModule(mini, { clinicalDecisionMaking: false }).map((s) => s.requirementId)).toEqual(['p2']);
  });

  it('pre-fills nothing where the framework has no Table 2 topics', () => {
    const sections = planProductModule(mini, { clinicalDecisionMaking: true });
    expect(sections.map((s) => [s.topicId, s.prefillFields])).toEqual([
      ['p1', []],
      ['p2', []],
      ['p3', []],
    ]);
  });
});

describe('renderPrefill', () => {
  it.each<[string, Partial<ProductFacts>, ProductFactField[], string]>([
    [
      'labels each field, in the order asked',
      triX,
      ['exclusionCriteria', 'intendedUse'],
      '**Exclusion criteria:** Children; lateral views; images with lines or tubes.\n\n' +
        '**Intended use:** Prioritises adult chest X-rays for reporting by flagging likely abnormalities.',
    ],
    ['words the autonomy choice', triX, ['autonomy'], '**Autonomy:** Human in the loop (a person reviews each output before it is acted on)'],
    ['says yes or no for clinical decision making', { clinicalDecisionMaking: false }, ['clinicalDecisionMaking'], '**Used in clinical decision making:** No'],
    ['trims values', { contacts: '  Ward 7 PACS team \n' }, ['contacts'], '**Who to contact:** Ward 7 PACS team'],
    ['leaves out blank and missing fields', { limitations: '   ', outlierSituations: 'Rotated films' }, ['limitations', 'outlierSituations', 'contacts'], '**Outlier situations:** Rotated films'],
    ['is empty when nothing is recorded', {}, ['intendedUse', 'autonomy'], ''],
    ['is empty for no fields', triX, [], ''],
  ])('%s', (_name, facts, fields, expected) => {
    expect(renderPrefill(facts, fields)).toBe(expected);
  });
});

describe('sectionsMissingContent', () => {
  const clinical = planProductModule(index, { clinicalDecisionMaking: true });
  // Those needing the Embedders' own words, and those no fact fills.
  const unprefilled = t2(2, 3, 4, 7, 9, 13, 14, 15, 16, 17, 18, 19, 20);

  it('lists the sections neither written nor completed by pre-fill, in section order', () => {
    expect(sectionsMissingContent(clinical, {}, triX)).toEqual(unprefilled);
  });

  it('counts written content, but not blank content', () => {
    const content: Record<string, string> = Object.fromEntries(unprefilled.map((id) => [id, 'Written by the Embedder']));
    expect(sectionsMissingContent(clinical, content, triX)).toEqual([]);
    expect(sectionsMissingContent(clinical, { ...content, 't2-09': ' \n ' }, triX)).toEqual(['t2-09']);
  });

  it('does not count pre-fill whose facts are blank', () => {
    const blank: Partial<ProductFacts> = { ...triX, errorReporting: '', clinicalGuidelines: ' ' };
    expect(sectionsMissingContent(clinical, {}, blank)).toEqual(t2(1, 2, 3, 4, 6, 7, 9, 13, 14, 15, 16, 17, 18, 19, 20));
    expect(sectionsMissingContent(clinical, {}, {})).toEqual(clinical.map((s) => s.requirementId));
  });

  it('ignores content and pre-fill keyed by inherited object properties', () => {
    const sections = planProductModule(miniFramework({ requirements: [['constructor', 'product-specific', null, 'governance', 'knowledge', 'awareness']] }), {
      clinicalDecisionMaking: false,
    });
    expect(sectionsMissingContent(sections, {}, triX)).toEqual(['constructor']);
  });
});

describe('sectionsToReview', () => {
  const clinical = planProductModule(index, { clinicalDecisionMaking: true });

  it.each<[string, { affectedTopics: string[]; trainingImpact: string }, string[]]>([
    ['the sections on the topics a version changes', { affectedTopics: ['product-limitations', 'liability-and-legal-frameworks'], trainingImpact: 'refresher-required' }, t2(3, 4, 10)],
    ['every section for a refresher that names no topic', { affectedTopics: [], trainingImpact: 'refresher-required' }, clinical.map((s) => s.requirementId)],
    ['none for a minor change that names no topic', { affectedTopics: [], trainingImpact: 'minor' }, []],
    ['none when the topics named have no section here', { affectedTopics: ['not-a-topic'], trainingImpact: 'refresher-required' }, []],
  ])('marks %s', (_name, change, expected) => {
    expect(sectionsToReview(clinical, change)).toEqual(expected);
  });
});
