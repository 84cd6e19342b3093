import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { validate as isUuid } from 'uuid';
import type { Database } from '../../db/client.ts';
import type { EvidenceRepository, EvidenceRow } from '../../db/evidence.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { verifyingDigest } from '../../files/file-store.ts';
import type { FileStore } from '../../files/file-store.ts';
import type { VirusScanner } from '../../files/virus-scanner.ts';
import { assertStagedFileClean } from '../../files/scan-staged-file.ts';
import type { Viewer } from '../identity/viewer.ts';
import { checkEvidence } from './evidence-input.ts';
import type { EvidenceInput } from './evidence-input.ts';
import { receiveEvidenceFile } from './evidence-upload.ts';
import type { IncomingFile } from './evidence-upload.ts';
import type { AssessmentFramework, AuditTrail, VerificationAccess } from './ports.ts';
import { requireVerifiableTopic } from './verifiable-topics.ts';

export interface AddEvidenceOptions {
  viewer: Viewer;
  topicId: string;
  evidence: EvidenceInput;
}

export interface ListTopicEvidenceOptions {
  viewer: Viewer;
  personId: string;
  topicId: string;
  /** Withdrawn items are history: the learner sees them, marked; others see only current evidence. */
  includeWithdrawn?: boolean;
}

export interface EvidenceFile {
  fileName: string;
  mediaType: string;
  sizeBytes: number | null;
  /** The bytes as they come from the store; the stream fails at its end if they are not what was uploaded. */
  content: Readable;
}

const evidenceNotFound = () => new AppError('not_found', 'There is no such evidence, or you cannot see it.');

export function createEvidenceService(deps: {
  db: Database;
  evidenceRepository: EvidenceRepository;
  audit: AuditTrail;
  access: VerificationAccess;
  framework: AssessmentFramework;
  fileStore: FileStore;
  /** Off (null) unless configured; when on, a file it does not call clean is refused. */
  virusScanner: VirusScanner | null;
  warn?: (message: string) => void;
  now?: () => Date;
}) {
  const { evidenceRepository: evidence } = deps;
  const now = deps.now ?? (() => new Date());
  const warn = deps.warn ?? ((message: string) => process.emitWarning(message, 'EvidenceFileWarning'));

  /** The item, when the viewer may see its owner; withdrawn files stay with their owner only. */
  async function findVisibleEvidence(viewer: Viewer, evidenceId: string): Promise<EvidenceRow> {
    // Ids arrive from URLs: a malformed one is simply not found (and never reaches a uuid column).
    if (!isUuid(evidenceId)) throw evidenceNotFound();
    const row = await evidence.findEvidence(evidenceId);
    if (!row) throw evidenceNotFound();
    if (row.personId !== viewer.personId) {
      if (row.withdrawnAt) throw evidenceNotFound();
      try {
        await deps.access.assertCanSeePerson(viewer, row.personId);
      } catch (error) {
        throw error instanceof AppError ? evidenceNotFound() : error;
      }
    }
    return row;
  }

  async function addCheckedEvidence({ viewer, topicId, evidence: input }: AddEvidenceOptions): Promise<EvidenceRow> {
    const framework = deps.framework();
    const topic = requireVerifiableTopic(framework.index, topicId);
    const checked = await checkEvidence(input);
    if (checked.file) {
      await assertStagedFileClean(deps.virusScanner, checked.file.staged);
      // Content first: a row never points at bytes that are not safely stored. If the row then
      // fails, the content is an orphan that the sweep (evidence-content.service.ts) removes.
      await checked.file.staged.commit();
    }
    return inTransaction(deps.db, async (tx) => {
      const row = await evidence.insertEvidence(
        {
          organisationId: viewer.organisationId,
          personId: viewer.personId,
          frameworkId: framework.id,
          topicId: topic.id,
          kind: checked.kind,
          title: checked.title,
          note: checked.note,
          url: checked.url,
          fileName: checked.file?.fileName ?? null,
          mediaType: checked.file?.mediaType ?? null,
          sizeBytes: checked.file?.sizeBytes ?? null,
          sha256: checked.file?.sha256 ?? null,
        },
        tx,
      );
      const detail = { frameworkId: framework.id, topicId: topic.id, kind: row.kind, title: row.title, sha256: row.sha256 };
      await deps.audit.insertAuditEvent({ organisationId: viewer.organisationId, actorId: viewer.personId, subjectId: row.id, action: 'evidence.added', detail }, tx);
      return row;
    });
  }

  return {
    /**
     * Takes a file off the wire into the file store's staging area (see evidence-upload.ts); it is
     * committed only by `addEvidence`, and the caller discards it otherwise.
     */
    receiveFile: (incoming: IncomingFile) => receiveEvidenceFile(deps.fileStore, incoming),

    /**
     * A learner adds a note, a link or a file to one of their topics. Nothing is stored unless every
     * check passes: a file's content is committed to the store before its row is written, and a
     * staged file that is refused is discarded.
     */
    async addEvidence({ viewer, topicId, evidence: input }: AddEvidenceOptions): Promise<EvidenceRow> {
      try {
        return await addCheckedEvidence({ viewer, topicId, evidence: input });
      } finally {
        await input.file?.staged?.discard();
      }
    },

    /** The learner withdraws their own item; it stays, marked withdrawn, as history. */
    async withdrawEvidence({ viewer, evidenceId }: { viewer: Viewer; evidenceId: string }): Promise<EvidenceRow> {
      if (!isUuid(evidenceId)) throw evidenceNotFound();
      return inTransaction(deps.db, async (tx) => {
        const row = await evidence.withdrawEvidence(viewer.personId, evidenceId, now(), tx);
        if (!row) {
          const existing = await evidence.findEvidence(evidenceId, tx);
          if (existing?.personId === viewer.personId) throw new AppError('conflict', 'This evidence has already been withdrawn.');
          throw evidenceNotFound();
        }
        await deps.audit.insertAuditEvent(
          { organisationId: viewer.organisationId, actorId: viewer.personId, subjectId: row.id, action: 'evidence.withdrawn', detail: { topicId: row.topicId } },
          tx,
        );
        return row;
      });
    },

    async listTopicEvidence({ viewer, personId, topicId, includeWithdrawn = false }: ListTopicEvidenceOptions): Promise<EvidenceRow[]> {
      if (!isUuid(personId)) throw new AppError('not_found', 'There is no such person, or you cannot see them.');
      await deps.access.assertCanSeePerson(viewer, personId);
      const framework = deps.framework();
      const topic = requireVerifiableTopic(framework.index, topicId);
      const withdrawnToo = includeWithdrawn && personId === viewer.personId;
      return evidence.listEvidenceForTopic({ personId, frameworkId: framework.id, topicId: topic.id }, { includeWithdrawn: withdrawnToo });
    },

    /** One item's details, for whoever may see its owner (and the owner, withdrawn or not). */
    getEvidence: ({ viewer, evidenceId }: { viewer: Viewer; evidenceId: string }): Promise<EvidenceRow> => findVisibleEvidence(viewer, evidenceId),

    /** A file's bytes with the type detected when it was uploaded (never the type the uploader claimed). */
    async getEvidenceFile({ viewer, evidenceId }: { viewer: Viewer; evidenceId: string }): Promise<EvidenceFile> {
      const row = await findVisibleEvidence(viewer, evidenceId);
      if (row.kind !== 'file' || !row.fileName || !row.mediaType || !row.sha256) throw evidenceNotFound();
      const stored = await deps.fileStore.open(row.sha256);
      if (!stored) {
        warn(`evidence ${row.id} has no content in the file store (sha256 ${row.sha256})`);
        throw evidenceNotFound();
      }
      const content = pipeline(stored, verifyingDigest(row.sha256), (error) => {
        if (error && !isClosedEarly(error)) warn(`evidence ${row.id} was not sent whole: ${error.message}`);
      });
      return { fileName: row.fileName, mediaType: row.mediaType, sizeBytes: row.sizeBytes, content };
    },
  };
}

export type EvidenceService = ReturnType<typeof createEvidenceService>;

/** A reader who stops early (a closed browser tab) is not a fault in the stored file. */
function isClosedEarly(error: Error): boolean {
  return (error as { code?: unknown }).code === 'ERR_STREAM_PREMATURE_CLOSE';
}
