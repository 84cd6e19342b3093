import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import { bufferedFileField } from '../file-transfer.ts';
import type { FormError } from '../form-errors.ts';
import { formErrorsView } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { dateTimeText } from '../organisation/organisation-view.ts';
import { requireViewer } from '../session.plugin.ts';
import { countRows, countsOf, errorRows, extractTemplateCsv, MODE_TEXT, refusalText, STAFF_IMPORT_PATHS } from './staff-import-view.ts';

/** A large trust's extract (tens of thousands of assignments) is well past the usual 10 MB. */
const EXTRACT_MAX_BYTES = 64 * 1024 * 1024;
const ERRORS_SHOWN = 200;
const ticked = z.union([z.string(), z.array(z.string())]).optional().transform((v) => v !== undefined);
const uploadQuery = z.object({ organisationId: z.guid().optional() });
const uploadForm = z.object({ organisationId: z.guid(), file: bufferedFileField, fullExtract: ticked, allowManyLeavers: ticked });
const runParams = z.object({ runId: z.guid() });
const runQuery = z.object({ applied: z.literal('1').optional() });
const applyForm = z.object({ fileSha256: z.string().regex(/^[0-9a-f]{64}$/) });

/** An organisation admin's ESR staff import: upload, dry run, apply (issue 15 §2). */
export function registerStaffImportPages(app: FastifyInstance, { services }: PageDeps): void {
  async function renderUpload(reply: FastifyReply, viewer: Viewer, organisationId: string | undefined, values?: { fullExtract: boolean; allowManyLeavers: boolean }, errors: FormError[] = []) {
    const organisation = await services.directory.administeredOrganisation({ viewer, organisationId });
    const { settings } = await services.staffImportWeb.getSettings({ viewer, organisationId: organisation.id });
    const { runs } = await services.staffImportWeb.listRuns({ viewer, organisationId: organisation.id });
    return reply.view('staff-import/upload.njk', {
      pageTitle: `Import staff from ESR for ${organisation.name}`,
      currentSection: 'organisation',
      organisation,
      paths: STAFF_IMPORT_PATHS,
      values: values ?? { fullExtract: settings.fullExtract, allowManyLeavers: false },
      leaverThresholdPct: settings.leaverThresholdPct,
      runs: runs.map((run) => ({ href: STAFF_IMPORT_PATHS.run(run.id), fileName: run.fileName, when: dateTimeText(run.createdAt), mode: MODE_TEXT[run.mode], rows: run.rows.toLocaleString('en-GB') })),
      ...formErrorsView(errors),
    });
  }

  app.get(STAFF_IMPORT_PATHS.template, async (request, reply) => {
    await services.directory.administeredOrganisation({ viewer: requireViewer(request) });
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="esr-staff-extract-template.csv"').header('cache-control', 'no-store').send(extractTemplateCsv());
  });

  app.get(STAFF_IMPORT_PATHS.upload, async (request, reply) => {
    const { organisationId } = uploadQuery.parse(request.query);
    return renderUpload(reply, requireViewer(request), organisationId);
  });

  app.post(STAFF_IMPORT_PATHS.upload, { config: { fileUpload: 'memory', fileUploadMaxBytes: EXTRACT_MAX_BYTES } }, async (request, reply) => {
    const viewer = requireViewer(request);
    const form = uploadForm.parse(request.body ?? {});
    const values = { fullExtract: form.fullExtract, allowManyLeavers: form.allowManyLeavers };
    const fail = (text: string) => renderUpload(reply.status(400), viewer, form.organisationId, values, [{ field: 'file', href: '#file', text }]);
    if (!form.file) return fail('Select the ESR staff extract, a CSV file');
    if (form.file.isTooLarge) return fail('The file must be smaller than 64MB');
    if (!/\.(csv|txt)$/i.test(form.file.fileName)) return fail('The file must be a CSV file, with a name ending .csv');
    try {
      const outcome = await services.staffImportWeb.previewUpload({ viewer, organisationId: form.organisationId, fileName: form.file.fileName, content: form.file.content, ...values });
      return reply.redirect(STAFF_IMPORT_PATHS.run(outcome.runId), 303);
    } catch (error) {
      // A malformed file, or one without a required column, is refused whole: say why at the file input.
      if (error instanceof AppError && error.code === 'invalid') return fail(error.message);
      throw error;
    }
  });

  async function renderRun(reply: FastifyReply, viewer: Viewer, runId: string, applied: boolean, errors: FormError[] = []) {
    const { organisation, run, canApply } = await services.staffImportWeb.viewRun({ viewer, runId });
    const counts = countsOf(run);
    return reply.view('staff-import/run.njk', {
      pageTitle: `${MODE_TEXT[run.mode]} of ${run.fileName}`,
      currentSection: 'organisation',
      organisation,
      paths: STAFF_IMPORT_PATHS,
      run,
      applied,
      mode: MODE_TEXT[run.mode],
      when: dateTimeText(run.appliedAt ?? run.createdAt),
      countRows: counts ? countRows(counts, run.mode === 'applied') : [],
      refusal: refusalText(run),
      errorRows: errorRows(run, ERRORS_SHOWN),
      errorsShown: Math.min(ERRORS_SHOWN, run.errorCount),
      canApply,
      ...formErrorsView(errors),
    });
  }

  app.get(`${STAFF_IMPORT_PATHS.upload}/runs/:runId`, async (request, reply) => {
    const { runId } = runParams.parse(request.params);
    return renderRun(reply, requireViewer(request), runId, runQuery.parse(request.query).applied === '1');
  });

  app.post(`${STAFF_IMPORT_PATHS.upload}/runs/:runId/apply`, async (request, reply) => {
    const viewer = requireViewer(request);
    const { runId } = runParams.parse(request.params);
    const { fileSha256 } = applyForm.parse(request.body ?? {});
    try {
      await services.staffImportWeb.applyRun({ viewer, runId, fileSha256 });
      return reply.redirect(`${STAFF_IMPORT_PATHS.run(runId)}?applied=1`, 303);
    } catch (error) {
      // Already applied, the file expired, or staff records changed since the dry run: the page says which.
      if (error instanceof AppError && error.code === 'conflict') return renderRun(reply.status(409), viewer, runId, false, [{ field: 'apply', href: '#apply', text: error.message }]);
      throw error;
    }
  });
}
