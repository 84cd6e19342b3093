import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { STAFF_FILTERS } from '../../domain/people/staff-list.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { formErrorsOf } from '../verification/verification.view-model.ts';
import { evidenceRowsView, filterItems, focusView, gapRowsView, journeyView, ratingGroupsView, STAFF_MEMBER_PAGE, STAFF_PAGE, staffRowView, trainingRowsView } from './staff.view-model.ts';

// Neither page is cached: both show other people's data (see personal-page-cache.ts).
const listQuery = z.object({ show: z.enum(STAFF_FILTERS).catch('all').default('all'), q: z.string().max(100).catch('').default('') });
const personParams = z.object({ personId: z.string().min(1).max(60) });
const memberQuery = z.object({ done: z.enum(['verified']).optional() });
const verifyForm = z.object({ topicId: z.string().max(120).default(''), outcome: z.string().max(20).optional() });
const SECTION = 'staff';

export function registerStaffPages(app: FastifyInstance, { services }: PageDeps): void {
  app.get(STAFF_PAGE, async (request, reply) => {
    const viewer = requireViewer(request);
    const { show, q } = listQuery.parse(request.query);
    const { total, entries } = await services.staff.listMyStaff({ viewer, filter: show, search: q });
    return reply.view('staff/staff.njk', {
      pageTitle: 'My staff',
      currentSection: SECTION,
      total,
      rows: entries.map(staffRowView),
      filters: { show, q, items: filterItems(show), active: show !== 'all' || q.trim() !== '' },
    });
  });

  async function renderMember(reply: FastifyReply, viewer: Viewer, personId: string, extras: { doneMessage?: string | undefined; errorSummary?: unknown } = {}) {
    const member = await services.staff.getStaffMember({ viewer, personId });
    const { assessment, person } = member;
    return reply.view('staff/staff-member.njk', {
      pageTitle: `${person.displayName}: my staff`,
      currentSection: SECTION,
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'My staff', href: STAFF_PAGE }],
      person,
      archetypeLabels: member.archetypes.map((a) => assessment.framework.index.archetypeById.get(a)?.label ?? a),
      progress: assessment.progress,
      selfRated: assessment.summary.selfRated.overall,
      verified: assessment.summary.verified.overall,
      openRequests: member.history.filter((r) => r.decision === null && r.request.supervisorId === viewer.personId).length,
      focus: focusView(member),
      focusPath: `/people/${person.id}/assessment`,
      isSupervisor: member.canVerify,
      ratingGroups: ratingGroupsView(member, viewer.personId),
      verifyPath: `${STAFF_MEMBER_PAGE(person.id)}/verify`,
      gapRows: gapRowsView(member),
      evidence: evidenceRowsView(member),
      journey: journeyView(member),
      trainingRows: trainingRowsView(member),
      ...extras,
    });
  }

  app.get('/staff/:personId', async (request, reply) => {
    const viewer = requireViewer(request);
    const { personId } = personParams.parse(request.params);
    const { done } = memberQuery.parse(request.query);
    return renderMember(reply, viewer, personId, { doneMessage: done ? 'The rating is verified and they have been told.' : undefined });
  });

  app.post('/staff/:personId/verify', async (request, reply) => {
    const viewer = requireViewer(request);
    const { personId } = personParams.parse(request.params);
    const { topicId, outcome } = verifyForm.parse(request.body ?? {});
    try {
      await services.supervisorVerification.verifyRating({ viewer, learnerId: personId, topicId, decision: { outcome: outcome ?? 'confirmed' } });
    } catch (error) {
      const { status, errorSummary } = formErrorsOf(error, { rating: 'ratings', outcome: 'ratings', '': 'ratings' });
      return renderMember(reply.status(status), viewer, personId, { errorSummary });
    }
    return reply.redirect(`${STAFF_MEMBER_PAGE(personId)}?done=verified#ratings`, 303);
  });
}
