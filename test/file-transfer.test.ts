import type { MultipartFile } from '@fastify/multipart';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTemporaryFileStore } from '../src/files/directory-file-store.ts';
import { digestOf } from '../src/files/file-store.ts';
import type { FileStore } from '../src/files/file-store.ts';
import type { UploadedFile } from '../src/services/verification/evidence-input.ts';
import { receiveEvidenceFile } from '../src/services/verification/evidence-upload.ts';
import { createUploadReader } from '../src/web/file-transfer.ts';
import type { BufferedUpload } from '../src/web/file-transfer.ts';
import { SAMPLE_FILES } from './support/verification-fixtures.ts';

const viewer = { personId: 'p1', organisationId: 'o1', displayName: 'Lena', email: 'lena@example.nhs.uk', roles: ['learner'] as const };
const pdf = Buffer.concat([SAMPLE_FILES.pdf, Buffer.alloc(100_000, 0x20)]);

/** A part as @fastify/multipart hands it to `onFile`: a stream of the file's bytes, in pieces. */
function partOf(content: Buffer) {
  const pieces = [content.subarray(0, 1000), content.subarray(1000, 50_000), content.subarray(50_000)];
  const file = Object.assign(Readable.from(pieces), { truncated: false });
  return { filename: 'cert.pdf', mimetype: 'application/pdf', file } as unknown as MultipartFile & { value?: UploadedFile | BufferedUpload };
}

const requestOf = (signedIn: boolean, fileUpload?: 'file-store' | 'memory') => ({ viewer: signedIn ? viewer : null, routeOptions: { config: { fileUpload } } }) as never;

describe('reading an upload', () => {
  let store: FileStore;
  let readUpload: ReturnType<typeof createUploadReader>;
  const staged: UploadedFile[] = [];
  beforeAll(async () => {
    store = await openTemporaryFileStore();
    readUpload = createUploadReader((incoming) => receiveEvidenceFile(store, incoming), (_request, upload) => staged.push(upload));
  });
  afterAll(() => store.close());

  const stagingIsEmpty = async () => {
    for await (const content of store.listContent()) return `committed ${content.sha256}`;
    return (await store.removeAbandonedStaging(new Date(Date.now() + 60_000))) === 0;
  };

  it('streams a signed-in person’s file into the store’s staging area, hashed, for an evidence route', async () => {
    const part = partOf(pdf);
    await readUpload.call(requestOf(true, 'file-store'), part);
    const upload = part.value as UploadedFile;
    expect(upload).toMatchObject({ fileName: 'cert.pdf', sizeBytes: pdf.length, detectedType: 'application/pdf', isTooLarge: false });
    expect(upload.staged?.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(await digestOf(await upload.staged!.read())).toEqual({ sha256: upload.staged!.sha256, sizeBytes: pdf.length });
    expect(staged).toContain(upload);
    await upload.staged!.discard();
    expect(await stagingIsEmpty()).toBe(true);
  });

  it('reads a file of a type that can never be accepted to its end, and writes none of it', async () => {
    const part = partOf(Buffer.concat([SAMPLE_FILES.html, Buffer.alloc(60_000, 0x20)]));
    await readUpload.call(requestOf(true, 'file-store'), part);
    expect(part.value).toMatchObject({ sizeBytes: SAMPLE_FILES.html.length + 60_000, detectedType: undefined, staged: undefined });
    expect(await stagingIsEmpty()).toBe(true);
  });

  it.each([
    ['someone not signed in', requestOf(false, 'file-store')],
    ['a route that takes no file', requestOf(true)],
  ])('reads and drops a file sent by %s, storing and holding none of it', async (_who, request) => {
    const part = partOf(pdf);
    await readUpload.call(request, part);
    expect(part.value).toBeUndefined();
    expect(part.file.readableEnded).toBe(true);
    expect(await stagingIsEmpty()).toBe(true);
  });

  it('reads a file into memory for a route that parses it whole (imports)', async () => {
    const part = partOf(pdf);
    await readUpload.call(requestOf(true, 'memory'), part);
    expect((part.value as BufferedUpload).content.equals(pdf)).toBe(true);
    expect(await stagingIsEmpty()).toBe(true);
  });
});
