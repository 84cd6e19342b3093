import { formatDate } from '../dates.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { PROFESSIONAL_GROUPS, SETTINGS } from '../../domain/people/profile-options.ts';
import type { PageDeps } from '../index.ts';
import { takeParkedForm } from '../resume-form.ts';
import { requireViewer } from '../session.plugin.ts';
import { agreedFocusView, factorPageView, FIELD_PREFIX, overviewView } from './self-assessment.view-model.ts';
import { summaryPageView } from './summary.view-model.ts';
import { PERSONAL_PAGE } from '../personal-page-cache.ts';

const factorParams = z.object({ factorId: z.string().min(1).max(80) });
const SAVED_MESSAGES: Record<string, string> = { profile: 'Your roles with AI have been saved.', ratings: 'Your ratings have been saved.' };

/** `rating-<topic>` form fields → { topic: level }; anything else in the body is ignored. */
function ratingsIn(body: unknown): Record<string, string> {
  const ratings: Record<string, string> = {};
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (key.startsWith(FIELD_PREFIX) && typeof value === 'string' && value !== '') ratings[key.slice(FIELD_PREFIX.length)] = value.slice(0, 40);
  }
  return ratings;
}

export function registerSelfAssessmentPages(app: FastifyInstance, { services }: PageDeps): void {
  app.get('/self-assessment', PERSONAL_PAGE, async (request, reply) => {
    const viewer = requireViewer(request);
    const { saved } = z.object({ saved: z.string().max(20).optional() }).parse(request.query);
    const [assessment, profile, focus] = await Promise.all([
      services.selfAssessment.getSelfAssessment({ viewer, personId: viewer.personId }),
      services.profiles.getProfile({ viewer, personId: viewer.personId }),
      services.profiles.listAgreedFocus({ viewer, personId: viewer.personId }),
    ]);
    const index = assessment.framework.index;
    const archetypes = profile.archetypes.map((a) => index.archetypeById.get(a)?.label ?? a).join(', ') || 'None: foundational requirements only';
    const change = (label: string) => ({ items: [{ href: '/self-assessment/profile', text: 'Change', visuallyHiddenText: label }] });
    return reply.view('self-assessment/overview.njk', {
      pageTitle: 'Your self-assessment',
      currentSection: 'assessment',
      savedMessage: saved ? SAVED_MESSAGES[saved] : undefined,
      profileComplete: profile.professionalGroup !== null,
      profileRows: [
        { key: { text: 'Archetypes' }, value: { text: archetypes }, actions: change('archetypes') },
        { key: { text: 'AI in clinical decisions' }, value: { text: profile.clinicalDecisionMaking ? 'Yes' : 'No' }, actions: change('AI in clinical decisions') },
        { key: { text: 'Professional group' }, value: { text: PROFESSIONAL_GROUPS.find((g) => g.id === profile.professionalGroup)?.label ?? 'Not given' }, actions: change('professional group') },
        { key: { text: 'Where you work' }, value: { text: SETTINGS.find((s) => s.id === profile.setting)?.label ?? 'Not given' }, actions: change('where you work') },
      ],
      progress: assessment.progress,
      applicableCount: assessment.applicableCount,
      taskItems: overviewView(assessment),
      agreedFocus: agreedFocusView(index, focus),
    });
  });

  app.get('/self-assessment/factors/:factorId', PERSONAL_PAGE, async (request, reply) => {
    const viewer = requireViewer(request);
    const { factorId } = factorParams.parse(request.params);
    const assessment = await services.selfAssessment.getSelfAssessment({ viewer, personId: viewer.personId });
    const page = assessment.pages.find((p) => p.factor.id === factorId);
    if (!page) throw new AppError('not_found', 'There are no questions for this factor in your self-assessment.');
    const parked = await takeParkedForm(request, reply, `/self-assessment/factors/${factorId}`, services.sessions);
    const chosen = parked ? ratingsIn(parked) : {};
    return reply.view('self-assessment/factor.njk', { ...factorPageView(assessment, page, chosen), resumed: Boolean(parked) });
  });

  app.post('/self-assessment/factors/:factorId', async (request, reply) => {
    const viewer = requireViewer(request);
    const { factorId } = factorParams.parse(request.params);
    const { then } = z.object({ then: z.enum(['next', 'overview']).default('next') }).parse(request.body ?? {});
    const ratings = ratingsIn(request.body);
    const assessment = await services.selfAssessment.getSelfAssessment({ viewer, personId: viewer.personId });
    const page = assessment.pages.find((p) => p.factor.id === factorId);
    if (!page) throw new AppError('not_found', 'There are no questions for this factor in your self-assessment.');
    try {
      await services.selfAssessment.rateTopics({ viewer, ratings });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'invalid') throw error;
      const errors = Object.fromEntries(error.details.map((d) => [d.field, d.message]));
      const view = factorPageView(assessment, page, ratings, errors);
      const summary = error.details.map((d) => ({ text: d.message, href: `#${FIELD_PREFIX}${d.field}` }));
      return reply.status(400).view('self-assessment/factor.njk', { ...view, errorSummary: summary });
    }
    const position = assessment.pages.indexOf(page);
    const next = assessment.pages[position + 1];
    if (then === 'next' && next) return reply.redirect(`/self-assessment/factors/${next.factor.id}`, 303);
    // Saving the last page finishes the assessment: the summary says where she stands and leads on to planning.
    if (then === 'next') return reply.redirect('/self-assessment/summary?saved=ratings', 303);
    return reply.redirect('/self-assessment?saved=ratings', 303);
  });

  app.get('/self-assessment/summary', PERSONAL_PAGE, async (request, reply) => {
    const viewer = requireViewer(request);
    const { basis, saved } = z.object({ basis: z.enum(['self-rated', 'verified']).default('self-rated'), saved: z.enum(['ratings']).optional() }).parse(request.query);
    const [assessment, focus] = await Promise.all([
      services.selfAssessment.getSelfAssessment({ viewer, personId: viewer.personId }),
      services.profiles.listAgreedFocus({ viewer, personId: viewer.personId }),
    ]);
    return reply.view('self-assessment/summary.njk', { ...summaryPageView(assessment, basis, focus), savedMessage: saved ? SAVED_MESSAGES[saved] : undefined });
  });

  app.get('/self-assessment/history', PERSONAL_PAGE, async (request, reply) => {
    const viewer = requireViewer(request);
    const history = await services.selfAssessment.listRatingHistory({ viewer, personId: viewer.personId });
    // Labels come from the framework, not the current questions, so topics that no longer apply keep their names.
    const index = services.assessmentFramework().index;
    const labels = new Map([...index.topicById.values()].map((t) => [t.id, t.label]));
    return reply.view('self-assessment/history.njk', {
      pageTitle: 'How your ratings have changed',
      currentSection: 'assessment',
      rows: history.map((r) => [
        { text: formatDate(r.ratedAt) },
        { text: labels.get(r.topicId) ?? r.topicId },
        { text: r.level === 'not-yet' ? 'Not yet' : (index.levelById.get(r.level)?.label ?? r.level) },
      ]),
    });
  });
}
