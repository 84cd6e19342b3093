import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import { IMPORT_FORMATS } from '../../services/framework.service.ts';
import { bufferedFileField } from '../file-transfer.ts';
import { frameworkPaths } from '../framework-context.ts';
import type { FormError } from '../form-errors.ts';
import { formErrorsView } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { FORMAT_CHOICES, FRAMEWORK_FILE_MAX_BYTES, FRAMEWORK_IMPORT_PATH, warningRows, warningTotal } from './framework-import-view.ts';

const uploadForm = z.object({ format: z.enum(IMPORT_FORMATS).optional(), file: bufferedFileField });
const breadcrumbs = [
  { text: 'Home', href: '/' },
  { text: 'Frameworks', href: '/frameworks' },
];

/** A platform admin imports a framework file, and sees what the tolerant CASE reader found (issue 16 §3). */
export function registerFrameworkImportPages(app: FastifyInstance, { services }: PageDeps): void {
  const admin = (viewer: Viewer): Viewer => {
    if (!services.frameworkImport.mayImport(viewer)) throw new AppError('forbidden', 'Only platform admins can import frameworks.');
    return viewer;
  };

  const renderUpload = (reply: FastifyReply, format: string, errors: FormError[] = []) =>
    reply.view('frameworks/import.njk', {
      pageTitle: 'Import a framework',
      currentSection: 'frameworks',
      breadcrumbs,
      path: FRAMEWORK_IMPORT_PATH,
      formats: FORMAT_CHOICES.map((c) => ({ value: c.value, text: c.text, hint: { text: c.hint }, checked: c.value === format })),
      ...formErrorsView(errors),
    });

  app.get(FRAMEWORK_IMPORT_PATH, async (request, reply) => {
    admin(requireViewer(request));
    return renderUpload(reply, 'case');
  });

  app.post(FRAMEWORK_IMPORT_PATH, { config: { fileUpload: 'memory', fileUploadMaxBytes: FRAMEWORK_FILE_MAX_BYTES } }, async (request, reply) => {
    const viewer = admin(requireViewer(request));
    const form = uploadForm.parse(request.body ?? {});
    const format = form.format ?? 'case';
    const fail = (text: string) => renderUpload(reply.status(400), format, [{ field: 'file', href: '#file', text }]);
    if (!form.file) return fail('Select a framework file, a JSON file');
    if (form.file.isTooLarge) return fail('The file must be smaller than 20MB');
    let result;
    try {
      result = await services.frameworkImport.importAs({ viewer, content: form.file.content.toString('utf8'), format, fileName: form.file.fileName });
    } catch (error) {
      // A file that cannot be read, or a version already loaded with other content: say why, change nothing.
      if (error instanceof AppError && (error.code === 'invalid' || error.code === 'conflict')) return fail(`The file was not imported. ${error.message}`);
      throw error;
    }
    const entry = services.frameworks.getFramework({ id: result.id, version: result.version });
    return reply.view('frameworks/import-result.njk', {
      pageTitle: result.status === 'created' ? `Imported ${entry.title}` : `${entry.title} was already loaded`,
      currentSection: 'frameworks',
      breadcrumbs,
      result,
      entry,
      fileName: form.file.fileName,
      frameworkHref: frameworkPaths(services, entry).to(''),
      importPath: FRAMEWORK_IMPORT_PATH,
      warningRows: warningRows(result.warnings),
      warningTotal: warningTotal(result.warnings),
    });
  });
}
