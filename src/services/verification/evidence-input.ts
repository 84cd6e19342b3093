import { fileTypeFromBuffer } from 'file-type';
import { sanitiseFileName } from '../../domain/verification/file-name.ts';
import { AppError } from '../../errors.ts';
import type { StagedFile } from '../../files/file-store.ts';

export const EVIDENCE_KINDS = ['note', 'link', 'file'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const NOTE_MAX_LENGTH = 5000;
export const TITLE_MAX_LENGTH = 200;
export const URL_MAX_LENGTH = 2000;
export const FILE_MAX_BYTES = 10 * 1024 * 1024;
/** Only these types, as detected from the bytes: formats people can open safely in a browser or viewer. */
export const ACCEPTED_FILE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
/** How much of a file's start is enough to tell its type (file-type's own sample size). */
export const SNIFF_BYTES = 4100;

/**
 * A file as it arrived (evidence-upload.ts): its bytes are staged in the file store, not yet
 * committed, and nothing about it is trusted yet.
 */
export interface UploadedFile {
  fileName: string;
  declaredType: string;
  sizeBytes: number;
  /** The upload went past the size limit, so only its first part was read. */
  isTooLarge: boolean;
  /** What its first bytes say it is; undefined when they match no known type. */
  detectedType: string | undefined;
  /** The staged bytes; absent when they could never be accepted (the wrong type, too large, empty). */
  staged: StagedFile | undefined;
}

export interface EvidenceInput {
  kind?: string | undefined;
  title?: string | undefined;
  note?: string | undefined;
  url?: string | undefined;
  file?: UploadedFile | undefined;
}

/** Evidence that passed every check, ready to store. */
export interface CheckedEvidence {
  kind: EvidenceKind;
  title: string;
  note: string | null;
  url: string | null;
  file: { fileName: string; mediaType: string; sizeBytes: number; sha256: string; staged: StagedFile } | null;
}

type Problem = { field: string; message: string };
const invalid = (problem: Problem) => new AppError('invalid', problem.message, [problem]);

/** Checks a note, link or file; throws `invalid` with the field at fault. */
export async function checkEvidence(input: EvidenceInput): Promise<CheckedEvidence> {
  const kind = EVIDENCE_KINDS.find((k) => k === input.kind);
  if (!kind) throw invalid({ field: 'kind', message: 'Select whether you are adding a note, a link or a file' });
  const title = (input.title ?? '').trim();
  if (title.length > TITLE_MAX_LENGTH) throw invalid({ field: 'title', message: `Title must be ${TITLE_MAX_LENGTH} characters or fewer` });
  if (kind === 'note') {
    const note = (input.note ?? '').trim();
    if (!note) throw invalid({ field: 'note', message: 'Enter your note' });
    if (note.length > NOTE_MAX_LENGTH) throw invalid({ field: 'note', message: `Note must be ${NOTE_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer` });
    return { kind, title: title || firstWords(note), note, url: null, file: null };
  }
  if (kind === 'link') {
    const url = checkLink(input.url ?? '');
    return { kind, title: title || url.replace(/^https?:\/\//, ''), note: null, url, file: null };
  }
  const file = checkFile(input.file);
  return { kind, title: title || file.fileName, note: null, url: null, file };
}

/** A note's untitled heading: its first line, cut at a word near 60 characters. */
function firstWords(note: string): string {
  const line = note.split('\n')[0]?.trim() ?? '';
  if (line.length <= 60) return line;
  const cut = line.slice(0, 60);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 30 ? cut.lastIndexOf(' ') : 60)}…`;
}

function checkLink(raw: string): string {
  const text = raw.trim();
  if (!text) throw invalid({ field: 'url', message: 'Enter the web address of the evidence' });
  if (text.length > URL_MAX_LENGTH) throw invalid({ field: 'url', message: `Web address must be ${URL_MAX_LENGTH.toLocaleString('en-GB')} characters or fewer` });
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw invalid({ field: 'url', message: 'Enter a web address starting with https:// or http://' });
  }
  // Other schemes (javascript:, data:, file:) would run or open something when a supervisor clicks.
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid({ field: 'url', message: 'Enter a web address starting with https:// or http://' });
  // A password in a shared link would be shown to everyone who can see the evidence.
  if (url.username || url.password) throw invalid({ field: 'url', message: 'Enter a web address without a user name or password in it' });
  return url.href;
}

/** The type a file's first bytes (at least SNIFF_BYTES of them, or all of a shorter file) say it is. */
export async function detectFileType(head: Buffer): Promise<string | undefined> {
  return (await fileTypeFromBuffer(head))?.mime;
}

export function isAcceptedFileType(mediaType: string | undefined): mediaType is (typeof ACCEPTED_FILE_TYPES)[number] {
  return ACCEPTED_FILE_TYPES.some((t) => t === mediaType);
}

function checkFile(file: UploadedFile | undefined): NonNullable<CheckedEvidence['file']> {
  if (!file) throw invalid({ field: 'file', message: 'Select a file' });
  if (file.sizeBytes === 0 && !file.isTooLarge) throw invalid({ field: 'file', message: 'The selected file is empty' });
  if (file.isTooLarge || file.sizeBytes > FILE_MAX_BYTES) throw invalid({ field: 'file', message: 'The selected file must be smaller than 10MB' });
  // The name and the declared type come from the learner's computer; only the bytes say what it is.
  const mediaType = ACCEPTED_FILE_TYPES.find((t) => t === file.detectedType);
  if (!mediaType || !file.staged) throw invalid({ field: 'file', message: 'The selected file must be a PDF, PNG or JPEG' });
  return {
    fileName: sanitiseFileName(file.fileName, mediaType),
    mediaType,
    sizeBytes: file.staged.sizeBytes,
    sha256: file.staged.sha256,
    staged: file.staged,
  };
}
