import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { buildCaseTree } from '../../domain/case/case-tree.ts';
import { EXPORT_FORMATS } from '../../services/framework.service.ts';
import { frameworkPaths } from '../framework-context.ts';
import type { PageDeps } from '../index.ts';
import { FRAMEWORK_IMPORT_PATH, warningRows, warningTotal } from './framework-import-view.ts';
import { registerFrameworkImportPages } from './framework-import.routes.ts';

const frameworkParams = z.object({ frameworkId: z.string().min(1).max(120) });
const versionQuery = z.object({ version: z.string().min(1).max(60).optional() });
const downloadParams = frameworkParams.extend({ format: z.enum(EXPORT_FORMATS) });

export function registerFrameworkPages(app: FastifyInstance, deps: PageDeps): void {
  const { services } = deps;
  registerFrameworkImportPages(app, deps);

  app.get('/frameworks', async (request, reply) => {
    const frameworks = services.frameworks.listFrameworks().map((f) => ({ ...f, paths: frameworkPaths(services, f) }));
    return reply.view('frameworks/list.njk', {
      pageTitle: 'Frameworks',
      currentSection: 'frameworks',
      frameworks,
      importPath: services.frameworkImport.mayImport(request.viewer ?? null) ? FRAMEWORK_IMPORT_PATH : undefined,
      breadcrumbs: [{ text: 'Home', href: '/' }],
    });
  });

  app.get('/frameworks/:frameworkId', async (request, reply) => {
    const { frameworkId } = frameworkParams.parse(request.params);
    const { version } = versionQuery.parse(request.query);
    const entry = services.frameworks.getFramework({ id: frameworkId, version });
    const paths = frameworkPaths(services, entry);
    const common = {
      pageTitle: entry.title,
      currentSection: 'frameworks',
      entry,
      paths,
      versions: services.catalog.versionsOf(entry.id),
      breadcrumbs: [
      { text: 'Home', href: '/' },
      { text: 'Frameworks', href: '/frameworks' },
      ],
    };
    if (entry.format === 'case') {
      const pkg = services.frameworks.getCasePackage(entry);
      const tree = buildCaseTree(pkg);
      return reply.view('frameworks/case-framework.njk', {
        ...common,
        pkg,
        tree: tree.roots,
        // Shown to everyone: they say how far the framework as shown can be trusted to be as published.
        treeWarnings: tree.warnings,
        warningRows: warningRows(entry.importWarnings),
        warningTotal: warningTotal(entry.importWarnings),
      });
    }
    const doc = entry.index.doc;
    const countBy = (tier: string) => doc.requirements.filter((r) => r.tier === tier).length;
    return reply.view('frameworks/hub-framework.njk', {
      ...common,
      doc,
      tierCounts: [
        { tier: 'foundational', label: 'Foundational', count: countBy('foundational') },
        { tier: 'advanced', label: 'Advanced', count: countBy('advanced') },
        { tier: 'product-specific', label: 'Product-specific', count: countBy('product-specific') },
      ],
    });
  });

  app.get('/frameworks/:frameworkId/download/:format', async (request, reply) => {
    const { frameworkId, format } = downloadParams.parse(request.params);
    const { version } = versionQuery.parse(request.query);
    const file = services.frameworks.exportFramework({ id: frameworkId, version, format });
    return reply
      .type(file.contentType)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .send(file.body);
  });
}
