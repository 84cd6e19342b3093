import type { FastifyInstance } from 'fastify';
import type { PageDeps } from '../index.ts';
import { dateTimeText } from '../organisation/organisation-view.ts';
import { requireViewer } from '../session.plugin.ts';

const NOTIFICATIONS_PATH = '/notifications';

/** In-app notifications: the viewer's own, newest first, with one button to mark them all read. */
export function registerNotificationPages(app: FastifyInstance, { services }: PageDeps): void {
  app.get(NOTIFICATIONS_PATH, async (request, reply) => {
    const viewer = requireViewer(request);
    const notifications = await services.notifications.listNotifications(viewer);
    return reply.view('notifications/notifications.njk', {
      pageTitle: 'Notifications',
      notifications: notifications.map((n) => ({ ...n, created: dateTimeText(n.createdAt), isUnread: n.readAt === null })),
      hasUnread: notifications.some((n) => n.readAt === null),
    });
  });

  app.post(`${NOTIFICATIONS_PATH}/read`, async (request, reply) => {
    const viewer = requireViewer(request);
    await services.notifications.markAllRead(viewer);
    return reply.redirect(NOTIFICATIONS_PATH, 303);
  });
}
