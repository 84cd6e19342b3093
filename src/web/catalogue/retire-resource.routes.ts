import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { RETIRE_REASON_MAX } from '../../services/catalogue/catalogue.service.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import type { FormError } from '../form-errors.ts';
import { formErrorsView } from '../form-errors.ts';
import { fieldsOf, textOf } from '../form-fields.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { CATALOGUE_PATHS } from './catalogue.view-model.ts';

const resourceParams = z.object({ id: z.string().min(1).max(60) });

/** Retiring a resource: the educator says why, and learners with it in their journey are told. */
export function registerRetireResourcePage(app: FastifyInstance, { services }: PageDeps): void {
  async function renderRetire(reply: FastifyReply, viewer: Viewer, id: string, values: { reason: string; version: string }, errors: FormError[] = []) {
    const details = await services.catalogue.getResource({ viewer, id });
    if (!details.canCurate) throw new AppError('forbidden', 'Only educators of the organisation that owns this resource can retire it.');
    const { resource } = details;
    const learners = await services.catalogue.countLearnersWithResourceAhead({ viewer, id });
    return reply.view('catalogue/retire.njk', {
      pageTitle: `Retire ${resource.title}`,
      currentSection: 'catalogue',
      paths: CATALOGUE_PATHS,
      resource,
      resourcePath: CATALOGUE_PATHS.resource(resource.id),
      formPath: CATALOGUE_PATHS.retire(resource.id),
      learnersText: learners === 0 ? 'Nobody has it in their learning journey now.' : `${learners.toLocaleString('en-GB')} ${learners === 1 ? 'learner has' : 'learners have'} it ahead in their learning journey. They will be told it has been retired, with your reason, and asked to choose an alternative.`,
      maxLength: RETIRE_REASON_MAX,
      values: { reason: values.reason, version: values.version || String(resource.version) },
      ...formErrorsView(errors),
    });
  }

  app.get(CATALOGUE_PATHS.retireResource, async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = resourceParams.parse(request.params);
    return renderRetire(reply, viewer, id, { reason: '', version: '' });
  });

  app.post(CATALOGUE_PATHS.retireResource, async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = resourceParams.parse(request.params);
    const fields = fieldsOf(request.body);
    const values = { reason: textOf(fields.reason, 5000), version: textOf(fields.version, 20) };
    try {
      await services.catalogue.retireResource({ viewer, id, version: /^\d+$/.test(values.version) ? Number(values.version) : undefined, reason: values.reason });
    } catch (error) {
      if (!(error instanceof AppError) || (error.code !== 'invalid' && error.code !== 'conflict')) throw error;
      const field = error.details.find((d) => d.field === 'reason') ? 'reason' : '';
      const errors = [{ field, href: field ? '#reason' : '#retire-form', text: error.details.find((d) => d.field === 'reason')?.message ?? error.message }];
      return renderRetire(reply.status(error.code === 'conflict' ? 409 : 400), viewer, id, values, errors);
    }
    return reply.redirect(`${CATALOGUE_PATHS.resource(id)}?done=retired`, 303);
  });
}
