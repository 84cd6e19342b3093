import { pipeline } from 'node:stream/promises';
import type { OrganisationRepository } from '../../db/organisation.repository.ts';
import type { PersonalDataRepository } from '../../db/personal-data.repository.ts';
import { AppError } from '../../errors.ts';
import { verifyingDigest } from '../../files/file-store.ts';
import type { FileStore } from '../../files/file-store.ts';
import type { Viewer } from '../identity/viewer.ts';

export const PERSONAL_DATA_FORMAT = 'ai-confidence-hub/personal-data@1';

/**
 * A person's right of access: everything the hub holds about them, as one JSON document. Only the
 * person themselves may export it; evidence files are included (base64) so nothing stays behind.
 */
export function createPersonalDataService(deps: {
  personalDataRepository: PersonalDataRepository;
  organisationRepository: OrganisationRepository;
  fileStore: FileStore;
  now?: () => Date;
}) {
  const now = deps.now ?? (() => new Date());

  /**
   * A file's bytes as base64, from the file store, or from evidence_files where they stayed (bytes
   * that did not match their digest when the store was introduced are kept there, and still theirs).
   */
  async function contentOf(item: { id: string; sha256: string | null }, legacy: Map<string, Buffer>): Promise<string | null> {
    const stored = item.sha256 ? await deps.fileStore.open(item.sha256) : undefined;
    if (!stored) return legacy.get(item.id)?.toString('base64') ?? null;
    const chunks: Buffer[] = [];
    await pipeline(stored, verifyingDigest(item.sha256 ?? ''), async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) chunks.push(chunk);
    });
    return Buffer.concat(chunks).toString('base64');
  }

  return {
    async exportPersonalData({ viewer }: { viewer: Viewer }) {
      const data = await deps.personalDataRepository.collectPersonalData(viewer.personId);
      if (!data) throw new AppError('not_found', 'There is no such person.');
      const legacy = new Map(data.evidenceFiles.map((f) => [f.evidenceId, f.content]));
      const evidence = [];
      for (const item of data.evidence) evidence.push({ ...item, contentBase64: item.kind === 'file' ? await contentOf(item, legacy) : null });
      const organisationPath = (await deps.organisationRepository.listAncestry(data.person.organisationId)).reverse();
      return {
        format: PERSONAL_DATA_FORMAT,
        exportedAt: now().toISOString(),
        person: data.person,
        organisationPath,
        profile: data.profile,
        signIn: data.signIn,
        sessions: data.sessions,
        identityLinks: data.identityLinks,
        invitations: data.invitations,
        passwordResets: data.passwordResets,
        supervisions: data.supervisions,
        ratings: data.ratings,
        advancedFocus: data.advancedFocus,
        evidence,
        verificationRequests: data.verificationRequests,
        verificationDecisions: data.verificationDecisions,
        notifications: data.notifications,
        mail: data.mail,
        mailDeliveryAttempts: data.mailDeliveryAttempts,
        trainingReminders: data.trainingReminders,
        auditEvents: data.auditEvents,
        journeys: data.journeys,
        journeyItems: data.journeyItems,
        learningClaims: data.learningClaims,
        productUses: data.productUses,
        moduleAttempts: data.moduleAttempts,
        teamMemberships: data.teamMemberships,
        teamResponsibilities: data.teamResponsibilities,
        teamAssignments: data.teamAssignments,
        staffRecords: data.staffRecords,
        staffAssignments: data.staffAssignments,
        profileSuggestion: data.profileSuggestion,
      };
    },
  };
}

export type PersonalDataService = ReturnType<typeof createPersonalDataService>;
