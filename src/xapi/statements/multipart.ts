/**
 * multipart/mixed (RFC 2046 §5.1) for statements with attachments (9274.1.1 §4.1.3): a small reader
 * and writer over raw bytes, since part content must be hashed exactly as sent.
 */

export interface MultipartPart {
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: Buffer;
}

export class MultipartError extends Error {}

/** The boundary of a multipart/mixed Content-Type, or undefined if it names none. */
export function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/** The parts of a multipart body; throws MultipartError when it is not well formed. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  let position = body.indexOf(delimiter);
  if (position < 0) throw new MultipartError('The multipart body has no part with the boundary its Content-Type names.');
  const parts: MultipartPart[] = [];
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString() === '--') return parts;
    const lineEnd = body.indexOf('\r\n', position);
    if (lineEnd < 0) throw new MultipartError('The multipart body ends inside a part.');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), lineEnd);
    if (next < 0) throw new MultipartError('The multipart body has no closing boundary.');
    parts.push(parsePart(body.subarray(lineEnd + 2, next)));
    position = next + 2;
  }
}

function parsePart(raw: Buffer): MultipartPart {
  const headerEnd = raw.indexOf('\r\n\r\n');
  const headerText = headerEnd < 0 ? (raw.subarray(0, 2).toString() === '\r\n' ? '' : null) : raw.subarray(0, headerEnd).toString('utf8');
  if (headerText === null) throw new MultipartError('A multipart part has no blank line after its headers.');
  const bodyStart = headerEnd < 0 ? 2 : headerEnd + 4;
  const headers: Record<string, string> = {};
  for (const line of headerText.split('\r\n')) {
    if (!line) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError(`A multipart part header is not "Name: value": ${line.slice(0, 60)}`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: raw.subarray(bodyStart) };
}

/** A multipart/mixed body of the parts, with a boundary that appears in none of them. */
export function writeMultipart(parts: MultipartPart[]): { contentType: string; body: Buffer } {
  let boundary = `xapi-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
  while (parts.some((part) => part.body.includes(boundary))) boundary += Math.random().toString(36).slice(2, 6);
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const headers = Object.entries(part.headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    chunks.push(Buffer.from(`--${boundary}\r\n${headers}\r\n`), part.body, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat(chunks) };
}
