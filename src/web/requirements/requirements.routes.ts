import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { filterRequirements, relatedRequirements, sourceLabel } from '../../domain/framework/framework-index.ts';
import { frameworkBreadcrumbs, resolveHubFramework } from '../framework-context.ts';
import type { PageDeps } from '../index.ts';
import { createExplorerFilter, explorerOptions } from './explorer-filter.ts';
import { createFragmentCache } from '../fragment-cache.ts';

const requirementParams = z.object({ requirementId: z.string().min(1).max(60) });

export function registerRequirementPages(app: FastifyInstance, { services, render }: PageDeps): void {
  // Frameworks are immutable, so the rendered result list for a given filter never changes.
  const resultsCache = createFragmentCache(500);

  app.get('/frameworks/:frameworkId/requirements', async (request, reply) => {
    const { entry, paths } = resolveHubFramework(services, request);
    const { filter, values, errors } = createExplorerFilter(entry.index, request.query);
    const cacheKey = `${entry.id}@${entry.version}?${JSON.stringify(filter)}`;
    const results = resultsCache.get(cacheKey, () => {
      const requirements = filterRequirements(entry.index, filter);
      return render('requirements/results.njk', { requirements, index: entry.index, paths, total: entry.index.doc.requirements.length });
    });
    return reply.type('text/html; charset=utf-8').send(
      render('requirements/explorer.njk', {
        pageTitle: 'Requirement explorer',
        currentSection: 'requirements',
        options: explorerOptions(entry.index, values),
        values,
        errorSummary: errors.length > 0 ? errors : undefined,
        results,
        paths,
        breadcrumbs: frameworkBreadcrumbs(entry, paths),
      }),
    );
  });

  app.get('/frameworks/:frameworkId/requirements/:requirementId', async (request, reply) => {
    const { entry, paths } = resolveHubFramework(services, request);
    const { requirementId } = requirementParams.parse(request.params);
    const index = entry.index;
    const requirement = index.requirementById.get(requirementId);
    if (!requirement) throw new AppError('not_found', `There is no requirement ${requirementId} in ${entry.title} version ${entry.version}.`);
    const factor = index.factorById.get(requirement.factor);
    return reply.type('text/html; charset=utf-8').send(
      render('requirements/show.njk', {
        pageTitle: `${sourceLabel(requirement)}: ${requirement.statement.slice(0, 60)}`,
        currentSection: 'requirements',
        requirement,
        level: index.levelById.get(requirement.level),
        factor,
        parentFactor: factor?.parent ? index.factorById.get(factor.parent) : undefined,
        archetype: requirement.archetype ? index.archetypeById.get(requirement.archetype) : undefined,
        provenance: sourceLabel(requirement),
        related: relatedRequirements(index, requirement.id),
        index,
        entry,
        paths,
        canonicalPath: `/frameworks/${entry.id}/requirements/${requirement.id}?version=${encodeURIComponent(entry.version)}`,
        breadcrumbs: frameworkBreadcrumbs(entry, paths, { text: 'Requirements', href: paths.to('/requirements') }),
      }),
    );
  });
}
