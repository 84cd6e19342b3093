import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { FrameworkIndex } from '../../domain/framework/framework-index.ts';
import { importColumnGuide, importTemplateCsv, topicListCsv } from '../../services/catalogue/import-template.ts';
import { TRANSFER_FORMATS } from '../../services/catalogue/catalogue.types.ts';
import type { TransferFormat } from '../../services/catalogue/catalogue.types.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import { bufferedFileField } from '../file-transfer.ts';
import type { FormError } from '../form-errors.ts';
import { formErrorsView } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { CATALOGUE_PATHS } from './catalogue.view-model.ts';

const TEMPLATE = 'catalogue/import.njk';
const text = z.string().max(2_000_000).optional();
const importForm = z.object({ source: z.enum(['file', 'paste']).default('paste'), format: text, content: text, file: bufferedFileField });
const doneQuery = z.object({ created: z.coerce.number().int().min(0).default(0), updated: z.coerce.number().int().min(0).default(0), unchanged: z.coerce.number().int().min(0).default(0) });

interface ImportValues {
  format?: string;
  content?: string;
}

const isFormat = (v: string | undefined): v is TransferFormat => (TRANSFER_FORMATS as readonly string[]).includes(v ?? '');
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The format of an uploaded file, from its name (spreadsheets send CSV under many media types). */
function formatOfFile(fileName: string): TransferFormat | undefined {
  const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return isFormat(extension) ? extension : undefined;
}

/** The column guide and the topics, as the import page's tables show them. */
function importGuideView(index: FrameworkIndex) {
  return {
    columnRows: importColumnGuide(index).map((c) => [{ html: `<code>${c.column}</code>` }, { text: c.required }, { text: c.format }, { text: c.example === '' ? 'Leave blank' : c.example }]),
    topicRows: [...index.topicById.values()].map((t) => [{ text: t.label }, { html: `<code>${t.id}</code>` }, { text: index.doc.taxonomy[t.kind].map((l) => l.id).join(', ') }]),
  };
}

/** Educators import resources from a file or pasted text; every problem is listed by row. */
export function registerCatalogueImportPages(app: FastifyInstance, { services }: PageDeps): void {
  function requireCurator(viewer: Viewer): void {
    if (!services.catalogue.canCurateCatalogue(viewer)) throw new AppError('forbidden', 'Only educators can import learning resources.');
  }

  function renderImport(reply: FastifyReply, values: ImportValues, errors: FormError[] = [], errorDescription?: string) {
    const { index } = services.assessmentFramework();
    return reply.view(TEMPLATE, { pageTitle: 'Import resources', currentSection: 'catalogue', paths: CATALOGUE_PATHS, values, errorDescription, ...importGuideView(index), ...formErrorsView(errors) });
  }

  app.get(CATALOGUE_PATHS.import, async (request, reply) => {
    requireCurator(requireViewer(request));
    return renderImport(reply, {});
  });

  for (const [path, filename, csvOf] of [
    [CATALOGUE_PATHS.importTemplate, 'learning-resources-template.csv', importTemplateCsv],
    [CATALOGUE_PATHS.importTopics, 'topics.csv', topicListCsv],
  ] as const) {
    app.get(path, async (request, reply) => {
      requireCurator(requireViewer(request));
      const body = csvOf(services.assessmentFramework().index);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store').send(body);
    });
  }

  // An import is parsed whole, so its file is read into memory (at most 10 MB, educators only).
  app.post(CATALOGUE_PATHS.import, { config: { fileUpload: 'memory' } }, async (request, reply) => {
    const viewer = requireViewer(request);
    requireCurator(viewer);
    const form = importForm.parse(request.body ?? {});
    // Problems with a file are shown at the file input, with pasted text at the text box.
    const field = form.source === 'file' ? 'file' : 'content';
    const values: ImportValues = form.source === 'paste' ? { format: form.format, content: form.content } : {};
    const fail = (message: string, where = field) => renderImport(reply.status(400), values, [{ field: where, href: `#${where === 'format' ? 'format' : where}`, text: message }]);
    let format: TransferFormat | undefined;
    let content: string;
    if (form.source === 'file') {
      if (!form.file) return fail('Select a CSV or JSON file');
      if (form.file.isTooLarge) return fail('The file must be smaller than 10MB');
      format = formatOfFile(form.file.fileName);
      if (!format) return fail('The file must be a CSV or JSON file, with a name ending .csv or .json');
      content = form.file.content.toString('utf8');
    } else {
      format = isFormat(form.format) ? form.format : undefined;
      if (!format) return fail('Select whether you are pasting CSV or JSON', 'format');
      content = form.content ?? '';
      if (!content.trim()) return fail('Paste the CSV or JSON to import');
    }
    let result;
    try {
      result = await services.catalogue.importResources({ viewer, format, content });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'invalid') throw error;
      const messages = error.details.length > 0 ? error.details.map((d) => d.message) : [error.message];
      const errors = messages.map((message) => ({ field, href: `#${field}`, text: message }));
      return renderImport(reply.status(400), values, errors, error.details.length > 0 ? error.message : undefined);
    }
    const unchanged = 'unchanged' in result && typeof result.unchanged === 'number' ? result.unchanged : 0;
    return reply.redirect(`${CATALOGUE_PATHS.importDone}?created=${result.created}&updated=${result.updated}&unchanged=${unchanged}`, 303);
  });

  app.get(CATALOGUE_PATHS.importDone, async (request, reply) => {
    requireCurator(requireViewer(request));
    const { created, updated, unchanged } = doneQuery.parse(request.query);
    const parts = [`${count(created, 'resource')} created`, `${count(updated, 'resource')} updated`, ...(unchanged > 0 ? [`${count(unchanged, 'row')} unchanged`] : [])];
    return reply.view('catalogue/import-done.njk', { pageTitle: 'Import complete', currentSection: 'catalogue', paths: CATALOGUE_PATHS, summary: `${parts.join(', ')}.` });
  });
}
