/** One message as handed to a mail server. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string | null;
  /** `<id@host>`: the same on every attempt, so a message sent twice can be recognised. */
  messageId: string;
}

/**
 * The seam between the delivery worker and a mail server. `send` resolves only once the server
 * has accepted the message (its 250 reply) and rejects with the server's or the connection's error.
 */
export interface Mailer {
  send(mail: OutgoingMail): Promise<{ response: string }>;
  /** Closes pooled connections. */
  close(): void;
}
