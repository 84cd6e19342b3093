import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import type { Viewer } from '../../services/identity/viewer.ts';
import { heldMessage } from '../../domain/people/sign-in-limits.ts';
import { PASSWORD_MIN_LENGTH } from '../../services/people/account.service.ts';
import { formErrorsFromZod, formErrorsView, requiredText } from '../form-errors.ts';
import type { FormError } from '../form-errors.ts';
import type { PageDeps } from '../index.ts';
import { requireViewer, SESSION_COOKIE } from '../session.plugin.ts';

export const ACCOUNT_PATHS = { account: '/account', details: '/account/details', password: '/account/password' } as const;

const DETAILS_TEMPLATE = 'account/details.njk';
const PASSWORD_TEMPLATE = 'account/password.njk';
const breadcrumbs = [{ text: 'Home', href: '/' }, { text: 'Your account', href: ACCOUNT_PATHS.account }];

const detailsForm = z.object({
  displayName: requiredText('Enter your name', 200, 'Name must be 200 characters or fewer'),
  jobTitle: z.preprocess((v) => v ?? '', z.string().trim().max(200, 'Job title must be 200 characters or fewer')),
});
const passwordForm = z.object({ currentPassword: z.string().max(1024).default(''), newPassword: z.string().max(1024).default('') });

/** Changing your own name, job title and password. */
export function registerAccountSettingsPages(app: FastifyInstance, { services }: PageDeps): void {
  const detailsPage = (reply: FastifyReply, values: { displayName: string; jobTitle: string }, errors: FormError[] = []) =>
    reply.view(DETAILS_TEMPLATE, { pageTitle: 'Change your name and job title', breadcrumbs, values, ...formErrorsView(errors) });

  app.get(ACCOUNT_PATHS.details, async (request, reply) => {
    const viewer = requireViewer(request);
    const { person } = await services.directory.getAccountSummary({ viewer });
    return detailsPage(reply, { displayName: person.displayName, jobTitle: person.jobTitle ?? '' });
  });

  app.post(ACCOUNT_PATHS.details, async (request, reply) => {
    const viewer = requireViewer(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = detailsForm.safeParse(body);
    if (!parsed.success) {
      const values = { displayName: String(body.displayName ?? '').slice(0, 1000), jobTitle: String(body.jobTitle ?? '').slice(0, 1000) };
      return detailsPage(reply.status(400), values, formErrorsFromZod(parsed.error));
    }
    await services.accountSettings.updateOwnDetails({ viewer, displayName: parsed.data.displayName, jobTitle: parsed.data.jobTitle || null });
    return reply.redirect(`${ACCOUNT_PATHS.account}?done=details`, 303);
  });

  const passwordPage = (reply: FastifyReply, errors: FormError[] = []) =>
    reply.view(PASSWORD_TEMPLATE, { pageTitle: 'Change your password', breadcrumbs, minLength: PASSWORD_MIN_LENGTH, ...formErrorsView(errors) });

  app.get(ACCOUNT_PATHS.password, async (request, reply) => {
    const viewer = requireViewer(request);
    await assertHasPassword(viewer);
    return passwordPage(reply);
  });

  app.post(ACCOUNT_PATHS.password, async (request, reply) => {
    const viewer = requireViewer(request);
    const form = passwordForm.parse(request.body ?? {});
    const sessionToken = request.cookies[SESSION_COOKIE] ?? '';
    const result = await services.accountSettings.changePassword({ viewer, ...form, sessionToken, ip: request.ip });
    if (result.outcome === 'changed') return reply.redirect(`${ACCOUNT_PATHS.account}?done=password`, 303);
    if (result.outcome === 'held') {
      reply.header('retry-after', String(result.retryAfterSeconds));
      return passwordPage(reply.status(429), [{ field: 'currentPassword', href: '#currentPassword', text: heldMessage(result.retryAfterSeconds) }]);
    }
    return passwordPage(reply.status(400), result.problems.map((p) => ({ field: p.field, href: `#${p.field}`, text: p.message })));
  });

  async function assertHasPassword(viewer: Viewer): Promise<void> {
    if (!(await services.accountSettings.hasLocalPassword(viewer))) throw new AppError('not_found', 'Your account does not have a password on the hub.');
  }
}
