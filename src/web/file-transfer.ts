import fastifyMultipart from '@fastify/multipart';
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { finished } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { attachmentDisposition } from '../domain/verification/file-name.ts';
import { FILE_MAX_BYTES } from '../services/verification/evidence-input.ts';
import type { UploadedFile } from '../services/verification/evidence-input.ts';
import type { IncomingFile } from '../services/verification/evidence-upload.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * How a route takes an uploaded file: streamed into the file store (evidence), or read into
     * memory (imports that parse the whole text anyway). A route without it gets no file: what is
     * sent is read and dropped.
     */
    fileUpload?: 'file-store' | 'memory';
    /** The largest file the route takes, when not the usual 10 MB (at most LARGEST_UPLOAD_BYTES): a big trust's ESR extract is larger. */
    fileUploadMaxBytes?: number;
  }
  interface FastifyRequest {
    /** A supplier's link was checked open before the body was read (web/assurance-supplier): it may upload like a session. */
    supplierLinkChecked: boolean;
  }
}

/** No route takes a larger file; the parser stops every upload here, and each route at its own limit below it. */
export const LARGEST_UPLOAD_BYTES = 64 * 1024 * 1024;

/** A file read whole into memory, for routes that declare `fileUpload: 'memory'`. */
export interface BufferedUpload {
  fileName: string;
  declaredType: string;
  content: Buffer;
  /** The upload went past the size limit, so `content` holds only its first part. */
  isTooLarge: boolean;
}

type ReceiveFile = (incoming: IncomingFile) => Promise<UploadedFile>;
type UploadingRequest = Pick<FastifyRequest, 'viewer' | 'routeOptions'> & { supplierLinkChecked?: boolean };

/**
 * Multipart forms (evidence uploads, imports) for pages and the API. Fields arrive in
 * `request.body` as plain strings, like urlencoded forms, so the CSRF check and form parking work
 * unchanged; a file arrives as the route asked (see `fileUpload`). One file of at most 10 MB (or the route's `fileUploadMaxBytes`);
 * anything beyond that is read and thrown away rather than failing the request, so the form can
 * say what was wrong. A staged file the route did not commit is discarded as the answer is sent.
 */
export async function registerUploads(app: FastifyInstance, { receiveFile }: { receiveFile: ReceiveFile }): Promise<void> {
  const stagedBy = new WeakMap<UploadingRequest, UploadedFile>();
  app.decorateRequest('supplierLinkChecked', false);
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    onFile: createUploadReader(receiveFile, (request, upload) => stagedBy.set(request, upload)),
    throwFileSizeLimit: false,
    limits: { fileSize: LARGEST_UPLOAD_BYTES, files: 1, fields: 20, fieldSize: 64 * 1024, parts: 21, headerPairs: 100 },
  });
  // Before the answer goes out, so whoever gets it (a test, a retrying client) finds nothing left over.
  app.addHook('onSend', async (request, _reply, payload) => {
    await stagedBy.get(request)?.staged?.discard();
    return payload;
  });
}

/**
 * Multipart is parsed before any route runs, so the reader decides by the route's declaration and
 * the session (or a supplier link checked open): a file sent by anyone else, or to a route that takes none, is read and
 * dropped, never stored or held: nobody can make the hub keep uploads without an account or an open supplier link.
 */
export function createUploadReader(receiveFile: ReceiveFile, onStaged: (request: UploadingRequest, upload: UploadedFile) => void = () => {}) {
  return async function readUpload(this: UploadingRequest, part: MultipartFile): Promise<void> {
    const mode = this.viewer || this.supplierLinkChecked ? this.routeOptions.config.fileUpload : undefined;
    const capped = cappedAt(part.file, Math.min(this.routeOptions.config.fileUploadMaxBytes ?? FILE_MAX_BYTES, LARGEST_UPLOAD_BYTES));
    if (mode === 'file-store') {
      try {
        const upload = await receiveFile({ fileName: part.filename, declaredType: part.mimetype, content: capped.content, isTruncated: () => capped.isTruncated() || part.file.truncated });
        onStaged(this, upload);
        part.value = upload;
      } catch (error) {
        // The parser waits for this part to be read before it goes on.
        part.file.resume();
        throw error;
      }
    } else if (mode === 'memory') {
      const chunks: Buffer[] = [];
      for await (const chunk of capped.content) chunks.push(chunk);
      const upload: BufferedUpload = { fileName: part.filename, declaredType: part.mimetype, content: Buffer.concat(chunks), isTooLarge: capped.isTruncated() || part.file.truncated };
      part.value = upload;
    } else {
      part.file.resume();
      await finished(part.file);
    }
  };
}

/**
 * The first `maxBytes` of a part, then the rest read and dropped: the parser's own limit is the
 * largest any route takes, so each route's smaller limit is kept here, and "too large" is said once
 * the part has ended, as the parser would.
 */
function cappedAt(file: AsyncIterable<unknown>, maxBytes: number): { content: AsyncIterable<Buffer>; isTruncated(): boolean } {
  let isTruncated = false;
  async function* content(): AsyncGenerator<Buffer> {
    let seen = 0;
    for await (const chunk of file) {
      const buffer = chunk as Buffer;
      if (seen + buffer.length > maxBytes) {
        if (seen < maxBytes) yield buffer.subarray(0, maxBytes - seen);
        isTruncated = true;
      } else {
        yield buffer;
      }
      seen += buffer.length;
    }
  }
  return { content: content(), isTruncated: () => isTruncated };
}

/** A browser sends an empty part, with no name, when no file was chosen. */
const wasChosen = (file: { fileName: string; isTooLarge: boolean }, sizeBytes: number) => sizeBytes > 0 || file.isTooLarge || file.fileName !== '';

function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && typeof (value as UploadedFile).sizeBytes === 'number' && typeof (value as UploadedFile).isTooLarge === 'boolean';
}

function isBufferedUpload(value: unknown): value is BufferedUpload {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as BufferedUpload).content) && typeof (value as BufferedUpload).isTooLarge === 'boolean';
}

/** A form field holding a file streamed into the file store (`fileUpload: 'file-store'`). */
export const uploadedFileField = z
  .custom<UploadedFile>(isUploadedFile)
  .optional()
  .transform((file) => (file && wasChosen(file, file.sizeBytes) ? file : undefined));

/** A form field holding a file read into memory (`fileUpload: 'memory'`). */
export const bufferedFileField = z
  .custom<BufferedUpload>(isBufferedUpload)
  .optional()
  .transform((file) => (file && wasChosen(file, file.content.length) ? file : undefined));

/**
 * Sends uploaded bytes so no browser treats them as a page of this site: always a download, the
 * type detected at upload, no sniffing, and a sandboxing policy in case something renders it anyway.
 * The content streams from the file store; nothing is read into memory first.
 */
export function sendEvidenceFile(reply: FastifyReply, file: { fileName: string; mediaType: string; sizeBytes: number | null; content: Readable }) {
  if (file.sizeBytes !== null) reply.header('content-length', file.sizeBytes);
  return reply
    .type(file.mediaType)
    .header('content-disposition', attachmentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(file.content);
}
