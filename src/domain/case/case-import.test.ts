import { describe, expect, it } from 'vitest';
import type { FrameworkDocument } from '../framework/framework-document.ts';
import { exportCasePackage } from './case-export.ts';
import { HUB_EXTENSION_KEY } from './case-hub-extension.ts';
import { importCasePackage, slugify } from './case-import.ts';
import type { CasePackage } from './case-package.ts';
import { cfPackageSchemaErrors, documentCases, fixtureDocument, thirdPartyPackage } from '../../../test/support/case-test-support.ts';
import { fixtureWithTopics } from './topics.fixture.ts';

const options = { baseUrl: 'https://hub.example', lastChangeDateTime: '2024-05-01T12:00:00Z' };

/** Export, then pass through JSON as a download and upload would. */
function exported(doc: FrameworkDocument): CasePackage {
  return JSON.parse(JSON.stringify(exportCasePackage(doc, options))) as CasePackage;
}

function hubDocumentOf(pkg: unknown): FrameworkDocument {
  const result = importCasePackage(pkg);
  if (result.kind !== 'hub') throw new Error('expected a hub document');
  return result.document;
}

describe('importCasePackage: hub packages', () => {
  it.each(documentCases())('round-trips %s to an equal FrameworkDocument, without warnings', (_name, doc) => {
    expect(hubDocumentOf(exported(doc))).toStrictEqual(doc);
    expect(importCasePackage(exported(doc)).warnings).toEqual([]);
  });

  it('keeps topics and each requirement’s topic through the round trip', () => {
    const doc = hubDocumentOf(exported(fixtureWithTopics));
    expect(doc.topics).toStrictEqual(fixtureWithTopics.topics);
    expect(doc.requirements.map((r) => [r.id, r.topic])).toEqual(fixtureWithTopics.requirements.map((r) => [r.id, r.topic]));
  });

  it('reads a package from before topics as a document without topics', () => {
    const doc = hubDocumentOf(exported(fixtureDocument));
    expect(doc).not.toHaveProperty('topics');
    expect(doc.requirements.some((r) => 'topic' in r)).toBe(false);
  });

  it('restores the document order from sequence numbers, not from the CFItems order', () => {
    const pkg = exported(fixtureDocument);
    pkg.CFItems?.reverse();
    pkg.CFAssociations?.reverse();
    expect(hubDocumentOf(pkg)).toStrictEqual(fixtureDocument);
  });

  it('takes statements from fullStatement', () => {
    const pkg = exported(fixtureDocument);
    const item = pkg.CFItems?.find((i) => i.humanCodingScheme === '1-1');
    if (item) item.fullStatement = 'Edited in a CASE tool';
    expect(hubDocumentOf(pkg).requirements[0]?.statement).toBe('Edited in a CASE tool');
  });

  it.each([
    ['the document extension is removed', (pkg: CasePackage) => delete pkg.CFDocument.extensions],
    ['the format version is unknown', (pkg: CasePackage) => void ((pkg.CFDocument.extensions![HUB_EXTENSION_KEY] as { formatVersion: number }).formatVersion = 2)],
    ['an item extension is corrupt', (pkg: CasePackage) => void (pkg.CFItems![5]!.extensions![HUB_EXTENSION_KEY] = { node: 'requirement', id: 'Not A Slug' })],
    ['the requirements are gone', (pkg: CasePackage) => void (pkg.CFItems = [])],
    ['a question names an unknown set', (pkg: CasePackage) => {
      const q = pkg.CFItems!.find((i) => i.CFItemType === 'Question')!;
      (q.extensions![HUB_EXTENSION_KEY] as { set: string }).set = 'zz';
    }],
  ])('falls back to a CASE framework when %s', (_name, tamper) => {
    const pkg = exported(fixtureDocument);
    tamper(pkg);
    const result = importCasePackage(pkg);
    expect(result.kind).toBe('case');
    if (result.kind === 'case') expect(result).toMatchObject({ id: 'mini-framework', version: '1.0.0', title: 'Mini framework' });
  });
});

describe('importCasePackage: third-party packages', () => {
  it('imports a package without hub extensions as a CASE framework', () => {
    const result = importCasePackage(thirdPartyPackage());
    expect(result).toMatchObject({
      kind: 'case',
      id: 'grade-3-mathematics-standards-sample-2019-edition',
      version: '2019-Edition',
      title: 'Grade 3 Mathematics Standards (Sample) — 2019 Édition',
      itemCount: 6,
    });
  });

  it('keeps unknown fields and drops nulls, and says so', () => {
    const result = importCasePackage(thirdPartyPackage());
    if (result.kind !== 'case') throw new Error('expected case');
    expect(result.warnings.map((w) => `${w.code} ${w.path}`)).toEqual(['null-value CFDocument.notes', 'not-case-field CFDocument.vendorField']);
    expect(result.package.CFDocument).toMatchObject({ subject: ['Mathematics'], vendorField: { kept: true } });
    expect(result.package.CFDocument).not.toHaveProperty('notes');
  });

  it('uses a fixture that is itself valid CASE once the deliberate oddities are removed', () => {
    const pkg = thirdPartyPackage();
    const doc: Record<string, unknown> = { ...pkg.CFDocument };
    delete doc.notes;
    delete doc.vendorField;
    expect(cfPackageSchemaErrors({ ...pkg, CFDocument: doc })).toEqual([]);
  });

  it.each([
    ['', 'a1b2c3d4-0000-4000-8000-000000000001', undefined, 'a1b2c3d4-0000-4000-8000-000000000001', '1'],
    ['  ***  ', 'ID_9', '  ', 'id-9', '1'],
    ['x'.repeat(70), 'id', 'v2.1', 'x'.repeat(60), 'v2.1'],
  ])('derives id and version from title %j / identifier %j / version %j', (title, identifier, version, id, label) => {
    const pkg = thirdPartyPackage();
    const doc = { ...pkg.CFDocument, title, identifier, ...(version === undefined ? { version: undefined } : { version }) };
    expect(importCasePackage({ ...pkg, CFDocument: doc })).toMatchObject({ kind: 'case', id, version: label });
  });

  it('does not let a __proto__ key reach object prototypes', () => {
    const pkg = JSON.parse(JSON.stringify(thirdPartyPackage()).replace('"vendorField"', '"__proto__"')) as unknown;
    const result = importCasePackage(pkg);
    if (result.kind !== 'case') throw new Error('expected case');
    expect(Object.getPrototypeOf(result.package.CFDocument)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).kept).toBeUndefined();
  });
});

describe('importCasePackage: bad input', () => {
  it.each([
    ['null', null, 'Not a CASE package: expected a JSON object with a CFDocument'],
    ['a string', 'CFDocument', 'Not a CASE package: expected a JSON object with a CFDocument'],
    ['an array', [thirdPartyPackage()], 'Not a CASE package: expected a JSON object with a CFDocument'],
    ['an object without CFDocument', { CFItems: [] }, 'Not a CASE package: CFDocument is missing'],
    [
      'a document without an identifier',
      { CFDocument: { title: 'x', uri: 'u', creator: 'c', lastChangeDateTime: 't' } },
      'Not a valid CASE package: CFDocument.identifier is missing',
    ],
    ['CFItems that is not a list', { ...thirdPartyPackage(), CFItems: {} }, 'Not a CASE package: CFItems is not a list'],
  ])('rejects %s with a readable message', (_name, input, message) => {
    expect(() => importCasePackage(input)).toThrow(message);
  });

  it('refuses absurdly deep nesting with a readable message', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i += 1) deep = { a: deep };
    expect(() => importCasePackage({ CFDocument: deep })).toThrow('Not a CASE package: the data is nested too deeply');
  });

  it('imports the usable items of a package and reports the ones it skipped', () => {
    const items = [...thirdPartyPackage().CFItems, {}, { identifier: 'i', uri: 'u', lastChangeDateTime: 't' }];
    const result = importCasePackage({ ...thirdPartyPackage(), CFItems: items });
    expect(result).toMatchObject({ kind: 'case', itemCount: thirdPartyPackage().CFItems.length });
    expect(result.warnings.filter((w) => w.code === 'part-skipped').map((w) => [w.path, w.did])).toEqual([
      [`CFItems[${items.length - 2}]`, 'skipped it: it has no identifier'],
      [`CFItems[${items.length - 1}]`, 'skipped it: it has no statement'],
    ]);
  });
});

describe('slugify', () => {
  it.each([
    ['Grade 3 — Maths', 'grade-3-maths'],
    ['Éducation & Santé', 'education-sante'],
    ['--a--b--', 'a-b'],
    ['ab '.repeat(30), 'ab-'.repeat(20).slice(0, 59)],
  ])('%j → %j', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });
});
