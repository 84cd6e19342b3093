import type { FastifyInstance } from 'fastify';
import type { Requirement } from '../../domain/framework/framework-document.ts';
import { filterRequirements } from '../../domain/framework/framework-index.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { topicIdOf, topicsOf } from '../../domain/framework/topics.ts';
import { AppError } from '../../errors.ts';
import type { Services } from '../../services/index.ts';
import { FRAMEWORK_FILE_MAX_BYTES } from '../../web/frameworks/framework-import-view.ts';
import { requireViewer } from '../../web/session.plugin.ts';
import {
  archetypeParams,
  exportQuery,
  frameworkIdParams,
  importQuery,
  questionSetParams,
  requirementFilterQuery,
  requirementParams,
  versionQuery,
} from './framework.schemas.ts';
import type { TopicListItem } from './framework.schemas.ts';

/** A requirement as the API gives it: always with the topic it is rated under (implicit or not). */
function requirementOutput(index: FrameworkIndex, requirement: Requirement): Requirement {
  return { ...requirement, topic: topicIdOf(index, requirement.id) };
}

/** The read API over frameworks: /api/v1/frameworks/... */
export function registerFrameworkApi(app: FastifyInstance, { services }: { services: Services }): void {
  const hubFramework = (params: unknown, query: unknown) => {
    const { frameworkId } = frameworkIdParams.parse(params);
    const { version } = versionQuery.parse(query);
    return services.frameworks.getHubFramework({ id: frameworkId, version });
  };

  app.get('/api/v1/frameworks', async () => ({ frameworks: services.frameworks.listFrameworks() }));

  // Platform admins import a framework; a CASE package that deviates from the standard is imported
  // as far as it can be read, with the deviations listed (issue 16 §3).
  app.post('/api/v1/frameworks', { bodyLimit: FRAMEWORK_FILE_MAX_BYTES }, async (request, reply) => {
    const viewer = requireViewer(request);
    const { format } = importQuery.parse(request.query);
    const result = await services.frameworkImport.importAs({ viewer, content: JSON.stringify(request.body ?? null), format });
    const { id, version, format: stored, status, warnings } = result;
    return reply.status(status === 'created' ? 201 : 200).send({ id, version, format: stored, status, warnings });
  });

  app.get('/api/v1/frameworks/:frameworkId', async (request) => {
    const { frameworkId } = frameworkIdParams.parse(request.params);
    const { version } = versionQuery.parse(request.query);
    const entry = services.frameworks.getFramework({ id: frameworkId, version });
    return {
      id: entry.id,
      version: entry.version,
      title: entry.title,
      format: entry.format,
      items: entry.itemCount,
      versions: services.catalog.versionsOf(entry.id),
      ...(entry.format === 'hub' ? { description: entry.index.doc.description, source: entry.index.doc.source } : {}),
    };
  });

  app.get('/api/v1/frameworks/:frameworkId/archetypes', async (request) => ({
    archetypes: hubFramework(request.params, request.query).index.doc.archetypes,
  }));

  app.get('/api/v1/frameworks/:frameworkId/archetypes/:archetypeId', async (request) => {
    const entry = hubFramework(request.params, request.query);
    const { archetypeId } = archetypeParams.parse(request.params);
    const archetype = entry.index.archetypeById.get(archetypeId);
    if (!archetype) throw new AppError('not_found', `There is no archetype ${archetypeId}.`);
    return { ...archetype, requirements: entry.index.doc.requirements.filter((r) => r.archetype === archetype.id).map((r) => r.id) };
  });

  app.get('/api/v1/frameworks/:frameworkId/factors', async (request) => ({
    factors: hubFramework(request.params, request.query).index.doc.factors,
  }));

  app.get('/api/v1/frameworks/:frameworkId/taxonomy', async (request) => hubFramework(request.params, request.query).index.doc.taxonomy);

  app.get('/api/v1/frameworks/:frameworkId/requirements', async (request) => {
    const entry = hubFramework(request.params, request.query);
    const filter = requirementFilterQuery.parse(request.query);
    const unknown = [
      filter.archetype && !entry.index.archetypeById.has(filter.archetype) ? { field: 'archetype', message: `There is no archetype ${filter.archetype}.` } : null,
      filter.factor && !entry.index.factorById.has(filter.factor) ? { field: 'factor', message: `There is no factor ${filter.factor}.` } : null,
      filter.level && !entry.index.levelById.has(filter.level) ? { field: 'level', message: `There is no level ${filter.level}.` } : null,
    ].filter((problem) => problem !== null);
    if (unknown.length > 0) throw new AppError('invalid', 'Some filter values are not in this framework.', unknown);
    const requirements = filterRequirements(entry.index, filter).map((r) => requirementOutput(entry.index, r));
    return { framework: { id: entry.id, version: entry.version }, count: requirements.length, requirements };
  });

  app.get('/api/v1/frameworks/:frameworkId/requirements/:requirementId', async (request) => {
    const entry = hubFramework(request.params, request.query);
    const { requirementId } = requirementParams.parse(request.params);
    const requirement = entry.index.requirementById.get(requirementId);
    if (!requirement) throw new AppError('not_found', `There is no requirement ${requirementId}.`);
    return requirementOutput(entry.index, requirement);
  });

  app.get('/api/v1/frameworks/:frameworkId/topics', async (request) => {
    const entry = hubFramework(request.params, request.query);
    const topics = topicsOf(entry.index).map(
      ({ requirements, ...topic }): TopicListItem => ({ ...topic, requirements: requirements.map((r) => r.id) }),
    );
    return { framework: { id: entry.id, version: entry.version }, count: topics.length, topics };
  });

  app.get('/api/v1/frameworks/:frameworkId/question-sets', async (request) => ({
    questionSets: hubFramework(request.params, request.query).index.doc.questionSets,
  }));

  app.get('/api/v1/frameworks/:frameworkId/question-sets/:setId', async (request) => {
    const entry = hubFramework(request.params, request.query);
    const { setId } = questionSetParams.parse(request.params);
    const set = entry.index.doc.questionSets.find((s) => s.id === setId);
    if (!set) throw new AppError('not_found', `There is no question set ${setId}.`);
    return set;
  });

  app.get('/api/v1/frameworks/:frameworkId/export', async (request, reply) => {
    const { frameworkId } = frameworkIdParams.parse(request.params);
    const { version, format } = exportQuery.parse(request.query);
    const file = services.frameworks.exportFramework({ id: frameworkId, version, format });
    return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.body);
  });
}
