import fastifyMultipart from '@fastify/multipart';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { attachmentDisposition } from '../domain/verification/file-name.ts';
import { FILE_MAX_BYTES } from '../services/verification/evidence-input.ts';
import type { UploadedFile } from '../services/verification/evidence-input.ts';

/**
 * Multipart forms (evidence uploads) for pages and the API. Fields arrive in `request.body` as
 * plain strings, like urlencoded forms, so the CSRF check and form parking work unchanged; a file
 * arrives as an `UploadedFile`. One file of at most 10 MB; anything beyond that is read and thrown
 * away rather than failing the request, so the form can say what was wrong.
 */
export async function registerUploads(app: FastifyInstance): Promise<void> {
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    onFile: readUpload,
    throwFileSizeLimit: false,
    limits: { fileSize: FILE_MAX_BYTES, files: 1, fields: 20, fieldSize: 64 * 1024, parts: 21, headerPairs: 100 },
  });
}

/**
 * Reads one uploaded file into memory (at most FILE_MAX_BYTES). Multipart is parsed before any
 * route runs, so a file sent by someone not signed in is read and dropped, never held: nobody
 * can make the hub buffer uploads without an account.
 */
export async function readUpload(this: Pick<FastifyRequest, 'viewer'>, part: MultipartFile): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of part.file) if (this.viewer) chunks.push(chunk as Buffer);
  const upload: UploadedFile = { fileName: part.filename, declaredType: part.mimetype, content: Buffer.concat(chunks), isTooLarge: part.file.truncated };
  part.value = upload;
}

function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedFile).content) && typeof (value as UploadedFile).isTooLarge === 'boolean';
}

/** A form field holding an upload; a browser sends an empty part when no file was chosen. */
export const uploadedFileField = z
  .custom<UploadedFile>(isUploadedFile)
  .optional()
  .transform((file) => (file && (file.content.length > 0 || file.isTooLarge || file.fileName) ? file : undefined));

/**
 * Sends uploaded bytes so no browser treats them as a page of this site: always a download, the
 * type detected at upload, no sniffing, and a sandboxing policy in case something renders it anyway.
 */
export function sendEvidenceFile(reply: FastifyReply, file: { fileName: string; mediaType: string; content: Buffer }) {
  return reply
    .type(file.mediaType)
    .header('content-disposition', attachmentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(file.content);
}
