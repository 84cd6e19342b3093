import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { HubConfig } from './config.ts';
import type { ProgressReporter } from './db/client.ts';
import { baseUrlOf, openHub } from './hub.ts';
import type { DemoAccount } from './services/demo/demo-dataset.ts';
import type { DemoLoadResult } from './services/demo/demo.service.ts';

/** How often a server on PostgreSQL looks for frameworks loaded by another process (the CLI). */
const CATALOG_POLL_MS = 10_000;
/** How often the server looks for assurance actions that have become overdue. */
const OVERDUE_CHECK_MS = 60 * 60 * 1000;
/** How often the server makes the coming months' topic_ratings partitions (a server runs for months). */
const RATING_PARTITIONS_MS = 24 * 60 * 60 * 1000;
/** How often queued insight changes are applied, and for how long at most each time. */
const INSIGHT_DRAIN_MS = 1000;
const INSIGHT_DRAIN_BUDGET_MS = 500;
/** How often queued mail is handed to the mail server, and for how long at most each time. */
const MAIL_DRAIN_MS = 15_000;
const MAIL_DRAIN_BUDGET_MS = 10_000;
/** Completions learning platforms reported (xAPI) that the LRS could not apply at once are retried this often. */
const COMPLETION_DRAIN_MS = 15_000;
const COMPLETION_DRAIN_BUDGET_MS = 5_000;

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  /** The demo data this start loaded (null: not asked to), and the demo sign-ins if the database has them. */
  demo: { load: DemoLoadResult | null; accounts: DemoAccount[]; password: string };
  close(): Promise<void>;
}

/** The only place the hub listens on a port. */
export async function startServer(config: HubConfig, onProgress: ProgressReporter = () => undefined): Promise<RunningServer> {
  const hub = await openHub(config, onProgress);
  // Only a brand-new embedded database gets demo data unasked: a PostgreSQL server may hold real staff.
  if (config.database.kind === 'embedded') onProgress('loading demo data if the database has no people');
  const demoLoad = config.database.kind === 'embedded' ? await hub.services.demo.loadDemoDataIfNoPeople() : null;
  const app = await buildApp({
    services: hub.services,
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    // Browsers drop Secure cookies over plain HTTP, so they are Secure wherever the hub is served over HTTPS.
    secureCookies: config.isProduction || (config.publicUrl?.startsWith('https://') ?? false),
    fontDir: config.fontDir,
  });
  const { moved, refused } = hub.legacyContent;
  if (moved > 0) app.log.info({ moved }, 'moved evidence files from the database into the file store');
  if (refused.length > 0) app.log.warn({ evidenceIds: refused }, 'evidence files whose bytes do not match their checksum were left in the database');
  await app.listen({ port: config.port, host: config.host });
  // Content no evidence points at (an upload whose row failed) goes once it is a day old; the start
  // is not held up for it.
  const sweep = hub.services.evidenceContent
    .sweepUnreferencedContent()
    .then((report) => app.log.info(report, 'swept the file store'))
    .catch((err: unknown) => app.log.error({ err }, 'file store sweep failed'));
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl ?? `http://${config.host}:${port}`;

  // The embedded database belongs to this process alone; only a shared server can change under us.
  const poll =
    hub.database.kind === 'postgres'
      ? setInterval(() => void hub.services.catalog.refreshIfChanged().catch((err) => app.log.error({ err }, 'catalog refresh failed')), CATALOG_POLL_MS)
      : undefined;
  poll?.unref();
  // Owners of overdue assurance actions are told once each (the database records it), so every
  // process may look: hourly, and once now. The CLI's `assurance notify-overdue` does the same.
  const tellOverdue = () => void hub.services.assurance.notifyOverdueActions().then(
    (told) => told > 0 && app.log.info({ told }, 'told owners of overdue assurance actions'),
    (err: unknown) => app.log.error({ err }, 'overdue assurance actions: notices failed'),
  );
  // Product training falling due or overdue: each reminder once per due date, on the same timer.
  const remindTraining = () => void hub.services.trainingReminders.notifyDueAndOverdue().then(
    (told) => told > 0 && app.log.info({ told }, 'reminded people of product training due or overdue'),
    (err: unknown) => app.log.error({ err }, 'product training reminders failed'),
  );
  const tellOverdueAndRemind = () => {
    tellOverdue();
    remindTraining();
  };
  tellOverdueAndRemind();
  const overdue = setInterval(tellOverdueAndRemind, OVERDUE_CHECK_MS);
  overdue.unref();
  // The start made them too; every process may, as making one that exists does nothing.
  const noteRatingPartitions = ({ made, inDefault }: { made: number; inDefault: number }) => {
    if (made > 0) app.log.info({ made }, 'made the coming months\' rating partitions');
    if (inDefault > 0) app.log.warn({ inDefault }, 'ratings outside every monthly partition are in topic_ratings_default: move them so their months can be made');
  };
  noteRatingPartitions(hub.ratingPartitions);
  const ratingPartitions = setInterval(
    () => void hub.ensureRatingPartitions().then(noteRatingPartitions, (err: unknown) => app.log.error({ err }, 'making rating partitions failed')),
    RATING_PARTITIONS_MS,
  );
  ratingPartitions.unref();
  // Changes to the workforce figures are queued by the writes; this adds them to the rollups.
  const insightDrain = setInterval(
    () => void hub.services.insightQueue.drain(INSIGHT_DRAIN_BUDGET_MS).catch((err: unknown) => app.log.error({ err }, 'applying queued insight changes failed')),
    INSIGHT_DRAIN_MS,
  );
  insightDrain.unref();
  // With a mail server configured, every process sends due mail (each claims different messages).
  const { mailDelivery } = hub.services;
  const sendMail = () =>
    void mailDelivery?.drain(MAIL_DRAIN_BUDGET_MS).then(
      (r) => (r.sent > 0 || r.retrying > 0 || r.failed > 0) && app.log.info(r, 'handed queued mail to the mail server'),
      (err: unknown) => app.log.error({ err }, 'sending queued mail failed'),
    );
  if (config.mail) {
    const { host, port, secure, requireTls, from } = config.mail;
    app.log.info({ host, port, secure, requireTls, from, user: config.mail.auth?.user }, 'sending mail through an SMTP server');
  }
  const mailDrain = mailDelivery ? setInterval(sendMail, MAIL_DRAIN_MS) : undefined;
  mailDrain?.unref();
  const completionDrain = setInterval(
    () =>
      void hub.services.platformCompletions.drain(COMPLETION_DRAIN_BUDGET_MS).then(
        (r) => (r.applied > 0 || r.failed > 0) && app.log.info(r, 'applied completions reported by learning platforms'),
        (err: unknown) => app.log.error({ err }, 'applying completions reported by learning platforms failed'),
      ),
    COMPLETION_DRAIN_MS,
  );
  completionDrain.unref();

  return {
    app,
    url: url || baseUrlOf(config),
    demo: { load: demoLoad, accounts: await hub.services.demo.demoAccounts(), password: hub.services.demo.password },
    async close() {
      if (poll) clearInterval(poll);
      clearInterval(overdue);
      clearInterval(ratingPartitions);
      clearInterval(insightDrain);
      if (mailDrain) clearInterval(mailDrain);
      clearInterval(completionDrain);
      await hub.services.insightQueue.idle();
      await sweep;
      await app.close();
      await hub.close();
    },
  };
}
