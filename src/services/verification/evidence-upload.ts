import type { FileStore } from '../../files/file-store.ts';
import { detectFileType, isAcceptedFileType, SNIFF_BYTES } from './evidence-input.ts';
import type { UploadedFile } from './evidence-input.ts';

/** A file part as it streams in: the parser stops it at the size limit and says so once it ends. */
export interface IncomingFile {
  fileName: string;
  declaredType: string;
  content: AsyncIterable<Buffer>;
  isTruncated(): boolean;
}

/**
 * Takes an uploaded file off the wire without holding it: the first bytes tell its type, then the
 * rest streams into the file store's staging area while it is hashed and counted. A file of a type
 * that could never be accepted is read to its end (to learn its size for the right message) and
 * dropped, so nothing of it is written anywhere.
 */
export async function receiveEvidenceFile(store: FileStore, incoming: IncomingFile): Promise<UploadedFile> {
  const chunks = incoming.content[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let isEnded = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await chunks.next();
    if (next.done) {
      isEnded = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  const detectedType = await detectFileType(Buffer.concat(head, headBytes));
  const about = { fileName: incoming.fileName, declaredType: incoming.declaredType, detectedType };
  if (headBytes === 0 || !isAcceptedFileType(detectedType)) {
    let sizeBytes = headBytes;
    if (!isEnded) for await (const chunk of remaining(chunks)) sizeBytes += chunk.length;
    return { ...about, sizeBytes, isTooLarge: incoming.isTruncated(), staged: undefined };
  }
  const staged = await store.stage(joined(head, isEnded ? undefined : chunks));
  if (incoming.isTruncated()) {
    await staged.discard();
    return { ...about, sizeBytes: staged.sizeBytes, isTooLarge: true, staged: undefined };
  }
  return { ...about, sizeBytes: staged.sizeBytes, isTooLarge: false, staged };
}

async function* remaining(chunks: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
}

async function* joined(head: Buffer[], rest: AsyncIterator<Buffer> | undefined): AsyncGenerator<Buffer> {
  yield* head;
  if (rest) yield* remaining(rest);
}
