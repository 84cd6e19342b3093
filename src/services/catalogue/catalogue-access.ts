import type { Database } from '../../db/client.ts';
import type { OrganisationRepository } from '../../db/organisation.repository.ts';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../identity/viewer.ts';

/**
 * Who curates the catalogue: educators, for resources owned by their organisation or any beneath
 * it, and platform admins, everywhere. Archetypes never grant anything; nor do other roles (an
 * organisation admin manages people, not learning content).
 */
export function createCatalogueAccess(deps: { organisationRepository: Pick<OrganisationRepository, 'isWithinSubtree' | 'listAncestry'> }) {
  const isPlatformAdmin = (viewer: Viewer) => viewer.roles.includes('platform-admin');
  const isCurator = (viewer: Viewer | null): viewer is Viewer => viewer !== null && (viewer.roles.includes('educator') || isPlatformAdmin(viewer));

  return {
    isCurator,

    /** The curator, or `forbidden` for everyone else. */
    requireCurator(viewer: Viewer): Viewer {
      if (!isCurator(viewer)) throw new AppError('forbidden', 'Only educators can curate learning resources.');
      return viewer;
    },

    /** Whether the viewer may change resources owned by this organisation. */
    async canCurate(viewer: Viewer | null, organisationId: string, tx?: Database): Promise<boolean> {
      if (!isCurator(viewer)) return false;
      if (isPlatformAdmin(viewer)) return true;
      return deps.organisationRepository.isWithinSubtree(viewer.organisationId, organisationId, tx);
    },

    /**
     * Whose unpublished resources the viewer sees: their organisation's subtree, null for a
     * platform admin (every organisation), undefined for someone who curates nothing.
     */
    curatedRootOf(viewer: Viewer | null): string | null | undefined {
      if (!isCurator(viewer)) return undefined;
      return isPlatformAdmin(viewer) ? null : viewer.organisationId;
    },

    /** The organisation whose people a curator plans for: their own, or for a platform admin the root of their tree. */
    async planningRootOf(viewer: Viewer): Promise<string> {
      if (!isPlatformAdmin(viewer)) return viewer.organisationId;
      return (await deps.organisationRepository.listAncestry(viewer.organisationId)).at(-1)?.id ?? viewer.organisationId;
    },
  };
}

export type CatalogueAccess = ReturnType<typeof createCatalogueAccess>;
