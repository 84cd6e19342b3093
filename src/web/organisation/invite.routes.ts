import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PLATFORM_ROLES } from '../../domain/people/platform-roles.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import type { FormError } from '../form-errors.ts';
import { formErrorsFromAppError, formErrorsFromZod, formErrorsView, listOf, requiredEmail, requiredText } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer } from '../session.plugin.ts';
import { ORGANISATION_PATHS } from './organisation.routes.ts';
import { organisationOptions, roleItems } from './organisation-view.ts';

const INVITE_PATH = '/organisation/invite';
const TEMPLATE = 'organisation/invite.njk';

const inviteQuery = z.object({ organisationId: z.guid().optional() });
const inviteForm = z.object({
  displayName: requiredText('Enter their full name', 200, 'Name must be 200 characters or fewer'),
  email: requiredEmail('Enter their email address'),
  organisationId: z.preprocess((v) => v || undefined, z.guid('Select the organisation they will join')),
  roles: listOf(z.enum(PLATFORM_ROLES, 'Select roles from the list')),
});

interface InviteValues {
  displayName?: string;
  email?: string;
  organisationId?: string;
  roles: string[];
}

export function registerInvitePages(app: FastifyInstance, { services }: PageDeps): void {
  async function invitePage(viewer: Viewer, values: InviteValues, errors: FormError[] = []) {
    const organisations = await services.directory.listAdministeredOrganisations({ viewer });
    return {
      pageTitle: 'Invite a member of staff',
      currentSection: 'organisation',
      values,
      organisationItems: organisationOptions(organisations, values.organisationId),
      roleItems: roleItems(viewer, values.roles),
      ...formErrorsView(errors),
    };
  }

  app.get(INVITE_PATH, async (request, reply) => {
    const viewer = requireViewer(request);
    const { organisationId } = inviteQuery.parse(request.query);
    return reply.view(TEMPLATE, await invitePage(viewer, { organisationId: organisationId ?? viewer.organisationId, roles: [] }));
  });

  app.post(INVITE_PATH, async (request, reply) => {
    const viewer = requireViewer(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = inviteForm.safeParse(body);
    const values: InviteValues = {
      displayName: typeof body.displayName === 'string' ? body.displayName : undefined,
      email: typeof body.email === 'string' ? body.email : undefined,
      organisationId: typeof body.organisationId === 'string' ? body.organisationId : undefined,
      roles: ([] as unknown[]).concat(body.roles ?? []).filter((r): r is string => typeof r === 'string'),
    };
    const rerender = async (errors: FormError[]) => reply.status(400).view(TEMPLATE, await invitePage(viewer, values, errors));
    if (!parsed.success) return rerender(formErrorsFromZod(parsed.error, { roles: 'roles' }));
    try {
      await services.invitations.inviteStaff({ viewer, ...parsed.data });
    } catch (error) {
      const errors = formErrorsFromAppError(error);
      if (errors) return rerender(errors);
      throw error;
    }
    return reply.redirect(`${ORGANISATION_PATHS.outbox}?organisationId=${parsed.data.organisationId}&invited=1`, 303);
  });
}
