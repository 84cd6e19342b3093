import { validate as isUuid } from 'uuid';
import type { Database } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import type { NotificationRepository, NotificationRow } from '../../db/notification.repository.ts';
import type { Viewer } from '../identity/viewer.ts';

/** The notifications page shows this many; older ones stay in the table. */
export const NOTIFICATIONS_SHOWN = 50;

export interface NotifyOptions {
  /** The transaction of the change being announced, so the notice exists only if the change commits. */
  tx?: Database;
  organisationId: string;
  personId: string;
  message: string;
  /** A path on this hub (e.g. `/verification/…`); links elsewhere are refused. */
  link?: string | null;
}

/** The same notice to many people (a retired resource's learners), written in batches. */
export interface NotifyAllOptions {
  tx?: Database;
  recipients: ReadonlyArray<{ organisationId: string; personId: string }>;
  message: string;
  link?: string | null;
}

// Notification links are rendered as hrefs: only paths on this hub, never another site.
function assertHubPath(link: string | null): void {
  if (link !== null && !isHubPath(link)) {
    throw new Error(`a notification link must be a path on the hub, not ${link}`);
  }
}

/**
 * Whether a link is a path on this hub: notification links are rendered as hrefs and redirected
 * to. Browsers drop tabs and line breaks from addresses (so `/\t/evil.example` is `//evil.example`)
 * and read `\` as `/`: a link with either, or with any other control character or space, is refused.
 */
export function isHubPath(link: string): boolean {
  return link.startsWith('/') && !link.startsWith('//') && ![...link].some((c) => c === '\\' || c <= ' ' || c === '\u007f');
}

const notificationNotFound = () => new AppError('not_found', 'There is no such notification, or it is not yours.');

export function createNotificationService(deps: { notificationRepository: NotificationRepository; now?: () => Date }) {
  const notifications = deps.notificationRepository;
  const now = deps.now ?? (() => new Date());
  return {
    async notify({ tx, organisationId, personId, message, link = null }: NotifyOptions): Promise<NotificationRow> {
      assertHubPath(link);
      return notifications.insertNotification({ organisationId, personId, message, link }, tx);
    },

    async notifyAll({ tx, recipients, message, link = null }: NotifyAllOptions): Promise<void> {
      assertHubPath(link);
      await notifications.insertNotifications(recipients.map(({ organisationId, personId }) => ({ organisationId, personId, message, link })), tx);
    },

    /** The viewer's own notifications, newest first. */
    listNotifications: (viewer: Viewer): Promise<NotificationRow[]> => notifications.listRecentNotifications(viewer.personId, NOTIFICATIONS_SHOWN),

    countUnread: (viewer: Viewer): Promise<number> => notifications.countUnread(viewer.personId),

    /** The viewer's newest unread notifications, for their start page. */
    listUnread: (viewer: Viewer, limit: number): Promise<NotificationRow[]> => notifications.listUnreadNotifications(viewer.personId, limit),

    markAllRead: (viewer: Viewer): Promise<number> => notifications.markAllRead(viewer.personId, now()),

    /**
     * The viewer opens one of their notifications: it is marked read, and where it leads is returned
     * (null when it has no link). Anyone else's notification, or an unknown id, is "not found".
     */
    async openNotification({ viewer, notificationId }: { viewer: Viewer; notificationId: string }): Promise<{ link: string | null }> {
      const notification = isUuid(notificationId) ? await notifications.findNotification(viewer.personId, notificationId) : undefined;
      if (!notification) throw notificationNotFound();
      if (notification.readAt === null) await notifications.markRead(viewer.personId, notification.id, now());
      return { link: notification.link !== null && isHubPath(notification.link) ? notification.link : null };
    },

    /**
     * Someone has acted on what their notifications linking to `link` were about (decided the
     * request, asked again): those are read now. Pass the transaction of the action.
     */
    markReadAbout: ({ tx, personId, link }: { tx?: Database; personId: string; link: string }): Promise<number> => notifications.markReadByLink(personId, link, now(), tx),
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
