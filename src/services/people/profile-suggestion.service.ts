import type { AuditRepository } from '../../db/audit.repository.ts';
import type { Database } from '../../db/client.ts';
import type { ProfileSuggestionRepository } from '../../db/profile-suggestion.repository.ts';
import { inTransaction } from '../../db/transaction.ts';
import { PROFESSIONAL_GROUP_IDS } from '../../domain/people/profile-options.ts';
import type { ProfessionalGroupId } from '../../domain/people/profile-options.ts';
import type { Viewer } from '../identity/viewer.ts';

export interface StaffRecordSuggestion {
  professionalGroup: ProfessionalGroupId | null;
  archetypes: string[];
}

/**
 * What a person's ESR record suggests for their profile (issue 15 §2). It is only ever offered:
 * the person fills the profile form with it and saves it themselves, or turns it down.
 */
export function createProfileSuggestionService(deps: { db: Database; repository: ProfileSuggestionRepository; auditRepository: Pick<AuditRepository, 'insertAuditEvent'>; now?: () => Date }) {
  const now = deps.now ?? (() => new Date());

  async function decide(viewer: Viewer, decision: 'accepted' | 'declined'): Promise<void> {
    await inTransaction(deps.db, async (tx) => {
      if (await deps.repository.decide(viewer.personId, decision, now(), tx)) {
        await deps.auditRepository.insertAuditEvent({ organisationId: viewer.organisationId, actorId: viewer.personId, subjectId: viewer.personId, action: `profile-suggestion.${decision}`, detail: {} }, tx);
      }
    });
  }

  return {
    async getOpenSuggestion(viewer: Viewer): Promise<StaffRecordSuggestion | undefined> {
      const row = await deps.repository.getOpenSuggestion(viewer.personId);
      if (!row) return undefined;
      const group = PROFESSIONAL_GROUP_IDS.find((id) => id === row.professionalGroup) ?? null;
      return group || row.archetypes.length > 0 ? { professionalGroup: group, archetypes: row.archetypes } : undefined;
    },
    /** The person saved their profile starting from the suggestion. */
    accept: (viewer: Viewer) => decide(viewer, 'accepted'),
    decline: (viewer: Viewer) => decide(viewer, 'declined'),
  };
}

export type ProfileSuggestionService = ReturnType<typeof createProfileSuggestionService>;
