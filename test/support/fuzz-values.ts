import fc from 'fast-check';
import type { JsonSchema } from './write-routes.ts';

/** Real values from the database under test, so generated requests reach past "not found". */
export interface FuzzVocabulary {
  /** Ids of real rows, most of them belonging to people other than the one asking. */
  ids: string[];
  /** The same ids by table, to aim an address parameter at the right kind of row. */
  idsByTable: Map<string, string[]>;
  /** Framework words routes take as text: topic, factor, archetype and level ids. */
  words: string[];
}

const pick = (values: readonly string[], fallback: fc.Arbitrary<string>) => (values.length > 0 ? fc.constantFrom(...values) : fallback);

/** An id: a real one (probably someone else's), a well-formed one that matches nothing, or not an id at all. */
export function anyId(vocabulary: FuzzVocabulary): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: pick(vocabulary.ids, fc.uuid()) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom('00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF', 'not-a-uuid', '{00000000-0000-0000-0000-000000000000}') },
  );
}

/** Text no field should choke on but many do: NUL, lone surrogates, huge, odd Unicode, injection-shaped. */
export const nastyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 8 }).map((s) => `${s}\u0000${s}`),
  fc.constantFrom('\ud800', 'abc\udfff', '\udbff\u0041', '\u0000'),
  fc.constantFrom('', ' ', '\t\r\n', '😀'.repeat(50), '\u202e\u0301', '<script>alert(1)</script>', "'; drop table people; --", '%00', '\\', '"', 'null'),
  fc.constantFrom('x'.repeat(70_000), 'é'.repeat(40_000), '0'.repeat(400)),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('0000-00-00', '9999-12-31', '2024-02-30', '+275760-09-13T00:00:00.000Z', '1970-01-01T00:00:00Z', '-000001-01-01', 'NaN', 'Infinity'),
);

/** Any JSON value where a route expects something specific: wrong types, extreme numbers, odd shapes. */
export function nastyJson(vocabulary: FuzzVocabulary): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: nastyText },
    { weight: 2, arbitrary: anyId(vocabulary) },
    { weight: 2, arbitrary: fc.constantFrom(0, -1, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 63, 1e308, -1e308, 5e-324) },
    { weight: 2, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], { '': '' }) },
    { weight: 1, arbitrary: fc.array(anyId(vocabulary), { maxLength: 3 }).map((ids) => [...ids, ...ids]) },
    { weight: 1, arbitrary: fc.constant(Array.from({ length: 3000 }, (_, i) => `item-${i}`)) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

/** A value the schema accepts, or nearly: what a real client sends, as the base to corrupt. */
export function plausibleValue(schema: JsonSchema, vocabulary: FuzzVocabulary, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  const enumValues = schema.enum ?? (typeof schema.format === 'object' ? (schema.format as JsonSchema).enum : undefined);
  if (enumValues) return fc.constantFrom(...enumValues);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => plausibleValue(a, vocabulary, depth)));
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type) => plausibleValue({ ...schema, type }, vocabulary, depth)));
  const words = pick(vocabulary.words, fc.string({ maxLength: 12 }));
  switch (schema.type) {
    case 'object': {
      const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, plausibleValue(v, vocabulary, depth + 1)]));
      const fixed = fc.record(properties, { requiredKeys: schema.required ?? [] });
      if (typeof schema.additionalProperties !== 'object' || depth > 3) return fixed;
      const extra = fc.dictionary(words, plausibleValue(schema.additionalProperties, vocabulary, depth + 1), { maxKeys: 4 });
      return fc.tuple(fixed, extra).map(([a, b]) => ({ ...b, ...a }));
    }
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(plausibleValue(schema.items ?? {}, vocabulary, depth + 1), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 4, 4) });
    case 'string':
      if (schema.format === 'uuid') return anyId(vocabulary);
      if (schema.format === 'email') return fc.emailAddress();
      if (schema.format === 'date-time') return fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
      return fc.oneof(words, anyId(vocabulary), fc.string({ minLength: schema.minLength ?? 0, maxLength: 40 }), fc.webUrl());
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -1000, -1e6), max: Math.min(schema.maximum ?? 1000, 1e6) });
    case 'number':
      return fc.double({ min: Math.max(schema.minimum ?? -1000, -1e6), max: Math.min(schema.maximum ?? 1000, 1e6), noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** The value with the node at `position` (depth-first, the root being 0) replaced; positions wrap around. */
export function replaceAt(value: unknown, position: number, replacement: unknown): unknown {
  const count = countNodes(value);
  let remaining = position % count;
  const visit = (node: unknown): unknown => {
    if (remaining-- === 0) return replacement;
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node === 'object' && node !== null) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v)]));
    return node;
  };
  return visit(value);
}

function countNodes(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 1;
  return 1 + Object.values(value).reduce<number>((sum, child) => sum + countNodes(child), 0);
}

/** A plausible value with one text in it made nasty, or one part of it (perhaps all) swapped for something else. */
export function corruptedValue(schema: JsonSchema, vocabulary: FuzzVocabulary): fc.Arbitrary<unknown> {
  const plausible = plausibleValue(schema, vocabulary);
  return fc.oneof(
    { weight: 1, arbitrary: plausible },
    { weight: 4, arbitrary: fc.tuple(plausible, fc.nat(), nastyText).map(([value, position, nasty]) => replaceTextAt(value, position, nasty)) },
    { weight: 2, arbitrary: fc.tuple(plausible, fc.nat(), nastyJson(vocabulary)).map(([value, position, nasty]) => replaceAt(value, position, nasty)) },
  );
}

/** The value with its n-th string (depth-first, wrapping around) replaced; unchanged if it holds none. */
export function replaceTextAt(value: unknown, position: number, replacement: string): unknown {
  const count = countStrings(value);
  if (count === 0) return value;
  let remaining = position % count;
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') return remaining-- === 0 ? replacement : node;
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node === 'object' && node !== null) return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v)]));
    return node;
  };
  return visit(value);
}

function countStrings(value: unknown): number {
  if (typeof value === 'string') return 1;
  if (typeof value !== 'object' || value === null) return 0;
  return Object.values(value).reduce<number>((sum, child) => sum + countStrings(child), 0);
}
