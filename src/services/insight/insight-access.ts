import { validate as isUuid } from 'uuid';
import type { Database } from '../../db/client.ts';
import type { OrganisationRepository, OrganisationRow } from '../../db/organisation.repository.ts';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../identity/viewer.ts';

export interface InsightAccessDeps {
  organisationRepository: Pick<OrganisationRepository, 'getOrganisation' | 'isWithinSubtree' | 'listRootOrganisations'>;
}

export const insightNotFound = () => new AppError('not_found', 'There is no such organisation, or you cannot see its workforce insight.');

const isPlatformAdmin = (viewer: Viewer) => viewer.roles.includes('platform-admin');

/** The roles that see aggregate insight for the viewer's own organisation and everything beneath it. */
const seesOwnSubtree = (viewer: Viewer) => viewer.roles.includes('organisation-admin') || viewer.roles.includes('workforce-lead');

/**
 * Who may see workforce insight (issue 14 §4): organisation admins and workforce leads for their
 * organisation and everything beneath it, platform admins for every organisation, nobody else.
 * Insight is aggregate only, so this grants no sight of any person: that stays with the access
 * policy. A viewer without an insight role is refused (forbidden) for their own organisation,
 * which they know exists; every other organisation, ancestors and siblings included, is "not
 * found" to anyone who may not see it, exactly as an id that names nothing.
 */
export function createInsightAccess(deps: InsightAccessDeps) {
  const organisations = deps.organisationRepository;

  async function maySee(viewer: Viewer, organisationId: string, tx?: Database): Promise<boolean> {
    if (isPlatformAdmin(viewer)) return true;
    return seesOwnSubtree(viewer) && organisations.isWithinSubtree(viewer.organisationId, organisationId, tx);
  }

  return {
    /** Whether the viewer holds a role that shows insight anywhere; for offering links to it. */
    mayUseInsight: (viewer: Viewer): boolean => isPlatformAdmin(viewer) || seesOwnSubtree(viewer),

    /** The organisation, when the viewer may see insight for it; otherwise "forbidden" or "not found" as above. */
    async assertCanSeeInsight(viewer: Viewer, organisationId: string, tx?: Database): Promise<OrganisationRow> {
      const organisation = isUuid(organisationId) ? await organisations.getOrganisation(organisationId, tx) : undefined;
      if (!organisation) throw insightNotFound();
      if (await maySee(viewer, organisation.id, tx)) return organisation;
      if (organisation.id === viewer.organisationId) throw new AppError('forbidden', 'Only organisation admins and workforce leads can see workforce insight.');
      throw insightNotFound();
    },

    /** The organisations whose subtrees the viewer may see: their own, the tops of the tree for platform admins, none for others. */
    async insightRootsOf(viewer: Viewer, tx?: Database): Promise<OrganisationRow[]> {
      if (isPlatformAdmin(viewer)) return organisations.listRootOrganisations(tx);
      if (!seesOwnSubtree(viewer)) return [];
      const own = await organisations.getOrganisation(viewer.organisationId, tx);
      return own ? [own] : [];
    },
  };
}

export type InsightAccess = ReturnType<typeof createInsightAccess>;
