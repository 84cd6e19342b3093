import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { InvitationView } from '../../services/people/invitation.service.ts';
import { PASSWORD_MIN_LENGTH } from '../../services/people/account.service.ts';
import type { FormError } from '../form-errors.ts';
import { formErrorsView } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { kindLabel, roleNames } from '../organisation/organisation-view.ts';
import { SESSION_COOKIE } from '../session.plugin.ts';

const ACCEPT_TEMPLATE = 'invitations/accept.njk';
const UNAVAILABLE_TEMPLATE = 'invitations/unavailable.njk';

const tokenParams = z.object({ token: z.string().min(1).max(200) });
const acceptForm = z.object({ password: z.string().max(1024).default('') });

/** Unknown links are "not found"; used and expired ones are gone for good. */
const UNAVAILABLE = {
  unknown: { status: 404, pageTitle: 'This invitation link is not valid' },
  expired: { status: 410, pageTitle: 'This invitation has expired' },
  accepted: { status: 410, pageTitle: 'This invitation has already been used' },
  'has-account': { status: 409, pageTitle: 'You already have an account' },
} as const;

/** Accepting an invitation: anyone with the link, signed in or not (the link is the credential). */
export function registerInvitationPages(app: FastifyInstance, { services }: PageDeps): void {
  const acceptPage = (view: InvitationView & { state: 'open' }, errors: FormError[] = [], token?: string) => ({
    pageTitle: 'Accept your invitation',
    invitation: view.invitation,
    organisation: view.organisation,
    organisationKind: kindLabel(view.organisation.kind),
    roles: roleNames(view.invitation.roles),
    minLength: PASSWORD_MIN_LENGTH,
    // Accepting with NHS CIS2 (issue 15) when the hub has a provider; the password form unless LOCAL_PASSWORDS=off.
    provider: services.signInMethods.oidc,
    localPasswords: services.signInMethods.localPasswords,
    token,
    ...formErrorsView(errors),
  });

  app.get('/invitations/:token', async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    const view = await services.invitations.viewInvitation({ token });
    reply.header('referrer-policy', 'no-referrer'); // the token is in this page's address
    if (view.state !== 'open') return reply.status(UNAVAILABLE[view.state].status).view(UNAVAILABLE_TEMPLATE, { ...UNAVAILABLE[view.state], state: view.state });
    return reply.view(ACCEPT_TEMPLATE, acceptPage(view, [], token));
  });

  app.post('/invitations/:token', async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    const { password } = acceptForm.parse(request.body ?? {});
    const result = await services.invitations.acceptInvitation({ token, password });
    if (result.outcome === 'unavailable') return reply.status(UNAVAILABLE[result.state].status).view(UNAVAILABLE_TEMPLATE, { ...UNAVAILABLE[result.state], state: result.state });
    if (result.outcome === 'invalid-password') {
      const errors = result.problems.map((text) => ({ field: 'password', href: '#password', text }));
      return reply.status(400).view(ACCEPT_TEMPLATE, acceptPage(result.invitation, errors, token));
    }
    const session = await services.sessions.startSession({ personId: result.person.id, replacing: request.cookies[SESSION_COOKIE] });
    return reply.startSession(session).redirect('/account?welcome=1', 303);
  });
}
