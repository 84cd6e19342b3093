import type { Database } from '../../db/client.ts';
import type { OutboxRepository } from '../../db/outbox.repository.ts';
import type { NotificationService } from '../people/notification.service.ts';

/** Due dates as people read them, in the NHS's time zone ("1 December 2026"), as the pages show them. */
export const DUE_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
/** The page where users see their products' training; notifications and mail link to it. */
export const MY_PRODUCTS_PATH = '/products/mine';

export interface TrainingNoticeDeps {
  notifications: Pick<NotificationService, 'notify'>;
  outboxRepository: Pick<OutboxRepository, 'insertMessage'>;
  /** The hub's public address, for links in mail. */
  baseUrl: string;
}

export interface NoticeRecipient {
  organisationId: string;
  personId: string;
  email: string;
  displayName: string;
}

/**
 * Tells a user about product training: in the hub, and by mail through the outbox, both in the
 * transaction of the change so neither is sent for a change that did not happen.
 */
export function createTrainingNotices(deps: TrainingNoticeDeps) {
  return async function tellUser(tx: Database, to: NoticeRecipient, subject: string, message: string): Promise<void> {
    await deps.notifications.notify({ tx, organisationId: to.organisationId, personId: to.personId, message, link: MY_PRODUCTS_PATH });
    await deps.outboxRepository.insertMessage(
      {
        organisationId: to.organisationId,
        toAddress: to.email,
        subject,
        bodyText: [`Dear ${to.displayName},`, message, `See your AI products and their training:\n${deps.baseUrl}${MY_PRODUCTS_PATH}`].join('\n\n'),
      },
      tx,
    );
  };
}

export type TellUser = ReturnType<typeof createTrainingNotices>;
