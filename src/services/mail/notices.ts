import type { Database } from '../../db/client.ts';
import type { OutboxRepository } from '../../db/outbox.repository.ts';
import type { PeopleRepository } from '../../db/people.repository.ts';
import { contentFromText, createMailComposer } from '../../mail/compose.ts';
import type { MailContent } from '../../mail/compose.ts';
import type { NotificationService } from '../people/notification.service.ts';

export interface NoticeRecipient {
  organisationId: string;
  personId: string;
  email: string;
  displayName: string;
}

export interface TellOptions {
  /** The transaction of the change being announced: the notice and the mail exist only if it commits. */
  tx: Database;
  to: NoticeRecipient;
  subject: string;
  /** The notice as the hub shows it, and the heart of the mail. */
  message: string;
  /** A path on the hub: the notification's link and the mail's button. */
  link: string | null;
  /** The button's words; "Open the AI Confidence Hub" by default. */
  linkText?: string;
  /** More paragraphs for the mail only, after the message. */
  more?: readonly string[];
}

export interface NoticeDeps {
  notifications: Pick<NotificationService, 'notify'>;
  /** Finds the address of someone told by id (tellPerson). */
  peopleRepository?: Pick<PeopleRepository, 'getPerson'>;
  outboxRepository: Pick<OutboxRepository, 'insertMessage'>;
  /** The hub's public address: every link in mail is absolute. */
  baseUrl: string;
}

/**
 * The one way services tell people things: an in-app notification and an email (text and NHS.UK
 * style HTML) written in the caller's transaction. Mail to the reserved `.invalid` domain is never
 * queued (outbox.repository), but the notification still is.
 */
export function createNotices(deps: NoticeDeps) {
  const compose = createMailComposer({ baseUrl: deps.baseUrl });

  /** Mail alone, for someone who may have no account yet (an invitation, a supplier). */
  async function mail(tx: Database, message: { organisationId: string; toAddress: string } & MailContent): Promise<void> {
    const { subject, text, html } = compose(message);
    await deps.outboxRepository.insertMessage({ organisationId: message.organisationId, toAddress: message.toAddress, subject, bodyText: text, bodyHtml: html }, tx);
  }

  async function tell(options: TellOptions): Promise<void> {
    const { tx, to, link } = options;
    await deps.notifications.notify({ tx, organisationId: to.organisationId, personId: to.personId, message: options.message, link });
    await mail(tx, {
      organisationId: to.organisationId,
      toAddress: to.email,
      subject: options.subject,
      recipientName: to.displayName,
      paragraphs: [options.message, ...(options.more ?? [])],
      action: link ? { text: options.linkText ?? 'Open the AI Confidence Hub', href: link } : null,
    });
  }

  return {
    mail,
    tell,
    /** As tell, for someone known by id: the notice is filed under `organisationId` (the change's). */
    async tellPerson(options: Omit<TellOptions, 'to'> & { organisationId: string; personId: string }): Promise<void> {
      const person = await deps.peopleRepository?.getPerson(options.personId, options.tx);
      if (!person) throw new Error(`cannot tell person ${options.personId}: not found`);
      await tell({ ...options, to: { organisationId: options.organisationId, personId: person.id, email: person.email, displayName: person.displayName } });
    },
    /** Mail written as plain text by its service, sent with an HTML part made from the same words. */
    async mailText(tx: Database, message: { organisationId: string; toAddress: string; subject: string; bodyText: string }): Promise<void> {
      await mail(tx, { organisationId: message.organisationId, toAddress: message.toAddress, ...contentFromText(message.subject, message.bodyText) });
    },
  };
}

export type Notices = ReturnType<typeof createNotices>;
