import type { OrganisationRepository } from '../../db/organisation.repository.ts';
import type { PersonalDataRepository } from '../../db/personal-data.repository.ts';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../identity/viewer.ts';

export const PERSONAL_DATA_FORMAT = 'ai-confidence-hub/personal-data@1';

/**
 * A person's right of access: everything the hub holds about them, as one JSON document. Only the
 * person themselves may export it; evidence files are included (base64) so nothing stays behind.
 */
export function createPersonalDataService(deps: { personalDataRepository: PersonalDataRepository; organisationRepository: OrganisationRepository; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());
  return {
    async exportPersonalData({ viewer }: { viewer: Viewer }) {
      const data = await deps.personalDataRepository.collectPersonalData(viewer.personId);
      if (!data) throw new AppError('not_found', 'There is no such person.');
      const files = new Map(data.evidenceFiles.map((f) => [f.evidenceId, f.content.toString('base64')]));
      const organisationPath = (await deps.organisationRepository.listAncestry(data.person.organisationId)).reverse();
      return {
        format: PERSONAL_DATA_FORMAT,
        exportedAt: now().toISOString(),
        person: data.person,
        organisationPath,
        profile: data.profile,
        signIn: data.signIn,
        sessions: data.sessions,
        invitations: data.invitations,
        supervisions: data.supervisions,
        ratings: data.ratings,
        advancedFocus: data.advancedFocus,
        evidence: data.evidence.map((e) => ({ ...e, contentBase64: files.get(e.id) ?? null })),
        verificationRequests: data.verificationRequests,
        verificationDecisions: data.verificationDecisions,
        notifications: data.notifications,
        mail: data.mail,
        auditEvents: data.auditEvents,
      };
    },
  };
}

export type PersonalDataService = ReturnType<typeof createPersonalDataService>;
