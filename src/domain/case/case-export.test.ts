import { describe, expect, it } from 'vitest';
import { exportCasePackage } from './case-export.ts';
import { HUB_EXTENSION_KEY } from './case-hub-extension.ts';
import type { CaseItem, CasePackage } from './case-package.ts';
import { cfPackageSchemaErrors, documentCases, fixtureDocument } from '../../../test/support/case-test-support.ts';
import { fixtureWithTopics } from './topics.fixture.ts';

const options = { baseUrl: 'https://hub.example.nhs.uk/', lastChangeDateTime: '2024-05-01T12:00:00Z' };

function itemByCode(pkg: CasePackage, code: string): CaseItem {
  const item = pkg.CFItems?.find((i) => i.humanCodingScheme === code);
  if (!item) throw new Error(`no item ${code}`);
  return item;
}

function parentTitle(pkg: CasePackage, item: CaseItem): string | undefined {
  const association = pkg.CFAssociations?.find((a) => a.originNodeURI.identifier === item.identifier);
  return association?.destinationNodeURI.title;
}

describe('exportCasePackage', () => {
  it.each(documentCases())('produces a package that validates against the CASE JSON Schema: %s', (_name, doc) => {
    const pkg = exportCasePackage(doc, { ...options, officialSourceURL: 'https://example.org/report.pdf' });
    expect(cfPackageSchemaErrors(pkg)).toEqual([]);
  });

  it('is checked by a validator that does catch schema violations', () => {
    const pkg = exportCasePackage(fixtureDocument, options);
    const broken = { ...pkg, CFDocument: { ...pkg.CFDocument, identifier: 'nope', extra: 1 } };
    expect(cfPackageSchemaErrors(broken)).toEqual(
      expect.arrayContaining(['/CFDocument/identifier must match format "uuid"', '/CFDocument must NOT have additional properties']),
    );
  });

  it('is deterministic and gives every object a distinct identifier', () => {
    const first = exportCasePackage(fixtureDocument, options);
    expect(exportCasePackage(fixtureDocument, options)).toEqual(first);
    const ids = [
      first.CFDocument.identifier,
      ...(first.CFItems ?? []).map((i) => i.identifier),
      ...(first.CFAssociations ?? []).map((a) => a.identifier),
      ...(first.CFDefinitions?.CFItemTypes ?? []).map((t) => t.identifier),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('describes the document with the report publisher as creator and hub URIs', () => {
    const doc = exportCasePackage(fixtureDocument, options).CFDocument;
    expect(doc).toMatchObject({
      title: 'Mini framework',
      creator: 'Publisher One; Publisher Two',
      version: '1.0.0',
      adoptionStatus: 'Adopted',
      language: 'en',
      notes: 'By the publishers.',
      uri: `https://hub.example.nhs.uk/ims/case/v1p0/CFDocuments/${doc.identifier}`,
    });
    expect(doc).not.toHaveProperty('officialSourceURL');
  });

  it('writes requirements verbatim with codes, types and joined notes', () => {
    const pkg = exportCasePackage(fixtureDocument, options);
    const f02 = itemByCode(pkg, '1-2');
    expect(f02).toMatchObject({
      fullStatement: 'Statement f-02 — verbatim “text”',
      CFItemType: 'Skill requirement',
      notes: 'First note.\n\nSecond note.',
      conceptKeywords: ['AI literacy', 'Capability'],
      uri: `https://hub.example.nhs.uk/ims/case/v1p0/CFItems/${f02.identifier}`,
    });
    expect(f02.extensions?.[HUB_EXTENSION_KEY]).toMatchObject({ node: 'requirement', id: 'f-02', tier: 'foundational' });
    expect(itemByCode(pkg, 'A2-1').CFItemType).toBe('Knowledge requirement');
    expect(itemByCode(pkg, 'A2-2')).not.toHaveProperty('notes');
  });

  it('carries topics in the extensions and names each requirement’s topic as a concept keyword', () => {
    const pkg = exportCasePackage(fixtureWithTopics, options);
    expect(cfPackageSchemaErrors(pkg)).toEqual([]);
    expect(pkg.CFDocument.extensions?.[HUB_EXTENSION_KEY]).toMatchObject({ topics: fixtureWithTopics.topics });
    const f02 = itemByCode(pkg, '1-2');
    expect(f02.conceptKeywords).toEqual(['AI literacy', 'Capability', 'Acting on liability']);
    expect(f02.extensions?.[HUB_EXTENSION_KEY]).toMatchObject({ node: 'requirement', id: 'f-02', topic: 'applying-liability' });
  });

  it.each([
    ['1-1', 'AI literacy'],
    ['2-1', 'Liability'],
    ['A2-1', 'Liability'],
    ['A2-2', 'Governance'],
    ['A3-1', 'A3'],
  ])('places %s under %s', (code, parent) => {
    const pkg = exportCasePackage(fixtureDocument, options);
    expect(parentTitle(pkg, itemByCode(pkg, code))).toBe(parent);
  });

  it('groups tiers under the document, with factors nested by parent factor', () => {
    const pkg = exportCasePackage(fixtureDocument, options);
    const statements = (pkg.CFItems ?? []).map((i) => i.fullStatement);
    expect(statements.filter((s) => /^(Foundational|Advanced|Product-specific)/.test(s))).toEqual([
      'Foundational',
      'Product-specific',
      'Advanced — Driver',
    ]);
    const liabilityItems = (pkg.CFItems ?? []).filter((i) => i.fullStatement === 'Liability');
    expect(liabilityItems.map((i) => parentTitle(pkg, i))).toEqual(['Governance', 'Governance']);
    const tier = pkg.CFItems?.find((i) => i.fullStatement === 'Foundational');
    expect(tier && parentTitle(pkg, tier)).toBe('Mini framework');
    expect(pkg.CFAssociations).toHaveLength(pkg.CFItems?.length ?? -1);
    expect(pkg.CFAssociations?.every((a) => a.associationType === 'isChildOf')).toBe(true);
  });

  it('lists exactly the item types it uses', () => {
    const pkg = exportCasePackage(fixtureDocument, options);
    const used = new Set(pkg.CFItems?.map((i) => i.CFItemType));
    expect(pkg.CFDefinitions?.CFItemTypes?.map((t) => t.title).sort()).toEqual([...used].sort());
    expect(used.size).toBe(6);
  });

  it('does not alias the caller’s document', () => {
    const doc = structuredClone(fixtureDocument);
    const pkg = exportCasePackage(doc, options);
    doc.factors[0]!.label = 'changed';
    expect(JSON.stringify(pkg)).not.toContain('changed');
  });

  it.each([
    [{ ...options, baseUrl: 'not a url' }, /baseUrl must be an http\(s\) URL/],
    [{ ...options, baseUrl: 'ftp://hub.example' }, /baseUrl must be an http\(s\) URL/],
    [{ ...options, lastChangeDateTime: '2024-05-01' }, /lastChangeDateTime must be an ISO 8601/],
    [{ ...options, lastChangeDateTime: '2024-05-01T12:00:00' }, /lastChangeDateTime must be an ISO 8601/],
  ])('rejects bad options %#', (bad, message) => {
    expect(() => exportCasePackage(fixtureDocument, bad)).toThrow(message);
  });

  it('accepts a date-time with an offset', () => {
    const pkg = exportCasePackage(fixtureDocument, { ...options, lastChangeDateTime: '2024-05-01T12:00:00.123+01:00' });
    expect(cfPackageSchemaErrors(pkg)).toEqual([]);
  });
});
