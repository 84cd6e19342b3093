import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frameworkDocumentSchema } from '../framework/framework-document.ts';
import type { Requirement } from '../framework/framework-document.ts';
import { indexFramework } from '../framework/framework-index.ts';
import { isClinicalLayer, listApplicableRequirements, whyNotApplicable } from './applicability.ts';
import type { ApplicabilityProfile } from './applicability.ts';
import { miniFramework } from './mini-framework.fixture.ts';

const raw: unknown = JSON.parse(readFileSync(new URL('../../../frameworks/dart-ed-2022.json', import.meta.url), 'utf8'));
const index = indexFramework(frameworkDocumentSchema.parse(raw));
const doc = index.doc;
const ARCHETYPES = ['shaper', 'driver', 'creator', 'embedder', 'user'] as const;

// Counts read off the report's tables (Tables 1, 2, A1, A2, A4, A5, A7) and their factor
// headings, not computed by the code under test: all statements, and those outside clinical use.
const TABLE_COUNTS = {
  shaper: { table: 'A1', all: 33, nonClinical: 33 },
  driver: { table: 'A2', all: 35, nonClinical: 35 },
  creator: { table: 'A4', all: 52, nonClinical: 42 },
  embedder: { table: 'A5', all: 46, nonClinical: 36 },
  user: { table: 'A7', all: 26, nonClinical: 8 },
} as const;
const FOUNDATIONAL = 30;
const PRODUCT_ALL = 20;
const PRODUCT_NON_CLINICAL = 7;

const byId = (id: string): Requirement => {
  const found = index.requirementById.get(id);
  if (!found) throw new Error(`no requirement ${id}`);
  return found;
};
const ids = (profile: ApplicabilityProfile) => listApplicableRequirements(index, profile).map((a) => a.requirement.id);

function expectedCount(archetypes: readonly (typeof ARCHETYPES)[number][], cdm: boolean): number {
  return archetypes.reduce((sum, a) => {
    if (a === 'user' && !cdm) return sum; // R4: no advanced User requirements at all
    return sum + (cdm ? TABLE_COUNTS[a].all : TABLE_COUNTS[a].nonClinical);
  }, FOUNDATIONAL);
}

const SUBSETS = Array.from({ length: 32 }, (_, mask) => ARCHETYPES.filter((_a, bit) => mask & (1 << bit)));
const CASES = SUBSETS.flatMap((subset) => [true, false].map((cdm) => [subset.join('+') || '(none)', subset, cdm] as const));

describe('the report tables the expectations rest on', () => {
  it.each(ARCHETYPES)('%s: the document agrees with the table counts', (archetype) => {
    const inTable = doc.requirements.filter((r) => r.source.table === TABLE_COUNTS[archetype].table);
    expect(inTable).toHaveLength(TABLE_COUNTS[archetype].all);
    expect(inTable.filter((r) => !isClinicalLayer(index, r))).toHaveLength(TABLE_COUNTS[archetype].nonClinical);
  });
});

describe('listApplicableRequirements over every archetype subset × clinical decision making', () => {
  it.each(CASES)('%s, clinical decision making %s', (_name, archetypes, cdm) => {
    const profile = { archetypes, clinicalDecisionMaking: cdm };
    const applicable = listApplicableRequirements(index, profile);
    expect(applicable).toHaveLength(expectedCount(archetypes, cdm));

    // R5: foundational first, then advanced by archetype in document order, document order within.
    const position = (r: Requirement) => doc.requirements.indexOf(r);
    const archetypeRank = (r: Requirement) => (r.archetype === null ? -1 : ARCHETYPES.indexOf(r.archetype as (typeof ARCHETYPES)[number]));
    const order = applicable.map((a) => [archetypeRank(a.requirement), position(a.requirement)] as const);
    expect(order).toEqual([...order].sort((x, y) => x[0] - y[0] || x[1] - y[1]));

    for (const { requirement, productId, reasons } of applicable) {
      expect(productId).toBeNull();
      expect(reasons).toEqual(requirement.tier === 'foundational' ? [{ type: 'foundational' }] : [{ type: 'archetype', archetype: requirement.archetype }]);
      if (requirement.tier === 'advanced' && !cdm) expect(isClinicalLayer(index, requirement), requirement.id).toBe(false);
    }
    expect(applicable.filter((a) => a.requirement.tier === 'foundational')).toHaveLength(FOUNDATIONAL);

    // whyNotApplicable tells the same story for every statement in the framework.
    const applies = new Set(applicable.map((a) => a.requirement.id));
    for (const r of doc.requirements.filter((x) => x.tier !== 'product-specific')) {
      expect(whyNotApplicable(index, profile, r).length === 0, r.id).toBe(applies.has(r.id));
    }
  });
});

describe('spot facts from the report', () => {
  it('a non-clinical User gets exactly the 30 Table 1 requirements, clinical-use items included (A.5)', () => {
    expect(ids({ archetypes: ['user'], clinicalDecisionMaking: false })).toEqual(doc.requirements.filter((r) => r.source.table === '1').map((r) => r.id));
    expect(ids({ archetypes: ['user'], clinicalDecisionMaking: false })).toContain('t1-26');
  });

  it.each([
    ['all five archetypes, clinical decision making', [...ARCHETYPES], true, 222],
    ['clinician User', ['user'], true, 56],
    ['non-clinical User', ['user'], false, 30],
    ['non-clinical Creator and Embedder', ['creator', 'embedder'], false, 108],
    ['no archetype at all', [], false, 30],
  ])('%s → %i', (_name, archetypes, cdm, count) => {
    expect(ids({ archetypes, clinicalDecisionMaking: cdm })).toHaveLength(count);
  });

  it('treats a repeated archetype as held once', () => {
    expect(ids({ archetypes: ['user', 'user'], clinicalDecisionMaking: true })).toHaveLength(56);
  });

  it('rejects an unknown archetype', () => {
    expect(() => ids({ archetypes: ['surgeon'], clinicalDecisionMaking: true })).toThrow(/Unknown archetype "surgeon"/);
  });
});

describe('whyNotApplicable', () => {
  const nonClinicalUser = { archetypes: ['user'], clinicalDecisionMaking: false };
  const nonClinicalCreator = { archetypes: ['creator'], clinicalDecisionMaking: false };
  it.each([
    ['foundational, even clinical use', nonClinicalUser, 't1-26', []],
    ['non-clinical User, governance item', nonClinicalUser, 'a7-01', [{ code: 'user-without-clinical-decision-making' }]],
    [
      'non-clinical User, clinical item',
      nonClinicalUser,
      'a7-14',
      [{ code: 'user-without-clinical-decision-making' }, { code: 'clinical-layer-without-clinical-decision-making', productId: null }],
    ],
    ['non-clinical Creator, clinical item', nonClinicalCreator, 'a4-50', [{ code: 'clinical-layer-without-clinical-decision-making', productId: null }]],
    ['non-clinical Creator, governance item', nonClinicalCreator, 'a4-20', []],
    ['archetype not held', { archetypes: ['driver'], clinicalDecisionMaking: true }, 'a1-07', [{ code: 'not-held-archetype', archetype: 'shaper' }]],
    [
      'archetype not held and no clinical decision making',
      { archetypes: [], clinicalDecisionMaking: false },
      'a4-50',
      [{ code: 'not-held-archetype', archetype: 'creator' }, { code: 'clinical-layer-without-clinical-decision-making', productId: null }],
    ],
    ['product-specific with no product', nonClinicalUser, 't2-01', [{ code: 'no-product', productId: null }]],
  ])('%s', (_name, profile, id, reasons) => {
    expect(whyNotApplicable(index, profile, byId(id))).toEqual(reasons);
  });
});

describe('R7: a focus agreed with a supervisor', () => {
  const countIn = (table: string, pred: (r: Requirement) => boolean) => doc.requirements.filter((r) => r.source.table === table && pred(r)).length;
  const underGovernance = (r: Requirement) => r.factor === 'governance' || index.factorById.get(r.factor)?.parent === 'governance';

  it.each([
    ['a top-level factor covers its sub-factors', [{ archetype: 'creator', factors: ['governance'] }], FOUNDATIONAL + countIn('A4', underGovernance)],
    ['a sub-factor alone', [{ archetype: 'creator', factors: ['liability'] }], FOUNDATIONAL + countIn('A4', (r) => r.factor === 'liability')],
    ['an empty focus leaves no advanced items', [{ archetype: 'creator', factors: [] }], FOUNDATIONAL],
    ['a focus on an archetype not held changes nothing', [{ archetype: 'shaper', factors: [] }], FOUNDATIONAL + 52],
    ['clinical use still needs clinical decision making', [{ archetype: 'creator', factors: ['clinical-use'] }], FOUNDATIONAL + 10],
  ])('%s', (_name, focus, count) => {
    expect(ids({ archetypes: ['creator'], clinicalDecisionMaking: true, focus })).toHaveLength(count);
  });

  it('narrows only the archetype it names', () => {
    const profile = { archetypes: ['shaper', 'driver'], clinicalDecisionMaking: true, focus: [{ archetype: 'shaper', factors: ['liability'] }] };
    const shaper = listApplicableRequirements(index, profile).filter((a) => a.requirement.archetype === 'shaper');
    expect(new Set(shaper.map((a) => a.requirement.factor))).toEqual(new Set(['liability']));
    expect(ids(profile).filter((id) => id.startsWith('a2-'))).toHaveLength(35);
    expect(whyNotApplicable(index, profile, byId('a1-07'))).toEqual([{ code: 'outside-agreed-focus', archetype: 'shaper', factors: ['liability'] }]);
  });

  it.each([
    ['an unknown factor', [{ archetype: 'creator', factors: ['astrology'] }], /Unknown factor "astrology"/],
    ['an unknown archetype', [{ archetype: 'surgeon', factors: [] }], /Unknown archetype "surgeon"/],
    ['two focuses for one archetype', [{ archetype: 'creator', factors: [] }, { archetype: 'creator', factors: ['liability'] }], /More than one focus/],
  ])('rejects %s', (_name, focus, message) => {
    expect(() => ids({ archetypes: ['creator'], clinicalDecisionMaking: true, focus })).toThrow(message);
  });
});

describe('product-specific requirements (3.4)', () => {
  const booking = { productId: 'booking', clinicalDecisionMaking: false };
  const triage = { productId: 'triage', clinicalDecisionMaking: true };

  it.each([
    ['appointment booking only (A.5)', [booking], PRODUCT_NON_CLINICAL],
    ['a product used in clinical decision making', [triage], PRODUCT_ALL],
    ['both: the same statement once per product', [booking, triage], PRODUCT_NON_CLINICAL + PRODUCT_ALL],
    ['none', [], 0],
  ])('non-clinical User using %s', (_name, products, count) => {
    const applicable = listApplicableRequirements(index, { archetypes: ['user'], clinicalDecisionMaking: false, products });
    expect(applicable).toHaveLength(FOUNDATIONAL + count);
    for (const a of applicable.slice(FOUNDATIONAL)) {
      expect(a.requirement.tier).toBe('product-specific');
      expect(a.reasons).toEqual([{ type: 'product', productId: a.productId }]);
    }
  });

  it('keeps products in profile order after every advanced item', () => {
    const applicable = listApplicableRequirements(index, { archetypes: ['user'], clinicalDecisionMaking: true, products: [triage, booking] });
    expect(applicable.map((a) => a.productId)).toEqual([...Array<null>(56).fill(null), ...Array<string>(20).fill('triage'), ...Array<string>(7).fill('booking')]);
    expect(applicable.filter((a) => a.requirement.id === 't2-01').map((a) => a.productId)).toEqual(['triage', 'booking']);
  });

  it('does not let the person-level flag open a product’s clinical layer, or close it', () => {
    expect(ids({ archetypes: [], clinicalDecisionMaking: true, products: [booking] })).toHaveLength(FOUNDATIONAL + PRODUCT_NON_CLINICAL);
    expect(ids({ archetypes: [], clinicalDecisionMaking: false, products: [triage] })).toHaveLength(FOUNDATIONAL + PRODUCT_ALL);
  });

  const profile = { archetypes: ['user'], clinicalDecisionMaking: false, products: [booking, triage] };
  it.each([
    ['t2-08', 'booking', [{ code: 'clinical-layer-without-clinical-decision-making', productId: 'booking' }]],
    ['t2-08', 'triage', []],
    ['t2-08', undefined, []],
    ['t2-01', 'booking', []],
    ['t2-01', 'scribe', [{ code: 'no-product', productId: 'scribe' }]],
  ])('%s for product %s', (id, productId, reasons) => {
    expect(whyNotApplicable(index, profile, byId(id), productId)).toEqual(reasons);
  });

  it('explains a clinical item no product opens, product by product', () => {
    const onlyBooking = { archetypes: [], clinicalDecisionMaking: true, products: [booking, { ...booking, productId: 'rota' }] };
    expect(whyNotApplicable(index, onlyBooking, byId('t2-20'))).toEqual([
      { code: 'clinical-layer-without-clinical-decision-making', productId: 'booking' },
      { code: 'clinical-layer-without-clinical-decision-making', productId: 'rota' },
    ]);
  });

  it('rejects a product listed twice', () => {
    expect(() => ids({ archetypes: [], clinicalDecisionMaking: false, products: [booking, triage, booking] })).toThrow(/more than once/);
  });
});

describe('on a hand-made framework', () => {
  // Requirements interleave archetypes, and clinical use is nested two levels deep.
  const mini = miniFramework({
    archetypes: [{ id: 'driver' }, { id: 'shaper' }],
    factors: [
      ['governance', null],
      ['clinical-use', null],
      ['biases', 'clinical-use'],
      ['automation-bias', 'biases'],
    ],
    requirements: [
      ['s1', 'advanced', 'shaper', 'governance', 'knowledge', 'awareness'],
      ['d1', 'advanced', 'driver', 'automation-bias', 'skill', 'capability'],
      ['p1', 'product-specific', null, 'automation-bias', 'knowledge', 'awareness'],
      ['f1', 'foundational', null, 'automation-bias', 'knowledge', 'awareness'],
      ['s2', 'advanced', 'shaper', 'biases', 'knowledge', 'familiarity'],
      ['d2', 'advanced', 'driver', 'governance', 'knowledge', 'understanding'],
    ],
  });
  const list = (profile: ApplicabilityProfile) => listApplicableRequirements(mini, profile).map((a) => a.requirement.id);

  it.each([
    [['shaper', 'driver'], true, ['f1', 'd1', 'd2', 's1', 's2']],
    [['shaper', 'driver'], false, ['f1', 'd2', 's1']],
    [['shaper'], true, ['f1', 's1', 's2']],
    [[], false, ['f1']],
  ])('%j with clinical decision making %s → %j', (archetypes, cdm, expected) => {
    expect(list({ archetypes, clinicalDecisionMaking: cdm })).toEqual(expected);
  });

  it('treats any depth beneath clinical use as the clinical layer, for focus too', () => {
    expect(list({ archetypes: ['driver'], clinicalDecisionMaking: true, focus: [{ archetype: 'driver', factors: ['biases'] }] })).toEqual(['f1', 'd1']);
    expect(list({ archetypes: [], clinicalDecisionMaking: false, products: [{ productId: 'x', clinicalDecisionMaking: false }] })).toEqual(['f1']);
  });

  it('applies R4 only to an archetype with the User id', () => {
    expect(list({ archetypes: ['driver'], clinicalDecisionMaking: false })).toEqual(['f1', 'd2']);
  });
});
