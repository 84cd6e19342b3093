import type { Database } from '../../db/client.ts';
import type { OrganisationRepository, OrganisationRow } from '../../db/organisation.repository.ts';
import { canSitUnder } from '../../domain/people/organisation-kinds.ts';
import type { OrganisationKind } from '../../domain/people/organisation-kinds.ts';
import { AppError } from '../../errors.ts';

export interface CreateOrganisationOptions {
  kind: OrganisationKind;
  name: string;
  parentId: string | null;
  odsCode?: string | null;
}

export function createOrganisationService(deps: { organisationRepository: OrganisationRepository }) {
  const organisations = deps.organisationRepository;
  return {
    /** Adds an organisation where the NHS tree allows it (a trust under an ICS, a team under a trust...). */
    async createOrganisation({ kind, name, parentId, odsCode = null }: CreateOrganisationOptions, tx?: Database): Promise<OrganisationRow> {
      const parent = parentId ? await organisations.getOrganisation(parentId, tx) : undefined;
      if (parentId && !parent) throw new AppError('invalid', 'The parent organisation does not exist.');
      if (!canSitUnder(kind, parent?.kind ?? null)) {
        throw new AppError('invalid', `A ${kind.replaceAll('-', ' ')} cannot sit ${parent ? `under a ${parent.kind.replaceAll('-', ' ')}` : 'at the top of the tree'}.`);
      }
      return organisations.insertOrganisation({ kind, name: name.trim(), parentId, odsCode: odsCode?.trim().toUpperCase() || null }, tx);
    },

    getOrganisation: (id: string) => organisations.getOrganisation(id),
    listOrganisations: () => organisations.listOrganisations(),
    listSubtreeIds: (id: string) => organisations.listSubtreeIds(id),
    listAncestry: (id: string) => organisations.listAncestry(id),
  };
}

export type OrganisationService = ReturnType<typeof createOrganisationService>;
