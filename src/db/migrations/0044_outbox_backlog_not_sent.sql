-- Mail queued before the hub could send any was only ever shown on the outbox page: it is not sent
-- now that a mail server may be configured, as invitations and notices from months ago would
-- surprise the people they reach. New mail (queued after this migration) is sent.
UPDATE "outbox"
   SET "failed_at" = now(),
       "next_attempt_at" = NULL,
       "last_error" = 'Queued before this hub sent mail, so not sent'
 WHERE "sent_at" IS NULL;
