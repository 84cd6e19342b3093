import { validate as isUuid } from 'uuid';
import type { PersonRow } from '../../db/people.repository.ts';
import type { SupervisionRepository } from '../../db/supervision.repository.ts';
import { AppError } from '../../errors.ts';
import type { AccessPolicy } from '../people/access-policy.ts';
import type { Viewer } from '../identity/viewer.ts';

const personNotFound = () => new AppError('not_found', 'There is no such person, or you cannot see them.');

/**
 * Who may open a member of staff's page: whoever the access policy lets see their assessment (their
 * current supervisors and the admins of their organisation), never the person themselves (their
 * own pages are the self-assessment). Everyone else, and every unknown id, is "not found".
 */
export function createStaffAccess(deps: { access: Pick<AccessPolicy, 'assertCanSeePerson'>; supervisionRepository: Pick<SupervisionRepository, 'isCurrentSupervisor'> }) {
  return {
    async staffMember(viewer: Viewer, personId: string): Promise<PersonRow> {
      if (!isUuid(personId) || personId === viewer.personId) throw personNotFound();
      try {
        return await deps.access.assertCanSeePerson(viewer, personId);
      } catch (error) {
        throw error instanceof AppError ? personNotFound() : error;
      }
    },

    /** Only a current supervisor verifies (as with requests); an admin may look but not verify. */
    maySupervise: (viewer: Viewer, personId: string): Promise<boolean> => deps.supervisionRepository.isCurrentSupervisor(viewer.personId, personId),
  };
}

export type StaffAccess = ReturnType<typeof createStaffAccess>;
