import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { groupByFactor } from '../../domain/framework/framework-index.ts';
import { AppError } from '../../errors.ts';
import { frameworkBreadcrumbs, resolveHubFramework } from '../framework-context.ts';
import type { PageDeps } from '../index.ts';

const setParams = z.object({ setId: z.string().min(1).max(60) });

export function registerQuestionSetPages(app: FastifyInstance, { services }: PageDeps): void {
  app.get('/frameworks/:frameworkId/question-sets', async (request, reply) => {
    const { entry, paths } = resolveHubFramework(services, request);
    const sets = entry.index.doc.questionSets.map((s) => ({ ...s, archetypeLabel: entry.index.archetypeById.get(s.archetype)?.label }));
    return reply.view('question-sets/index.njk', {
      pageTitle: 'Questions to establish confidence in specific AI technologies',
      currentSection: 'questions',
      sets,
      paths,
      breadcrumbs: frameworkBreadcrumbs(entry, paths),
    });
  });

  app.get('/frameworks/:frameworkId/question-sets/:setId', async (request, reply) => {
    const { entry, paths } = resolveHubFramework(services, request);
    const { setId } = setParams.parse(request.params);
    const set = entry.index.doc.questionSets.find((s) => s.id === setId);
    if (!set) throw new AppError('not_found', `There is no question set ${setId}.`);
    return reply.view('question-sets/show.njk', {
      pageTitle: set.title,
      currentSection: 'questions',
      set,
      archetype: entry.index.archetypeById.get(set.archetype),
      groups: groupByFactor(entry.index, set.questions),
      index: entry.index,
      paths,
      breadcrumbs: frameworkBreadcrumbs(entry, paths, { text: 'Product questions', href: paths.to('/question-sets') }),
    });
  });
}
