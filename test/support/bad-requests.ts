import fc from 'fast-check';
import { anyId, corruptedValue, nastyText } from './fuzz-values.ts';
import type { FuzzVocabulary } from './fuzz-values.ts';
import { paramNames } from './write-routes.ts';
import type { WriteRoute } from './write-routes.ts';

/** A write route with what the fuzzer learned about it: real addresses and the fields its form has. */
export interface FuzzTarget {
  route: WriteRoute;
  /** The pattern with real ids filled in. */
  realUrls: string[];
  /** For each address parameter, ids of rows of the kind it names (products for `/products/:id`). */
  paramIds: Map<string, string[]>;
  /** Form field names with the values the page offers (radio, checkbox and option values). */
  formFields: Map<string, string[]>;
}

export interface BadRequest {
  /** Which signed-in session sends it; null for nobody signed in. */
  session: number | null;
  withCsrf: boolean;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

/** Address parameters as a client might type or forge them, already percent-encoded. */
function paramValue(vocabulary: FuzzVocabulary, ofTheRightKind: string[]): fc.Arbitrary<string> {
  const rightKind = ofTheRightKind.length > 0 ? [{ weight: 6, arbitrary: fc.constantFrom(...ofTheRightKind) }] : [];
  return fc.oneof(
    ...rightKind,
    { weight: 4, arbitrary: anyId(vocabulary).map(encodeURIComponent) },
    { weight: 2, arbitrary: fc.constantFrom(...vocabulary.words, 'x').map(encodeURIComponent) },
    { weight: 3, arbitrary: fc.constantFrom('%00', 'a%00b', '%ED%A0%80', '%C0%80', '%FF', '%', '..%2F..%2Fetc%2Fpasswd', '%2e%2e', '%20', '-1', '1e309', '__proto__', 'constructor', '%F0%9F%92%A9', '%E2%80%AE', "'%3B--", 'a'.repeat(3000)) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20 }).map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, 'x'))) },
  );
}

function url(target: FuzzTarget, vocabulary: FuzzVocabulary): fc.Arbitrary<string> {
  const names = paramNames(target.route.pattern);
  const forged = fc.tuple(...names.map((name) => paramValue(vocabulary, target.paramIds.get(name) ?? []))).map((values) => values.reduce((path, value, i) => path.replace(`:${names[i]}`, value), target.route.pattern));
  const address = target.realUrls.length > 0 && names.length > 0 ? fc.oneof(fc.constantFrom(...target.realUrls), forged) : forged;
  const query = fc.oneof({ weight: 5, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('?q=%00', '?page=%ED%A0%80', '?__proto__[x]=1', '?a=1&a=2&a[]=3', '?page=-1', '?page=99999999999999999999') });
  return fc.tuple(address, query).map(([a, q]) => a + q);
}

/** Percent-encodes like a form post, but keeps lone surrogates as their (invalid) UTF-8 bytes instead of replacing them. */
export function encodeFormValue(text: string): string {
  return text.replace(/[\ud800-\udbff][\udc00-\udfff]|[^]/g, (c) => {
    if (/[A-Za-z0-9_.~-]/.test(c)) return c;
    if (c.length === 1 && c.charCodeAt(0) >= 0xd800 && c.charCodeAt(0) <= 0xdfff) {
      const code = c.charCodeAt(0);
      return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    }
    return encodeURIComponent(c);
  });
}

/** Fields of the route's form, some given a value the page offers, one of them perhaps corrupted. */
function formFields(target: FuzzTarget, vocabulary: FuzzVocabulary): fc.Arbitrary<Array<[string, string]>> {
  const known = [...target.formFields.entries()];
  const fitting = (offered: string[]) => (offered.length > 0 ? fc.constantFrom(...offered) : fc.oneof(fc.constantFrom('A title', 'Some text', '12', 'https://example.org'), fc.string({ maxLength: 20 })));
  const field = (name: string, offered: string[]) =>
    fc.oneof({ weight: 8, arbitrary: fitting(offered) }, { weight: 1, arbitrary: nastyText }, { weight: 1, arbitrary: anyId(vocabulary) }).map((v) => [name, v] as [string, string]);
  // Most of the form, as a browser sends it, so a corrupted field gets past the form's own checks.
  const chosen = fc.subarray(known, { minLength: Math.max(0, known.length - 2) }).chain((subset) => fc.tuple(...subset.map(([n, o]) => field(n, o))));
  const extra = fc.array(fc.tuple(fc.oneof(nastyText, fc.constantFrom('__proto__', 'constructor', 'id', 'title')), nastyText), { maxLength: 2 });
  return fc.tuple(chosen, extra).map(([a, b]) => [...a, ...b]);
}

function multipart(fields: Array<[string, string]>, flaw: 'none' | 'no-boundary' | 'wrong-boundary' | 'truncated' | 'unnamed-part' | 'file'): { contentType: string; payload: Buffer } {
  const boundary = 'fuzzboundary7MA4YWxkTrZu0gW';
  let body = fields.map(([name, value]) => `--${boundary}\r\ncontent-disposition: form-data; name="${name.replace(/["\r\n]/g, '_')}"\r\n\r\n${value}\r\n`).join('');
  if (flaw === 'unnamed-part') body += `--${boundary}\r\ncontent-disposition: form-data\r\n\r\nno name\r\n`;
  if (flaw === 'file') body += `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a\u0000b.pdf"\r\ncontent-type: application/pdf\r\n\r\n%PDF-1.4\n%%EOF\r\n`;
  body += `--${boundary}--\r\n`;
  const payload = Buffer.from(body, 'utf8');
  switch (flaw) {
    case 'no-boundary':
      return { contentType: 'multipart/form-data', payload };
    case 'wrong-boundary':
      return { contentType: 'multipart/form-data; boundary=somethingelse', payload };
    case 'truncated':
      return { contentType: `multipart/form-data; boundary=${boundary}`, payload: payload.subarray(0, Math.max(1, Math.floor(payload.length / 2))) };
    default:
      return { contentType: `multipart/form-data; boundary=${boundary}`, payload };
  }
}

type Body = { contentType?: string; payload?: string | Buffer };

function jsonBody(target: FuzzTarget, vocabulary: FuzzVocabulary): fc.Arbitrary<Body> {
  const schema = target.route.bodySchema ?? { type: 'object', properties: Object.fromEntries([...target.formFields.keys()].map((k) => [k, { type: 'string' }])) };
  const json = (text: string, contentType = 'application/json') => ({ contentType, payload: text });
  return fc.oneof(
    { weight: 8, arbitrary: corruptedValue(schema, vocabulary).map((v) => json(JSON.stringify(v) ?? 'null')) },
    { weight: 1, arbitrary: corruptedValue(schema, vocabulary).map((v) => json(JSON.stringify(v) ?? 'null', 'text/plain')) },
    {
      weight: 2,
      arbitrary: fc.tuple(corruptedValue(schema, vocabulary), fc.constantFrom('"__proto__":{"isAdmin":true}', '"constructor":{"prototype":{"isAdmin":true}}')).map(([v, poison]) => {
        const text = JSON.stringify(v) ?? 'null';
        return json(text.startsWith('{') ? `{${poison}${text === '{}' ? '' : ','}${text.slice(1)}` : `{${poison}}`);
      }),
    },
    { weight: 2, arbitrary: fc.constantFrom('', ' ', '{', '{"a":}', 'nul', '[1,]', '{"a":1}{"b":2}', '\u0000', '"\\ud800"', '"\\u0000"').map((t) => json(t)) },
    { weight: 1, arbitrary: fc.constantFrom('['.repeat(5000) + ']'.repeat(5000), '{"a":'.repeat(2000) + '1' + '}'.repeat(2000)).map((t) => json(t)) },
    { weight: 1, arbitrary: fc.constant(json(JSON.stringify({ padding: 'x'.repeat(1100 * 1024) }))) },
    { weight: 1, arbitrary: fc.constantFrom<Body>({ contentType: 'application/xml', payload: '<a/>' }, { contentType: 'application/json; charset=', payload: '{}' }, { contentType: '/', payload: '{}' }, { payload: '{}' }, { contentType: 'application/json' }) },
  );
}

function formBody(target: FuzzTarget, vocabulary: FuzzVocabulary): fc.Arbitrary<Body> {
  const flaws = fc.constantFrom('none', 'no-boundary', 'wrong-boundary', 'truncated', 'unnamed-part', 'file') as fc.Arbitrary<Parameters<typeof multipart>[1]>;
  return fc.oneof(
    { weight: 6, arbitrary: formFields(target, vocabulary).map((fields) => ({ contentType: 'application/x-www-form-urlencoded', payload: fields.map(([k, v]) => `${encodeFormValue(k)}=${encodeFormValue(v)}`).join('&') })) },
    { weight: 3, arbitrary: fc.tuple(formFields(target, vocabulary), flaws).map(([fields, flaw]) => multipart(fields, flaw)) },
  );
}

/** One bad request for a write route: every part of it may be wrong, often just one. */
export function badRequest(target: FuzzTarget, vocabulary: FuzzVocabulary, sessions: number): fc.Arbitrary<BadRequest> {
  const body = target.route.isApi
    ? fc.oneof({ weight: 4, arbitrary: jsonBody(target, vocabulary) }, { weight: 1, arbitrary: formBody(target, vocabulary) })
    : fc.oneof({ weight: 4, arbitrary: formBody(target, vocabulary) }, { weight: 1, arbitrary: jsonBody(target, vocabulary) });
  const session = fc.oneof({ weight: 9, arbitrary: fc.nat({ max: sessions - 1 }) }, { weight: 1, arbitrary: fc.constant(null) });
  const withCsrf = fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
  return fc.record({ session, withCsrf, url: url(target, vocabulary), body }).map(({ body: { contentType, payload }, ...rest }): BadRequest => ({
    ...rest,
    method: target.route.method,
    headers: contentType === undefined ? {} : { 'content-type': contentType },
    ...(payload === undefined ? {} : { payload }),
  }));
}
