import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { id, organisationRef, outbox } from './people.ts';

/**
 * Every try at handing an outbox message to the mail server, and what the server said: how an
 * administrator tells "the address does not exist" from "the server was down for an hour".
 */
export const outboxDeliveryAttempts = pgTable(
  'outbox_delivery_attempts',
  {
    id: id(),
    organisationId: organisationRef(),
    outboxId: uuid('outbox_id').notNull().references(() => outbox.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    outcome: text('outcome', { enum: ['sent', 'transient', 'permanent'] }).notNull(),
    /** The SMTP reply code, when the server replied (250, 451, 550 …). */
    smtpCode: integer('smtp_code'),
    /** Nodemailer's error code (ECONNECTION, EENVELOPE …), when it failed. */
    errorCode: text('error_code'),
    /** The server's reply or the error message, cut short. */
    response: text('response'),
  },
  (t) => [index('outbox_delivery_attempts_outbox_idx').on(t.outboxId, t.at)],
);
