import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { thirdPartyPackage } from '../../../test/support/case-test-support.ts';
import { CaseRefusal, readCasePackage } from './case-reader.ts';
import { buildCaseTree } from './case-tree.ts';
import { groupCaseWarnings } from './case-warnings.ts';

type Pkg = ReturnType<typeof thirdPartyPackage> & Record<string, unknown>;
type Obj = Record<string, unknown>;

/** The third-party sample (itself clean apart from a null and a vendor field), changed by `tamper`. */
function read(tamper: (pkg: Pkg) => void) {
  const pkg = JSON.parse(JSON.stringify(thirdPartyPackage())) as Pkg;
  tamper(pkg);
  return readCasePackage(pkg);
}
const item = (pkg: Pkg, i = 0) => pkg.CFItems[i] as Obj;
const association = (pkg: Pkg, i = 0) => pkg.CFAssociations[i] as Obj;
const itemType = (pkg: Pkg, i = 0) => pkg.CFDefinitions.CFItemTypes[i] as Obj;
const baseline = read(() => undefined).warnings;
const added = (warnings: typeof baseline) => warnings.filter((w) => !baseline.some((b) => b.code === w.code && b.path === w.path));

describe('readCasePackage: deviations it coerces, keeps or skips', () => {
  it('reports only the deliberate oddities of the sample', () => {
    expect(baseline.map((w) => [w.code, w.path])).toEqual([
      ['null-value', 'CFDocument.notes'],
      ['not-case-field', 'CFDocument.vendorField'],
    ]);
  });

  it.each([
    ['sequenceNumber "1"', (p: Pkg) => void (association(p).sequenceNumber = '1'), (r: Pkg) => association(r).sequenceNumber, 1, { code: 'number-as-text', path: 'CFAssociations[0].sequenceNumber', found: '"1"', did: 'read as 1' }],
    ['sequenceNumber 1.5', (p: Pkg) => void (association(p).sequenceNumber = 1.5), (r: Pkg) => association(r).sequenceNumber, undefined, { code: 'unusable-sequence', path: 'CFAssociations[0].sequenceNumber', found: '1.5' }],
    ['sequenceNumber "a"', (p: Pkg) => void (association(p).sequenceNumber = 'a'), (r: Pkg) => association(r).sequenceNumber, undefined, { code: 'unusable-sequence', found: '"a"' }],
    ['sequenceNumber null', (p: Pkg) => void (association(p).sequenceNumber = null), (r: Pkg) => association(r).sequenceNumber, undefined, { code: 'null-value', path: 'CFAssociations[0].sequenceNumber', did: 'treated as absent' }],
    ['item type description null', (p: Pkg) => void (itemType(p).description = null), (r: Pkg) => itemType(r).description, 'Domain', { code: 'description-missing', path: 'CFDefinitions.CFItemTypes[0].description', found: 'null', did: 'used the title as its description' }],
    ['item type without hierarchyCode', (p: Pkg) => void delete itemType(p).hierarchyCode, (r: Pkg) => itemType(r).hierarchyCode, undefined, { code: 'code-missing', path: 'CFDefinitions.CFItemTypes[0].hierarchyCode' }],
    ['humanCodingScheme as a number', (p: Pkg) => void (item(p).humanCodingScheme = 3), (r: Pkg) => item(r).humanCodingScheme, '3', { code: 'text-as-number', path: 'CFItems[0].humanCodingScheme', did: 'read as "3"' }],
    ['educationLevel as a string', (p: Pkg) => void (item(p).educationLevel = '09, 10'), (r: Pkg) => item(r).educationLevel, ['09', '10'], { code: 'text-as-list', path: 'CFItems[0].educationLevel' }],
    ['conceptKeywords as a string', (p: Pkg) => void (item(p).conceptKeywords = 'fractions, halves'), (r: Pkg) => item(r).conceptKeywords, ['fractions, halves'], { code: 'text-as-list', did: 'read as a list of one keyword' }],
    ['CFItemType as an object', (p: Pkg) => void (item(p).CFItemType = { title: 'Cluster', identifier: 'x' }), (r: Pkg) => item(r).CFItemType, 'Cluster', { code: 'item-type-object', did: 'read its title "Cluster"' }],
    ['CFItemType as an object without title', (p: Pkg) => void (item(p).CFItemType = { identifier: 'x' }), (r: Pkg) => item(r).CFItemType, undefined, { code: 'item-type-object', did: 'left it out: it has no title' }],
    ['an item without fullStatement but abbreviated', (p: Pkg) => void Object.assign(item(p), { fullStatement: undefined, abbreviatedStatement: 'Short' }), (r: Pkg) => item(r).fullStatement, 'Short', { code: 'statement-missing', did: 'used the abbreviated statement' }],
    ['an item without lastChangeDateTime', (p: Pkg) => void delete item(p).lastChangeDateTime, (r: Pkg) => item(r).lastChangeDateTime, '2021-03-04T10:00:00+00:00', { code: 'date-missing', did: 'used the document’s lastChangeDateTime' }],
    ['a date without time zone (kept)', (p: Pkg) => void (item(p).lastChangeDateTime = '2017-05-25T18:05:33'), (r: Pkg) => item(r).lastChangeDateTime, '2017-05-25T18:05:33', { code: 'date-without-zone', did: 'kept as published' }],
    ['an extra field (kept)', (p: Pkg) => void (item(p).educationalLevel = '06'), (r: Pkg) => item(r).educationalLevel, '06', { code: 'not-case-field', path: 'CFItems[0].educationalLevel', found: '"06"' }],
    ['a document without a title', (p: Pkg) => void delete (p.CFDocument as Obj).title, (r: Pkg) => r.CFDocument.title, thirdPartyPackage().CFDocument.identifier, { code: 'title-missing' }],
  ])('%s', (_name, tamper, pick, expected, warning) => {
    const result = read(tamper);
    expect(pick(result.package as unknown as Pkg)).toEqual(expected);
    expect(added(result.warnings)).toEqual([expect.objectContaining(warning)]);
  });

  it.each([
    ['an item without identifier', (p: Pkg) => void delete item(p, 1).identifier, 'CFItems', 'it has no identifier'],
    ['an item without any statement', (p: Pkg) => void delete item(p, 1).fullStatement, 'CFItems', 'it has no statement'],
    ['an association without an end', (p: Pkg) => void delete association(p, 1).destinationNodeURI, 'CFAssociations', 'it does not name both of its ends'],
    ['an item without uri', (p: Pkg) => void delete item(p, 1).uri, 'CFItems', 'uri is missing'],
    ['an item that is not an object', (p: Pkg) => void (p.CFItems[1] = 'x' as never), 'CFItems', 'it is not an object'],
  ])('skips %s and keeps the rest', (_name, tamper, list, reason) => {
    const before = thirdPartyPackage()[list as 'CFItems'].length;
    const result = read(tamper);
    expect(result.package[list as 'CFItems']).toHaveLength(before - 1);
    const skipped = result.warnings.find((w) => w.code === 'part-skipped');
    expect(skipped).toMatchObject({ path: `${list}[1]` });
    expect(skipped?.did).toContain(reason);
  });

  it('unwraps a package wrapped in CFPackage', () => {
    const result = readCasePackage({ CFPackage: thirdPartyPackage() });
    expect(result.package.CFItems).toHaveLength(thirdPartyPackage().CFItems.length);
    expect(result.warnings[0]).toMatchObject({ code: 'package-wrapped' });
  });
});

describe('readCasePackage: refusals say why', () => {
  it.each([
    ['not an object', 'x', 'Not a CASE package: expected a JSON object with a CFDocument'],
    ['no CFDocument', { CFItems: [] }, 'Not a CASE package: CFDocument is missing'],
    ['a CFDocument that is a string', { CFDocument: 'x' }, 'Not a CASE package: CFDocument is not an object'],
    ['a document without identifier', { CFDocument: { uri: 'u', creator: 'c', title: 't', lastChangeDateTime: 'd' } }, 'Not a valid CASE package: CFDocument.identifier is missing'],
    ['CFAssociations that is not a list', { ...thirdPartyPackage(), CFAssociations: 'x' }, 'Not a CASE package: CFAssociations is not a list'],
  ])('%s', (_name, input, reason) => {
    expect(() => readCasePackage(input)).toThrow(new CaseRefusal(reason));
  });
});

describe('an OpenSALT 2017-style export (invented content, real deviations)', () => {
  const raw = JSON.parse(readFileSync(new URL('../../../test/fixtures/opensalt-2017-style-case-package.json', import.meta.url), 'utf8')) as unknown;
  const result = readCasePackage(raw);
  const groups = groupCaseWarnings(result.warnings);

  it('imports every item and association', () => {
    expect(result.package.CFItems).toHaveLength(6);
    expect(result.package.CFAssociations).toHaveLength(8);
  });

  it('groups each verified deviation once, with how often it occurs', () => {
    expect(groups.map((g) => [g.code, g.where, g.count])).toEqual([
      ['date-without-zone', 'CFDocument.lastChangeDateTime', 1],
      ['not-case-field', 'CFDocument.CFPackageURI', 1],
      ['date-without-zone', 'CFItems[*].lastChangeDateTime', 6],
      ['not-case-field', 'CFItems[*].CFDocumentURI', 6],
      ['not-case-field', 'CFItems[*].educationalLevel', 1],
      ['not-case-field', 'CFItems[*].CFItemAssociationURI', 6],
      ['number-as-text', 'CFAssociations[*].sequenceNumber', 6],
      ['date-without-zone', 'CFAssociations[*].lastChangeDateTime', 8],
      ['not-case-field', 'CFAssociations[*].CFDocumentURI', 8],
      ['description-missing', 'CFDefinitions.CFItemTypes[*].description', 3],
      ['date-without-zone', 'CFDefinitions.CFItemTypes[*].lastChangeDateTime', 3],
    ]);
  });

  it('orders the tree by the coerced sequence numbers, without tree warnings', () => {
    const tree = buildCaseTree(result.package);
    expect(tree.warnings).toEqual([]);
    const grade = tree.roots[0];
    expect(grade?.children.map((c) => c.item.humanCodingScheme)).toEqual(['6.TD', '6.DU']);
    expect(grade?.children[0]?.children.map((c) => c.item.humanCodingScheme)).toEqual(['6.TD.1', '6.TD.2']);
  });
});

describe('grouping a great many kinds of deviation', () => {
  it('lists up to the limit and says how many kinds and warnings it left out', () => {
    const warnings = Array.from({ length: 8 }, (_, i) => ({ code: 'not-case-field' as const, path: `CFDocument.extra${i}`, found: '"x"', did: 'kept as published' }));
    warnings.push({ code: 'not-case-field', path: 'CFDocument.extra7', found: '"y"', did: 'kept as published' });
    const groups = groupCaseWarnings(warnings, 5);
    expect(groups).toHaveLength(5);
    expect(groups.slice(0, 4).map((g) => g.where)).toEqual(['CFDocument.extra0', 'CFDocument.extra1', 'CFDocument.extra2', 'CFDocument.extra3']);
    expect(groups[4]).toMatchObject({ code: 'more-not-listed', found: '4 more kinds', did: 'not listed here (5 warnings in all)', count: 5 });
    expect(groupCaseWarnings(warnings)).toHaveLength(8);
  });
});
