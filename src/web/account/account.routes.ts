import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { PageDeps } from '../index.ts';
import { dateText, pathText, roleNames } from '../organisation/organisation-view.ts';
import { requireViewer } from '../session.plugin.ts';

const accountQuery = z.object({ welcome: z.literal('1').optional() });

/** The signed-in person's own account: who they are, where they sit, who supervises them. */
export function registerAccountPage(app: FastifyInstance, { services }: PageDeps): void {
  app.get('/account', async (request, reply) => {
    const viewer = requireViewer(request);
    const { welcome } = accountQuery.parse(request.query);
    const account = await services.directory.getAccountSummary({ viewer });
    return reply.view('account/account.njk', {
      pageTitle: 'Your account',
      welcome: welcome === '1',
      account,
      organisationPath: pathText(account.path),
      roles: roleNames(account.person.roles),
      supervisors: account.supervisors.map((s) => ({ name: s.supervisor.displayName, since: dateText(s.supervision.assignedAt) })),
    });
  });
}
