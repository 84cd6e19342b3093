import { createHash } from 'node:crypto';
import { compactVerify, decodeProtectedHeader, importX509 } from 'jose';
import { XapiError } from '../xapi-errors.ts';
import { sameStatement } from './statement-equivalence.ts';
import { asArray, isObject } from './statement-terms.ts';
import type { Json } from './statement-terms.ts';

/** An attachment's content as a multipart part delivered it. */
export interface AttachmentContent {
  sha2: string;
  contentType: string;
  content: Buffer;
}

export const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature';
const SIGNING_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512']);
const HASH_BY_HEX_LENGTH: Record<number, string> = { 56: 'sha224', 64: 'sha256', 96: 'sha384', 128: 'sha512' };

/** A multipart part's claimed SHA-2 hash, checked against its bytes. */
export function attachmentContent(sha2: string | undefined, contentType: string | undefined, content: Buffer): AttachmentContent {
  if (!sha2) throw new XapiError(400, 'Every attachment part needs an X-Experience-API-Hash header with the SHA-2 hash of its content.');
  const algorithm = HASH_BY_HEX_LENGTH[sha2.length];
  if (!algorithm || createHash(algorithm).update(content).digest('hex') !== sha2.toLowerCase()) throw new XapiError(400, `An attachment part's content does not match its X-Experience-API-Hash ${sha2.slice(0, 16)}….`);
  return { sha2: sha2.toLowerCase(), contentType: contentType ?? 'application/octet-stream', content };
}

const attachmentsOf = (statement: Json): Json[] => asArray(statement.attachments).filter(isObject);

/**
 * Every attachment without a fileUrl has its part and every part belongs to an attachment (9274.1.1
 * §4.1.3, Data 2.4.11). Parts are matched by hash alone: the hash already proves the content, and
 * clients (the ADL suite among them) declare `length` in characters where they send UTF-8 bytes.
 */
export function checkAttachmentParts(statements: Json[], parts: AttachmentContent[]): void {
  const bySha = new Map(parts.map((part) => [part.sha2, part]));
  const referenced = new Set<string>();
  for (const attachment of statements.flatMap(attachmentsOf)) {
    const sha2 = typeof attachment.sha2 === 'string' ? attachment.sha2.toLowerCase() : '';
    referenced.add(sha2);
    const part = bySha.get(sha2);
    if (!part && typeof attachment.fileUrl !== 'string') throw new XapiError(400, `The attachment with sha2 ${sha2.slice(0, 16)}… has no fileUrl and no part in the request.`);
  }
  for (const part of parts) if (!referenced.has(part.sha2)) throw new XapiError(400, `The attachment part with hash ${part.sha2.slice(0, 16)}… belongs to no statement's attachment.`);
}

/** Checks each signed statement (Data 2.6): its JWS signs this statement, with RS256/384/512, and verifies if it carries a certificate. */
export async function checkSignatures(statements: Json[], parts: AttachmentContent[]): Promise<void> {
  const bySha = new Map(parts.map((part) => [part.sha2, part]));
  for (const statement of statements) {
    for (const attachment of attachmentsOf(statement).filter((a) => a.usageType === SIGNATURE_USAGE)) {
      if (attachment.contentType !== 'application/octet-stream') throw new XapiError(400, 'A signature attachment must have contentType application/octet-stream.');
      const part = bySha.get(typeof attachment.sha2 === 'string' ? attachment.sha2.toLowerCase() : '');
      if (!part) throw new XapiError(400, 'A signature attachment must be sent as a part of the request, not by fileUrl.');
      await verifySignature(statement, part.content.toString('utf8').trim());
    }
  }
}

async function verifySignature(statement: Json, jws: string): Promise<void> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  let payload: unknown;
  try {
    header = decodeProtectedHeader(jws);
    payload = JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    throw new XapiError(400, 'The signature attachment is not a JWS in compact serialisation with a JSON payload.');
  }
  if (!header.alg || !SIGNING_ALGORITHMS.has(header.alg)) throw new XapiError(400, 'A statement signature must use RS256, RS384 or RS512.');
  if (!sameStatement(payload, statement)) throw new XapiError(400, 'The signature’s payload is not the statement it is attached to.');
  const certificate = header.x5c?.[0];
  if (!certificate) return;
  try {
    const pem = `-----BEGIN CERTIFICATE-----\n${certificate.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----`;
    await compactVerify(jws, await importX509(pem, header.alg));
  } catch {
    throw new XapiError(400, 'The statement signature does not verify against the certificate in its x5c header.');
  }
}
