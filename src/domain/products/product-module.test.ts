import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frameworkDocumentSchema } from '../framework/framework-document.ts';
import { indexFramework } from '../framework/framework-index.ts';
import { isClinicalLayer } from '../applicability/applicability.ts';
import { miniFramework } from '../applicability/mini-framework.fixture.ts';
import { planProductModule, PREFILL_BY_TOPIC, PRODUCT_FACT_LABELS, renderPrefill, sectionsMissingContent } from './product-module.ts';
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

  it.each<[string, ProductFactField[]]>([
    ['t2-01', ['deviceClass', 'marking']],
    ['t2-02', ['exclusionCriteria']],
    ['t2-03', ['autonomy']],
    ['t2-04', ['autonomy']],
    ['t2-05', ['intendedUse', 'inclusionCriteria', 'exclusionCriteria']],
    ['t2-06', ['errorReporting']],
    ['t2-07', []],
    ['t2-08', ['contacts']],
    ['t2-09', []],
    ['t2-10', ['limitations', 'outlierSituations']],
    ['t2-11', ['decisionRecording']],
    ['t2-14', ['explanations']],
    ['t2-15', ['autonomy', 'fallbackPathway']],
    ['t2-18', []],
  ])('pre-fills %s from %j', (requirementId, fields) => {
    const section = planProductModule(index, { clinicalDecisionMaking: true }).find((s) => s.requirementId === requirementId);
    expect(section?.prefillFields).toEqual(fields);
  });

  it('maps only topics that Table 2 statements are rated under', () => {
    const productTopics = new Set(index.doc.requirements.filter((r) => r.tier === 'product-specific').map((r) => r.topic));
    expect(Object.keys(PREFILL_BY_TOPIC).filter((topic) => !productTopics.has(topic))).toEqual([]);
  });

  it('puts every recorded product fact into some section of a clinical module', () => {
    const used = new Set(planProductModule(index, { clinicalDecisionMaking: true }).flatMap((s) => s.prefillFields));
    const facts = (Object.keys(PRODUCT_FACT_LABELS) as ProductFactField[]).filter((f) => f !== 'clinicalDecisionMaking');
    expect(facts.filter((f) => !used.has(f))).toEqual([]);
  });

  it('does not share pre-fill lists between sections', () => {
    const [first] = planProductModule(index, { clinicalDecisionMaking: true });
    first!.prefillFields.push('contacts');
    expect(planProductModule(index, { clinicalDecisionMaking: true })[0]!.prefillFields).toEqual(['deviceClass', 'marking']);
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
  const unprefilled = t2(7, 9, 12, 13, 17, 18);

  it('lists the sections neither written nor pre-filled, in section order', () => {
    expect(sectionsMissingContent(clinical, {}, triX)).toEqual(unprefilled);
  });

  it('counts written content, but not blank content', () => {
    const content: Record<string, string> = Object.fromEntries(unprefilled.map((id) => [id, 'Written by the Embedder']));
    expect(sectionsMissingContent(clinical, content, triX)).toEqual([]);
    expect(sectionsMissingContent(clinical, { ...content, 't2-09': ' \n ' }, triX)).toEqual(['t2-09']);
  });

  it('does not count pre-fill whose facts are blank', () => {
    const blank: Partial<ProductFacts> = { ...triX, errorReporting: '', deviceClass: ' ', marking: '' };
    expect(sectionsMissingContent(clinical, {}, blank)).toEqual(t2(1, 6, 7, 9, 12, 13, 17, 18));
    expect(sectionsMissingContent(clinical, {}, {})).toEqual(clinical.map((s) => s.requirementId));
  });

  it('ignores content and pre-fill keyed by inherited object properties', () => {
    const sections = planProductModule(miniFramework({ requirements: [['constructor', 'product-specific', null, 'governance', 'knowledge', 'awareness']] }), {
      clinicalDecisionMaking: false,
    });
    expect(sectionsMissingContent(sections, {}, triX)).toEqual(['constructor']);
  });
});
