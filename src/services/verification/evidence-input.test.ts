import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import type { StagedFile } from '../../files/file-store.ts';
import { checkEvidence, detectFileType, isAcceptedFileType, SNIFF_BYTES } from './evidence-input.ts';
import type { EvidenceInput, UploadedFile } from './evidence-input.ts';

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** What the checks read of a staged file: its digest and size (storing is evidence-upload's job, tested there). */
const stagedOf = (content: Buffer): StagedFile => ({
  sha256: createHash('sha256').update(content).digest('hex'),
  sizeBytes: content.length,
  read: () => Promise.reject(new Error('not read by the checks')),
  commit: () => Promise.reject(new Error('not committed by the checks')),
  discard: async () => {},
});

/** A file as receiveEvidenceFile hands it over: typed by its first bytes, staged only when it could be accepted. */
async function file(content: Buffer, fileName = 'x.png', isTooLarge = false): Promise<UploadedFile> {
  const detectedType = await detectFileType(content.subarray(0, SNIFF_BYTES));
  const couldBeAccepted = content.length > 0 && !isTooLarge && isAcceptedFileType(detectedType);
  return { fileName, declaredType: 'image/png', sizeBytes: content.length, isTooLarge, detectedType, staged: couldBeAccepted ? stagedOf(content) : undefined };
}

type TestInput = Omit<EvidenceInput, 'file'> & { file?: Promise<UploadedFile> };

async function problemOf({ file: upload, ...input }: TestInput): Promise<string | undefined> {
  try {
    await checkEvidence({ ...input, file: await upload });
    return undefined;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return `${error.details[0]?.field}: ${error.message}`;
  }
}

describe('checkEvidence', () => {
  it.each([
    [{ kind: 'note', note: '  Led a session  ' }, { kind: 'note', title: 'Led a session', note: 'Led a session' }],
    [{ kind: 'note', note: `${'word '.repeat(20)}\nsecond line` }, { title: `${'word '.repeat(12).trim()}…` }],
    [{ kind: 'link', url: 'https://example.nhs.uk/a b' }, { url: 'https://example.nhs.uk/a%20b', title: 'example.nhs.uk/a%20b' }],
    [{ kind: 'link', url: 'HTTP://Example.org', title: 'Course' }, { url: 'http://example.org/', title: 'Course' }],
  ])('accepts %j', async (input, expected) => {
    expect(await checkEvidence(input)).toMatchObject(expected);
  });

  it('stores a file under a cleaned name with its detected type and digest', async () => {
    const checked = await checkEvidence({ kind: 'file', file: await file(png, '../secret/cert.PNG') });
    expect(checked.file).toMatchObject({ fileName: 'cert.PNG', mediaType: 'image/png', sizeBytes: png.length });
    expect(checked.file?.sha256).toBe(createHash('sha256').update(png).digest('hex'));
  });

  it.each([
    [{}, 'kind: Select whether you are adding a note, a link or a file'],
    [{ kind: 'note', note: ' ' }, 'note: Enter your note'],
    [{ kind: 'note', note: 'x'.repeat(5001) }, 'note: Note must be 5,000 characters or fewer'],
    [{ kind: 'note', note: 'ok', title: 'x'.repeat(201) }, 'title: Title must be 200 characters or fewer'],
    [{ kind: 'link', url: 'javascript:alert(1)' }, 'url: Enter a web address starting with https:// or http://'],
    [{ kind: 'link', url: 'data:text/html,hi' }, 'url: Enter a web address starting with https:// or http://'],
    [{ kind: 'link', url: 'example.org' }, 'url: Enter a web address starting with https:// or http://'],
    [{ kind: 'link', url: 'https://user:pw@example.org' }, 'url: Enter a web address without a user name or password in it'],
    [{ kind: 'file' }, 'file: Select a file'],
    [{ kind: 'file', file: file(Buffer.alloc(0)) }, 'file: The selected file is empty'],
    [{ kind: 'file', file: file(png, 'x.png', true) }, 'file: The selected file must be smaller than 10MB'],
    [{ kind: 'file', file: file(Buffer.from('<html><body>hi</body></html>'), 'x.pdf') }, 'file: The selected file must be a PDF, PNG or JPEG'],
    [{ kind: 'file', file: file(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;'), 'x.png') }, 'file: The selected file must be a PDF, PNG or JPEG'],
  ])('refuses %j', async (input, problem) => {
    expect(await problemOf(input as TestInput)).toBe(problem);
  });
});
