/**
 * Test-only fixtures and helpers for the CASE tests (imported by *.test.ts only): a small hub
 * document, a hand-written third-party package, and a JSON Schema validator for CFPackages.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { frameworkDocumentSchema } from '../../src/domain/framework/framework-document.ts';
import type { FrameworkDocument } from '../../src/domain/framework/framework-document.ts';

const schemaPath = fileURLToPath(new URL('../../standards/case/case-v1p1-cfpackage.schema.json', import.meta.url));
const samplePath = fileURLToPath(new URL('../../frameworks/dart-ed-2022.json', import.meta.url));

/** Returns the JSON Schema errors for a CFPackage (empty when valid). */
export function cfPackageSchemaErrors(pkg: unknown): string[] {
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormatsModule.default(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
  if (validate(JSON.parse(JSON.stringify(pkg)))) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** The real framework document, when the data engineer has produced it. */
export function loadSampleDocument(): FrameworkDocument | undefined {
  if (!existsSync(samplePath)) return undefined;
  return frameworkDocumentSchema.parse(JSON.parse(readFileSync(samplePath, 'utf8')));
}

/** The fixture, plus the real document when present: table rows for `it.each`. */
export function documentCases(): Array<[string, FrameworkDocument]> {
  const sample = loadSampleDocument();
  return [['the fixture', fixtureDocument], ...(sample ? [['frameworks/dart-ed-2022.json', sample] as [string, FrameworkDocument]] : [])];
}

const level = (id: string, label: string, rank: number) => ({ id, label, rank, statement: `I have ${id}` });

/** Tiers deliberately interleave (foundational, product-specific, advanced, foundational) to test ordering. */
export const fixtureDocument: FrameworkDocument = frameworkDocumentSchema.parse({
  id: 'mini-framework',
  version: '1.0.0',
  title: 'Mini framework',
  description: 'A small framework for tests.',
  source: { title: 'Mini report', publishers: ['Publisher One', 'Publisher Two'], year: 2022, creditLine: 'By the publishers.' },
  taxonomy: {
    knowledge: [level('awareness', 'Awareness', 1), level('familiarity', 'Familiarity', 2), level('understanding', 'Understanding', 3)],
    skill: [level('capability', 'Capability', 1), level('proficiency', 'Proficiency', 2)],
    knowledgeIntro: 'Knowledge levels.',
  },
  factors: [
    { id: 'ai-literacy', label: 'AI literacy', parent: null },
    { id: 'governance', label: 'Governance', parent: null, description: 'Rules and oversight.' },
    { id: 'liability', label: 'Liability', parent: 'governance' },
  ],
  archetypes: [
    {
      id: 'driver',
      label: 'Driver',
      purpose: 'Champions AI.',
      responsibilities: ['Lead'],
      examples: ['Chief executive'],
      principles: ['Know the market', { text: 'Consider:', items: ['cost', 'benefit'] }],
    },
  ],
  requirements: [
    req('f-01', 'foundational', null, 'ai-literacy', 'knowledge', 'awareness', '1', 1, ['Erratum: "AI" printed as "Al".']),
    req('p-01', 'product-specific', null, 'liability', 'skill', 'capability', '2', 1),
    req('d-01', 'advanced', 'driver', 'liability', 'knowledge', 'understanding', 'A2', 1),
    req('d-02', 'advanced', 'driver', 'governance', 'skill', 'proficiency', 'A2', 2),
    req('f-02', 'foundational', null, 'ai-literacy', 'skill', 'capability', '1', 2, ['First note.', 'Second note.']),
  ],
  questionSets: [
    {
      id: 'a3',
      title: 'Table A3: Drivers: questions',
      archetype: 'driver',
      source: { table: 'A3' },
      questions: [
        { id: 'a3-01', factor: 'liability', text: 'Who is liable?', source: { table: 'A3', item: 1 } },
        { id: 'a3-02', factor: 'ai-literacy', text: 'What does it do?', source: { table: 'A3', item: 2 } },
      ],
    },
  ],
  advancedMatrix: [{ factor: 'governance', archetypes: ['driver'] }],
  personas: [
    { id: 'ann', title: 'Ann', role: 'Director', archetypes: ['driver'], responsibilities: 'Buys AI.', educationJourney: ['Foundational'] },
  ],
  caseStudy: { title: 'Case study', intro: ['Intro'], summary: 'Summary', roles: [{ role: 'Director', archetypes: ['driver'], responsibilities: ['Decide'] }] },
});

function req(
  id: string,
  tier: string,
  archetype: string | null,
  factor: string,
  kind: string,
  level: string,
  table: string,
  item: number,
  notes: string[] = [],
) {
  return { id, tier, archetype, factor, kind, level, statement: `Statement ${id} — verbatim “text”`, source: { table, item }, notes };
}

const docId = 'a1b2c3d4-0000-4000-8000-000000000001';
const link = (identifier: string, title: string) => ({ identifier, title, uri: `https://standards.example.org/uri/${identifier}` });
const itemId = (n: number) => `a1b2c3d4-0000-4000-8000-1000000000${String(n).padStart(2, '0')}`;
const assocId = (n: number) => `a1b2c3d4-0000-4000-8000-2000000000${String(n).padStart(2, '0')}`;

function thirdPartyItem(n: number, code: string, statement: string, type: string) {
  return {
    identifier: itemId(n),
    uri: `https://standards.example.org/uri/${itemId(n)}`,
    fullStatement: statement,
    humanCodingScheme: code,
    CFItemType: type,
    lastChangeDateTime: '2021-03-04T10:00:00+00:00',
  };
}

function childOf(n: number, child: number, parent: number | 'doc', sequenceNumber?: number) {
  return {
    identifier: assocId(n),
    associationType: 'isChildOf',
    uri: `https://standards.example.org/uri/${assocId(n)}`,
    originNodeURI: link(itemId(child), `item ${child}`),
    destinationNodeURI: parent === 'doc' ? link(docId, 'doc') : link(itemId(parent), `item ${parent}`),
    lastChangeDateTime: '2021-03-04T10:00:00+00:00',
    ...(sequenceNumber === undefined ? {} : { sequenceNumber }),
  };
}

export const thirdPartyIds = { docId, itemId };

/**
 * A small maths standards set as another publisher might ship it: no hub extensions, a `null`
 * field, a vendor field, an unnumbered child, a peer association and children listed out of order.
 */
export function thirdPartyPackage() {
  return {
    CFDocument: {
      identifier: docId,
      uri: `https://standards.example.org/uri/${docId}`,
      creator: 'Example State Board of Education',
      title: 'Grade 3 Mathematics Standards (Sample) — 2019 Édition',
      lastChangeDateTime: '2021-03-04T10:00:00+00:00',
      version: '2019 Edition',
      adoptionStatus: 'Adopted',
      subject: ['Mathematics'],
      notes: null,
      vendorField: { kept: true },
    },
    CFItems: [
      thirdPartyItem(1, '3.OA', 'Operations and Algebraic Thinking', 'Domain'),
      thirdPartyItem(2, '3.OA.A.2', 'Interpret whole-number quotients of whole numbers.', 'Standard'),
      thirdPartyItem(3, '3.OA.A.1', 'Interpret products of whole numbers.', 'Standard'),
      thirdPartyItem(4, '3.NF', 'Number and Operations — Fractions', 'Domain'),
      thirdPartyItem(5, '3.NF.A.1', 'Understand a fraction 1/b as the quantity formed by 1 part.', 'Standard'),
      thirdPartyItem(6, '3.OA.A.10', 'Solve two-step word problems.', 'Standard'),
    ],
    CFAssociations: [
      childOf(1, 4, 'doc', 2),
      childOf(2, 1, 'doc', 1),
      childOf(3, 2, 1, 2),
      childOf(4, 3, 1, 1),
      childOf(5, 5, 4, 1),
      childOf(6, 6, 1),
      { ...childOf(7, 5, 3), associationType: 'isRelatedTo' },
    ],
    CFDefinitions: {
      CFItemTypes: [
        {
          identifier: 'a1b2c3d4-0000-4000-8000-300000000001',
          uri: 'https://standards.example.org/uri/type-domain',
          title: 'Domain',
          description: 'A domain of standards',
          hierarchyCode: '1',
          lastChangeDateTime: '2021-03-04T10:00:00+00:00',
        },
        {
          identifier: 'a1b2c3d4-0000-4000-8000-300000000002',
          uri: 'https://standards.example.org/uri/type-standard',
          title: 'Standard',
          description: 'A standard',
          hierarchyCode: '1.1',
          lastChangeDateTime: '2021-03-04T10:00:00+00:00',
        },
      ],
    },
  };
}
