import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { heldMessage } from '../../domain/people/sign-in-limits.ts';
import type { PageDeps } from '../index.ts';
import { hasParkedForm } from '../resume-form.ts';
import { SESSION_COOKIE } from '../session.plugin.ts';
import { registerPasswordResetPages } from './password-reset.routes.ts';
import { safeReturnPath } from './return-path.ts';

const signInForm = z.object({
  email: z.string().trim().max(320).default(''),
  password: z.string().max(1024).default(''),
  returnTo: z.string().max(2048).optional(),
});

export function registerAuthPages(app: FastifyInstance, deps: PageDeps): void {
  const { services } = deps;
  registerPasswordResetPages(app, deps);
  const signInPage = async (values: { email?: string; returnTo?: string }, extra: object = {}) => ({
    pageTitle: 'Sign in',
    values,
    fieldErrors: {},
    // Listed only on a hub holding the demo data, where these accounts and password are public anyway.
    demoAccounts: await services.demo.demoAccounts(),
    demoPassword: services.demo.password,
    localPasswords: services.signInMethods.localPasswords,
    provider: services.signInMethods.oidc,
    ...extra,
  });

  app.get('/sign-in', async (request, reply) => {
    const { returnTo } = z.object({ returnTo: z.string().max(2048).optional() }).parse(request.query);
    if (request.viewer) return reply.redirect(safeReturnPath(returnTo));
    const notice = hasParkedForm(request) ? 'You were signed out. Sign in again and what you entered will be put back for you to check and save.' : undefined;
    return reply.view('auth/sign-in.njk', await signInPage({ returnTo: safeReturnPath(returnTo) }, { notice }));
  });

  app.post('/sign-in', async (request, reply) => {
    const form = signInForm.parse(request.body ?? {});
    const values = { email: form.email, returnTo: safeReturnPath(form.returnTo) };
    const errors = [
      ...(form.email ? [] : [{ text: 'Enter your email address', href: '#email', field: 'email' }]),
      ...(form.password ? [] : [{ text: 'Enter your password', href: '#password', field: 'password' }]),
    ];
    let status = 400;
    if (errors.length === 0) {
      const result = await services.identity.authenticate({ email: form.email, password: form.password }, { ip: request.ip });
      if (result.outcome === 'signed-in') {
        const session = await services.sessions.startSession({ personId: result.personId, replacing: request.cookies[SESSION_COOKIE] });
        return reply.startSession(session).redirect(values.returnTo, 303);
      }
      if (result.outcome === 'held') {
        status = 429;
        reply.header('retry-after', String(result.retryAfterSeconds));
        errors.push({ text: heldMessage(result.retryAfterSeconds), href: '#email', field: 'email' });
      } else {
        errors.push({ text: 'Enter a correct email address and password', href: '#email', field: 'email' });
      }
    }
    const fieldErrors = Object.fromEntries(errors.map((e) => [e.field, e.text]));
    return reply.status(status).view('auth/sign-in.njk', await signInPage(values, { errorSummary: errors, fieldErrors }));
  });

  app.get('/sign-out', async (request, reply) => {
    if (!request.viewer) return reply.redirect('/sign-in');
    return reply.view('auth/sign-out.njk', { pageTitle: 'Sign out' });
  });

  app.post('/sign-out', async (request, reply) => {
    const everywhere = z.object({ everywhere: z.literal('yes').optional() }).parse(request.body ?? {}).everywhere === 'yes';
    const token = request.cookies[SESSION_COOKIE];
    const oidcSession = request.oidcSession;
    if (request.viewer && everywhere) await services.sessions.endAllSessions({ personId: request.viewer.personId });
    else if (token) await services.sessions.endSession({ token });
    request.viewer = null;
    request.sessionCsrfSecret = null;
    // A CIS2 session signs out at CIS2 too, which sends the browser back to /signed-out.
    const endSession = oidcSession && services.oidcSignIn ? await services.oidcSignIn.endSessionUrl(oidcSession.idTokenHint).catch(() => null) : null;
    if (endSession) return reply.clearSession().redirect(endSession, 303);
    return reply.clearSession().view('auth/sign-out.njk', { pageTitle: 'You have signed out', signedOut: true, everywhere });
  });
}
