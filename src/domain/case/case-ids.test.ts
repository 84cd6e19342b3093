import { describe, expect, it } from 'vitest';
import { caseUri, caseUuid, childAssociationUuid, documentUuid, isCaseUuid, itemTypeUuid, itemUuid } from './case-ids.ts';

const framework = { id: 'dart-ed-2022', version: '1.0.0' };

describe('caseUuid', () => {
  it('is a fixed function of its parts, so identifiers survive restarts and databases', () => {
    // Pinned (checked against an independent SHA-1 v5 computation): if this changes, every
    // identifier the hub ever published has changed.
    expect(caseUuid('document', 'dart-ed-2022', '1.0.0')).toBe(documentUuid(framework));
    expect(documentUuid(framework)).toBe('4619f14d-0d35-5248-864f-0d74f2e61a96');
  });

  it('produces version 5, RFC variant UUIDs', () => {
    expect(caseUuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it.each([
    ['separator ambiguity', ['a-b', 'c'], ['a', 'b-c']],
    ['kind matters', ['item', 'f', '1', 'requirement', 'x'], ['item', 'f', '1', 'question', 'x']],
    ['version matters', ['document', 'f', '1.0.0'], ['document', 'f', '1.0.1']],
  ])('distinguishes %s', (_name, left, right) => {
    expect(caseUuid(...left)).not.toBe(caseUuid(...right));
  });

  it('derives distinct identifiers for documents, items, associations and item types', () => {
    const ids = [
      documentUuid(framework),
      itemUuid(framework, 'requirement', 't1-01'),
      itemUuid(framework, 'question', 't1-01'),
      childAssociationUuid(framework, 'requirement', 't1-01'),
      itemTypeUuid('question'),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    expect(itemUuid(framework, 'requirement', 't1-01')).toBe(itemUuid({ ...framework }, 'requirement', 't1-01'));
  });
});

describe('isCaseUuid', () => {
  it.each([
    ['6d0fdb90-4ec0-5a02-9b16-61f48d1a65e9', true],
    ['6D0FDB90-4EC0-5A02-9B16-61F48D1A65E9', true],
    ['not-a-uuid', false],
    ['', false],
    ['6d0fdb90-4ec0-5a02-9b16-61f48d1a65e9x', false],
  ])('%s → %s', (value, expected) => {
    expect(isCaseUuid(value)).toBe(expected);
  });
});

describe('caseUri', () => {
  it.each([['https://hub.example'], ['https://hub.example/'], ['https://hub.example//']])('joins %s without doubled slashes', (base) => {
    expect(caseUri(base, 'CFItems', 'abc')).toBe('https://hub.example/ims/case/v1p0/CFItems/abc');
  });
});
