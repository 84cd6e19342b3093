import { describe, expect, it } from 'vitest';
import { boundaryOf, MultipartError, parseMultipart, writeMultipart } from './multipart.ts';

describe('multipart/mixed', () => {
  it('reads the boundary, quoted or not', () => {
    expect(boundaryOf('multipart/mixed; boundary=abc123')).toBe('abc123');
    expect(boundaryOf('multipart/mixed; charset=x; boundary="a b"')).toBe('a b');
    expect(boundaryOf('multipart/mixed')).toBeUndefined();
  });

  it('parses parts with headers (with or without a space after the colon) and keeps binary bodies exact', () => {
    const binary = Buffer.from([0, 255, 13, 10, 45, 45, 1]);
    const body = Buffer.concat([
      Buffer.from('preamble\r\n--b1\r\nContent-Type: application/json\r\n\r\n{"a":1}\r\n--b1\r\ncontent-type:image/png\r\nX-Experience-API-Hash:abc\r\n\r\n'),
      binary,
      Buffer.from('\r\n--b1--\r\n'),
    ]);
    const parts = parseMultipart(body, 'b1');
    expect(parts).toHaveLength(2);
    expect(parts[0]?.headers['content-type']).toBe('application/json');
    expect(parts[0]?.body.toString()).toBe('{"a":1}');
    expect(parts[1]?.headers['x-experience-api-hash']).toBe('abc');
    expect(parts[1]?.body.equals(binary)).toBe(true);
  });

  it('refuses a body without the boundary, without a closing boundary or with a broken header', () => {
    expect(() => parseMultipart(Buffer.from('{"a":1}'), 'b1')).toThrow(MultipartError);
    expect(() => parseMultipart(Buffer.from('--b1\r\nContent-Type: application/json\r\n\r\n{}'), 'b1')).toThrow(MultipartError);
    expect(() => parseMultipart(Buffer.from('--b1\r\nno colon here\r\n\r\n{}\r\n--b1--'), 'b1')).toThrow(MultipartError);
  });

  it('writes what it reads back', () => {
    const content = Buffer.from('--xapi-not-a-boundary\r\n');
    const { contentType, body } = writeMultipart([
      { headers: { 'Content-Type': 'application/json' }, body: Buffer.from('[]') },
      { headers: { 'Content-Type': 'text/plain', 'X-Experience-API-Hash': 'h' }, body: content },
    ]);
    const parts = parseMultipart(body, boundaryOf(contentType) ?? '');
    expect(parts.map((p) => p.body.toString())).toEqual(['[]', content.toString()]);
    expect(parts[1]?.headers['x-experience-api-hash']).toBe('h');
  });
});
