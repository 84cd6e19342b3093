import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import { TRANSFER_FORMATS } from '../../services/catalogue/catalogue.types.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { catalogueOptions, createCatalogueFilter, paginationView } from './catalogue-filter.ts';
import { CATALOGUE_PATHS, outcomeView, resourceRows, resourceSummary, resourceTags, retiredReasonOf, revisionRows } from './catalogue.view-model.ts';
import { registerCatalogueImportPages } from './catalogue-import.routes.ts';
import { registerCurationGapPage } from './curation-gaps.routes.ts';
import { registerResourceEditorPages } from './resource-editor.routes.ts';
import { registerRetireResourcePage } from './retire-resource.routes.ts';
import { registerReviewDuePage } from './review-due.routes.ts';
import { JOURNEY_STARTED_MESSAGE, resourceJourneyPanel } from '../journeys/resource-journey-panel.ts';

const resourceParams = z.object({ id: z.string().min(1).max(60) });
const exportParams = z.object({ format: z.enum(TRANSFER_FORMATS) });
const statusForm = z.object({ version: z.string().max(20).optional() });
const DONE_MESSAGES = {
  created: 'The resource has been saved as a draft. Publish it when it is ready for learners.',
  saved: 'Your changes have been saved.',
  unchanged: 'Nothing had changed, so there was nothing to save.',
  published: 'The resource has been published. Everyone can now find it in the catalogue.',
  retired: 'The resource has been retired. Learners are no longer offered it, and those with it in their learning journey have been told.',
  restored: 'The resource has been restored as a draft.',
} as const;
const doneQuery = z.object({ done: z.enum(Object.keys(DONE_MESSAGES) as [keyof typeof DONE_MESSAGES]).optional() });
const STATUS_CHANGES = {
  publish: { use: 'publishResource', done: 'published' },
  restore: { use: 'restoreResource', done: 'restored' },
} as const;

/** The catalogue: browsing for everyone, and the resource page with its curation buttons. */
export function registerCataloguePages(app: FastifyInstance, deps: PageDeps): void {
  const { services } = deps;

  app.get(CATALOGUE_PATHS.browse, async (request, reply) => {
    const viewer = request.viewer;
    const canCurate = services.catalogue.canCurateCatalogue(viewer);
    const { index } = services.assessmentFramework();
    const { filter, values, errors } = createCatalogueFilter(index, request.query, canCurate);
    const page = await services.catalogue.listResources({ viewer, filter });
    const first = (page.page - 1) * page.pageSize + 1;
    const shownTo = Math.min(page.total, page.page * page.pageSize);
    const noun = page.total === 1 ? 'resource' : 'resources';
    return reply.view('catalogue/browse.njk', {
      pageTitle: 'Learning catalogue',
      currentSection: 'catalogue',
      paths: CATALOGUE_PATHS,
      canCurate,
      values,
      options: catalogueOptions(index, values),
      errorSummary: errors.length > 0 ? errors : undefined,
      resources: page.items.map(resourceSummary),
      countText: page.total > page.pageSize ? `${first} to ${shownTo} of ${page.total} ${noun}` : `${page.total} ${noun}`,
      isFiltered: Object.keys(filter).some((k) => k !== 'page' && k !== 'pageSize'),
      pager: paginationView(values, page.page, page.total, page.pageSize),
    });
  });

  app.get('/catalogue/export/:format', async (request, reply) => {
    const { format } = exportParams.parse(request.params);
    const file = await services.catalogue.exportResources({ viewer: request.viewer, format });
    return reply
      .type(file.contentType)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'no-store')
      .send(file.body);
  });

  async function renderResourcePage(reply: FastifyReply, viewer: Viewer | null, id: string, extras: { doneMessage?: string; errorSummary?: unknown } = {}, query: unknown = {}) {
    const details = await services.catalogue.getResource({ viewer, id });
    const { resource } = details;
    // The learner's own journey item for this resource: open it, complete it, get back (issue 11).
    const journeyPanel = await resourceJourneyPanel(services, viewer, resource.id, query);
    const { index } = services.assessmentFramework();
    return reply.view('catalogue/resource.njk', {
      pageTitle: resource.title,
      currentSection: 'catalogue',
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Learning catalogue', href: CATALOGUE_PATHS.browse }],
      paths: CATALOGUE_PATHS,
      resource,
      tags: resourceTags(resource, { showPublished: true }),
      descriptionParagraphs: resource.description.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean),
      rows: resourceRows(index, resource, retiredReasonOf(resource, details.revisions)),
      outcomes: resource.outcomes.map((o) => outcomeView(index, resource.frameworkId, o)),
      prerequisites: details.prerequisites.map((p) => ({ title: p.status === 'published' ? p.title : `${p.title} (${p.status})`, href: CATALOGUE_PATHS.resource(p.id) })),
      canCurate: details.canCurate,
      revisionRows: revisionRows(details.revisions),
      journeyPanel,
      ...extras,
      doneMessage: extras.doneMessage ?? (journeyPanel?.justStarted ? JOURNEY_STARTED_MESSAGE : undefined),
    });
  }

  app.get('/catalogue/resources/:id', async (request, reply) => {
    const { id } = resourceParams.parse(request.params);
    const { done } = doneQuery.parse(request.query);
    return renderResourcePage(reply, request.viewer, id, { doneMessage: done ? DONE_MESSAGES[done] : undefined }, request.query);
  });

  for (const [action, change] of Object.entries(STATUS_CHANGES)) {
    app.post(`/catalogue/resources/:id/${action}`, async (request, reply) => {
      const viewer = requireViewer(request);
      const { id } = resourceParams.parse(request.params);
      const { version } = statusForm.parse(request.body ?? {});
      try {
        await services.catalogue[change.use]({ viewer, id, version: version ? Number(version) : undefined });
      } catch (error) {
        // Why it could not be done (no topics yet, unpublished prerequisites, a newer version) is
        // shown on the resource page, beside the buttons.
        if (!(error instanceof AppError) || (error.code !== 'invalid' && error.code !== 'conflict')) throw error;
        const messages = error.code === 'conflict' || error.details.length === 0 ? [error.message] : error.details.map((d) => d.message);
        const summary = messages.map((text) => ({ text, href: '#curate' }));
        return renderResourcePage(reply.status(error.code === 'conflict' ? 409 : 400), viewer, id, { errorSummary: summary });
      }
      return reply.redirect(`${CATALOGUE_PATHS.resource(id)}?done=${change.done}`, 303);
    });
  }

  registerResourceEditorPages(app, deps);
  registerCatalogueImportPages(app, deps);
  registerCurationGapPage(app, deps);
  registerRetireResourcePage(app, deps);
  registerReviewDuePage(app, deps);
}
