import type { OutboxRow } from '../../db/outbox.repository.ts';
import { dateTimeText } from './organisation-view.ts';

export interface DeliveryStatusView {
  text: string;
  /** The NHS.UK tag colour. */
  classes: string;
  /** Why it has not gone yet, or why it never will. */
  detail: string | null;
}

/** Where a message is on its way to the mail server, as the outbox page shows it. */
export function deliveryStatus(message: Pick<OutboxRow, 'sentAt' | 'failedAt' | 'attempts' | 'lastError' | 'nextAttemptAt'>): DeliveryStatusView {
  if (message.sentAt) return { text: 'Sent', classes: 'nhsuk-tag--green', detail: null };
  if (message.failedAt) return { text: 'Not delivered', classes: 'nhsuk-tag--red', detail: message.lastError };
  if (message.lastError && message.attempts > 0) {
    const next = message.nextAttemptAt ? ` Next try ${dateTimeText(message.nextAttemptAt)}.` : '';
    return { text: `Retrying (${message.attempts})`, classes: 'nhsuk-tag--yellow', detail: `${message.lastError}.${next}` };
  }
  return { text: 'Queued', classes: 'nhsuk-tag--grey', detail: null };
}

export function outboxRowView(message: OutboxRow) {
  return { ...message, created: dateTimeText(message.createdAt), status: deliveryStatus(message) };
}
