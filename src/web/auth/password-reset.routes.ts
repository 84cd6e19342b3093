import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ResetLinkState } from '../../services/identity/password-reset.service.ts';
import { PASSWORD_MIN_LENGTH } from '../../services/people/account.service.ts';
import { formErrorsFromZod, formErrorsView, requiredEmail } from '../form-errors.ts';
import type { FormError } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';

export const RESET_PATHS = {
  forgot: '/sign-in/forgot',
  sent: '/sign-in/forgot/sent',
  reset: (token: string) => `/sign-in/reset/${token}`,
  complete: '/sign-in/reset-complete',
} as const;

const forgotForm = z.object({ email: requiredEmail('Enter your email address') });
const tokenParams = z.object({ token: z.string().min(1).max(200) });
const resetForm = z.object({ password: z.string().max(1024).default('') });

/** Unknown links are "not found"; used and expired ones are gone for good. */
const UNAVAILABLE: Record<Exclude<ResetLinkState, 'open'>, { status: number; pageTitle: string }> = {
  unknown: { status: 404, pageTitle: 'This link to reset your password is not valid' },
  expired: { status: 410, pageTitle: 'This link to reset your password has expired' },
  used: { status: 410, pageTitle: 'This link to reset your password has already been used' },
};

/** "Forgot your password": ask for a link by email, then choose a new password from it. For anyone, signed in or not. */
export function registerPasswordResetPages(app: FastifyInstance, { services }: PageDeps): void {
  const forgotPage = (reply: FastifyReply, email: string, errors: FormError[] = []) =>
    reply.view('auth/forgot-password.njk', { pageTitle: 'Reset your password', values: { email }, ...formErrorsView(errors) });
  const unavailable = (reply: FastifyReply, state: Exclude<ResetLinkState, 'open'>) =>
    reply.status(UNAVAILABLE[state].status).view('auth/reset-unavailable.njk', { ...UNAVAILABLE[state], forgotPath: RESET_PATHS.forgot });
  const resetPage = (reply: FastifyReply, errors: FormError[] = []) =>
    reply.view('auth/reset-password.njk', { pageTitle: 'Choose a new password', minLength: PASSWORD_MIN_LENGTH, ...formErrorsView(errors) });

  app.get(RESET_PATHS.forgot, async (_request, reply) => forgotPage(reply, ''));

  app.post(RESET_PATHS.forgot, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = forgotForm.safeParse(body);
    if (!parsed.success) return forgotPage(reply.status(400), String(body.email ?? '').slice(0, 320), formErrorsFromZod(parsed.error));
    await services.passwordResets.requestPasswordReset({ email: parsed.data.email, ip: request.ip });
    // The same answer whether or not the address has an account.
    return reply.redirect(RESET_PATHS.sent, 303);
  });

  app.get(RESET_PATHS.sent, async (_request, reply) => reply.view('auth/forgot-password-sent.njk', { pageTitle: 'Check your email', forgotPath: RESET_PATHS.forgot }));

  app.get(RESET_PATHS.reset(':token'), async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    reply.header('referrer-policy', 'no-referrer'); // the token is in this page's address
    const state = await services.passwordResets.viewPasswordReset({ token });
    return state === 'open' ? resetPage(reply) : unavailable(reply, state);
  });

  app.post(RESET_PATHS.reset(':token'), async (request, reply) => {
    const { token } = tokenParams.parse(request.params);
    const { password } = resetForm.parse(request.body ?? {});
    reply.header('referrer-policy', 'no-referrer');
    const result = await services.passwordResets.resetPassword({ token, password });
    if (result.outcome === 'unavailable') return unavailable(reply, result.state);
    if (result.outcome === 'invalid-password') return resetPage(reply.status(400), result.problems.map((text) => ({ field: 'password', href: '#password', text })));
    // Every session of theirs has ended; if this browser held one, its cookie goes too.
    if (request.viewer?.personId === result.personId) reply.clearSession();
    return reply.redirect(RESET_PATHS.complete, 303);
  });

  app.get(RESET_PATHS.complete, async (_request, reply) => reply.view('auth/reset-complete.njk', { pageTitle: 'Your password has been changed' }));
}
