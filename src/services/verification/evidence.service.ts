import { validate as isUuid } from 'uuid';
import type { Database } from '../../db/client.ts';
import type { EvidenceRepository, EvidenceRow } from '../../db/evidence.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../identity/viewer.ts';
import { checkEvidence } from './evidence-input.ts';
import type { EvidenceInput } from './evidence-input.ts';
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
  content: Buffer;
}

const evidenceNotFound = () => new AppError('not_found', 'There is no such evidence, or you cannot see it.');

export function createEvidenceService(deps: {
  db: Database;
  evidenceRepository: EvidenceRepository;
  audit: AuditTrail;
  access: VerificationAccess;
  framework: AssessmentFramework;
  now?: () => Date;
}) {
  const { evidenceRepository: evidence } = deps;
  const now = deps.now ?? (() => new Date());

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

  return {
    /** A learner adds a note, a link or a file to one of their topics. Nothing is stored unless every check passes. */
    async addEvidence({ viewer, topicId, evidence: input }: AddEvidenceOptions): Promise<EvidenceRow> {
      const framework = deps.framework();
      const topic = requireVerifiableTopic(framework.index, topicId);
      const checked = await checkEvidence(input);
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
          checked.file?.content ?? null,
          tx,
        );
        const detail = { frameworkId: framework.id, topicId: topic.id, kind: row.kind, title: row.title, sha256: row.sha256 };
        await deps.audit.insertAuditEvent({ organisationId: viewer.organisationId, actorId: viewer.personId, subjectId: row.id, action: 'evidence.added', detail }, tx);
        return row;
      });
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
      if (row.kind !== 'file' || !row.fileName || !row.mediaType) throw evidenceNotFound();
      const content = await evidence.getEvidenceContent(row.personId, row.id);
      if (!content) throw evidenceNotFound();
      return { fileName: row.fileName, mediaType: row.mediaType, content };
    },
  };
}

export type EvidenceService = ReturnType<typeof createEvidenceService>;
