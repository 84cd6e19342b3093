import { describe, expect, it } from 'vitest';
import { findUnacceptableInput, MAX_NESTING } from './input-scan.ts';

const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { a: nested(depth - 1) });

describe('findUnacceptableInput', () => {
  it.each([
    ['plain text and numbers', { title: 'Hello', count: 3, tags: ['a', 'b'] }, []],
    ['an emoji (a proper surrogate pair)', { note: 'Done 👍' }, []],
    ['a NUL in a value', { note: 'a\u0000b' }, [['nul', 'note']]],
    ['a NUL deep in an array', { ratings: [{ note: 'ok' }, { note: '\u0000' }] }, [['nul', 'ratings.1.note']]],
    ['a lone high surrogate', { title: '\ud800' }, [['lone-surrogate', 'title']]],
    ['a lone low surrogate after text', { title: 'x\udc00' }, [['lone-surrogate', 'title']]],
    ['a NUL in a property name, shown escaped', { 'to\u0000pic': 'x' }, [['nul', 'to\\u0000pic']]],
    ['__proto__ as an own property', JSON.parse('{"a":{"__proto__":{"x":1}}}'), [['forbidden-name', 'a.__proto__']]],
    ['constructor holding a prototype', { constructor: { prototype: { x: 1 } } }, [['forbidden-name', 'constructor']]],
    ['constructor as an ordinary field', { constructor: 'Ada' }, []],
    ['a root string with a NUL', '\u0000', [['nul', '(body)']]],
    ['bytes of an uploaded file', { file: { fileName: 'a.png', content: Buffer.from([0, 0xd8]) } }, []],
  ])('%s', (_, value, expected) => {
    expect(findUnacceptableInput(value, 'body').map((p) => [p.kind, p.field])).toEqual(expected);
  });

  it('allows nesting up to the limit and refuses deeper', () => {
    expect(findUnacceptableInput(nested(MAX_NESTING - 1), 'body')).toEqual([]);
    expect(findUnacceptableInput(nested(MAX_NESTING + 1), 'body').map((p) => p.kind)).toEqual(['too-deep']);
  });

  it('walks a nesting deep enough to overflow a recursive walk without failing', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(findUnacceptableInput(deep, 'body').map((p) => p.kind)).toEqual(['too-deep']);
  });

  it('names at most ten problems', () => {
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}`, '\u0000']));
    expect(findUnacceptableInput(many, 'body')).toHaveLength(10);
  });

  it('says where the value came from', () => {
    expect(findUnacceptableInput({ q: '\u0000' }, 'query')[0]?.message).toMatch(/^This query string parameter contains a null character/);
    expect(findUnacceptableInput({ id: '\ud800' }, 'address')[0]?.message).toMatch(/^This part of the address contains an unpaired UTF-16 surrogate/);
  });
});
