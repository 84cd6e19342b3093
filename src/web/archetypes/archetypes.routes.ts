import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { groupByFactor } from '../../domain/framework/framework-index.ts';
import { frameworkBreadcrumbs, resolveHubFramework } from '../framework-context.ts';
import type { PageDeps } from '../index.ts';

const archetypeParams = z.object({ archetypeId: z.string().min(1).max(60) });

export function registerArchetypePages(app: FastifyInstance, { services }: PageDeps): void {
  app.get('/frameworks/:frameworkId/archetypes', async (request, reply) => {
    const { entry, paths } = resolveHubFramework(services, request);
    const doc = entry.index.doc;
    const archetypes = doc.archetypes.map((a) => ({
      ...a,
      requirementCount: doc.requirements.filter((r) => r.archetype === a.id).length,
    }));
    return reply.view('archetypes/index.njk', {
      pageTitle: 'Workforce archetypes',
      currentSection: 'archetypes',
      archetypes,
      paths,
      breadcrumbs: frameworkBreadcrumbs(entry, paths),
    });
  });

  app.get('/frameworks/:frameworkId/archetypes/:archetypeId', async (request, reply) => {
    const { entry, paths } = resolveHubFramework(services, request);
    const { archetypeId } = archetypeParams.parse(request.params);
    const archetype = entry.index.archetypeById.get(archetypeId);
    if (!archetype) throw new AppError('not_found', `There is no archetype called ${archetypeId}.`);
    const doc = entry.index.doc;
    const requirements = doc.requirements.filter((r) => r.archetype === archetype.id);
    const questionSets = doc.questionSets.filter((s) => s.archetype === archetype.id);
    const personas = doc.personas.filter((p) => p.archetypes.includes(archetype.id));
    return reply.view('archetypes/show.njk', {
      pageTitle: archetype.label,
      currentSection: 'archetypes',
      archetype,
      groups: groupByFactor(entry.index, requirements),
      requirementCount: requirements.length,
      questionSets,
      personas,
      index: entry.index,
      paths,
      breadcrumbs: frameworkBreadcrumbs(entry, paths, { text: 'Archetypes', href: paths.to('/archetypes') }),
    });
  });
}
