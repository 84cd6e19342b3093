import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Viewer } from '../../services/identity/viewer.ts';
import { DEFAULT_SETTINGS } from '../../services/journeys/journey.service.ts';
import type { TemplateInput } from '../../services/journeys/journey-templates.service.ts';
import { formErrorsFromAppError, formErrorsView, listOf } from '../form-errors.ts';
import type { FormError } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { formatMinutes, JOURNEY_PAGE, RESOURCE_PAGE, TEMPLATE_PAGE } from './journey.view-model.ts';

const templateParams = z.object({ templateId: z.guid() });
const text = z.string().max(10_000).optional();
const templateForm = z.object({ title: text, description: text, audienceArchetypes: listOf(z.string().max(60), 10), resourceIds: listOf(z.string().max(60), 500) });
const followForm = z.object({ mode: z.enum(['plan', 'follow']).optional() });
const statusForm = z.object({ status: z.enum(['published', 'retired', 'draft']) });
const TEMPLATES_PAGE = '/journey/templates';
const FIELD_IDS = { title: 'title', description: 'description', audienceArchetypes: 'audienceArchetypes', resourceIds: 'resourceIds', '': 'title' };
const STATUS_TAGS = { draft: { text: 'Draft', classes: 'nhsuk-tag--grey' }, published: { text: 'Published', classes: 'nhsuk-tag--green' }, retired: { text: 'Retired', classes: 'nhsuk-tag--red' } } as const;

type TemplateValues = z.infer<typeof templateForm>;

/** Journey templates: everyone browses and follows published ones; educators write them. */
export function registerJourneyTemplatePages(app: FastifyInstance, { services }: PageDeps): void {
  const templates = services.journeyTemplates;
  const archetypeName = (id: string) => services.assessmentFramework().index.doc.archetypes.find((a) => a.id === id)?.label ?? id;

  app.get(TEMPLATES_PAGE, async (request, reply) => {
    const viewer = request.viewer ?? null;
    const list = await templates.listTemplates({ viewer });
    return reply.view('journeys/templates.njk', {
      pageTitle: 'Journey templates',
      currentSection: 'journey',
      canCurate: templates.canCurateAny(viewer),
      templates: list.map((t) => ({
        href: TEMPLATE_PAGE(t.id),
        title: t.title,
        description: t.description,
        audience: t.audienceArchetypes.length ? t.audienceArchetypes.map(archetypeName).join(', ') : 'Everyone',
        itemCount: t.resourceIds.length,
        tag: STATUS_TAGS[t.status],
        sample: t.sample,
      })),
    });
  });

  async function renderForm(reply: FastifyReply, viewer: Viewer, templateId: string | null, values: TemplateValues, errors: FormError[] = []) {
    const resources = await templates.listChoosableResources();
    const archetypes = services.assessmentFramework().index.doc.archetypes;
    const heading = templateId ? 'Edit journey template' : 'New journey template';
    return reply.view('journeys/template-form.njk', {
      pageTitle: heading,
      heading,
      currentSection: 'journey',
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Journey templates', href: TEMPLATES_PAGE }],
      action: templateId ? `${TEMPLATE_PAGE(templateId)}/edit` : `${TEMPLATES_PAGE}/new`,
      values,
      archetypeItems: archetypes.map((a) => ({ value: a.id, text: a.label, checked: values.audienceArchetypes.includes(a.id) })),
      resourceItems: resources.map((r) => ({
        value: r.id,
        text: r.title,
        hint: { text: `${r.provider} · ${formatMinutes(r.durationMinutes)} · ${r.vendorNeutral ? 'Vendor-neutral' : 'Supplier material'}${r.sample ? ' · Sample data' : ''}` },
        checked: values.resourceIds.includes(r.id),
      })),
      ...formErrorsView(errors),
    });
  }

  const inputOf = (values: TemplateValues): TemplateInput => ({
    title: values.title ?? '',
    description: values.description ?? '',
    audienceArchetypes: values.audienceArchetypes,
    resourceIds: values.resourceIds,
  });

  app.get(`${TEMPLATES_PAGE}/new`, async (request, reply) => {
    const viewer = requireViewer(request);
    return renderForm(reply, viewer, null, { title: '', description: '', audienceArchetypes: [], resourceIds: [] });
  });

  app.post(`${TEMPLATES_PAGE}/new`, async (request, reply) => {
    const viewer = requireViewer(request);
    const values = templateForm.parse(request.body ?? {});
    try {
      const created = await templates.createTemplate({ viewer, input: inputOf(values) });
      return reply.redirect(TEMPLATE_PAGE(created.id), 303);
    } catch (error) {
      const errors = formErrorsFromAppError(error, FIELD_IDS);
      if (!errors) throw error;
      return renderForm(reply.status(400), viewer, null, values, errors);
    }
  });

  app.get(`${TEMPLATES_PAGE}/:templateId/edit`, async (request, reply) => {
    const viewer = requireViewer(request);
    const { templateId } = templateParams.parse(request.params);
    const template = await templates.getTemplate({ viewer, templateId });
    if (!template.curatable) return reply.redirect(TEMPLATE_PAGE(templateId), 303);
    return renderForm(reply, viewer, templateId, { title: template.title, description: template.description, audienceArchetypes: template.audienceArchetypes, resourceIds: template.resourceIds });
  });

  app.post(`${TEMPLATES_PAGE}/:templateId/edit`, async (request, reply) => {
    const viewer = requireViewer(request);
    const { templateId } = templateParams.parse(request.params);
    const values = templateForm.parse(request.body ?? {});
    try {
      await templates.updateTemplate({ viewer, templateId, input: inputOf(values) });
    } catch (error) {
      const errors = formErrorsFromAppError(error, FIELD_IDS);
      if (!errors) throw error;
      return renderForm(reply.status(400), viewer, templateId, values, errors);
    }
    return reply.redirect(`${TEMPLATE_PAGE(templateId)}?done=saved`, 303);
  });

  async function renderTemplate(reply: FastifyReply, viewer: Viewer | null, templateId: string, extras: { done?: string; errors?: FormError[] } = {}) {
    const template = await templates.getTemplate({ viewer, templateId });
    const resources = new Map((await templates.listChoosableResources()).map((r) => [r.id, r]));
    const items = template.resourceIds.map((id) => resources.get(id));
    const total = items.reduce((sum, r) => sum + (r?.durationMinutes ?? 0), 0);
    return reply.view('journeys/template.njk', {
      pageTitle: template.title,
      currentSection: 'journey',
      breadcrumbs: [{ text: 'Home', href: '/' }, { text: 'Journey templates', href: TEMPLATES_PAGE }],
      template,
      tag: STATUS_TAGS[template.status],
      audience: template.audienceArchetypes.length ? template.audienceArchetypes.map(archetypeName).join(', ') : 'Everyone',
      total: formatMinutes(total),
      items: template.resourceIds.map((id) => {
        const r = resources.get(id);
        return r
          ? { title: r.title, href: RESOURCE_PAGE(id), facts: `${r.provider} · ${formatMinutes(r.durationMinutes)}`, sample: r.sample, vendorNeutral: r.vendorNeutral }
          : { title: 'A resource no longer published', href: null, facts: '', sample: false, vendorNeutral: false };
      }),
      signedIn: viewer !== null,
      doneMessage: extras.done === 'saved' ? 'The journey template has been saved.' : extras.done === 'status' ? 'The journey template’s status has changed.' : undefined,
      ...formErrorsView(extras.errors ?? []),
    });
  }

  app.get(`${TEMPLATES_PAGE}/:templateId`, async (request, reply) => {
    const { templateId } = templateParams.parse(request.params);
    const { done } = z.object({ done: z.enum(['saved', 'status']).optional() }).parse(request.query);
    return renderTemplate(reply, request.viewer ?? null, templateId, done ? { done } : {});
  });

  app.post(`${TEMPLATES_PAGE}/:templateId/status`, async (request, reply) => {
    const viewer = requireViewer(request);
    const { templateId } = templateParams.parse(request.params);
    const { status } = statusForm.parse(request.body ?? {});
    try {
      await templates.setTemplateStatus({ viewer, templateId, status });
    } catch (error) {
      const errors = formErrorsFromAppError(error, { ...FIELD_IDS, '': 'status' });
      if (!errors) throw error;
      return renderTemplate(reply.status(400), viewer, templateId, { errors });
    }
    return reply.redirect(`${TEMPLATE_PAGE(templateId)}?done=status`, 303);
  });

  // Following a template plans a journey with it, keeping the learner's other settings.
  app.post(`${TEMPLATES_PAGE}/:templateId/follow`, async (request, reply) => {
    const viewer = requireViewer(request);
    const { templateId } = templateParams.parse(request.params);
    const { mode } = followForm.parse(request.body ?? {});
    const current = await services.journeys.getJourney({ viewer, personId: viewer.personId });
    const base = current?.settings ?? DEFAULT_SETTINGS;
    await services.journeys.generateJourney({ viewer, settings: { ...base, templateId, mode: mode ?? 'follow', excluded: [] } });
    return reply.redirect(`${JOURNEY_PAGE}?done=planned`, 303);
  });
}
