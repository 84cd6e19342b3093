import type { ActivityRow, AuditRepository } from '../../db/audit.repository.ts';
import type { OrganisationRow } from '../../db/organisation.repository.ts';
import { activityActions, describeActivity } from '../../domain/audit/access-activity.ts';
import type { ActivityGroup } from '../../domain/audit/access-activity.ts';
import { pageSlice } from '../../domain/paging/page-slice.ts';
import type { PageSlice } from '../../domain/paging/page-slice.ts';
import type { Viewer } from '../identity/viewer.ts';
import type { AccessPolicy } from './access-policy.ts';

/** Activity is read this many events at a time. */
export const ACTIVITY_PAGE_SIZE = 50;

export interface AccessActivityServiceDeps {
  auditRepository: Pick<AuditRepository, 'countActivity' | 'listActivity'>;
  access: Pick<AccessPolicy, 'assertCanAdministerOrganisation' | 'administeredRootId'>;
}

export interface ActivityEntry extends Omit<ActivityRow, 'detail'> {
  /** What happened, in words. */
  description: string;
}

export interface ActivityPage {
  organisation: OrganisationRow;
  group: ActivityGroup | undefined;
  entries: ActivityEntry[];
  slice: PageSlice;
}

/** The sign-ins, account and role changes and imports in an organisation and beneath it, for its admins (issue 15 §4). */
export function createAccessActivityService(deps: AccessActivityServiceDeps) {
  return {
    async listActivity({ viewer, organisationId, group, page }: { viewer: Viewer; organisationId?: string; group?: ActivityGroup; page: number }): Promise<ActivityPage> {
      const id = organisationId ?? (await deps.access.administeredRootId(viewer)) ?? viewer.organisationId;
      const organisation = await deps.access.assertCanAdministerOrganisation(viewer, id);
      const actions = activityActions(group);
      const slice = pageSlice(page, await deps.auditRepository.countActivity({ rootId: organisation.id, actions }), ACTIVITY_PAGE_SIZE);
      const rows = await deps.auditRepository.listActivity({ rootId: organisation.id, actions, limit: slice.pageSize, offset: slice.offset });
      return { organisation, group, slice, entries: rows.map(({ detail, ...row }) => ({ ...row, description: describeActivity(row.action, detail) })) };
    },
  };
}

export type AccessActivityService = ReturnType<typeof createAccessActivityService>;
