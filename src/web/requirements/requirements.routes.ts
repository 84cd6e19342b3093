import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { filterRequirements, sourceLabel } from '../../domain/framework/framework-index.ts';
import { frameworkBreadcrumbs, resolveHubFramework } from '../framework-context.ts';
import type { PageDeps } from '../index.ts';
import { createExplorerFilter, explorerOptions } from './explorer-filter.ts';
import { describeRequirementRelations } from './requirement.view-model.ts';
import { createPageCache, sendCachedPage } from '../page-cache.ts';
import { IDENTITY_PAGE } from '../personal-page-cache.ts';

const requirementParams = z.object({ requirementId: z.string().min(1).max(60) });

export function registerRequirementPages(app: FastifyInstance, { services, render }: PageDeps): void {
  // Frameworks are immutable, so the explorer page for a given framework version and filter never
  // changes: render it once and serve the bytes (with an ETag) after that.
  const pageCache = createPageCache(200);

  app.get('/frameworks/:frameworkId/requirements', IDENTITY_PAGE, async (request, reply) => {
    const { entry, paths } = resolveHubFramework(services, request);
    const { filter, values, errors } = createExplorerFilter(entry.index, request.query);
    const context = {
      pageTitle: 'Requirement explorer',
      currentSection: 'requirements',
      options: explorerOptions(entry.index, values),
      values,
      errorSummary: errors.length > 0 ? errors : undefined,
      requirements: filterRequirements(entry.index, filter),
      total: entry.index.doc.requirements.length,
      index: entry.index,
      paths,
      breadcrumbs: frameworkBreadcrumbs(entry, paths),
    };
    // Signed-in pages carry the person's header, so only the anonymous page is shared and cached.
    if (request.viewer) return reply.view('requirements/explorer.njk', context);
    const cacheKey = `${entry.id}@${entry.version}|${paths.to('')}|${JSON.stringify(values)}`;
    return sendCachedPage(request, reply, pageCache.get(cacheKey, () => render('requirements/explorer.njk', context)));
  });

  app.get('/frameworks/:frameworkId/requirements/:requirementId', async (request, reply) => {
    const { entry, paths } = resolveHubFramework(services, request);
    const { requirementId } = requirementParams.parse(request.params);
    const index = entry.index;
    const requirement = index.requirementById.get(requirementId);
    if (!requirement) throw new AppError('not_found', `There is no requirement ${requirementId} in ${entry.title} version ${entry.version}.`);
    const factor = index.factorById.get(requirement.factor);
    return reply.view('requirements/show.njk', {
      pageTitle: `${sourceLabel(requirement)}: ${requirement.statement.slice(0, 60)}`,
      currentSection: 'requirements',
      requirement,
      level: index.levelById.get(requirement.level),
      factor,
      parentFactor: factor?.parent ? index.factorById.get(factor.parent) : undefined,
      archetype: requirement.archetype ? index.archetypeById.get(requirement.archetype) : undefined,
      provenance: sourceLabel(requirement),
      ...describeRequirementRelations(index, requirement),
      index,
      entry,
      paths,
      canonicalPath: `/frameworks/${entry.id}/requirements/${requirement.id}?version=${encodeURIComponent(entry.version)}`,
      breadcrumbs: frameworkBreadcrumbs(entry, paths, { text: 'Requirements', href: paths.to('/requirements') }),
    });
  });
}
