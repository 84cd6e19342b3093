import type { FastifyInstance } from 'fastify';
import type { SelfAssessment } from '../../services/assessment/self-assessment.service.ts';
import { ratingScale } from '../../domain/assessment/requirement-status.ts';
import type { Services } from '../../services/index.ts';
import { requireViewer } from '../../web/session.plugin.ts';
import { focusRequest, gapsQuery, personParams, profileUpdate, ratingsUpdate } from './assessment.schemas.ts';
import type { ProfileRow } from '../../db/people.repository.ts';

const toProfileJson = (p: ProfileRow) => ({
  archetypes: p.archetypes,
  clinicalDecisionMaking: p.clinicalDecisionMaking,
  professionalGroup: p.professionalGroup,
  setting: p.setting,
  updatedAt: p.updatedAt.toISOString(),
});

function toAssessmentJson(a: SelfAssessment) {
  const index = a.framework.index;
  return {
    framework: { id: a.framework.id, version: a.framework.version },
    progress: a.progress,
    applicableRequirements: a.applicableCount,
    pages: a.pages.map((page) => ({
      factor: page.factor.id,
      label: page.factor.label,
      topics: page.questions.map((q) => {
        const current = a.current.get(q.topic.id);
        return {
          topicId: q.topic.id,
          label: q.topic.label,
          kind: q.topic.kind,
          factor: q.topic.factor,
          scale: ratingScale(index, q.topic.kind).map(({ value, label, statement }) => ({ value, label, statement })),
          requirements: q.statements.map((s) => ({ id: s.requirement.id, level: s.requirement.level, statement: s.requirement.statement })),
          selfRated: current ? { level: current.level, ratedAt: current.ratedAt.toISOString() } : null,
          verifiedLevel: a.verified.get(q.topic.id) ?? null,
        };
      }),
    })),
  };
}

function toGapsJson(a: SelfAssessment, basis: 'self-rated' | 'verified') {
  const summary = basis === 'verified' ? a.summary.verified : a.summary.selfRated;
  return {
    basis,
    overall: summary.overall,
    byTier: summary.byTier,
    byArchetype: summary.byArchetype.map((g) => ({ archetype: g.archetype.id, counts: g.counts })),
    byFactor: summary.byFactor.map((g) => ({ factor: g.factor.id, counts: g.counts })),
    gaps: summary.gaps.map((g) => ({ requirementId: g.applicable.requirement.id, productId: g.applicable.productId, target: g.applicable.requirement.level, rating: g.rating ?? null })),
  };
}

/** The self-assessment API: profile, topic ratings and their history, gaps, and (for supervisors) focus. */
export function registerAssessmentApi(app: FastifyInstance, { services }: { services: Services }): void {
  app.get('/api/v1/me/profile', async (request) => {
    const viewer = requireViewer(request);
    return toProfileJson(await services.profiles.getProfile({ viewer, personId: viewer.personId }));
  });

  app.put('/api/v1/me/profile', async (request) => {
    const viewer = requireViewer(request);
    return toProfileJson(await services.profiles.updateProfile({ viewer, ...profileUpdate.parse(request.body ?? {}) }));
  });

  app.get('/api/v1/me/assessment', async (request) => {
    const viewer = requireViewer(request);
    return toAssessmentJson(await services.selfAssessment.getSelfAssessment({ viewer, personId: viewer.personId }));
  });

  app.put('/api/v1/me/ratings', async (request) => {
    const viewer = requireViewer(request);
    const { ratings } = ratingsUpdate.parse(request.body ?? {});
    const { saved } = await services.selfAssessment.rateTopics({ viewer, ratings });
    return { saved, ...toAssessmentJson(await services.selfAssessment.getSelfAssessment({ viewer, personId: viewer.personId })) };
  });

  app.get('/api/v1/me/ratings/history', async (request) => {
    const viewer = requireViewer(request);
    const rows = await services.selfAssessment.listRatingHistory({ viewer, personId: viewer.personId });
    return { ratings: rows.map((r) => ({ id: r.id, topicId: r.topicId, level: r.level, frameworkVersion: r.frameworkVersion, ratedAt: r.ratedAt.toISOString() })) };
  });

  app.get('/api/v1/me/gaps', async (request) => {
    const viewer = requireViewer(request);
    const { basis } = gapsQuery.parse(request.query);
    return toGapsJson(await services.selfAssessment.getSelfAssessment({ viewer, personId: viewer.personId }), basis);
  });

  app.get('/api/v1/people/:id/assessment', async (request) => {
    const viewer = requireViewer(request);
    const { id } = personParams.parse(request.params);
    return toAssessmentJson(await services.selfAssessment.getSelfAssessment({ viewer, personId: id }));
  });

  app.get('/api/v1/people/:id/gaps', async (request) => {
    const viewer = requireViewer(request);
    const { id } = personParams.parse(request.params);
    const { basis } = gapsQuery.parse(request.query);
    return toGapsJson(await services.selfAssessment.getSelfAssessment({ viewer, personId: id }), basis);
  });

  app.post('/api/v1/people/:id/focus', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = personParams.parse(request.params);
    const row = await services.profiles.setAdvancedFocus({ viewer, personId: id, ...focusRequest.parse(request.body ?? {}) });
    return reply.status(201).send({ id: row.id, archetype: row.archetype, factors: row.factors, reason: row.reason, setAt: row.setAt.toISOString() });
  });
}
