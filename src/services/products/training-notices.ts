import type { Database } from '../../db/client.ts';
import type { NoticeRecipient, Notices } from '../mail/notices.ts';

export type { NoticeRecipient } from '../mail/notices.ts';

/** Due dates as people read them, in the NHS's time zone ("1 December 2026"), as the pages show them. */
export const DUE_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
/** The page where users see their products' training; notifications and mail link to it. */
export const MY_PRODUCTS_PATH = '/products/mine';

export interface TrainingNoticeDeps {
  /** Writes the notification and the mail (text and HTML) in the change's transaction. */
  notices: Pick<Notices, 'tell'>;
}

/**
 * Tells a user about product training: in the hub, and by mail through the outbox, both in the
 * transaction of the change so neither is sent for a change that did not happen.
 */
export function createTrainingNotices(deps: TrainingNoticeDeps) {
  return async function tellUser(tx: Database, to: NoticeRecipient, subject: string, message: string): Promise<void> {
    await deps.notices.tell({ tx, to, subject, message, link: MY_PRODUCTS_PATH, linkText: 'See your AI products and their training' });
  };
}

export type TellUser = ReturnType<typeof createTrainingNotices>;
