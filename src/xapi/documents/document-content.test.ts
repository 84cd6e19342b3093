import { describe, expect, it } from 'vitest';
import { etagOf, isBlindOverwrite, isJsonType, mergeDocuments, preconditionFails } from './document-content.ts';

describe('document content and preconditions', () => {
  const etag = etagOf(Buffer.from('{"a":1}'));

  it('tags content with its quoted SHA-1', () => {
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/);
    expect(etagOf(Buffer.from('{"a":2}'))).not.toBe(etag);
  });

  it.each([
    ['application/json', true],
    ['Application/JSON; charset=utf-8', true],
    ['application/ld+json', false],
    ['text/plain', false],
    [undefined, false],
  ])('%s is JSON: %s', (type, json) => expect(isJsonType(type)).toBe(json));

  it('merges top-level properties, replacing each whole', () => {
    expect(mergeDocuments({ car: { make: 'Ford', model: 'Escape' }, keep: 1 }, { car: { make: 'Dodge' } })).toEqual({ car: { make: 'Dodge' }, keep: 1 });
  });

  it.each([
    [{ ifMatch: undefined, ifNoneMatch: undefined }, etag, false],
    [{ ifMatch: etag, ifNoneMatch: undefined }, etag, false],
    [{ ifMatch: `"x", ${etag}`, ifNoneMatch: undefined }, etag, false],
    [{ ifMatch: '"1234"', ifNoneMatch: undefined }, etag, true],
    [{ ifMatch: `W/${etag}`, ifNoneMatch: undefined }, etag, true],
    [{ ifMatch: '*', ifNoneMatch: undefined }, etag, false],
    [{ ifMatch: '*', ifNoneMatch: undefined }, undefined, true],
    [{ ifMatch: undefined, ifNoneMatch: '*' }, etag, true],
    [{ ifMatch: undefined, ifNoneMatch: '*' }, undefined, false],
    [{ ifMatch: undefined, ifNoneMatch: `W/${etag}` }, etag, true],
    [{ ifMatch: undefined, ifNoneMatch: '"other"' }, etag, false],
  ])('preconditions %j against %s fail: %s', (conditions, current, fails) => {
    expect(preconditionFails(conditions, current)).toBe(fails);
  });

  it('calls a PUT over an existing document with neither header a blind overwrite', () => {
    expect(isBlindOverwrite({ ifMatch: undefined, ifNoneMatch: undefined }, true)).toBe(true);
    expect(isBlindOverwrite({ ifMatch: undefined, ifNoneMatch: undefined }, false)).toBe(false);
    expect(isBlindOverwrite({ ifMatch: etag, ifNoneMatch: undefined }, true)).toBe(false);
  });
});
