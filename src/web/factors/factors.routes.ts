import type { FastifyInstance } from 'fastify';
import { factorTree } from '../../domain/framework/framework-index.ts';
import { frameworkBreadcrumbs, resolveHubFramework } from '../framework-context.ts';
import type { PageDeps } from '../index.ts';

export function registerFactorPages(app: FastifyInstance, { services }: PageDeps): void {
  app.get('/frameworks/:frameworkId/factors', async (request, reply) => {
    const { entry, paths } = resolveHubFramework(services, request);
    const doc = entry.index.doc;
    const countFor = (factorId: string) =>
      doc.requirements.filter((r) => r.factor === factorId || entry.index.factorById.get(r.factor)?.parent === factorId).length;
    const tree = factorTree(entry.index).map(({ factor, children }) => ({
      factor: { ...factor, count: countFor(factor.id) },
      children: children.map((c) => ({ ...c, count: countFor(c.id) })),
    }));
    return reply.view('factors/factors.njk', {
      pageTitle: 'Factors and levels',
      currentSection: 'factors',
      tree,
      taxonomy: doc.taxonomy,
      paths,
      breadcrumbs: frameworkBreadcrumbs(entry, paths),
    });
  });

  app.get('/frameworks/:frameworkId/advanced-matrix', async (request, reply) => {
    const { entry, paths } = resolveHubFramework(services, request);
    const doc = entry.index.doc;
    const rows = doc.advancedMatrix.map((row, i) => {
      const factor = entry.index.factorById.get(row.factor);
      const previousParent = i > 0 ? entry.index.factorById.get(doc.advancedMatrix[i - 1]?.factor ?? '')?.parent : undefined;
      return {
      factor,
      parent: factor?.parent ? entry.index.factorById.get(factor.parent) : undefined,
      /** Group heading rows (Governance, Implementation, Clinical use) open where the parent changes. */
      opensGroup: Boolean(factor?.parent) && factor?.parent !== previousParent,
      cells: doc.archetypes.map((a) => ({ archetype: a, needed: row.archetypes.includes(a.id) })),
      };
    });
    return reply.view('factors/advanced-matrix.njk', {
      pageTitle: 'Workforce archetypes and needs for advanced AI education',
      currentSection: 'archetypes',
      archetypes: doc.archetypes,
      rows,
      notes: doc.advancedMatrixNotes,
      paths,
      breadcrumbs: frameworkBreadcrumbs(entry, paths, { text: 'Archetypes', href: paths.to('/archetypes') }),
    });
  });
}
