import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { PageDeps } from '../index.ts';
import { dateTimeText } from '../organisation/organisation-view.ts';
import { requireViewer } from '../session.plugin.ts';

export const NOTIFICATIONS_PATH = '/notifications';
/**
 * Following a notification marks it read, then goes where it leads. A GET, so it works as a plain
 * link without JavaScript: it only ever marks the viewer's own notification read, and again is a no-op.
 */
export const openNotificationPath = (id: string) => `${NOTIFICATIONS_PATH}/${id}/open`;
const markReadPath = (id: string) => `${NOTIFICATIONS_PATH}/${id}/read`;

const idParams = z.object({ id: z.string().max(60) });

/** In-app notifications: the viewer's own, newest first; each marked read when followed, or all at once. */
export function registerNotificationPages(app: FastifyInstance, { services }: PageDeps): void {
  app.get(NOTIFICATIONS_PATH, async (request, reply) => {
    const viewer = requireViewer(request);
    const notifications = await services.notifications.listNotifications(viewer);
    return reply.view('notifications/notifications.njk', {
      pageTitle: 'Notifications',
      notifications: notifications.map((n) => ({
        message: n.message,
        created: dateTimeText(n.createdAt),
        isUnread: n.readAt === null,
        openPath: n.link === null ? null : openNotificationPath(n.id),
        markReadPath: markReadPath(n.id),
      })),
      hasUnread: notifications.some((n) => n.readAt === null),
    });
  });

  app.get(openNotificationPath(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = idParams.parse(request.params);
    const { link } = await services.notifications.openNotification({ viewer, notificationId: id });
    return reply.redirect(link ?? NOTIFICATIONS_PATH, 303);
  });

  app.post(markReadPath(':id'), async (request, reply) => {
    const viewer = requireViewer(request);
    const { id } = idParams.parse(request.params);
    await services.notifications.openNotification({ viewer, notificationId: id });
    return reply.redirect(NOTIFICATIONS_PATH, 303);
  });

  app.post(`${NOTIFICATIONS_PATH}/read`, async (request, reply) => {
    const viewer = requireViewer(request);
    await services.notifications.markAllRead(viewer);
    return reply.redirect(NOTIFICATIONS_PATH, 303);
  });
}
