import type { FastifyInstance } from 'fastify';
import { frameworkBreadcrumbs, resolveHubFramework } from '../framework-context.ts';
import type { PageDeps } from '../index.ts';

/** Pages that present the report's narrative material: personas, the tri-X case study, AI MDTs. */
export function registerReportPages(app: FastifyInstance, { services }: PageDeps): void {
  const pages = [
    { path: 'personas', template: 'report/personas.njk', title: 'Personas and education journeys' },
    { path: 'case-study', template: 'report/case-study.njk', title: 'AI workforce archetypes: a fictional case study' },
    { path: 'mdt', template: 'report/mdt.njk', title: 'AI multidisciplinary teams' },
  ] as const;
  for (const page of pages) {
    app.get(`/frameworks/:frameworkId/${page.path}`, async (request, reply) => {
      const { entry, paths } = resolveHubFramework(services, request);
      return reply.view(page.template, {
        pageTitle: page.title,
        currentSection: 'archetypes',
        doc: entry.index.doc,
        index: entry.index,
        paths,
        breadcrumbs: frameworkBreadcrumbs(entry, paths),
      });
    });
  }
}
