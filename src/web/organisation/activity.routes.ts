import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ACTIVITY_GROUP_LABELS, ACTIVITY_GROUPS } from '../../domain/audit/access-activity.ts';
import type { PageDeps } from '../index.ts';
import { pageHref, pagerView, readPageNumber, showingText } from '../pagination.ts';
import { requireViewer } from '../session.plugin.ts';
import { dateTimeText } from './organisation-view.ts';

export const ACTIVITY_PATH = '/organisation/activity';

// An unknown filter shows everything rather than failing: it only ever comes from an edited link.
const activityQuery = z.object({ organisationId: z.guid().optional(), show: z.enum(ACTIVITY_GROUPS).optional().catch(undefined) });

/** The organisation admin's record of sign-ins, account and role changes and staff imports (issue 15 §4). */
export function registerActivityPages(app: FastifyInstance, { services }: PageDeps): void {
  app.get(ACTIVITY_PATH, async (request, reply) => {
    const viewer = requireViewer(request);
    const { organisationId, show } = activityQuery.parse(request.query);
    const activity = await services.accessActivity.listActivity({ viewer, organisationId, group: show, page: readPageNumber(request.query) });
    const href = (n: number) => pageHref(ACTIVITY_PATH, { organisationId: activity.organisation.id, show }, n, 'activity');
    return reply.view('organisation/activity.njk', {
      pageTitle: `Sign-ins and account activity in ${activity.organisation.name}`,
      currentSection: 'organisation',
      organisation: activity.organisation,
      groupItems: [{ value: '', text: 'Everything', selected: !show }, ...ACTIVITY_GROUPS.map((group) => ({ value: group, text: ACTIVITY_GROUP_LABELS[group], selected: show === group }))],
      entries: activity.entries.map((entry) => ({
        ...entry,
        when: dateTimeText(entry.at),
        // Only a person's page links; an organisation subject (settings, imports) names itself in the row.
        subjectPath: entry.subjectName && entry.subjectId ? `/organisation/people/${entry.subjectId}` : undefined,
      })),
      showing: showingText(activity.slice, 'event', 'events'),
      pager: pagerView(activity.slice, href),
    });
  });
}
