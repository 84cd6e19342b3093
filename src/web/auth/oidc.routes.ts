import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { publicJwksOf } from '../../oidc-config.ts';
import type { OidcSignInResult } from '../../services/identity/oidc-sign-in.service.ts';
import type { SessionCis2Role } from '../../db/tables/people.ts';
import type { FormError } from '../form-errors.ts';
import { formErrorsView } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer, SESSION_COOKIE } from '../session.plugin.ts';
import { refusalPage } from './oidc-pages.ts';
import { safeReturnPath } from './return-path.ts';

/** Binds a sign-in to the browser that began it (login CSRF): set at /sign-in/nhs, required by the callback. */
const BROWSER_COOKIE = 'hub_oidc';
const CHOOSE_TEMPLATE = 'auth/choose-role.njk';
const startQuery = z.object({ returnTo: z.string().max(2048).optional(), invitation: z.string().min(1).max(200).optional() });
const roleForm = z.object({ roleId: z.string().max(100).default('') });

export const roleItems = (roles: readonly SessionCis2Role[], checked?: string) =>
  roles.map((r) => ({ value: r.roleId, text: r.roleName, hint: { text: r.organisationName }, checked: r.roleId === checked }));

/** Sign-in with NHS CIS2 (issue 15): the start link, the provider's callback, the role chooser and switching. */
export function registerOidcPages(app: FastifyInstance, { services }: PageDeps): void {
  registerLocalPasswordGate(app, services.signInMethods.localPasswords);
  // The provider fetches the hub's public key from here to check its private_key_jwt assertions.
  app.get('/.well-known/jwks.json', async (_request, reply) => {
    if (!services.oidcConfig) throw new AppError('not_found', 'Page not found');
    return reply.header('cache-control', 'public, max-age=300').send(publicJwksOf(services.oidcConfig));
  });
  app.get('/signed-out', async (_request, reply) => reply.view('auth/signed-out.njk', { pageTitle: 'You have signed out', providerName: services.oidcSignIn?.providerName }));
  const oidc = services.oidcSignIn;
  if (!oidc) return;
  const cookieOptions = { path: '/sign-in/nhs', httpOnly: true, sameSite: 'lax', secure: services.baseUrl.startsWith('https://') } as const;

  const answer = (request: FastifyRequest, reply: FastifyReply, result: OidcSignInResult) => {
    if (result.outcome === 'signed-in') return reply.clearCookie(BROWSER_COOKIE, cookieOptions).startSession(result.session).redirect(result.returnTo, 303);
    if (result.outcome === 'choose-role') return reply.redirect('/sign-in/nhs/role', 303);
    const page = refusalPage(result.reason, oidc.providerName, result.organisationName);
    return reply.clearCookie(BROWSER_COOKIE, cookieOptions).status(page.status).view('auth/oidc-refused.njk', { ...page, providerName: oidc.providerName });
  };
  const chooser = (roles: readonly SessionCis2Role[], errors: FormError[] = []) => ({
    pageTitle: 'Choose your role',
    heading: 'Which role do you want to use?',
    hint: 'You have more than one role on this hub. You can switch later from your account page.',
    buttonText: 'Continue',
    action: '/sign-in/nhs/role',
    roleItems: roleItems(roles),
    ...formErrorsView(errors),
  });

  // A link, not a form: the CSP's form-action would stop a POST from redirecting to the provider.
  app.get('/sign-in/nhs', async (request, reply) => {
    const query = startQuery.parse(request.query);
    const invitation = query.invitation ? await services.invitations.viewInvitation({ token: query.invitation }) : undefined;
    if (invitation && invitation.state !== 'open') throw new AppError('not_found', 'This invitation is no longer open.');
    const started = await oidc.start({ returnTo: invitation ? '/account?welcome=1' : safeReturnPath(query.returnTo), ...(invitation ? { invitationId: invitation.invitation.id } : {}) });
    return reply.setCookie(BROWSER_COOKIE, started.browserToken, { ...cookieOptions, maxAge: 600 }).redirect(started.redirectUrl, 303);
  });

  app.get('/sign-in/nhs/callback', async (request, reply) => {
    const callbackUrl = new URL(request.url, services.oidcConfig?.redirectUri);
    const result = await oidc.complete({ callbackUrl, browserToken: request.cookies[BROWSER_COOKIE], replacing: request.cookies[SESSION_COOKIE] });
    return answer(request, reply, result);
  });

  app.get('/sign-in/nhs/role', async (request, reply) => {
    const roles = await oidc.pendingRoles({ browserToken: request.cookies[BROWSER_COOKIE] });
    if (!roles) return answer(request, reply, { outcome: 'refused', reason: 'failed' });
    return reply.view(CHOOSE_TEMPLATE, chooser(roles));
  });

  app.post('/sign-in/nhs/role', async (request, reply) => {
    const { roleId } = roleForm.parse(request.body ?? {});
    const browserToken = request.cookies[BROWSER_COOKIE];
    try {
      return answer(request, reply, await oidc.chooseRole({ browserToken, roleId, replacing: request.cookies[SESSION_COOKIE] }));
    } catch (error) {
      const roles = await oidc.pendingRoles({ browserToken });
      if (!(error instanceof AppError) || error.code !== 'invalid' || !roles) throw error;
      return reply.status(400).view(CHOOSE_TEMPLATE, chooser(roles, [{ field: 'roleId', href: '#roleId', text: 'Select the role you want to use' }]));
    }
  });

  app.post('/account/role', async (request, reply) => {
    const viewer = requireViewer(request);
    const state = request.oidcSession;
    if (!state) throw new AppError('not_found', 'Page not found');
    const { roleId } = roleForm.parse(request.body ?? {});
    try {
      return answer(request, reply, await oidc.switchRole({ state, viewer, roleId, replacing: request.cookies[SESSION_COOKIE] ?? '' }));
    } catch (error) {
      // A role not offered at sign-in (a hand-made form): stay as they are.
      if (error instanceof AppError && error.code === 'invalid') return reply.redirect('/account', 303);
      throw error;
    }
  });
}

/** With LOCAL_PASSWORDS=off the hub has no password sign-in at all: its pages and forms are not found. */
function registerLocalPasswordGate(app: FastifyInstance, localPasswords: boolean): void {
  if (localPasswords) return;
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    const passwordPost = request.method === 'POST' && (path === '/sign-in' || path === '/api/v1/session' || path.startsWith('/invitations/'));
    if (passwordPost || path.startsWith('/sign-in/forgot') || path.startsWith('/sign-in/reset')) throw new AppError('not_found', 'Page not found');
  });
}
