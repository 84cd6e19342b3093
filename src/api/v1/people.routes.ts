import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.ts';
import { heldMessage } from '../../domain/people/sign-in-limits.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import type { Services } from '../../services/index.ts';
import { csrf } from '../../services/identity/session.service.ts';
import { requireViewer, SESSION_COOKIE } from '../../web/session.plugin.ts';
import { idParams, invitationRequest, meUpdateRequest, rolesRequest, sessionRequest, toOrganisationJson, toPersonJson } from './people.schemas.ts';

const isJson = (contentType: string | undefined) => /^application\/json\s*(;|$)/i.test(contentType ?? '');

/** The people API: sessions, the signed-in person, people they may see, invitations, notifications. */
export function registerPeopleApi(app: FastifyInstance, { services }: { services: Services }): void {
  // Limited as the sign-in form is (the same counters): guessing is no cheaper through the API.
  app.post('/api/v1/session', async (request, reply) => {
    // JSON only: another site's form can post urlencoded, multipart or text/plain without asking,
    // and would sign the visitor's browser in as someone else (login CSRF). JSON needs a preflight.
    if (!isJson(request.headers['content-type'])) throw new AppError('invalid', 'Send the email address and password as JSON (content-type: application/json).');
    const credentials = sessionRequest.parse(request.body ?? {});
    const result = await services.identity.authenticate(credentials, { ip: request.ip });
    if (result.outcome === 'held') {
      reply.header('retry-after', String(result.retryAfterSeconds));
      throw new AppError('too_many_requests', heldMessage(result.retryAfterSeconds));
    }
    if (result.outcome !== 'signed-in') throw new AppError('unauthenticated', 'Enter a correct email address and password.');
    const person = await services.accounts.getPerson(result.personId);
    if (!person) throw new Error('a person who has just signed in could not be found');
    const session = await services.sessions.startSession({ personId: result.personId, replacing: request.cookies[SESSION_COOKIE] });
    reply.startSession(session);
    return { person: toPersonJson(person), csrfToken: csrf.createToken(session.csrfSecret) };
  });

  app.delete('/api/v1/session', async (request, reply) => {
    requireViewer(request);
    const token = request.cookies[SESSION_COOKIE];
    if (token) await services.sessions.endSession({ token });
    return reply.clearSession().status(204).send();
  });

  const me = async (viewer: Viewer) => {
    const { person, path, supervisors, supervises } = await services.directory.getAccountSummary({ viewer });
    return { ...toPersonJson(person), organisationPath: path.map(toOrganisationJson), supervisors: supervisors.map((s) => s.supervisor), supervises };
  };

  app.get('/api/v1/me', async (request) => me(requireViewer(request)));

  app.patch('/api/v1/me', async (request) => {
    const viewer = requireViewer(request);
    const changes = meUpdateRequest.parse(request.body ?? {});
    if (changes.displayName === undefined && changes.jobTitle === undefined) return me(viewer);
    const { person } = await services.directory.getAccountSummary({ viewer });
    const jobTitle = changes.jobTitle === undefined ? person.jobTitle : changes.jobTitle || null;
    await services.accountSettings.updateOwnDetails({ viewer, displayName: changes.displayName ?? person.displayName, jobTitle });
    return me(viewer);
  });

  app.get('/api/v1/people/:id', async (request) => {
    const viewer = requireViewer(request);
    const { id } = idParams.parse(request.params);
    return toPersonJson(await services.access.assertCanSeePerson(viewer, id));
  });

  // The same service as the person page's roles form, so both are checked and audited alike.
  app.put('/api/v1/people/:id/roles', async (request) => {
    const viewer = requireViewer(request);
    const { id } = idParams.parse(request.params);
    const { roles } = rolesRequest.parse(request.body ?? {});
    return toPersonJson(await services.staffAdmin.changeRoles({ viewer, personId: id, roles }));
  });

  app.get('/api/v1/organisations/:id/people', async (request) => {
    const viewer = requireViewer(request);
    const { id } = idParams.parse(request.params);
    const { organisation, people } = await services.directory.listOrganisationPeople({ viewer, organisationId: id });
    return { organisation: toOrganisationJson(organisation), people: people.map(toPersonJson) };
  });

  app.post('/api/v1/organisations/:id/invitations', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = idParams.parse(request.params);
    const invitation = await services.invitations.inviteStaff({ viewer, organisationId: id, ...invitationRequest.parse(request.body ?? {}) });
    const { organisationId, email, displayName, roles, expiresAt } = invitation;
    return reply.status(201).send({ id: invitation.id, organisationId, email, displayName, roles, expiresAt: expiresAt.toISOString() });
  });

  app.post('/api/v1/notifications/:id/read', async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = idParams.parse(request.params);
    await services.notifications.openNotification({ viewer, notificationId: id });
    return reply.status(204).send();
  });

  app.get('/api/v1/notifications', async (request) => {
    const viewer = requireViewer(request);
    const [notifications, unread] = await Promise.all([services.notifications.listNotifications(viewer), services.notifications.countUnread(viewer)]);
    return {
      unread,
      notifications: notifications.map((n) => ({ id: n.id, message: n.message, link: n.link, createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null })),
    };
  });
}
