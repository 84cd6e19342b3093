import { z } from 'zod';
import { ACTIVITY_GROUPS } from '../../domain/audit/access-activity.ts';
import type { ActivityPage } from '../../services/people/access-activity.service.ts';

// `:id`, as the other /api/v1/organisations/:id routes name it (the router shares the segment).
export const activityParams = z.object({ id: z.guid() });
export const activityQuery = z.object({
  show: z.enum(ACTIVITY_GROUPS).optional().describe('sign-in: sign-ins, refusals, role switches and passwords; people: accounts, roles, supervisors and invitations; organisation: sign-in settings and staff imports. Absent: all of them.'),
  page: z.string().regex(/^\d{1,6}$/).optional().describe('Page number, 1 or more; 50 events a page, newest first'),
});

export const activityPageSchema = z.object({
  organisation: z.object({ id: z.guid(), name: z.string() }),
  show: z.enum(ACTIVITY_GROUPS).nullable(),
  page: z.number().int(),
  pageCount: z.number().int(),
  total: z.number().int(),
  events: z.array(
    z.object({
      id: z.guid(),
      at: z.string().describe('ISO 8601 date and time'),
      action: z.string().describe('The audit action, e.g. sign-in.oidc.succeeded, person.roles-changed, staff-import.applied'),
      description: z.string().describe('What happened, in words'),
      actor: z.object({ id: z.guid(), name: z.string().nullable() }).nullable().describe('Who did it; null when the hub did'),
      subject: z.object({ id: z.guid(), name: z.string().nullable() }).nullable().describe('Whom or what it was about: a person (with a name) or an organisation or import (without)'),
      organisationName: z.string().nullable(),
    }),
  ),
});

export function toActivityJson(view: ActivityPage): z.infer<typeof activityPageSchema> {
  return {
    organisation: { id: view.organisation.id, name: view.organisation.name },
    show: view.group ?? null,
    page: view.slice.page,
    pageCount: view.slice.pageCount,
    total: view.slice.total,
    events: view.entries.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      action: e.action,
      description: e.description,
      actor: e.actorId ? { id: e.actorId, name: e.actorName } : null,
      subject: e.subjectId ? { id: e.subjectId, name: e.subjectName } : null,
      organisationName: e.organisationName,
    })),
  };
}
