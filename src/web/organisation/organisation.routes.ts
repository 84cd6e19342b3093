import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { canSitUnder, ORGANISATION_KIND_LABELS, ORGANISATION_KINDS } from '../../domain/people/organisation-kinds.ts';
import type { OrganisationKind } from '../../domain/people/organisation-kinds.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import type { FormError } from '../form-errors.ts';
import { formErrorsFromAppError, formErrorsFromZod, formErrorsView, requiredText } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { pageHref, pagerView, readPageNumber, showingText } from '../pagination.ts';
import { requireViewer } from '../session.plugin.ts';
import { dateTimeText, kindLabel, paragraphsOf, pathText, roleNames } from './organisation-view.ts';
import { deliveryStatus, outboxRowView } from './outbox-view.ts';

export const ORGANISATION_PATHS = {
  overview: '/organisation',
  newOrganisation: '/organisation/organisations/new',
  outbox: '/organisation/outbox',
} as const;

const overviewQuery = z.object({ organisationId: z.guid().optional(), created: z.literal('1').optional() });
const outboxQuery = z.object({ organisationId: z.guid().optional(), invited: z.literal('1').optional() });
const newOrganisationQuery = z.object({ parentId: z.guid().optional() });
const messageParams = z.object({ messageId: z.guid() });
const newOrganisationForm = z.object({
  parentId: z.guid(),
  kind: z.preprocess((v) => v ?? '', z.enum(ORGANISATION_KINDS, 'Select what kind of organisation it is')),
  name: requiredText('Enter the name of the organisation', 200, 'Name must be 200 characters or fewer'),
  odsCode: z.string().trim().max(20, 'ODS code must be 20 characters or fewer').optional(),
});

/** The organisation admin's pages: the tree and its people, adding organisations, and the outbox. */
export function registerOrganisationPages(app: FastifyInstance, { services }: PageDeps): void {
  app.get(ORGANISATION_PATHS.overview, async (request, reply) => {
    const viewer = requireViewer(request);
    const { organisationId, created } = overviewQuery.parse(request.query);
    const page = readPageNumber(request.query);
    const overview = await services.directory.getOrganisationOverview({ viewer, organisationId, page });
    // Other pages keep the organisation chosen, but not the one-off "has been added" banner.
    const href = (n: number) => pageHref(ORGANISATION_PATHS.overview, { organisationId }, n, 'people');
    return reply.view('organisation/overview.njk', {
      pageTitle: overview.organisation.name,
      currentSection: 'organisation',
      created: created === '1',
      overview,
      kind: kindLabel(overview.organisation.kind),
      path: pathText(overview.path.slice(0, -1)),
      tree: overview.tree.map((entry) => ({ ...entry, kind: kindLabel(entry.organisation.kind) })),
      people: overview.people.map(({ person, supervisors }) => ({ person, roles: roleNames(person.roles), supervisors: supervisors.map((s) => s.supervisor.displayName).join(', ') })),
      peopleShowing: showingText(overview.peoplePage, 'person', 'people'),
      peoplePager: pagerView(overview.peoplePage, href),
    });
  });

  async function newOrganisationPage(viewer: Viewer, parentId: string | undefined, values: Record<string, string | undefined>, errors: FormError[] = []) {
    const parent = await services.directory.administeredOrganisation({ viewer, organisationId: parentId });
    const kinds = ORGANISATION_KINDS.filter((kind) => canSitUnder(kind, parent.kind));
    return {
      pageTitle: 'Add an organisation',
      currentSection: 'organisation',
      parent,
      parentKind: kindLabel(parent.kind),
      kindItems: kinds.map((kind: OrganisationKind) => ({ value: kind, text: ORGANISATION_KIND_LABELS[kind], checked: values.kind === kind || kinds.length === 1 })),
      values,
      ...formErrorsView(errors),
    };
  }

  app.get(ORGANISATION_PATHS.newOrganisation, async (request, reply) => {
    const viewer = requireViewer(request);
    const { parentId } = newOrganisationQuery.parse(request.query);
    return reply.view('organisation/new-organisation.njk', await newOrganisationPage(viewer, parentId, {}));
  });

  app.post(ORGANISATION_PATHS.newOrganisation, async (request, reply) => {
    const viewer = requireViewer(request);
    const body = (request.body ?? {}) as Record<string, string | undefined>;
    const parsed = newOrganisationForm.safeParse(body);
    const rerender = async (errors: FormError[]) => reply.status(400).view('organisation/new-organisation.njk', await newOrganisationPage(viewer, parsed.data?.parentId ?? z.guid().safeParse(body.parentId).data, body, errors));
    if (!parsed.success) return rerender(formErrorsFromZod(parsed.error));
    try {
      const created = await services.staffAdmin.createChildOrganisation({ viewer, ...parsed.data, odsCode: parsed.data.odsCode || null });
      return reply.redirect(`${ORGANISATION_PATHS.overview}?organisationId=${created.id}&created=1`, 303);
    } catch (error) {
      const errors = formErrorsFromAppError(error);
      if (errors) return rerender(errors);
      throw error;
    }
  });

  app.get(ORGANISATION_PATHS.outbox, async (request, reply) => {
    const viewer = requireViewer(request);
    const { organisationId, invited } = outboxQuery.parse(request.query);
    const { organisation, messages } = await services.directory.listOutbox({ viewer, organisationId });
    return reply.view('organisation/outbox.njk', {
      pageTitle: `Emails sent for ${organisation.name}`,
      currentSection: 'organisation',
      invited: invited === '1',
      // Without a mail server (no SMTP_HOST) mail stays on this page.
      sending: services.mailDelivery !== null,
      organisation,
      messages: messages.map(outboxRowView),
    });
  });

  app.get(`${ORGANISATION_PATHS.outbox}/:messageId`, async (request, reply) => {
    const viewer = requireViewer(request);
    const { messageId } = messageParams.parse(request.params);
    const message = await services.directory.getOutboxMessage({ viewer, messageId });
    return reply.view('organisation/outbox-message.njk', {
      pageTitle: message.subject,
      currentSection: 'organisation',
      message,
      created: dateTimeText(message.createdAt),
      status: deliveryStatus(message),
      sent: message.sentAt ? dateTimeText(message.sentAt) : null,
      paragraphs: paragraphsOf(message.bodyText),
    });
  });
}
