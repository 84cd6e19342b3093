import type { MultipartFile } from '@fastify/multipart';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { UploadedFile } from '../src/services/verification/evidence-input.ts';
import { readUpload } from '../src/web/file-transfer.ts';

const viewer = { personId: 'p1', organisationId: 'o1', displayName: 'Lena', email: 'lena@example.nhs.uk', roles: ['learner'] as const };

/** A part as @fastify/multipart hands it to `onFile`: a stream of the file's bytes. */
function partOf(content: Buffer) {
  const file = Object.assign(Readable.from([content.subarray(0, content.length / 2), content.subarray(content.length / 2)]), { truncated: false });
  return { filename: 'cert.pdf', mimetype: 'application/pdf', file } as unknown as MultipartFile & { value?: UploadedFile };
}

describe('reading an upload', () => {
  it('keeps the bytes of a signed-in person’s file', async () => {
    const part = partOf(Buffer.alloc(4096, 1));
    await readUpload.call({ viewer }, part);
    expect(part.value?.content.length).toBe(4096);
  });

  it('reads and drops a file sent by someone not signed in, holding none of it', async () => {
    const part = partOf(Buffer.alloc(4096, 1));
    await readUpload.call({ viewer: null }, part);
    expect(part.value?.content.length).toBe(0);
    expect(part.file.readableEnded).toBe(true);
  });
});
