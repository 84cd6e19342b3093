import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PLATFORM_ROLES } from '../../domain/people/platform-roles.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import type { FormError } from '../form-errors.ts';
import { formErrorsFromAppError, formErrorsFromZod, formErrorsView, listOf, requiredEmail } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { dateText, keptRoles, pathText, roleItems, roleNames } from './organisation-view.ts';

const personPath = (personId: string) => `/organisation/people/${personId}`;
const TEMPLATE = 'organisation/person.njk';
const UPDATES = { roles: 'Roles updated.', supervisor: 'Supervisor assigned.', ended: 'Supervision ended.' } as const;

const personParams = z.object({ personId: z.guid() });
const endParams = personParams.extend({ supervisionId: z.guid() });
const personQuery = z.object({ updated: z.enum(['roles', 'supervisor', 'ended']).optional() });
const rolesForm = z.object({ roles: listOf(z.enum(PLATFORM_ROLES, 'Select roles from the list')) });
const supervisorForm = z.object({ supervisor: requiredEmail("Enter the supervisor's email address") });

interface PersonForm {
  roles?: string[];
  supervisor?: string;
  errors?: FormError[];
  updated?: keyof typeof UPDATES;
}

/** One person's page: anyone who may see them reads it; their organisation's admins also change it. */
export function registerPersonPages(app: FastifyInstance, { services }: PageDeps): void {
  async function personPage(viewer: Viewer, personId: string, form: PersonForm = {}) {
    const details = await services.directory.getPersonDetails({ viewer, personId });
    const { person } = details;
    const errors = form.errors ?? [];
    return {
      pageTitle: person.displayName,
      currentSection: details.canAdminister ? 'organisation' : undefined,
      breadcrumbs: details.canAdminister ? [{ text: details.path.at(-1)?.name ?? 'Organisation', href: `/organisation?organisationId=${person.organisationId}` }] : undefined,
      details,
      organisationPath: pathText(details.path),
      roles: roleNames(person.roles),
      supervisors: details.supervisors.map((s) => ({
        name: s.supervisor.displayName,
        since: dateText(s.supervision.assignedAt),
        endAction: `${personPath(person.id)}/supervisors/${s.supervision.id}/end`,
      })),
      roleItems: roleItems(viewer, form.roles ?? person.roles),
      keptRoles: keptRoles(viewer, person.roles),
      values: { supervisor: form.supervisor },
      updated: form.updated ? UPDATES[form.updated] : undefined,
      ...formErrorsView(errors),
    };
  }

  /** Runs an admin change; field problems re-render the page with an error summary, success redirects. */
  async function change(viewer: Viewer, personId: string, form: PersonForm, action: () => Promise<unknown>, updated: keyof typeof UPDATES) {
    try {
      await action();
      return { redirect: `${personPath(personId)}?updated=${updated}` };
    } catch (error) {
      const errors = formErrorsFromAppError(error, { roles: 'roles' });
      if (!errors) throw error;
      return { page: await personPage(viewer, personId, { ...form, errors }) };
    }
  }

  app.get('/organisation/people/:personId', async (request, reply) => {
    const viewer = requireViewer(request);
    const { personId } = personParams.parse(request.params);
    const { updated } = personQuery.parse(request.query);
    return reply.view(TEMPLATE, await personPage(viewer, personId, { updated }));
  });

  app.post('/organisation/people/:personId/roles', async (request, reply) => {
    const viewer = requireViewer(request);
    const { personId } = personParams.parse(request.params);
    const parsed = rolesForm.safeParse(request.body ?? {});
    if (!parsed.success) return reply.status(400).view(TEMPLATE, await personPage(viewer, personId, { errors: formErrorsFromZod(parsed.error, { roles: 'roles' }) }));
    const outcome = await change(viewer, personId, { roles: parsed.data.roles }, () => services.staffAdmin.changeRoles({ viewer, personId, roles: parsed.data.roles }), 'roles');
    return outcome.redirect ? reply.redirect(outcome.redirect, 303) : reply.status(400).view(TEMPLATE, outcome.page);
  });

  app.post('/organisation/people/:personId/supervisors', async (request, reply) => {
    const viewer = requireViewer(request);
    const { personId } = personParams.parse(request.params);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const typed = typeof body.supervisor === 'string' ? body.supervisor : undefined;
    const parsed = supervisorForm.safeParse(body);
    if (!parsed.success) return reply.status(400).view(TEMPLATE, await personPage(viewer, personId, { supervisor: typed, errors: formErrorsFromZod(parsed.error) }));
    const assign = () => services.staffAdmin.assignSupervisor({ viewer, learnerId: personId, supervisor: { email: parsed.data.supervisor } });
    const outcome = await change(viewer, personId, { supervisor: typed }, assign, 'supervisor');
    return outcome.redirect ? reply.redirect(outcome.redirect, 303) : reply.status(400).view(TEMPLATE, outcome.page);
  });

  app.post('/organisation/people/:personId/supervisors/:supervisionId/end', async (request, reply) => {
    const viewer = requireViewer(request);
    const { personId, supervisionId } = endParams.parse(request.params);
    await services.staffAdmin.endSupervision({ viewer, supervisionId, learnerId: personId });
    return reply.redirect(`${personPath(personId)}?updated=ended`, 303);
  });
}
