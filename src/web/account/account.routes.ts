import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { PageDeps } from '../index.ts';
import { dateText, pathText, roleNames } from '../organisation/organisation-view.ts';
import { requireViewer } from '../session.plugin.ts';
import { roleItems } from '../auth/oidc.routes.ts';
import { registerAccountSettingsPages } from './account-settings.routes.ts';

const DONE_MESSAGES = {
  details: 'Your name and job title have been changed.',
  password: 'Your password has been changed. You have been signed out on every other device.',
} as const;
const accountQuery = z.object({ welcome: z.literal('1').optional().catch(undefined), done: z.enum(['details', 'password']).optional().catch(undefined) });

/** The signed-in person's own account: who they are, where they sit, who supervises them; and changing it. */
export function registerAccountPage(app: FastifyInstance, deps: PageDeps): void {
  const { services } = deps;
  app.get('/account', async (request, reply) => {
    const viewer = requireViewer(request);
    const { welcome, done } = accountQuery.parse(request.query);
    const [account, hasPassword] = await Promise.all([services.directory.getAccountSummary({ viewer }), services.accountSettings.hasLocalPassword(viewer)]);
    return reply.view('account/account.njk', {
      pageTitle: 'Your account',
      welcome: welcome === '1',
      doneMessage: done ? DONE_MESSAGES[done] : undefined,
      account,
      hasPassword,
      organisationPath: pathText(account.path),
      roles: roleNames(account.person.roles),
      supervisors: account.supervisors.map((s) => ({ name: s.supervisor.displayName, since: dateText(s.supervision.assignedAt) })),
      // A CIS2 session: the role it acts in, and the other roles received at sign-in to switch to.
      signedInAs: viewer.signedInAs,
      otherRoles: roleItems((request.oidcSession?.roles ?? []).filter((r) => r.roleId !== viewer.signedInAs?.roleId)),
    });
  });
  registerAccountSettingsPages(app, deps);
}
