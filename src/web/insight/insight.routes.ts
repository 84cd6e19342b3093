import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { BREAKDOWN_LABELS, BREAKDOWNS } from '../../services/insight/insight-labels.ts';
import { insightCsv, insightFileName } from './insight-csv.ts';
import { insightPageView } from './insight-page.view-model.ts';
import { INSIGHT_VIEW_REGISTRY, insightQuery, keptQuery, organisationParams } from './insight-views.registry.ts';
import { INSIGHT_PATHS, INSIGHT_VIEWS } from './insight.paths.ts';
import type { InsightView } from './insight.paths.ts';

// Aggregates of other people's data: never cached for a viewer, never stored by a browser or proxy.
const NO_STORE = 'private, no-store';

/** What a view's form offers: the topics' basis or the equity breakdown, as a GET form that works without JavaScript. */
function chooserOf(view: InsightView, q: ReturnType<typeof insightQuery.parse>) {
  if (view === 'topics') return { name: 'basis', legend: 'Levels', items: [{ value: 'self', text: 'Self-rated' }, { value: 'verified', text: 'Verified by a supervisor' }].map((i) => ({ ...i, checked: i.value === q.basis })) };
  if (view === 'equity') return { name: 'by', legend: 'Compare by', items: BREAKDOWNS.map((b) => ({ value: b, text: BREAKDOWN_LABELS[b], checked: b === q.by })) };
  return null;
}

/** Workforce insight pages (issue 14 §1): an organisation's views, each with its CSV and JSON. */
export function registerInsightPages(app: FastifyInstance, { services }: PageDeps): void {
  app.get(INSIGHT_PATHS.home, async (request, reply) => {
    const viewer = requireViewer(request);
    const roots = await services.insight.listInsightRoots({ viewer });
    if (roots.length === 1 && roots[0]) return reply.redirect(INSIGHT_PATHS.view(roots[0].id), 303);
    return reply.header('cache-control', NO_STORE).view('insight/roots.njk', {
      pageTitle: 'Workforce insight',
      currentSection: 'insight',
      roots: roots.map((r) => ({ name: r.name, href: INSIGHT_PATHS.view(r.id) })),
    });
  });

  for (const view of INSIGHT_VIEWS) {
    const registered = INSIGHT_VIEW_REGISTRY[view];
    const load = async (request: FastifyRequest) => {
      const viewer = requireViewer(request);
      const { organisationId } = organisationParams.parse(request.params);
      const q = insightQuery.parse(request.query);
      return { q, data: await registered.load(services, viewer, organisationId, q) };
    };

    app.get(INSIGHT_PATHS.view(':organisationId', view), async (request, reply) => {
      const { q, data } = await load(request);
      const query = keptQuery(view, q);
      return reply.header('cache-control', NO_STORE).view('insight/view.njk', {
        ...insightPageView(data, view, registered.sections(data), query),
        view,
        chooser: chooserOf(view, q),
        formPath: INSIGHT_PATHS.view(data.organisation.id, view),
        peersUnavailable: view === 'peers' && data.parent === null && !data.isTop,
        peersTop: view === 'peers' && data.isTop === true,
      });
    });

    app.get(INSIGHT_PATHS.download(':organisationId', view, 'csv'), async (request, reply) => {
      const { data } = await load(request);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${insightFileName(data, view, 'csv')}"`)
        .header('cache-control', NO_STORE)
        .send(insightCsv(data, registered.sections(data)));
    });

    app.get(INSIGHT_PATHS.download(':organisationId', view, 'json'), async (request, reply) => {
      const { data } = await load(request);
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${insightFileName(data, view, 'json')}"`)
        .header('cache-control', NO_STORE)
        .send(JSON.stringify(data));
    });
  }
}
