import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { ModuleDraft } from '../../services/products/product-training.service.ts';
import type { PageDeps } from '../index.ts';
import { takeParkedForm } from '../resume-form.ts';
import { requireViewer } from '../session.plugin.ts';
import { formValuesOf, moduleFormErrors, readModuleForm, valuesFromDraft } from './module-form.ts';
import type { FieldProblem, ModuleFormValues } from './module-form.ts';
import { DONE_MESSAGES, MODULE_EDITOR_TEMPLATE, moduleEditorContext } from './module-editor.view-model.ts';
import type { DoneKey, ModuleEditorPage } from './module-editor.view-model.ts';
import { PRODUCT_PATHS } from './products.paths.ts';

const MODULE_PATH = PRODUCT_PATHS.module(':id', ':versionId');
const moduleParams = z.object({ id: z.string().min(1).max(60), versionId: z.string().min(1).max(60) });
// An unknown `done` is only a stale or edited link: show the page without a banner.
const doneQuery = z.object({ done: z.enum(Object.keys(DONE_MESSAGES) as [DoneKey]).optional().catch(undefined) });
const actionField = z.object({ action: z.enum(['save', 'publish']).catch('save') });

type ModuleWhere = Parameters<PageDeps['services']['productTraining']['getModuleDraft']>[0];

interface Refusal {
  status: number;
  problems: FieldProblem[];
  conflict: boolean;
}

/** Embedders author each product version's training module and knowledge check, then publish it. */
export function registerModuleEditorPages(app: FastifyInstance, { services }: PageDeps): void {
  const training = services.productTraining;
  const render = (reply: FastifyReply, page: ModuleEditorPage, problems: readonly FieldProblem[] = []) =>
    reply.view(MODULE_EDITOR_TEMPLATE, moduleEditorContext({ ...page, errors: moduleFormErrors(problems, page.values) }));

  /** After a conflict the form carries the current version, so saving again is a deliberate choice to replace it. */
  const currentVersion = async (where: ModuleWhere) => String((await training.getModuleDraft(where)).module?.version ?? '');

  /** Publishes the draft just saved; when it cannot be, the saved draft is shown with the reasons. */
  async function publishSaved(reply: FastifyReply, where: ModuleWhere, saved: ModuleDraft) {
    const values = valuesFromDraft(saved);
    if (saved.publishProblems.length > 0) return render(reply.status(400), { draft: saved, values, savedButNotPublished: true }, saved.publishProblems);
    try {
      await training.publishModule({ ...where, version: saved.module?.version });
    } catch (error) {
      const refusal = refusalOf(error);
      const shown = refusal.conflict ? { ...values, version: await currentVersion(where) } : values;
      return render(reply.status(refusal.status), { draft: saved, values: shown, conflict: refusal.conflict, savedButNotPublished: !refusal.conflict }, refusal.problems);
    }
    return reply.redirect(`${PRODUCT_PATHS.module(where.productId, where.productVersionId)}?done=published`, 303);
  }

  app.get(MODULE_PATH, async (request, reply) => {
    const viewer = requireViewer(request);
    const { id, versionId } = moduleParams.parse(request.params);
    const draft = await training.getModuleDraft({ viewer, productId: id, productVersionId: versionId });
    const parked = await takeParkedForm(request, reply, PRODUCT_PATHS.module(id, versionId), services.sessions);
    const values = parked ? readModuleForm(formValuesOf(parked)).values : valuesFromDraft(draft);
    return render(reply, { draft, values, resumed: Boolean(parked), done: doneQuery.parse(request.query).done });
  });

  app.post(MODULE_PATH, async (request, reply) => {
    const viewer = requireViewer(request);
    const { id, versionId } = moduleParams.parse(request.params);
    const where = { viewer, productId: id, productVersionId: versionId };
    const draft = await training.getModuleDraft(where);
    const { input, values, problems } = readModuleForm(formValuesOf(request.body));
    if (!input) return render(reply.status(400), { draft, values }, problems);
    let saved: ModuleDraft;
    try {
      saved = await training.saveModule({ ...where, version: editedVersion(values), input });
    } catch (error) {
      const refusal = refusalOf(error);
      const shown = refusal.conflict ? { ...values, version: await currentVersion(where) } : values;
      return render(reply.status(refusal.status), { draft, values: shown, conflict: refusal.conflict }, refusal.problems);
    }
    const isPublishing = actionField.parse(request.body ?? {}).action === 'publish' && (saved.module?.status !== 'published' || saved.hasUnpublishedChanges);
    if (isPublishing) return publishSaved(reply, where, saved);
    return reply.redirect(`${PRODUCT_PATHS.module(id, versionId)}?done=saved`, 303);
  });
}

/**
 * The version the form was opened at. A form opened before the module existed edited "version 0":
 * if someone has created the module since, the service finds that stale rather than overwriting.
 */
function editedVersion(values: ModuleFormValues): number {
  return /^\d{1,9}$/.test(values.version) ? Number(values.version) : 0;
}

/** The service's objection as problems for the form; anything that is not about the form propagates. */
function refusalOf(error: unknown): Refusal {
  if (!(error instanceof AppError) || (error.code !== 'invalid' && error.code !== 'conflict')) throw error;
  if (error.code === 'conflict') return { status: 409, problems: [{ field: '', message: error.message }], conflict: true };
  return { status: 400, problems: error.details.length > 0 ? [...error.details] : [{ field: '', message: error.message }], conflict: false };
}
