import type { Database } from '../../db/client.ts';
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
  if (link !== null && (!link.startsWith('/') || link.startsWith('//') || link.includes('\\'))) {
    throw new Error(`a notification link must be a path on the hub, not ${link}`);
  }
}

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

    markAllRead: (viewer: Viewer): Promise<number> => notifications.markAllRead(viewer.personId, now()),
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
