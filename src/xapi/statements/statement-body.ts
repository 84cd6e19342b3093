import type { FastifyRequest } from 'fastify';
import { findUnacceptableInput } from '../../web/input-scan.ts';
import { XapiError } from '../xapi-errors.ts';
import { attachmentContent } from './attachments.ts';
import type { AttachmentContent } from './attachments.ts';
import { boundaryOf, MultipartError, parseMultipart } from './multipart.ts';

export interface StatementBody {
  /** The statements, as parsed: one (a JSON object) or many (a JSON array). */
  json: unknown;
  parts: AttachmentContent[];
}

const mediaTypeOf = (contentType: string) => contentType.split(';')[0]?.trim().toLowerCase() ?? '';

function parseJson(bytes: Buffer): unknown {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new XapiError(400, 'The request body is not valid JSON.');
  }
  if (findUnacceptableInput(value, 'body').length > 0) throw new XapiError(400, 'The statement contains characters the learning record store cannot keep (such as NUL).');
  return value;
}

/**
 * A PUT or POST body (9274.1.1 §4.1.3): application/json, or multipart/mixed whose first part is the
 * statements and whose other parts are attachments named by their SHA-2 hash.
 */
export function readStatementBody(request: FastifyRequest): StatementBody {
  const contentType = request.headers['content-type'] ?? '';
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const mediaType = mediaTypeOf(contentType);
  if (mediaType === 'application/json') return { json: parseJson(body), parts: [] };
  if (mediaType === 'multipart/mixed') return readMultipart(body, contentType);
  if (mediaType === '' || mediaType === 'multipart/form-data' || mediaType === 'application/x-www-form-urlencoded') {
    throw new XapiError(400, 'Send statements as application/json, or as multipart/mixed with attachments (xAPI 2.0 has no alternate request syntax).');
  }
  throw new XapiError(415, `The learning record store takes statements as application/json or multipart/mixed, not ${mediaType}.`);
}

function readMultipart(body: Buffer, contentType: string): StatementBody {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new XapiError(400, 'A multipart/mixed request must name its boundary in the Content-Type header.');
  let parts;
  try {
    parts = parseMultipart(body, boundary);
  } catch (error) {
    if (error instanceof MultipartError) throw new XapiError(400, error.message);
    throw error;
  }
  const [first, ...attachments] = parts;
  if (!first || mediaTypeOf(first.headers['content-type'] ?? '') !== 'application/json') throw new XapiError(400, 'The first part of a multipart/mixed request must be the statements, as application/json.');
  return {
    json: parseJson(first.body),
    parts: attachments.map((part) => {
      if ((part.headers['content-transfer-encoding'] ?? '').toLowerCase() !== 'binary') throw new XapiError(400, 'Every attachment part needs the header Content-Transfer-Encoding: binary.');
      return attachmentContent(part.headers['x-experience-api-hash'], part.headers['content-type'], part.body);
    }),
  };
}
