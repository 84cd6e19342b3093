import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { LearningResource } from '../../services/catalogue/catalogue.types.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import type { FormError } from '../form-errors.ts';
import { formErrorsView } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { takeParkedForm } from '../resume-form.ts';
import { requireViewer } from '../session.plugin.ts';
import { CATALOGUE_PATHS } from './catalogue.view-model.ts';
import { EMPTY_FORM, formValuesOf, readResourceForm, resourceFormErrors, valuesFromResource } from './resource-form.ts';
import type { ResourceFormValues } from './resource-form.ts';
import { archetypeItems, chosenOutcomes, formatItems, outcomeGroups, prerequisiteItems, yesNoItems } from './resource-form.view-model.ts';

const TEMPLATE = 'catalogue/resource-form.njk';
const resourceParams = z.object({ id: z.string().min(1).max(60) });
/** Enough pages of candidates for the prerequisite checkboxes of any one organisation's catalogue. */
const MAX_CANDIDATE_PAGES = 10;

interface FormPage {
  resource?: LearningResource;
  values: ResourceFormValues;
  errors?: FormError[];
  conflict?: boolean;
  resumed?: boolean;
}

export function registerResourceEditorPages(app: FastifyInstance, { services }: PageDeps): void {
  /** Published resources and the drafts the educator curates, which they may name as prerequisites. */
  async function prerequisiteCandidates(viewer: Viewer): Promise<LearningResource[]> {
    const all: LearningResource[] = [];
    for (let page = 1; page <= MAX_CANDIDATE_PAGES; page += 1) {
      const result = await services.catalogue.listResources({ viewer, filter: { statuses: ['published', 'draft'], page, pageSize: 100 } });
      all.push(...result.items);
      if (page * result.pageSize >= result.total) break;
    }
    return all;
  }

  async function renderForm(reply: FastifyReply, viewer: Viewer, { resource, values, errors = [], conflict, resumed }: FormPage) {
    const { index } = services.assessmentFramework();
    const view = formErrorsView(errors);
    const formPath = resource ? CATALOGUE_PATHS.edit(resource.id) : CATALOGUE_PATHS.create;
    return reply.view(TEMPLATE, {
      pageTitle: resource ? `Edit ${resource.title}` : 'Add a resource',
      heading: resource ? `Edit ${resource.title}` : 'Add a resource',
      currentSection: 'catalogue',
      backPath: resource ? CATALOGUE_PATHS.resource(resource.id) : CATALOGUE_PATHS.browse,
      resourcePath: resource ? CATALOGUE_PATHS.resource(resource.id) : undefined,
      formPath,
      submitText: resource ? 'Save changes' : 'Save as a draft',
      values,
      conflict,
      resumed,
      formatItems: formatItems(values.format),
      vendorNeutralItems: yesNoItems(
        values.vendorNeutral,
        { text: 'Yes, it is vendor-neutral', hint: 'Not written or paid for by the supplier of an AI product' },
        { text: 'No, it is supplier material', hint: 'Written by or for the supplier of an AI product, such as product training' },
      ),
      cpdItems: yesNoItems(values.cpdAccredited, { text: 'Yes' }, { text: 'No' }),
      archetypeItems: archetypeItems(index, values.audienceArchetypes),
      outcomeGroups: outcomeGroups(index, values, view.fieldErrors),
      chosenOutcomes: chosenOutcomes(index, values),
      prerequisiteItems: prerequisiteItems(await prerequisiteCandidates(viewer), values.prerequisiteIds, resource?.id),
      ...view,
    });
  }

  /** The resource to edit, for someone who may change it. */
  async function editableResource(viewer: Viewer, id: string): Promise<LearningResource> {
    const details = await services.catalogue.getResource({ viewer, id });
    if (!details.canCurate) throw new AppError('forbidden', 'Only educators of the organisation that owns this resource can change it.');
    return details.resource;
  }

  function requireCurator(viewer: Viewer): void {
    if (!services.catalogue.canCurateCatalogue(viewer)) throw new AppError('forbidden', 'Only educators can add learning resources.');
  }

  /** The form's problems, or the service's, as a re-rendered form; anything else propagates. */
  function problemsOf(error: unknown, values: ResourceFormValues): { status: number; errors: FormError[]; conflict: boolean } {
    if (!(error instanceof AppError) || (error.code !== 'invalid' && error.code !== 'conflict')) throw error;
    const { index } = services.assessmentFramework();
    // A stale version names the version it is now at; other conflicts (a retired resource) do not.
    if (error.code === 'conflict') return { status: 409, errors: [{ field: '', href: '#resource-form', text: error.message }], conflict: error.details.some((d) => d.field === 'version') };
    const details = error.details.length > 0 ? error.details : [{ field: '', message: error.message }];
    return { status: 400, errors: resourceFormErrors(index, values, details), conflict: false };
  }

  app.get(CATALOGUE_PATHS.create, async (request, reply) => {
    const viewer = requireViewer(request);
    requireCurator(viewer);
    const parked = await takeParkedForm(request, reply, CATALOGUE_PATHS.create, services.sessions);
    return renderForm(reply, viewer, { values: parked ? formValuesOf(parked) : EMPTY_FORM, resumed: Boolean(parked) });
  });

  app.post(CATALOGUE_PATHS.create, async (request, reply) => {
    const viewer = requireViewer(request);
    requireCurator(viewer);
    const values = formValuesOf(request.body);
    const { input, errors } = readResourceForm(services.assessmentFramework().index, values);
    if (!input) return renderForm(reply.status(400), viewer, { values, errors });
    let created: LearningResource;
    try {
      created = await services.catalogue.createResource({ viewer, input });
    } catch (error) {
      const problems = problemsOf(error, values);
      return renderForm(reply.status(problems.status), viewer, { values, errors: problems.errors });
    }
    return reply.redirect(`${CATALOGUE_PATHS.resource(created.id)}?done=created`, 303);
  });

  app.get('/catalogue/resources/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = resourceParams.parse(request.params);
    const resource = await editableResource(viewer, id);
    const parked = await takeParkedForm(request, reply, CATALOGUE_PATHS.edit(id), services.sessions);
    return renderForm(reply, viewer, { resource, values: parked ? formValuesOf(parked) : valuesFromResource(resource), resumed: Boolean(parked) });
  });

  app.post('/catalogue/resources/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = resourceParams.parse(request.params);
    const resource = await editableResource(viewer, id);
    const values = formValuesOf(request.body);
    const { input, errors } = readResourceForm(services.assessmentFramework().index, values);
    if (!input) return renderForm(reply.status(400), viewer, { resource, values, errors });
    let saved: LearningResource;
    try {
      saved = await services.catalogue.updateResource({ viewer, id, version: Number(values.version), input });
    } catch (error) {
      const problems = problemsOf(error, values);
      // After a conflict the form carries the current version, so saving again is a deliberate choice to replace it.
      const shown = problems.conflict ? { ...values, version: String((await editableResource(viewer, id)).version) } : values;
      return renderForm(reply.status(problems.status), viewer, { resource, values: shown, errors: problems.errors, conflict: problems.conflict });
    }
    return reply.redirect(`${CATALOGUE_PATHS.resource(id)}?done=${saved.version === resource.version ? 'unchanged' : 'saved'}`, 303);
  });
}
