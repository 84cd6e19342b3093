import type { EvidenceRepository } from '../../db/evidence.repository.ts';
import { digestOf } from '../../files/file-store.ts';
import type { FileStore, StoredContent } from '../../files/file-store.ts';

/** Content younger than this is never swept: an upload may have committed it and not yet written its row. */
export const SWEEP_GRACE_MS = 24 * 60 * 60 * 1000;
const PAGE = 200;
const FIRST_UUID = '00000000-0000-0000-0000-000000000000';

export interface LegacyMigrationReport {
  moved: number;
  /** Evidence whose stored bytes do not match its recorded digest: left in evidence_files, untouched. */
  refused: string[];
}

export interface SweepReport {
  removedContent: number;
  removedStaging: number;
}

/**
 * Housekeeping of evidence file content: moving bytes stored before the file store into it, and
 * sweeping content nothing points at. Both are safe to run at any time, in any number of processes.
 */
export function createEvidenceContentService(deps: {
  evidenceRepository: EvidenceRepository;
  fileStore: FileStore;
  warn?: (message: string) => void;
  now?: () => Date;
}) {
  const { evidenceRepository: evidence, fileStore } = deps;
  const warn = deps.warn ?? ((message: string) => process.emitWarning(message, 'EvidenceFileWarning'));
  const now = deps.now ?? (() => new Date());

  /**
   * One item: its bytes must hash to the digest its row recorded; they are stored, read back and
   * hashed again, and only then deleted from evidence_files. A crash at any point leaves the bytes
   * in at least one place, and running again finishes the job (the store reuses identical content).
   */
  async function moveOne(evidenceId: string, sha256: string | null): Promise<'moved' | 'refused' | 'gone'> {
    const content = await evidence.getLegacyContent(evidenceId);
    // Another process starting at the same time got there first.
    if (!content) return 'gone';
    const { sha256: actual } = await digestOf([content]);
    if (actual !== sha256) {
      warn(`evidence ${evidenceId}: its bytes hash to ${actual} but the row records ${sha256 ?? 'no digest'}; left in evidence_files`);
      return 'refused';
    }
    const staged = await fileStore.stage([content]);
    await staged.commit();
    const stored = await fileStore.open(sha256);
    const check = stored ? await digestOf(stored) : undefined;
    if (check?.sha256 !== sha256 || check.sizeBytes !== content.length) {
      warn(`evidence ${evidenceId}: the stored copy does not read back as ${sha256}; left in evidence_files`);
      return 'refused';
    }
    return (await evidence.deleteLegacyContent(evidenceId)) ? 'moved' : 'gone';
  }

  return {
    async migrateLegacyEvidenceContent(): Promise<LegacyMigrationReport> {
      const report: LegacyMigrationReport = { moved: 0, refused: [] };
      for (let after = FIRST_UUID; ; ) {
        const page = await evidence.listLegacyContent(after, PAGE);
        for (const item of page) {
          const outcome = await moveOne(item.evidenceId, item.sha256);
          if (outcome === 'moved') report.moved++;
          if (outcome === 'refused') report.refused.push(item.evidenceId);
        }
        if (page.length < PAGE) return report;
        after = page[page.length - 1]?.evidenceId ?? after;
      }
    },

    /**
     * Removes content no evidence row points at (withdrawn evidence keeps its content: it is
     * history), and staged uploads that never finished, once older than the grace period.
     */
    async sweepUnreferencedContent({ graceMs = SWEEP_GRACE_MS }: { graceMs?: number } = {}): Promise<SweepReport> {
      const cutoff = new Date(now().getTime() - graceMs);
      const removedStaging = await fileStore.removeAbandonedStaging(cutoff);
      let removedContent = 0;
      let batch: StoredContent[] = [];
      const sweepBatch = async () => {
        const referenced = await evidence.listReferencedContent(batch.map((c) => c.sha256));
        for (const content of batch) {
          if (referenced.has(content.sha256) || content.storedAt >= cutoff) continue;
          if (await fileStore.removeIfStoredBefore(content.sha256, cutoff)) removedContent++;
        }
        batch = [];
      };
      for await (const content of fileStore.listContent()) {
        batch.push(content);
        if (batch.length >= PAGE) await sweepBatch();
      }
      await sweepBatch();
      return { removedContent, removedStaging };
    },
  };
}

export type EvidenceContentService = ReturnType<typeof createEvidenceContentService>;
