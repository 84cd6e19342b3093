import nodemailer from 'nodemailer';
import type { MailConfig } from '../config.ts';
import type { Mailer, OutgoingMail } from './mailer.ts';

/** How long a connection may take to open and greet, and how long it may stay silent mid-send. */
const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;
/** A couple of connections at most: the hub sends in small batches, and relays limit connections. */
const MAX_CONNECTIONS = 2;

/** A Mailer over SMTP (nodemailer), pooling connections between messages. */
export function createSmtpMailer(config: MailConfig): Mailer {
  const transport = nodemailer.createTransport(
    {
      pool: true,
      maxConnections: MAX_CONNECTIONS,
      host: config.host,
      port: config.port,
      secure: config.secure,
      requireTLS: config.requireTls,
      auth: config.auth ? { user: config.auth.user, pass: config.auth.password } : undefined,
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      greetingTimeout: GREETING_TIMEOUT_MS,
      socketTimeout: SOCKET_TIMEOUT_MS,
      // No logging from the transport: its debug output would include the AUTH exchange.
      logger: false,
      debug: false,
    },
    { from: config.from, replyTo: config.replyTo },
  );
  return {
    async send(mail: OutgoingMail) {
      const info = await transport.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        messageId: mail.messageId,
        // Out-of-office replies and the like are not sent back to an automatic message (RFC 3834).
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
      return { response: info.response };
    },
    close() {
      transport.close();
    },
  };
}
